import { startTestApp, TestApp } from '../support/app';

describe('health, metrics and API docs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { METRICS_TOKEN: 'scrape-token-123' } });
  });
  afterAll(() => t.close());

  it('reports health with the database check, without auth', async () => {
    const res = await t.anonymous.root('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', checks: { database: 'up' } });
  });

  it('serves Prometheus metrics behind METRICS_TOKEN', async () => {
    await t.anonymous.root('/metrics').expect(401);
    await t.admin.get('/platforms').expect(200);
    const res = await t.anonymous
      .root('/metrics')
      .set('Authorization', 'Bearer scrape-token-123')
      .expect(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(res.text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/platforms",status="200"\} 1/,
    );
    expect(res.text).toContain('process_resident_memory_bytes');
    expect(res.text).toMatch(/update_tasks_open\{state="scheduled"\} 0/);
  });

  it('serves the OpenAPI document and UI', async () => {
    const json = await t.anonymous.root('/docs-json').expect(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/tenants',
        '/api/v1/tenants/bulk',
        '/api/v1/platforms/{platformId}/versions',
      ]),
    );
    const ui = await t.anonymous.root('/docs').expect(200);
    expect(ui.text).toContain('swagger');
  });

  it('answers unknown routes with 404 in the error format', async () => {
    const res = await t.admin.get('/no-such-thing').expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });
});
