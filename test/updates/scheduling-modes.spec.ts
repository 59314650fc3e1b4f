import { startTestApp, TestApp } from '../support/app';
import { newSchedulingWorld, newTenant } from '../support/factories';

type World = Awaited<ReturnType<typeof newSchedulingWorld>>;

describe('scheduling modes', () => {
  let t: TestApp;
  let w: World;
  const task = async (batchId: string) =>
    (await t.admin.get(`/update-tasks?batchId=${batchId}`)).body.items[0];

  beforeAll(async () => {
    t = await startTestApp();
    w = await newSchedulingWorld(t.admin, 0);
  });
  afterAll(() => t.close());

  it('runs an immediate update now, without expiry, and marks the tenant pending', async () => {
    t.clock.set('2027-01-04T10:00:00Z');
    const tenant = await newTenant(t.admin, w.partner.id);
    const res = await w.partnerApi
      .post('/update-tasks', { tenantIds: [tenant.id], targetVersion: '2.0.0', mode: 'immediate' })
      .expect(201);
    expect(res.body).toEqual({
      batchId: expect.any(String),
      matched: 1,
      created: 1,
      skipped: [],
      warnings: [],
      slots: [
        { runAt: '2027-01-04T10:00:00.000Z', expiresAt: null, timezone: 'Europe/Rome', tenants: 1 },
      ],
    });
    expect(await task(res.body.batchId)).toMatchObject({
      tenantId: tenant.id,
      fromVersion: '1.0.0',
      targetVersion: '2.0.0',
      mode: 'immediate',
      runAt: '2027-01-04T10:00:00.000Z',
      expiresAt: null,
      status: 'scheduled',
      expectedDurationMinutes: 60,
      progress: { step: null, percent: 0, eta: null },
    });
    const listed = await w.partnerApi.get(`/tenants?pendingUpdate=true`).expect(200);
    expect(listed.body.items.map((i: { id: string }) => i.id)).toEqual([tenant.id]);
    expect((await t.admin.get(`/tenants/${tenant.id}`)).body.pendingUpdate).toBe(true);
  });

  it("puts a maintenance-window update in the tenant's next window, expiring at its end", async () => {
    t.clock.set('2027-01-04T10:00:00Z'); // Monday 11:00 in Rome
    const tenant = await newTenant(t.admin, w.partner.id, {
      maintenanceWindow: { cron: '0 2 * * *', durationMinutes: 240, timezone: 'Europe/Rome' },
    });
    const res = await w.partnerApi
      .post('/update-tasks', {
        tenantIds: [tenant.id],
        targetVersion: '2.0.0',
        mode: 'maintenance_window',
      })
      .expect(201);
    expect(await task(res.body.batchId)).toMatchObject({
      mode: 'maintenance_window',
      runAt: '2027-01-05T01:00:00.000Z',
      expiresAt: '2027-01-05T05:00:00.000Z',
    });
  });

  it('uses the open window when the update still fits in it, the next one otherwise', async () => {
    const window = { cron: '0 2 * * *', durationMinutes: 120, timezone: 'Europe/Rome' };
    t.clock.set('2027-01-05T01:30:00Z'); // 02:30 in Rome: the window closes at 04:00
    const fits = await newTenant(t.admin, w.partner.id, { maintenanceWindow: window });
    const inWindow = await w.partnerApi
      .post('/update-tasks', {
        tenantIds: [fits.id],
        targetVersion: '2.0.0',
        mode: 'maintenance_window',
      })
      .expect(201);
    expect(await task(inWindow.body.batchId)).toMatchObject({
      runAt: '2027-01-05T01:30:00.000Z',
      expiresAt: '2027-01-05T03:00:00.000Z',
    });
    const tooLong = await newTenant(t.admin, w.partner.id, { maintenanceWindow: window });
    const next = await w.partnerApi
      .post('/update-tasks', {
        tenantIds: [tooLong.id],
        targetVersion: '2.0.0',
        mode: 'maintenance_window',
        expectedDurationMinutes: 100,
      })
      .expect(201);
    expect(await task(next.body.batchId)).toMatchObject({ runAt: '2027-01-06T01:00:00.000Z' });
  });

  it.each([
    // A 02:30 window on the spring-forward night runs once, at 03:30 CEST.
    ['2027-03-27T12:00:00Z', '2027-03-28T01:30:00.000Z', '2027-03-28T03:30:00.000Z'],
    // On the fall-back night 02:30 happens twice: the first one counts.
    ['2027-10-30T12:00:00Z', '2027-10-31T00:30:00.000Z', '2027-10-31T02:30:00.000Z'],
  ])('places a 02:30 Rome window correctly across DST (now %s)', async (now, runAt, expiresAt) => {
    t.clock.set(now);
    const tenant = await newTenant(t.admin, w.partner.id, {
      maintenanceWindow: { cron: '30 2 * * *', durationMinutes: 120, timezone: 'Europe/Rome' },
    });
    const res = await w.partnerApi
      .post('/update-tasks', {
        tenantIds: [tenant.id],
        targetVersion: '2.0.0',
        mode: 'maintenance_window',
      })
      .expect(201);
    expect(await task(res.body.batchId)).toMatchObject({ runAt, expiresAt });
  });

  it('runs a custom-time update at the time given', async () => {
    t.clock.set('2027-01-04T10:00:00Z');
    const tenant = await newTenant(t.admin, w.partner.id);
    const res = await w.partnerApi
      .post('/update-tasks', {
        tenantIds: [tenant.id],
        targetVersion: '2.0.0',
        mode: 'custom',
        runAt: '2027-01-08T21:15:00+01:00',
        expectedDurationMinutes: 45,
      })
      .expect(201);
    expect(await task(res.body.batchId)).toMatchObject({
      mode: 'custom',
      runAt: '2027-01-08T20:15:00.000Z',
      expiresAt: null,
      expectedDurationMinutes: 45,
    });
  });

  it('tolerates a small clock skew on runAt but refuses a time in the past', async () => {
    t.clock.set('2027-01-04T10:00:00Z');
    const tenant = await newTenant(t.admin, w.partner.id);
    const past = await w.partnerApi
      .post('/update-tasks', {
        tenantIds: [tenant.id],
        targetVersion: '2.0.0',
        mode: 'custom',
        runAt: '2027-01-04T09:58:00Z',
      })
      .expect(400);
    expect(past.body.details).toEqual([{ field: 'runAt', reason: 'must be in the future' }]);
    const skewed = await w.partnerApi
      .post('/update-tasks', {
        tenantIds: [tenant.id],
        targetVersion: '2.0.0',
        mode: 'custom',
        runAt: '2027-01-04T09:59:30Z',
      })
      .expect(201);
    expect(await task(skewed.body.batchId)).toMatchObject({ runAt: '2027-01-04T10:00:00.000Z' });
  });

  it('asks for runAt in custom mode only', async () => {
    const tenantIds = [w.tenantIds[0] ?? (await newTenant(t.admin, w.partner.id)).id];
    const missing = await w.partnerApi
      .post('/update-tasks', { tenantIds, targetVersion: '2.0.0', mode: 'custom' })
      .expect(400);
    expect(missing.body.details).toEqual([
      { field: 'runAt', reason: 'is required in custom mode' },
    ]);
    const extra = await w.partnerApi
      .post('/update-tasks', {
        tenantIds,
        targetVersion: '2.0.0',
        mode: 'immediate',
        runAt: '2030-01-01T00:00:00Z',
      })
      .expect(400);
    expect(extra.body.details[0].field).toBe('runAt');
  });

  it('runs tasks that are due earlier first (immediate tasks queue behind older due ones)', async () => {
    t.clock.set('2027-02-01T10:00:00Z');
    const first = await newTenant(t.admin, w.partner.id);
    const second = await newTenant(t.admin, w.partner.id);
    await w.partnerApi
      .post('/update-tasks', { tenantIds: [first.id], targetVersion: '2.0.0', mode: 'immediate' })
      .expect(201);
    t.clock.advance(1000);
    await w.partnerApi
      .post('/update-tasks', { tenantIds: [second.id], targetVersion: '2.0.0', mode: 'immediate' })
      .expect(201);
    const due = await t.ds.query(
      `SELECT tenant_id FROM update_task WHERE status = 'scheduled' AND run_at <= $1 AND tenant_id = ANY($2) ORDER BY run_at`,
      ['2027-02-01T10:00:01Z', [first.id, second.id]],
    );
    expect(due.map((r: { tenant_id: string }) => r.tenant_id)).toEqual([first.id, second.id]);
  });
});
