import { startTestApp, TestApp, expandCustomerNotices } from '../support/app';
import { newKey, newPartner, newSchedulingWorld, newTenant } from '../support/factories';

type World = Awaited<ReturnType<typeof newSchedulingWorld>>;

describe('blackouts', () => {
  let t: TestApp;
  let w: World;
  // Daily 02:00–06:00 Rome: 01:00–05:00Z in winter, 00:00–04:00Z in summer.
  const window = { cron: '0 2 * * *', durationMinutes: 240, timezone: 'Europe/Rome' };
  const tenant = () => newTenant(t.admin, w.partner.id, { maintenanceWindow: window });
  const schedule = (tenantId: string, body: Record<string, unknown>, api = w.partnerApi) =>
    api.post('/update-tasks', { tenantIds: [tenantId], targetVersion: '2.0.0', ...body });
  const taskOf = async (batchId: string) =>
    (await t.admin.get(`/update-tasks?batchId=${batchId}`).expect(200)).body.items[0];
  const holidays = {
    startsAt: '2026-12-20T00:00:00+01:00',
    endsAt: '2027-01-07T00:00:00+01:00',
    repeat: 'yearly',
    timezone: 'Europe/Rome',
    reason: 'Christmas sales',
  };

  // One app for the file: every test works in its own partner and platform (a new world), so
  // nothing one test creates is seen by another.
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    t.clock.set('2026-11-02T10:00:00Z');
    w = await newSchedulingWorld(t.admin, 0);
  });

  it('a yearly partner blackout moves maintenance-window updates past it, across the year boundary, every year', async () => {
    const a = await tenant();
    const b = await tenant();
    const res = await w.partnerApi
      .post(`/partners/${w.partner.id}/blackouts`, holidays)
      .expect(201);
    expect(res.body).toMatchObject({
      partnerId: w.partner.id,
      tenantId: null,
      startsAt: '2026-12-19T23:00:00.000Z',
      endsAt: '2027-01-06T23:00:00.000Z',
      repeat: 'yearly',
      conflictPolicy: 'reschedule',
      affected: { cancelled: 0, rescheduled: 0 },
    });
    // A year later, the night before the blackout: the next window (20 Dec 2027, 02:00) is inside.
    t.clock.set('2027-12-19T22:00:00Z');
    const batch = (await schedule(a.id, { mode: 'maintenance_window' }).expect(201)).body;
    expect(await taskOf(batch.batchId)).toMatchObject({
      runAt: '2028-01-07T01:00:00.000Z',
      expiresAt: '2028-01-07T05:00:00.000Z',
    });
    // Custom inside it: refused, naming the blackout.
    const refused = await schedule(b.id, { mode: 'custom', runAt: '2027-12-31T12:00:00Z' }).expect(
      422,
    );
    expect(refused.body.details[0]).toMatchObject({ tenantId: b.id, code: 'blackout_overlap' });
    expect(refused.body.details[0].reason).toContain(res.body.id);
    expect(refused.body.details[0].reason).toContain('Christmas sales');
    // Just after it ends (7 Jan 2028 00:00 Rome = 6 Jan 23:00Z): fine.
    await schedule(b.id, { mode: 'custom', runAt: '2028-01-06T23:00:00Z' }).expect(201);
  });

  it('repeats a yearly tenant blackout over the spring DST change at its wall-clock times', async () => {
    // Daily 02:00–06:00 Berlin: 01:00–05:00Z in winter, 00:00–04:00Z in summer.
    const berlin = { cron: '0 2 * * *', durationMinutes: 240, timezone: 'Europe/Berlin' };
    const x = await newTenant(t.admin, w.partner.id, { maintenanceWindow: berlin });
    // 20 March 00:00 (winter, +01:00) to 1 April 00:00 (summer, +02:00) Berlin, every year; the
    // clocks go forward inside it (28 March 2027, 26 March 2028).
    const res = await w.partnerApi
      .post(`/tenants/${x.id}/blackouts`, {
        startsAt: '2027-03-20T00:00:00+01:00',
        endsAt: '2027-04-01T00:00:00+02:00',
        repeat: 'yearly',
        timezone: 'Europe/Berlin',
        reason: 'Year-end closing',
      })
      .expect(201);
    expect(res.body).toMatchObject({
      startsAt: '2027-03-19T23:00:00.000Z',
      endsAt: '2027-03-31T22:00:00.000Z',
    });
    t.clock.set('2028-03-01T12:00:00Z');
    const custom = (runAt: string, expectedDurationMinutes: number) =>
      schedule(x.id, { mode: 'custom', runAt, expectedDurationMinutes });
    // The next year, into its first hour (20 March 2028, 00:30 Berlin winter time = 19 March
    // 23:30Z) and into its last (31 March 2028, 23:30 Berlin summer time = 21:30Z): refused,
    // naming it.
    for (const runAt of ['2028-03-19T23:30:00Z', '2028-03-31T21:30:00Z']) {
      const refused = await custom(runAt, 15).expect(422);
      expect(refused.body.details[0]).toMatchObject({ tenantId: x.id, code: 'blackout_overlap' });
      expect(refused.body.details[0].reason).toContain(res.body.id);
      expect(refused.body.details[0].reason).toContain('Year-end closing');
    }
    // Ending as it starts (19 March 23:00 Berlin = 22:00Z), or starting as it ends: fine
    // (dry runs, so the tenant stays free).
    await schedule(x.id, {
      mode: 'custom',
      runAt: '2028-03-19T22:00:00Z',
      expectedDurationMinutes: 60,
      dryRun: true,
    }).expect((r) => expect(r.status).toBeLessThan(300));
    await schedule(x.id, {
      mode: 'custom',
      runAt: '2028-03-31T22:00:00Z',
      expectedDurationMinutes: 15,
      dryRun: true,
    }).expect((r) => expect(r.status).toBeLessThan(300));
    // Inside it, before the change: the first window outside is 1 April 2028, 02:00 Berlin summer
    // time (00:00Z), not 31 March (whose window is still inside).
    t.clock.set('2028-03-25T12:00:00Z');
    const batch = (await schedule(x.id, { mode: 'maintenance_window' }).expect(201)).body;
    expect(await taskOf(batch.batchId)).toMatchObject({
      runAt: '2028-04-01T00:00:00.000Z',
      expiresAt: '2028-04-01T04:00:00.000Z',
    });
    // Only the tenant's own blackout: another tenant of the partner is free inside it.
    const other = await tenant();
    await schedule(other.id, { mode: 'custom', runAt: '2028-03-28T12:00:00Z' }).expect(201);
  });

  it('keeps the local times of a yearly blackout that falls on the other side of the DST change in a later year', async () => {
    const x = await tenant();
    // 27 March 2027 00:00–12:00 Berlin, the day before the change (+01:00). On 27 March 2028 the
    // clocks went forward the day before (26 March): 00:00–12:00 +02:00 = 26 March 22:00Z–10:00Z.
    const res = await w.partnerApi
      .post(`/tenants/${x.id}/blackouts`, {
        startsAt: '2027-03-27T00:00:00+01:00',
        endsAt: '2027-03-27T12:00:00+01:00',
        repeat: 'yearly',
        timezone: 'Europe/Berlin',
        reason: 'Stocktaking',
      })
      .expect(201);
    t.clock.set('2028-03-01T12:00:00Z');
    const custom = (runAt: string) =>
      schedule(x.id, { mode: 'custom', runAt, expectedDurationMinutes: 30 });
    // 00:30 local (22:30Z): inside; a shift by a UTC year would place it at 23:00Z–11:00Z.
    const refused = await custom('2028-03-26T22:30:00Z').expect(422);
    expect(refused.body.details[0]).toMatchObject({ tenantId: x.id, code: 'blackout_overlap' });
    expect(refused.body.details[0].reason).toContain(res.body.id);
    expect(refused.body.details[0].reason).toContain('Stocktaking');
    // 12:00 local (10:00Z): over.
    await custom('2028-03-27T10:00:00Z').expect(201);
  });

  it('refuses immediate updates inside a tenant blackout unless a platform admin forces them', async () => {
    const x = await tenant();
    await t.admin
      .post(`/tenants/${x.id}/blackouts`, {
        startsAt: '2026-11-02T00:00:00Z',
        endsAt: '2026-11-03T00:00:00Z',
        reason: 'Inventory day',
      })
      .expect(201);
    const refused = await schedule(x.id, { mode: 'immediate' }).expect(422);
    expect(refused.body.details[0].code).toBe('blackout_overlap');
    // A partner admin cannot force its way in; a platform admin can.
    await schedule(x.id, { mode: 'immediate', forced: false }, t.admin).expect(422);
    await schedule(x.id, { mode: 'immediate', forced: true }, t.admin).expect(201);
    // Other tenants of the partner are not affected by a tenant's blackout.
    const other = await tenant();
    await schedule(other.id, { mode: 'immediate' }).expect(201);
  });

  it('keeps the wall-clock time of a weekly blackout across the DST change', async () => {
    const x = await tenant();
    // Saturdays 00:00–24:00 Rome, from 6 March 2027 (winter, +01:00); DST starts 28 March.
    await w.partnerApi
      .post(`/tenants/${x.id}/blackouts`, {
        startsAt: '2027-03-06T00:00:00+01:00',
        endsAt: '2027-03-07T00:00:00+01:00',
        repeat: 'weekly',
        reason: 'Market day',
      })
      .expect(201);
    t.clock.set('2027-03-30T10:00:00Z');
    // Saturday 3 April 00:30 Rome (summer) = 2 April 22:30Z: inside.
    const inside = await schedule(x.id, {
      mode: 'custom',
      runAt: '2027-04-02T22:30:00Z',
      expectedDurationMinutes: 15,
    }).expect(422);
    expect(inside.body.details[0].code).toBe('blackout_overlap');
    // Friday 23:30 Rome = 21:30Z, done by 23:45: outside.
    await schedule(x.id, {
      mode: 'custom',
      runAt: '2027-04-02T21:30:00Z',
      expectedDurationMinutes: 15,
    }).expect(201);
  });

  it('moves or cancels the scheduled updates a new blackout overlaps, and tells their recipients', async () => {
    const moving = await tenant();
    const cancelling = await tenant();
    const forced = await tenant();
    const runAt = '2026-11-10T10:00:00Z';
    const m = (
      await schedule(moving.id, { mode: 'custom', runAt, notifyCustomer: true }).expect(201)
    ).body;
    const c = (await schedule(cancelling.id, { mode: 'custom', runAt }).expect(201)).body;
    // Forced by a partner admin: always moved, never cancelled (a platform admin's forced custom
    // update would stay inside the blackout: test/rollouts/held-moves.spec.ts).
    const f = (await schedule(forced.id, { mode: 'custom', runAt, forced: true }).expect(201)).body;
    await expandCustomerNotices(t);
    const period = { startsAt: '2026-11-09T00:00:00+01:00', endsAt: '2026-11-12T00:00:00+01:00' };

    const moved = await w.partnerApi
      .post(`/tenants/${moving.id}/blackouts`, { ...period, reason: 'Audit' })
      .expect(201);
    expect(moved.body.affected).toEqual({ cancelled: 0, rescheduled: 1 });
    const movedTask = await taskOf(m.batchId);
    // The first window after the blackout, 12 Nov 02:00 Rome: the custom update becomes a
    // maintenance-window one (not the first instant after the blackout, 12 Nov 00:00 Rome, as a
    // held task of a custom rollout would).
    expect(movedTask).toMatchObject({
      status: 'scheduled',
      mode: 'maintenance_window',
      runAt: '2026-11-12T01:00:00.000Z',
      expiresAt: '2026-11-12T05:00:00.000Z',
    });
    const notices = await t.ds.query(
      `SELECT sequence, reason FROM outbox_email WHERE task_id = $1 AND event = 'task.rescheduled'`,
      [movedTask.id],
    );
    expect(notices.length).toBeGreaterThan(0);
    expect(notices[0].sequence).toBe(1);
    expect(notices[0].reason).toContain('Audit');

    const cancelled = await w.partnerApi
      .post(`/tenants/${cancelling.id}/blackouts`, {
        ...period,
        reason: 'Audit',
        conflictPolicy: 'cancel',
      })
      .expect(201);
    expect(cancelled.body.affected).toEqual({ cancelled: 1, rescheduled: 0 });
    expect((await taskOf(c.batchId)).status).toBe('cancelled');

    const forcedRes = await t.admin
      .post(`/tenants/${forced.id}/blackouts`, {
        ...period,
        reason: 'Audit',
        conflictPolicy: 'cancel',
      })
      .expect(201);
    expect(forcedRes.body.affected).toEqual({ cancelled: 0, rescheduled: 1 });
    expect(await taskOf(f.batchId)).toMatchObject({
      status: 'scheduled',
      mode: 'maintenance_window',
      runAt: '2026-11-12T01:00:00.000Z',
    });

    const audit = await t.admin.get(`/audit-log?entityType=blackout`).expect(200);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toContain('blackout.create');
  });

  it('decides the forced rule by who created the update, not by the platform admin who reschedules it', async () => {
    const byPartner = await tenant();
    const byAdmin = await tenant();
    const runAt = '2026-11-10T10:00:00Z';
    const p = (await schedule(byPartner.id, { mode: 'custom', runAt, forced: true }).expect(201))
      .body;
    const a = (
      await schedule(byAdmin.id, { mode: 'custom', runAt, forced: true }, t.admin).expect(201)
    ).body;
    const audit = { startsAt: '2026-11-12T00:00:00Z', endsAt: '2026-11-13T00:00:00Z' };
    for (const x of [byPartner, byAdmin]) {
      await t.admin.post(`/tenants/${x.id}/blackouts`, { ...audit, reason: 'Audit' }).expect(201);
    }
    const inside = { mode: 'custom', runAt: '2026-11-12T10:00:00Z' };
    // A partner admin's forced update stays a partner admin's: refused inside the blackout, as a
    // new blackout would move it out (lockForPeriod) and the pre-check reads its batch's creator.
    const partnersTask = await taskOf(p.batchId);
    const refused = await t.admin
      .post(`/update-tasks/${partnersTask.id}/reschedule`, inside)
      .expect(422);
    expect(refused.body.details[0].code).toBe('blackout_overlap');
    expect(await taskOf(p.batchId)).toMatchObject({ runAt: '2026-11-10T10:00:00.000Z' });
    // A platform admin's own forced update may run inside it.
    const adminsTask = await taskOf(a.batchId);
    await t.admin.post(`/update-tasks/${adminsTask.id}/reschedule`, inside).expect(200);
    expect(await taskOf(a.batchId)).toMatchObject({ runAt: '2026-11-12T10:00:00.000Z' });
  });

  it('lists and removes blackouts; partner admins only their own; bad input is a 400 naming the field', async () => {
    const x = await tenant();
    const created = (
      await w.partnerApi.post(`/tenants/${x.id}/blackouts`, { ...holidays }).expect(201)
    ).body;
    expect((await w.partnerApi.get(`/tenants/${x.id}/blackouts`).expect(200)).body.items).toEqual([
      expect.objectContaining({ id: created.id, reason: 'Christmas sales' }),
    ]);

    const other = await newPartner(t.admin, w.platformId);
    const otherTenant = await newTenant(t.admin, other.id);
    const otherApi = t.admin.as(await newKey(t.admin, 'partner_admin', other.id));
    await otherApi.post(`/tenants/${x.id}/blackouts`, holidays).expect(404);
    await otherApi.get(`/tenants/${x.id}/blackouts`).expect(404);
    await otherApi.delete(`/tenants/${x.id}/blackouts/${created.id}`).expect(404);
    await w.partnerApi.post(`/partners/${other.id}/blackouts`, holidays).expect(404);
    await otherApi.post(`/tenants/${otherTenant.id}/blackouts`, holidays).expect(201);

    const bad = async (body: Record<string, unknown>, field: string) => {
      const res = await w.partnerApi.post(`/tenants/${x.id}/blackouts`, body).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    };
    await bad({ ...holidays, endsAt: '2026-12-19T00:00:00+01:00' }, 'endsAt');
    await bad({ ...holidays, repeat: 'daily' }, 'repeat');
    await bad({ ...holidays, repeat: 'weekly' }, 'endsAt');
    await bad(
      {
        ...holidays,
        repeat: 'none',
        startsAt: '2025-01-01T00:00:00Z',
        endsAt: '2025-01-02T00:00:00Z',
      },
      'endsAt',
    );
    await bad({ ...holidays, timezone: 'Mars/Olympus' }, 'timezone');
    await bad({ ...holidays, reason: '' }, 'reason');
    expect(
      (await w.partnerApi.get(`/tenants/${x.id}/blackouts`).expect(200)).body.items,
    ).toHaveLength(1);

    await w.partnerApi.delete(`/tenants/${x.id}/blackouts/${created.id}`).expect(204);
    expect((await w.partnerApi.get(`/tenants/${x.id}/blackouts`).expect(200)).body.items).toEqual(
      [],
    );
    // Gone: custom inside the old period is fine again.
    t.clock.set('2026-12-01T00:00:00Z');
    await schedule(x.id, { mode: 'custom', runAt: '2026-12-24T10:00:00Z' }).expect(201);
  });
});
