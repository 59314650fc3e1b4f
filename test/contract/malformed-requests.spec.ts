import { gzipSync } from 'node:zlib';
import { startTestApp, TestApp } from '../support/app';
import { newWorld } from '../support/factories';
import { rawRequest, RawResponse } from './support/raw-http';

type World = Awaited<ReturnType<typeof newWorld>>;

/** The requests that once answered 500, and the rules that now answer them (see also fuzz.spec). */
describe('malformed requests', () => {
  let t: TestApp;
  let w: World;
  let port: number;

  beforeAll(async () => {
    t = await startTestApp();
    port = (t.app.getHttpServer().address() as { port: number }).port;
    w = await newWorld(t.admin);
  });
  afterAll(() => t.close());

  /** A raw request as the admin (key '' sends none), JSON unless the headers say otherwise. */
  const send = (
    method: string,
    target: string,
    body: Buffer | string | undefined,
    headers: Record<string, string> = {},
    key = t.admin.key ?? '',
    contentLength?: number,
  ): Promise<RawResponse> => {
    const all: Record<string, string> = { 'Content-Type': 'application/json', ...headers };
    if (key) all.Authorization = `Bearer ${key}`;
    return rawRequest(port, {
      method,
      target,
      headers: Object.entries(all),
      body: body === undefined ? undefined : Buffer.from(body),
      contentLength,
    });
  };
  const json = (res: RawResponse) =>
    JSON.parse(res.body) as { statusCode: number; message: string; details: { field: string }[] };
  const platforms = async () => (await t.ds.query('SELECT count(*)::int AS n FROM platform'))[0].n;

  const deep = (levels: number) => `{"name":${'['.repeat(levels)}${']'.repeat(levels)}}`;

  it('refuses JSON nested thousands of levels deep with 400 naming the field', async () => {
    const res = await send('POST', '/api/v1/platforms', deep(20_000));
    expect(res.status).toBe(400);
    expect(json(res).details).toEqual([
      { field: 'name', reason: 'is nested deeper than 32 levels' },
    ]);
  });

  it('checks the key and the role before it reads the body', async () => {
    expect((await send('POST', '/api/v1/platforms', deep(20_000), {}, '')).status).toBe(401);
    const partner = await send('POST', '/api/v1/platforms', deep(20_000), {}, w.partnerKey);
    expect(partner.status).toBe(403);
    expect((await send('POST', '/api/v1/platforms', '{"name":', {}, w.partnerKey)).status).toBe(
      403,
    );
  });

  it('refuses a body that is not in its Content-Encoding, and encodings it does not know', async () => {
    const plain = '{"name":"x","timezone":"UTC"}';
    const gz = await send('POST', '/api/v1/platforms', plain, { 'Content-Encoding': 'gzip' });
    expect(gz.status).toBe(400);
    expect(json(gz).details[0].field).toBe('body');
    const unknown = await send('POST', '/api/v1/platforms', plain, { 'Content-Encoding': 'zstd2' });
    expect(unknown.status).toBe(415);
    const real = await send(
      'POST',
      '/api/v1/platforms',
      gzipSync(`{"name":"gz","timezone":"UTC"}`),
      {
        'Content-Encoding': 'gzip',
      },
    );
    expect(real.status).toBe(201);
  });

  it('refuses unpaired surrogates and NUL with 400 naming the field, instead of storing U+FFFD', async () => {
    const before = await platforms();
    const email = await send(
      'POST',
      '/api/v1/partners',
      `{"platformId":"${w.platform.id}","name":"p","contacts":[{"email":"a\\ud800@b.example"}]}`,
    );
    expect(email.status).toBe(400);
    expect(json(email).details).toEqual([
      { field: 'contacts[0].email', reason: 'must not contain unpaired UTF-16 surrogates' },
    ]);
    const name = await send('POST', '/api/v1/platforms', '{"name":"x\\udc00","timezone":"UTC"}');
    expect(json(name).details[0].field).toBe('name');
    const nul = await send('POST', '/api/v1/platforms', '{"name":"x\\u0000","timezone":"UTC"}');
    expect(json(nul).details[0]).toEqual({
      field: 'name',
      reason: 'must not contain NUL characters',
    });
    const pair = await send(
      'POST',
      '/api/v1/platforms',
      '{"name":"ok \\ud83d\\ude00","timezone":"UTC"}',
    );
    expect(pair.status).toBe(201);
    expect(await platforms()).toBe(before + 1);
  });

  it('takes JSON in UTF-8 only, and JSON only', async () => {
    const body = '{"name":"cs","timezone":"UTC"}';
    for (const type of ['application/json; charset=utf-7', 'application/json; charset=utf-16le']) {
      const res = await send('POST', '/api/v1/platforms', body, { 'Content-Type': type });
      expect(res.status).toBe(415);
    }
    const text = await send('POST', '/api/v1/platforms', body, { 'Content-Type': 'text/plain' });
    expect(text.status).toBe(415);
    expect(json(text).details[0].field).toBe('Content-Type');
    const utf8 = await send('POST', '/api/v1/platforms', body, {
      'Content-Type': 'application/json; charset=UTF-8',
    });
    expect(utf8.status).toBe(201);
  });

  it('never takes a cut-off body for an empty one', async () => {
    const before = await t.ds.query('SELECT count(*)::int AS n FROM audit_log');
    for (let i = 0; i < 20; i++) {
      const res = await send(
        'PATCH',
        `/api/v1/platforms/${w.platform.id}`,
        '{}',
        {},
        t.admin.key,
        1,
      );
      expect(res.status).toBe(400);
      expect(json(res).statusCode).toBe(400);
    }
    expect(await t.ds.query('SELECT count(*)::int AS n FROM audit_log')).toEqual(before);
  });

  it('refuses fields named like Object.prototype members instead of dropping them', async () => {
    const body = await send('POST', `/api/v1/update-batches/${w.platform.id}/cancel`, undefined);
    expect(body.status).toBe(404);
    const proto = await send(
      'PATCH',
      `/api/v1/platforms/${w.platform.id}`,
      '{"name":"renamed","constructor":{"prototype":{"admin":true}}}',
    );
    expect(proto.status).toBe(400);
    expect(json(proto).details[0]).toEqual({
      field: 'constructor',
      reason: 'is not an accepted field',
    });
    const query = await send('GET', '/api/v1/partners?valueOf=1', undefined);
    expect(query.status).toBe(400);
    expect(json(query).details[0].field).toBe('valueOf');
  });

  it('answers errors of text routes as JSON', async () => {
    const res = await send('GET', '/api/v1/update-tasks/not-a-uuid/log', undefined);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['content-disposition']).toBeUndefined();
  });
});
