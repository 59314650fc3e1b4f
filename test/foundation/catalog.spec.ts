import { startTestApp, TestApp } from '../support/app';
import { newPartner, newPlatform, newTenant, newVersion } from '../support/factories';

describe('platforms, versions and partners', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('never returns or audits the executor secret', async () => {
    const secret = 'super-secret-hmac-key-123';
    const created = await t.admin
      .post('/platforms', {
        name: 'with secret',
        timezone: 'Europe/Berlin',
        executor: { driver: 'http', url: 'http://deploy.internal:8080/updates', secret },
      })
      .expect(201);
    expect(created.body.executor).toEqual({
      driver: 'http',
      url: 'http://deploy.internal:8080/updates',
      secretSet: true,
    });
    await t.admin
      .patch(`/platforms/${created.body.id}`, { executor: { secret: `${secret}-2` } })
      .expect(200);
    const read = await t.admin.get(`/platforms/${created.body.id}`).expect(200);
    const audit = await t.admin
      .get(`/audit-log?entityType=platform&entityId=${created.body.id}`)
      .expect(200);
    for (const body of [created.body, read.body, audit.body])
      expect(JSON.stringify(body)).not.toContain(secret);
    expect(audit.body.items.map((a: { action: string }) => a.action)).toEqual([
      'platform.create',
      'platform.update',
    ]);
  });

  it('refuses duplicate platform names', async () => {
    await newPlatform(t.admin, { name: 'unique name' });
    await t.admin.post('/platforms', { name: 'unique name', timezone: 'UTC' }).expect(409);
  });

  it('publishes versions and changes their channel', async () => {
    const platform = await newPlatform(t.admin);
    await newVersion(t.admin, platform.id, '14.0.0', 'test');
    await newVersion(t.admin, platform.id, '13.9.1');
    await t.admin.post(`/platforms/${platform.id}/versions`, { version: '13.9.1' }).expect(409);
    const patched = await t.admin
      .patch(`/platforms/${platform.id}/versions/14.0.0`, {
        channel: 'recommended',
        releaseNotes: 'GA',
      })
      .expect(200);
    expect(patched.body).toMatchObject({
      version: '14.0.0',
      channel: 'recommended',
      releaseNotes: 'GA',
    });
    const recommended = await t.admin
      .get(`/platforms/${platform.id}/versions?channel=recommended`)
      .expect(200);
    expect(recommended.body.items.map((v: { version: string }) => v.version)).toEqual(['14.0.0']);
    await t.admin.get(`/platforms/${platform.id}/versions/9.9.9`).expect(404);
  });

  it('manages partners and their contacts', async () => {
    const platform = await newPlatform(t.admin, { timezone: 'Europe/Rome' });
    const partner = await t.admin
      .post('/partners', {
        platformId: platform.id,
        name: 'ACME',
        contacts: [
          { email: 'ops@acme.example' },
          { email: 'chef@acme.example', locale: 'it', timezone: 'UTC' },
        ],
      })
      .expect(201);
    expect(partner.body.contacts).toEqual([
      { email: 'ops@acme.example', locale: 'en', timezone: 'Europe/Rome' },
      { email: 'chef@acme.example', locale: 'it', timezone: 'UTC' },
    ]);
    const renamed = await t.admin
      .patch(`/partners/${partner.body.id}`, { name: 'ACME Italia' })
      .expect(200);
    expect(renamed.body.name).toBe('ACME Italia');
    await t.admin.post('/partners', { platformId: platform.id, name: 'ACME Italia' }).expect(409);
  });

  it('deletes a partner only when it has no tenants', async () => {
    const platform = await newPlatform(t.admin);
    const partner = await newPartner(t.admin, platform.id);
    const tenant = await newTenant(t.admin, partner.id);
    const res = await t.admin.delete(`/partners/${partner.id}`).expect(409);
    expect(res.body.message).toMatch(/still has 1 tenant/);
    await t.admin.delete(`/tenants/${tenant.id}`).expect(204);
    await t.admin.delete(`/partners/${partner.id}`).expect(204);
    await t.admin.get(`/partners/${partner.id}`).expect(404);
  });

  it('answers unknown ids with 404 in the error format', async () => {
    const id = '0f6b7f2e-1d7a-4b8e-9c1a-2f3e4d5c6b7a';
    for (const path of [
      `/platforms/${id}`,
      `/partners/${id}`,
      `/tenants/${id}`,
      `/platforms/${id}/versions`,
    ]) {
      const res = await t.admin.get(path).expect(404);
      expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found', details: [] });
    }
  });
});
