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

  it('names every metric as Prometheus asks: counters end in _total, nothing else does', async () => {
    await t.admin.get('/platforms').expect(200);
    const text = (
      await t.anonymous.root('/metrics').set('Authorization', 'Bearer scrape-token-123').expect(200)
    ).text;
    const types = new Map(
      [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => [m[1], m[2]] as const),
    );
    const helps = new Set([...text.matchAll(/^# HELP (\S+) \S/gm)].map((m) => m[1]));
    expect(types.size).toBeGreaterThan(20);
    const problems: string[] = [];
    for (const [name, type] of types) {
      if (!/^[a-z][a-z0-9_]*$/.test(name)) problems.push(`${name}: not snake_case`);
      if (type === 'counter' && !name.endsWith('_total'))
        problems.push(`${name}: counter without _total`);
      if (type !== 'counter' && name.endsWith('_total'))
        problems.push(`${name}: ${type} named _total`);
      if (/duration|latency|delay/.test(name) && !/_seconds(_total)?$/.test(name))
        problems.push(`${name}: a time not in seconds`);
      if (!helps.has(name)) problems.push(`${name}: no HELP`);
    }
    expect(problems).toEqual([]);
    // The totals prom-client names _total stay available by type.
    expect(text).toMatch(/^nodejs_active_handles\{type="\w+"\} \d+$/m);
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
