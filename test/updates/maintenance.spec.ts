import { ExpiredTasksService } from '../../src/updates/expired-tasks.service';
import { emptyDatabase, expandCustomerNotices, startTestApp, TestApp } from '../support/app';
import { newPartner, newSchedulingWorld, newTenant } from '../support/factories';
import { englishReason } from '../../src/notifications/reasons';

type World = Awaited<ReturnType<typeof newSchedulingWorld>>;
type Task = {
  id: string;
  status: string;
  runAt: string;
  expiresAt: string | null;
  mode: string;
  cancelReason: string | null;
};

describe('platform maintenance', () => {
  let t: TestApp;
  let w: World;
  // Windows: daily 02:00–06:00 Rome (01:00–05:00Z in winter).
  const window = { cron: '0 2 * * *', durationMinutes: 240, timezone: 'Europe/Rome' };
  const getTask = async (id: string): Promise<Task> =>
    (await t.admin.get(`/update-tasks/${id}`).expect(200)).body;
  const scheduleAt = async (
    runAt: string,
    extra: Record<string, unknown> = {},
    api = w.partnerApi,
  ) => {
    const tenant = await newTenant(t.admin, w.partner.id, { maintenanceWindow: window });
    const res = await api
      .post('/update-tasks', {
        tenantIds: [tenant.id],
        targetVersion: '2.0.0',
        mode: 'custom',
        runAt,
        notifyCustomer: true,
        ...extra,
      })
      .expect(201);
    await expandCustomerNotices(t); // the customer has been told
    return (await t.admin.get(`/update-tasks?batchId=${res.body.batchId}`)).body.items[0] as Task;
  };
  const announce = (body: Record<string, unknown>) =>
    t.admin.post(`/platforms/${w.platformId}/maintenance`, {
      message: 'Core network upgrade',
      ...body,
    });

  // One app for the file; the tests read platform-wide state (the public announcements, expired
  // tasks of every platform), so each starts on an empty database.
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await emptyDatabase(t);
    t.clock.set('2027-01-04T10:00:00Z');
    w = await newSchedulingWorld(t.admin, 0);
  });

  it('cancels overlapping scheduled updates under the cancel policy, and tells their recipients', async () => {
    const inside = await scheduleAt('2027-01-10T02:30:00Z');
    const touching = await scheduleAt('2027-01-10T00:30:00Z', { expectedDurationMinutes: 45 });
    const before = await scheduleAt('2027-01-09T23:00:00Z', { expectedDurationMinutes: 60 });
    const res = await announce({
      startsAt: '2027-01-10T01:00:00Z',
      endsAt: '2027-01-10T04:00:00Z',
      conflictPolicy: 'cancel',
    }).expect(201);
    expect(res.body).toMatchObject({
      platformId: w.platformId,
      startsAt: '2027-01-10T01:00:00.000Z',
      endsAt: '2027-01-10T04:00:00.000Z',
      message: 'Core network upgrade',
      conflictPolicy: 'cancel',
      affected: { cancelled: 2, rescheduled: 0 },
    });
    expect((await getTask(inside.id)).status).toBe('cancelled');
    expect((await getTask(inside.id)).cancelReason).toMatch(/Core network upgrade/);
    expect((await getTask(touching.id)).status).toBe('cancelled');
    expect((await getTask(before.id)).status).toBe('scheduled');
    const notices = await t.ds.query(
      `SELECT event, reason FROM outbox_email WHERE task_id = $1 AND event = 'task.cancelled'`,
      [inside.id],
    );
    expect(notices).toHaveLength(1);
    expect(notices[0].reason).toMatch(/Core network upgrade/);
  });

  it("moves overlapping updates to the tenant's first window after the period under the reschedule policy", async () => {
    const task = await scheduleAt('2027-01-10T02:00:00Z');
    const res = await announce({
      startsAt: '2027-01-10T00:00:00Z',
      endsAt: '2027-01-11T03:00:00Z',
      conflictPolicy: 'reschedule',
    }).expect(201);
    expect(res.body.affected).toEqual({ cancelled: 0, rescheduled: 1 });
    // A custom update goes to the tenant's next free window and becomes a maintenance-window one
    // (DESIGN.md: "moved to the next free window"), not to the first instant after the period
    // (2027-01-11T03:00Z, as a rollout's held task would). The window of 2027-01-11 starts at
    // 01:00Z inside the period: the next free one is on the 12th.
    expect(task.mode).toBe('custom');
    expect(await getTask(task.id)).toMatchObject({
      status: 'scheduled',
      mode: 'maintenance_window',
      runAt: '2027-01-12T01:00:00.000Z',
      expiresAt: '2027-01-12T05:00:00.000Z',
    });
    const [notice] = await t.ds.query(
      `SELECT sequence FROM outbox_email WHERE task_id = $1 AND event = 'task.rescheduled'`,
      [task.id],
    );
    expect(notice.sequence).toBe(1);
  });

  it('reschedules forced updates even under the cancel policy', async () => {
    const forced = await scheduleAt('2027-01-10T02:00:00Z', { forced: true }, t.admin);
    const res = await announce({
      startsAt: '2027-01-10T00:00:00Z',
      endsAt: '2027-01-10T06:00:00Z',
    }).expect(201);
    expect(res.body.conflictPolicy).toBe('cancel');
    expect(res.body.affected).toEqual({ cancelled: 0, rescheduled: 1 });
    // The next free window, as for any moved update (not 06:00Z, the period's end).
    expect(await getTask(forced.id)).toMatchObject({
      status: 'scheduled',
      mode: 'maintenance_window',
      runAt: '2027-01-11T01:00:00.000Z',
      expiresAt: '2027-01-11T05:00:00.000Z',
    });
  });

  it('announces the period to every partner contact of the platform', async () => {
    const second = await newPartner(t.admin, w.platformId, {
      contacts: [{ email: 'a@second.example' }, { email: 'b@second.example', locale: 'de' }],
    });
    const res = await announce({
      startsAt: '2027-02-01T00:00:00Z',
      endsAt: '2027-02-01T02:00:00Z',
    }).expect(201);
    const rows = await t.ds.query(
      `SELECT recipient, locale, payload->>'message' AS message FROM outbox_email WHERE event = 'maintenance.announced' AND payload->>'maintenanceId' = $1 ORDER BY recipient`,
      [res.body.id],
    );
    const expected = [
      ...(w.partner.contacts as { email: string }[]).map((c) => c.email),
      'a@second.example',
      'b@second.example',
    ].sort();
    expect(rows.map((r: { recipient: string }) => r.recipient)).toEqual(expected);
    expect(rows.find((r: { recipient: string }) => r.recipient === 'b@second.example').locale).toBe(
      'de',
    );
    expect(second.id).toBeDefined();
  });

  it('lists current and upcoming maintenance publicly, and withdraws a period', async () => {
    const current = await announce({
      startsAt: '2027-01-04T09:00:00Z',
      endsAt: '2027-01-04T12:00:00Z',
      message: 'now',
    }).expect(201);
    const upcoming = await announce({
      startsAt: '2027-01-20T09:00:00Z',
      endsAt: '2027-01-20T12:00:00Z',
      message: 'later',
    }).expect(201);
    const list = await t.anonymous.get('/announcements').expect(200);
    expect(list.body.items.map((i: { id: string; status: string }) => [i.id, i.status])).toEqual([
      [current.body.id, 'current'],
      [upcoming.body.id, 'upcoming'],
    ]);
    expect(list.body.items[0]).toMatchObject({
      platformId: w.platformId,
      platformName: w.platform.name,
      message: 'now',
    });

    await w.partnerApi.get(`/platforms/${w.platformId}/maintenance`).expect(200);
    await w.partnerApi
      .delete(`/platforms/${w.platformId}/maintenance/${upcoming.body.id}`)
      .expect(403);
    await t.admin.delete(`/platforms/${w.platformId}/maintenance/${upcoming.body.id}`).expect(204);
    const after = await t.anonymous.get('/announcements').expect(200);
    expect(after.body.items.map((i: { id: string }) => i.id)).toEqual([current.body.id]);
    const withdrawn = await t.ds.query(
      `SELECT count(*)::int AS n FROM outbox_email WHERE event = 'maintenance.withdrawn'`,
    );
    expect(withdrawn[0].n).toBe((w.partner.contacts as unknown[]).length);
    t.clock.set('2027-01-04T13:00:00Z');
    expect((await t.anonymous.get('/announcements')).body.items).toEqual([]);
    const past = await t.admin
      .get(`/platforms/${w.platformId}/maintenance?includePast=true`)
      .expect(200);
    expect(past.body.items.map((i: { id: string }) => i.id)).toEqual([current.body.id]);
  });

  it('validates periods and keeps them to platform admins', async () => {
    const backwards = await announce({
      startsAt: '2027-01-10T04:00:00Z',
      endsAt: '2027-01-10T01:00:00Z',
    }).expect(400);
    expect(backwards.body.details).toEqual([{ field: 'endsAt', reason: 'must be after startsAt' }]);
    const over = await announce({
      startsAt: '2026-01-01T00:00:00Z',
      endsAt: '2026-01-02T00:00:00Z',
    }).expect(400);
    expect(over.body.details).toEqual([{ field: 'endsAt', reason: 'must be in the future' }]);
    const bad = await announce({
      startsAt: 'tomorrow',
      endsAt: '2027-01-10T01:00:00Z',
      conflictPolicy: 'ignore',
    }).expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'conflictPolicy',
      'startsAt',
    ]);
    await w.partnerApi
      .post(`/platforms/${w.platformId}/maintenance`, {
        startsAt: '2027-02-01T00:00:00Z',
        endsAt: '2027-02-01T02:00:00Z',
        message: 'x',
      })
      .expect(403);
  });

  it("moves a window task that could not start before its window closed to the tenant's next window", async () => {
    const tenant = await newTenant(t.admin, w.partner.id, { maintenanceWindow: window });
    const res = await w.partnerApi
      .post('/update-tasks', {
        tenantIds: [tenant.id],
        targetVersion: '2.0.0',
        mode: 'maintenance_window',
        notifyCustomer: true,
      })
      .expect(201);
    await expandCustomerNotices(t);
    const task = (await t.admin.get(`/update-tasks?batchId=${res.body.batchId}`)).body
      .items[0] as Task;
    expect(task).toMatchObject({
      runAt: '2027-01-05T01:00:00.000Z',
      expiresAt: '2027-01-05T05:00:00.000Z',
    });
    // The next window (the 6th) is blocked by maintenance: the task must go to the 7th.
    await announce({ startsAt: '2027-01-06T00:00:00Z', endsAt: '2027-01-06T06:00:00Z' }).expect(
      201,
    );

    t.clock.set('2027-01-05T05:00:00Z');
    const expired = t.app.get(ExpiredTasksService);
    expect(await expired.moveExpired()).toBe(1);
    expect(await getTask(task.id)).toMatchObject({
      status: 'scheduled',
      mode: 'maintenance_window',
      runAt: '2027-01-07T01:00:00.000Z',
      expiresAt: '2027-01-07T05:00:00.000Z',
    });
    const notices = await t.ds.query(
      `SELECT reason FROM outbox_email WHERE task_id = $1 AND event = 'task.rescheduled'`,
      [task.id],
    );
    expect(notices).toHaveLength(1);
    expect(englishReason(notices[0].reason)).toMatch(
      /could not start within its maintenance window/,
    );
    expect(await expired.moveExpired()).toBe(0);
  });
});
