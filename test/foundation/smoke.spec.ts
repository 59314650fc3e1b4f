import { startTestApp, TestApp } from '../support/app';
import { newWorld, newTenant } from '../support/factories';

describe('smoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('creates a world and a tenant', async () => {
    const w = await newWorld(t.admin);
    const tenant = await newTenant(w.partnerApi, undefined);
    expect(tenant.partnerId).toBe(w.partner.id);
    const res = await t.admin.get(`/tenants/${tenant.id}`).expect(200);
    expect(res.body.pendingUpdate).toBe(false);
    await t.anonymous.root('/health').expect(200);
  });
});
