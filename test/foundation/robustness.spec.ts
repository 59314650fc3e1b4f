import { randomUUID } from 'node:crypto';
import { startTestApp, TestApp } from '../support/app';
import { newKey, newSchedulingWorld, newTenant } from '../support/factories';

type World = Awaited<ReturnType<typeof newSchedulingWorld>>;
type Detail = { field?: string; reason: string; code?: string };

/** Inputs that once reached the database or the rules the wrong way: each must be a clear 4xx. */
describe('robustness of the API against unusual input', () => {
  let t: TestApp;
  let w: World;
  const fields = (body: { details: Detail[] }) => body.details.map((d) => d.field);

  beforeAll(async () => {
    t = await startTestApp();
    t.clock.set('2027-01-04T10:00:00Z');
    w = await newSchedulingWorld(t.admin, 0);
  });
  afterAll(() => t.close());

  it('treats ids case-insensitively, so an upper-case id cannot slip past a refusal', async () => {
    const free = await newTenant(t.admin, w.partner.id);
    const busy = await newTenant(t.admin, w.partner.id);
    await w.partnerApi
      .post('/update-tasks', { tenantIds: [busy.id], targetVersion: '2.0.0', mode: 'immediate' })
      .expect(201);
    const before = (await t.ds.query('SELECT count(*)::int AS n FROM update_task'))[0].n;
    const res = await w.partnerApi
      .post('/update-tasks', {
        tenantIds: [free.id, busy.id.toUpperCase(), randomUUID().toUpperCase()],
        targetVersion: '2.0.0',
        mode: 'immediate',
      })
      .expect(422);
    expect(res.body.details.map((d: Detail) => d.code)).toEqual(['open_task', 'not_found']);
    expect((await t.ds.query('SELECT count(*)::int AS n FROM update_task'))[0].n).toBe(before);
    await w.partnerApi.get(`/tenants/${free.id.toUpperCase()}`).expect(200);
    const own = await w.partnerApi
      .post('/tenants', {
        partnerId: w.partner.id.toUpperCase(),
        name: 'upper',
        softwareVersion: '1.0.0',
      })
      .expect(201);
    expect(own.body.partnerId).toBe(w.partner.id);
  });

  it.each([
    ['/tenants/:tenant', { name: null }, 'name'],
    ['/tenants/:tenant', { locale: null }, 'locale'],
    ['/tenants/:tenant', { autoUpdateAllowed: null }, 'autoUpdateAllowed'],
    ['/tenants/:tenant', { maintenanceWindow: null }, 'maintenanceWindow'],
    ['/tenants/:tenant', { maintenanceWindow: [] }, 'maintenanceWindow'],
    [
      '/tenants/:tenant',
      { maintenanceWindow: [{ cron: '0 3 * * *', durationMinutes: 60 }] },
      'maintenanceWindow',
    ],
    ['/platforms/:platform', { name: null }, 'name'],
    ['/platforms/:platform', { executor: [{ driver: 'http' }] }, 'executor'],
    ['/partners/:partner', { contacts: null }, 'contacts'],
    ['/platforms/:platform/versions/2.0.0', { channel: null }, 'channel'],
  ])(
    'refuses null or an array where an object is expected: PATCH %s %j',
    async (template, body, field) => {
      const tenant = await newTenant(t.admin, w.partner.id);
      const path = template
        .replace(':tenant', tenant.id)
        .replace(':platform', w.platformId)
        .replace(':partner', w.partner.id);
      const res = await t.admin.patch(path, body).expect(400);
      expect(fields(res.body)).toContain(field);
    },
  );

  it('lets null clear the fields where it means "none"', async () => {
    const tenant = await newTenant(t.admin, w.partner.id, { simulate: { failStep: 'apply' } });
    const res = await t.admin
      .patch(`/tenants/${tenant.id}`, { customerEmail: null, simulate: null })
      .expect(200);
    expect(res.body).toMatchObject({ customerEmail: null, simulate: null });
  });

  it('refuses NUL characters in the body, the path and the query', async () => {
    const body = await t.admin
      .post('/tenants', { partnerId: w.partner.id, name: 'a\u0000b', softwareVersion: '1.0.0' })
      .expect(400);
    expect(body.body.details).toEqual([
      { field: 'name', reason: 'must not contain NUL characters' },
    ]);
    await t.admin.get(`/platforms/${w.platformId}/versions/1%00`).expect(400);
    await t.admin.get('/tenants?softwareVersion=a%00b').expect(400);
  });

  it('refuses impossible and out-of-range times', async () => {
    const { id } = await newTenant(t.admin, w.partner.id);
    for (const runAt of [
      '2027-02-30T10:00:00Z',
      '2027-01-01T25:00:00Z',
      '9999-12-31T23:00:00-14:00',
    ]) {
      const res = await w.partnerApi
        .post('/update-tasks', { tenantIds: [id], targetVersion: '2.0.0', mode: 'custom', runAt })
        .expect(400);
      expect(fields(res.body)).toEqual(['runAt']);
    }
    await t.admin
      .post(`/platforms/${w.platformId}/maintenance`, {
        startsAt: '2027-02-01T00:00:00Z',
        endsAt: '9999-12-31T23:59:00-14:00',
        message: 'x',
      })
      .expect(400);
  });

  it('refuses a cursor that is not one of the list', async () => {
    const forged = Buffer.from('k:9999999999999999999').toString('base64url');
    const res = await t.admin.get(`/tenants?cursor=${forged}`).expect(400);
    expect(fields(res.body)).toEqual(['cursor']);
    const taskCursor = Buffer.from(`k:${randomUUID()}`).toString('base64url');
    await t.admin.get(`/tenants?cursor=${taskCursor}`).expect(400);
  });

  it('answers 404 for a scope naming an unknown partner or platform', async () => {
    const body = { targetVersion: '2.0.0', mode: 'immediate' };
    await t.admin.post('/update-tasks', { ...body, partnerId: randomUUID() }).expect(404);
    await t.admin.post('/update-tasks', { ...body, platformId: randomUUID() }).expect(404);
    const nullScope = await t.admin.post('/update-tasks', { ...body, tenantIds: null }).expect(400);
    expect(fields(nullScope.body)).toContain('tenantIds');
  });

  describe("a tenant's window change and its scheduled update", () => {
    const window = { cron: '0 2 * * *', durationMinutes: 240 };
    const scheduleInWindow = async (api = w.partnerApi, extra: Record<string, unknown> = {}) => {
      const tenant = await newTenant(t.admin, w.partner.id, { maintenanceWindow: window });
      const res = await api
        .post('/update-tasks', {
          tenantIds: [tenant.id],
          targetVersion: '2.0.0',
          mode: 'maintenance_window',
          ...extra,
        })
        .expect(201);
      const task = (await t.admin.get(`/update-tasks?batchId=${res.body.batchId}`)).body.items[0];
      return { tenant, task };
    };

    it('refuses a window too short for the scheduled update (409) and changes nothing', async () => {
      const { tenant, task } = await scheduleInWindow(w.partnerApi, {
        expectedDurationMinutes: 120,
      });
      const res = await w.partnerApi
        .patch(`/tenants/${tenant.id}`, {
          maintenanceWindow: { cron: '0 3 * * MON', durationMinutes: 60 },
        })
        .expect(409);
      expect(fields(res.body)).toEqual(['maintenanceWindow.durationMinutes']);
      expect((await t.admin.get(`/update-tasks/${task.id}`)).body.runAt).toBe(task.runAt);
      expect((await t.admin.get(`/tenants/${tenant.id}`)).body.maintenanceWindow.cron).toBe(
        '0 2 * * *',
      );
    });

    it("refuses a partner admin's window change that would move a forced update (403)", async () => {
      const { tenant, task } = await scheduleInWindow(t.admin, { forced: true });
      await w.partnerApi
        .patch(`/tenants/${tenant.id}`, {
          maintenanceWindow: { cron: '0 3 * * MON', durationMinutes: 240 },
        })
        .expect(403);
      const moved = await t.admin
        .patch(`/tenants/${tenant.id}`, {
          maintenanceWindow: { cron: '0 3 * * MON', durationMinutes: 240 },
        })
        .expect(200);
      expect(moved.body.maintenanceWindow.cron).toBe('0 3 * * MON');
      // Monday 2027-01-11 03:00 in Rome.
      expect((await t.admin.get(`/update-tasks/${task.id}`)).body.runAt).toBe(
        '2027-01-11T02:00:00.000Z',
      );
    });
  });

  it('keeps another partner’s key away even with upper-case ids', async () => {
    const other = t.admin.as(await newKey(t.admin, 'partner_admin', (await newTenantPartner()).id));
    const tenant = await newTenant(t.admin, w.partner.id);
    await other.get(`/tenants/${tenant.id.toUpperCase()}`).expect(404);
  });

  async function newTenantPartner() {
    const res = await t.admin
      .post('/partners', { platformId: w.platformId, name: `p-${randomUUID()}` })
      .expect(201);
    return res.body as { id: string };
  }
});
