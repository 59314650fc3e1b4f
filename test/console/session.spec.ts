import request from 'supertest';
import { hashSessionToken } from '../../src/auth/sessions/session-token';
import { ADMIN_KEY, startTestApp, TestApp } from '../support/app';
import { newKey, newPartner, newPlatform, newTenant } from '../support/factories';

interface Cookie {
  name: string;
  value: string;
  attributes: string[];
}

function sessionCookie(res: request.Response): Cookie {
  const header = ([] as string[]).concat(res.headers['set-cookie'] ?? [])[0];
  if (!header) throw new Error(`no Set-Cookie in ${res.status} ${JSON.stringify(res.body)}`);
  const [pair, ...attributes] = header.split(';').map((s) => s.trim());
  const [name, value] = pair.split('=');
  return { name, value, attributes: attributes.map((a) => a.toLowerCase()) };
}

describe('console sessions (POST/GET/DELETE /api/v1/session)', () => {
  let t: TestApp;
  const http = () => request(t.admin.baseUrl);

  async function signIn(apiKey = ADMIN_KEY) {
    const res = await http().post('/api/v1/session').send({ apiKey }).expect(201);
    const cookie = sessionCookie(res);
    return { res, cookie, header: `${cookie.name}=${cookie.value}`, csrf: res.body.csrfToken };
  }

  beforeAll(async () => {
    t = await startTestApp({ env: { SESSION_IDLE_MINUTES: '30', SESSION_TTL_HOURS: '8' } });
  });
  afterAll(() => t.close());

  it('exchanges an API key for an HttpOnly, SameSite=Strict cookie that expires', async () => {
    const { res, cookie } = await signIn();
    expect(res.body).toEqual({
      role: 'platform_admin',
      partnerId: null,
      platformId: null,
      name: 'bootstrap platform admin',
      keyId: expect.any(String),
      expiresAt: expect.any(String),
      idleTimeoutMinutes: 30,
      csrfToken: expect.any(String),
    });
    expect(cookie.name).toBe('tus_session');
    expect(cookie.attributes).toEqual(
      expect.arrayContaining(['httponly', 'samesite=strict', 'path=/']),
    );
    expect(cookie.attributes.some((a) => a.startsWith('expires='))).toBe(true);
    // Plain HTTP: not Secure (the browser would drop it), and no key in the cookie.
    expect(cookie.attributes).not.toContain('secure');
    expect(cookie.value).not.toContain(ADMIN_KEY);
    expect(res.headers['cache-control']).toBe('no-store');
    const hours = (Date.parse(res.body.expiresAt) - t.clock.now().getTime()) / 3_600_000;
    expect(hours).toBeCloseTo(8, 5);
  });

  it('stores only the hash of the session token, and records the sign-in in the audit log', async () => {
    const { cookie, res } = await signIn();
    const rows = await t.ds.query('SELECT * FROM console_session WHERE token_hash = $1', [
      hashSessionToken(decodeURIComponent(cookie.value)),
    ]);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(decodeURIComponent(cookie.value));
    const audit = await t.admin.get('/audit-log?entityId=' + rows[0].id).expect(200);
    expect(audit.body.items[0]).toMatchObject({ action: 'session.create' });
    expect(res.body.keyId).toBe(rows[0].api_key_id);
  });

  it('refuses a wrong key with 401 naming the field, and sets no cookie', async () => {
    const res = await http()
      .post('/api/v1/session')
      .send({ apiKey: 'tus_wrong-key-000000000000000000000000' })
      .expect(401);
    expect(res.body.details).toEqual([{ field: 'apiKey', reason: 'unknown or revoked API key' }]);
    expect(res.headers['set-cookie']).toBeUndefined();
    const missing = await http().post('/api/v1/session').send({}).expect(400);
    expect(missing.body.details[0].field).toBe('apiKey');
  });

  it('is accepted by the API like the key, and GET /session says who is signed in', async () => {
    const { header } = await signIn();
    await http().get('/api/v1/platforms').set('Cookie', header).expect(200);
    const me = await http().get('/api/v1/session').set('Cookie', header).expect(200);
    expect(me.body.role).toBe('platform_admin');
    // A Bearer key is not a session.
    const bearer = await t.admin.get('/session').expect(401);
    expect(bearer.body.details[0].field).toBe('cookie');
  });

  it('needs the CSRF token for every change carried by the cookie', async () => {
    const { header, csrf } = await signIn();
    const body = { name: 'from the console', timezone: 'Europe/Rome' };
    const without = await http()
      .post('/api/v1/platforms')
      .set('Cookie', header)
      .send(body)
      .expect(403);
    expect(without.body.details).toEqual([{ field: 'X-CSRF-Token', reason: 'is missing' }]);
    const wrong = await http()
      .post('/api/v1/platforms')
      .set('Cookie', header)
      .set('X-CSRF-Token', 'x'.repeat(43))
      .send(body)
      .expect(403);
    expect(wrong.body.details).toEqual([
      { field: 'X-CSRF-Token', reason: 'does not match the session' },
    ]);
    // Another session's token does not fit this one.
    const other = await signIn();
    await http()
      .post('/api/v1/platforms')
      .set('Cookie', header)
      .set('X-CSRF-Token', other.csrf)
      .send(body)
      .expect(403);
    const platforms = await t.admin.get('/platforms?limit=500').expect(200);
    expect(platforms.body.items.map((p: { name: string }) => p.name)).not.toContain(body.name);

    await http()
      .post('/api/v1/platforms')
      .set('Cookie', header)
      .set('X-CSRF-Token', csrf)
      .send(body)
      .expect(201);
  });

  it('signs out: DELETE revokes the session and clears the cookie', async () => {
    const { header, csrf } = await signIn();
    await http().delete('/api/v1/session').set('Cookie', header).expect(403);
    const res = await http()
      .delete('/api/v1/session')
      .set('Cookie', header)
      .set('X-CSRF-Token', csrf)
      .expect(204);
    const cleared = sessionCookie(res);
    expect(cleared.value).toBe('');
    expect(cleared.attributes.some((a) => a.startsWith('expires=thu, 01 jan 1970'))).toBe(true);
    const after = await http().get('/api/v1/platforms').set('Cookie', header).expect(401);
    expect(after.body.message).toMatch(/session has ended/);
    // The dead cookie is cleared again, so the browser stops sending it.
    expect(sessionCookie(after).value).toBe('');
  });

  it('ends after the idle timeout and at its expiry, whatever the activity', async () => {
    const idle = await signIn();
    t.clock.advance(31 * 60_000);
    await http().get('/api/v1/session').set('Cookie', idle.header).expect(401);

    const busy = await signIn();
    for (let hour = 0; hour < 8; hour++) {
      await http().get('/api/v1/session').set('Cookie', busy.header).expect(200);
      t.clock.advance(25 * 60_000);
      await http().get('/api/v1/session').set('Cookie', busy.header).expect(200);
      t.clock.advance(25 * 60_000);
      await http().get('/api/v1/session').set('Cookie', busy.header).expect(200);
      t.clock.advance(10 * 60_000);
    }
    await http().get('/api/v1/session').set('Cookie', busy.header).expect(401);
  });

  it("ends when its API key is revoked, and keeps a partner admin's scope", async () => {
    const platform = await newPlatform(t.admin);
    const partner = await newPartner(t.admin, platform.id);
    const other = await newPartner(t.admin, platform.id);
    const foreign = await newTenant(t.admin, other.id);
    const key = await newKey(t.admin, 'partner_admin', partner.id);
    const { header, res } = await signIn(key);
    expect(res.body).toMatchObject({
      role: 'partner_admin',
      partnerId: partner.id,
      platformId: platform.id,
    });
    await http().get(`/api/v1/tenants/${foreign.id}`).set('Cookie', header).expect(404);
    await http().get('/api/v1/api-keys').set('Cookie', header).expect(403);

    await t.admin.delete(`/api-keys/${res.body.keyId}`).expect(200);
    await http().get('/api/v1/tenants').set('Cookie', header).expect(401);
  });

  it('is Secure and __Host- prefixed over HTTPS behind a trusted proxy', async () => {
    const proxied = await startTestApp({ env: { TRUST_PROXY: 'true' } });
    try {
      const res = await request(proxied.admin.baseUrl)
        .post('/api/v1/session')
        .set('X-Forwarded-Proto', 'https')
        .send({ apiKey: ADMIN_KEY })
        .expect(201);
      const cookie = sessionCookie(res);
      expect(cookie.name).toBe('__Host-tus_session');
      expect(cookie.attributes).toEqual(expect.arrayContaining(['secure', 'httponly']));
      await request(proxied.admin.baseUrl)
        .get('/api/v1/session')
        .set('X-Forwarded-Proto', 'https')
        .set('Cookie', `${cookie.name}=${cookie.value}`)
        .expect(200);
    } finally {
      await proxied.close();
    }
  });
});
