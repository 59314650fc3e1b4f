import { hashApiKey } from '../../src/auth/api-key.codec';
import { ADMIN_KEY, startTestApp, TestApp } from '../support/app';
import { newKey, newPartner, newPlatform } from '../support/factories';

describe('authentication with API keys', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('refuses a request without a key with 401 in the error format', async () => {
    const res = await t.anonymous.get('/platforms').expect(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(res.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: expect.any(String),
      details: [{ field: 'Authorization', reason: 'is missing' }],
    });
  });

  it('refuses a header that is not a Bearer token', async () => {
    const res = await t.anonymous
      .get('/platforms')
      .set('Authorization', `Basic ${ADMIN_KEY}`)
      .expect(401);
    expect(res.body.details).toEqual([{ field: 'Authorization', reason: 'is not a Bearer token' }]);
  });

  it('refuses an unknown key', async () => {
    const res = await t.admin
      .as('tus_not-a-real-key-at-all-000000000000')
      .get('/platforms')
      .expect(401);
    expect(res.body.message).toMatch(/not valid or has been revoked/);
  });

  it('accepts the bootstrap admin key created from ADMIN_API_KEY', async () => {
    await t.admin.get('/platforms').expect(200);
  });

  it('shows a new key once and stores only its hash', async () => {
    const res = await t.admin.post('/api-keys', { name: 'ci', role: 'platform_admin' }).expect(201);
    expect(res.body.key).toMatch(/^tus_/);
    expect(res.body.keyPrefix).toBe(res.body.key.slice(0, 12));
    const rows = await t.ds.query('SELECT key_hash FROM api_key WHERE id = $1', [res.body.id]);
    expect(rows[0].key_hash).toBe(hashApiKey(res.body.key));
    expect(JSON.stringify(rows)).not.toContain(res.body.key);
    const list = await t.admin.get('/api-keys').expect(200);
    expect(JSON.stringify(list.body)).not.toContain(res.body.key);
    expect(list.body.items.map((k: { id: string }) => k.id)).toContain(res.body.id);
  });

  it('stops accepting a revoked key at once', async () => {
    const key = await newKey(t.admin, 'platform_admin');
    await t.admin.as(key).get('/platforms').expect(200);
    const id = (await t.admin.get('/api-keys')).body.items.find(
      (k: { keyPrefix: string }) => k.keyPrefix === key.slice(0, 12),
    ).id;
    const revoked = await t.admin.delete(`/api-keys/${id}`).expect(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    await t.admin.as(key).get('/platforms').expect(401);
    const active = await t.admin.get('/api-keys').expect(200);
    expect(active.body.items.map((k: { id: string }) => k.id)).not.toContain(id);
    const all = await t.admin.get('/api-keys?includeRevoked=true').expect(200);
    expect(all.body.items.map((k: { id: string }) => k.id)).toContain(id);
  });

  it('refuses to revoke the last active platform admin key', async () => {
    const keys = (await t.admin.get('/api-keys?limit=500')).body.items.filter(
      (k: { role: string }) => k.role === 'platform_admin',
    );
    const own = keys.find((k: { keyPrefix: string }) => k.keyPrefix === ADMIN_KEY.slice(0, 12));
    for (const k of keys)
      if (k.id !== own.id) await t.admin.delete(`/api-keys/${k.id}`).expect(200);
    const res = await t.admin.delete(`/api-keys/${own.id}`).expect(409);
    expect(res.body.message).toMatch(/last active platform admin key/);
  });

  it('binds a partner admin key to an existing partner', async () => {
    const missing = await t.admin
      .post('/api-keys', { name: 'p', role: 'partner_admin' })
      .expect(400);
    expect(missing.body.details).toEqual([
      { field: 'partnerId', reason: 'is required for a partner_admin key' },
    ]);
    await t.admin
      .post('/api-keys', {
        name: 'p',
        role: 'partner_admin',
        partnerId: '2b1e3a38-9d6f-4c55-9b0e-0d3c1e4b5a6f',
      })
      .expect(404);
    const platform = await newPlatform(t.admin);
    const partner = await newPartner(t.admin, platform.id);
    await t.admin
      .post('/api-keys', { name: 'p', role: 'platform_admin', partnerId: partner.id })
      .expect(400);
    const res = await t.admin
      .post('/api-keys', { name: 'p', role: 'partner_admin', partnerId: partner.id })
      .expect(201);
    expect(res.body.partnerId).toBe(partner.id);
  });

  it('gives a partner admin 403 for platform-level actions', async () => {
    const platform = await newPlatform(t.admin);
    const partner = await newPartner(t.admin, platform.id);
    const partnerApi = t.admin.as(await newKey(t.admin, 'partner_admin', partner.id));
    const forbidden = [
      partnerApi.post('/api-keys', { name: 'x', role: 'platform_admin' }),
      partnerApi.get('/api-keys'),
      partnerApi.post('/platforms', { name: 'x', timezone: 'UTC' }),
      partnerApi.patch(`/platforms/${platform.id}`, { name: 'renamed' }),
      partnerApi.post(`/platforms/${platform.id}/versions`, { version: '9.0.0' }),
      partnerApi.patch(`/platforms/${platform.id}/versions/1.0.0`, { channel: 'test' }),
      partnerApi.post('/partners', { platformId: platform.id, name: 'x' }),
      partnerApi.patch(`/partners/${partner.id}`, { name: 'renamed' }),
      partnerApi.delete(`/partners/${partner.id}`),
      partnerApi.get('/audit-log'),
    ];
    for (const request of forbidden) {
      const res = await request;
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
    }
  });
});
