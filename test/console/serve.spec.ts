import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as nodeHttp from 'node:http';
import request from 'supertest';
import { startTestApp, TestApp } from '../support/app';

/** How the service serves the built console at `/` (a stand-in build in a temporary folder). */
describe('the console served at /', () => {
  let t: TestApp;
  let dir: string;
  const script = `console.log(${JSON.stringify('x'.repeat(4000))});`;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tus-console-dist-'));
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>console</title>');
    fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), script);
    t = await startTestApp({ env: { CONSOLE_DIR: dir } });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const http = () => request(t.admin.baseUrl);

  it('answers every page of the console with index.html, uncached, under a strict CSP', async () => {
    for (const page of ['/', '/tenants', '/tasks/01a215e5-296a-7aa7-8b22-99b35073014b']) {
      const res = await http().get(page).expect(200);
      expect(res.text).toContain('<title>console</title>');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['x-frame-options']).toBe('DENY');
    }
  });

  it('serves hashed assets gzipped and cached for a year; a missing one is 404', async () => {
    const res = await http()
      .get('/assets/index-abc123.js')
      .set('Accept-Encoding', 'gzip')
      .expect(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.text).toBe(script);
    await http().get('/assets/missing.js').expect(404);
  });

  it('leaves the API, the docs, health and metrics alone', async () => {
    const api = await http().get('/api/v1/no-such-thing').expect(404);
    expect(api.body).toMatchObject({ statusCode: 404 });
    expect(api.headers['content-encoding']).toBeUndefined();
    await http().get('/health').expect(200);
    const docs = await http().get('/docs-json').expect(200);
    expect(docs.body.openapi).toMatch(/^3\./);
  });

  it('never answers a service path from the console folder, even one that climbs into it', async () => {
    // Sent as written (a URL parser would remove the `..`): `/calendar/..` names the console's
    // folder itself, which must not become a directory redirect or a console page.
    for (const target of ['/calendar/..', '/u/..', '/health/..']) {
      const res = await rawGet(t.admin.baseUrl, target);
      expect({ target, status: res.status }).not.toMatchObject({ status: 301 });
      expect(res.body).not.toContain('<title>console</title>');
    }
    expect((await rawGet(t.admin.baseUrl, '/calendar/..')).status).toBe(404);
  });

  it('says how to build the console when it has not been built', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'tus-console-none-'));
    const bare = await startTestApp({ env: { CONSOLE_DIR: empty } });
    try {
      const res = await request(bare.admin.baseUrl).get('/tenants').expect(503);
      expect(res.text).toMatch(/The console has not been built: run "npm run build"/);
    } finally {
      await bare.close();
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});

/** GET with the request target exactly as given. */
function rawGet(baseUrl: string, target: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    nodeHttp
      .get({ hostname, port, path: target }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}
