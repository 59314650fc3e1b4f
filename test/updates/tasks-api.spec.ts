import { expandCustomerNotices, startTestApp, TestApp } from '../support/app';
import { newSchedulingWorld, newTenant } from '../support/factories';
import { englishReason } from '../../src/notifications/reasons';

type World = Awaited<ReturnType<typeof newSchedulingWorld>>;
type Email = {
  event: string;
  recipient: string;
  recipient_kind: string;
  payload: Record<string, unknown> | null;
  sequence: number | null;
  reason: string | null;
};

describe('update tasks and batches', () => {
  let t: TestApp;
  let w: World;
  /** The task's own notices and its batch's partner digests, oldest first. */
  const emails = async (taskId: string): Promise<Email[]> =>
    t.ds.query(
      `SELECT o.event, o.recipient, o.recipient_kind, o.payload, o.sequence, o.reason FROM outbox_email o
       WHERE o.task_id = $1
          OR (o.task_id IS NULL AND o.batch_id = (SELECT batch_id FROM update_task WHERE id = $1))
       ORDER BY o.id`,
      [taskId],
    );
  const scheduleOne = async (body: Record<string, unknown> = {}, api = w.partnerApi) => {
    const tenant = await newTenant(t.admin, w.partner.id);
    const res = await api
      .post('/update-tasks', {
        tenantIds: [tenant.id],
        targetVersion: '2.0.0',
        mode: 'custom',
        runAt: '2027-01-10T20:00:00Z',
        notifyCustomer: true,
        notifyPartner: true,
        ...body,
      })
      .expect(201);
    const task = (await t.admin.get(`/update-tasks?batchId=${res.body.batchId}`)).body.items[0];
    return { tenant, task, batchId: res.body.batchId as string };
  };

  beforeAll(async () => {
    t = await startTestApp();
    t.clock.set('2027-01-04T10:00:00Z');
    w = await newSchedulingWorld(t.admin, 0);
  });
  afterAll(() => t.close());

  it('writes the scheduled notices in the same transaction: one digest per partner contact, and the customers as one row that the sender expands', async () => {
    const { tenant, task, batchId } = await scheduleOne();
    const contact = (w.partner.contacts as { email: string }[])[0].email;
    const before = await emails(task.id);
    expect(before.map((r) => [r.event, r.recipient_kind, r.recipient])).toEqual([
      ['task.scheduled', 'partner', contact],
    ]);
    expect(before[0].payload).toMatchObject({
      batchId,
      partnerId: w.partner.id,
      targetVersion: '2.0.0',
      tasks: 1,
    });
    const fanout = await t.ds.query(
      `SELECT event, audience, status FROM outbox_fanout WHERE batch_id = $1`,
      [batchId],
    );
    expect(fanout).toEqual([{ event: 'task.scheduled', audience: 'customer', status: 'pending' }]);

    expect(await expandCustomerNotices(t)).toBe(1);
    const rows = await emails(task.id);
    expect(rows.map((r) => [r.event, r.recipient_kind, r.recipient])).toEqual([
      ['task.scheduled', 'partner', contact],
      ['task.scheduled', 'customer', tenant.customerEmail],
    ]);
    // A task notice references its task: the e-mail is rendered from it, with the event's sequence.
    expect(rows[1]).toMatchObject({ payload: null, sequence: 0, reason: null });
    expect(await expandCustomerNotices(t)).toBe(0);
  });

  it('writes no notices when nobody is to be told', async () => {
    const { task } = await scheduleOne({ notifyCustomer: false, notifyPartner: false });
    expect(await emails(task.id)).toEqual([]);
  });

  it('cancels a scheduled task and tells the addresses of the original notice', async () => {
    const { tenant, task } = await scheduleOne();
    await expandCustomerNotices(t);
    await t.admin
      .patch(`/tenants/${tenant.id}`, { customerEmail: 'new-owner@tenant.example' })
      .expect(200);
    const res = await w.partnerApi
      .post(`/update-tasks/${task.id}/cancel`, { reason: 'customer asked' })
      .expect(200);
    expect(res.body).toMatchObject({
      id: task.id,
      status: 'cancelled',
      cancelReason: 'customer asked',
    });
    expect(res.body.finishedAt).not.toBeNull();
    const cancelled = (await emails(task.id)).filter((e) => e.event === 'task.cancelled');
    expect(cancelled.map((e) => e.recipient).sort()).toEqual(
      [tenant.customerEmail as string, (w.partner.contacts as { email: string }[])[0].email].sort(),
    );
    expect(cancelled[0].reason).toBe('customer asked');
    await w.partnerApi.post(`/update-tasks/${task.id}/cancel`, {}).expect(409);
    expect((await t.admin.get(`/tenants/${tenant.id}`)).body.pendingUpdate).toBe(false);
  });

  it('lets only platform admins cancel or reschedule a forced task', async () => {
    const { task } = await scheduleOne({ forced: true }, t.admin);
    const denied = await w.partnerApi.post(`/update-tasks/${task.id}/cancel`, {}).expect(403);
    expect(denied.body.message).toMatch(/forced/);
    await w.partnerApi
      .post(`/update-tasks/${task.id}/reschedule`, { mode: 'immediate' })
      .expect(403);
    await t.admin.post(`/update-tasks/${task.id}/cancel`, {}).expect(200);
  });

  it('tells a customer who was not told of the task yet nothing of its cancel or move: the expansion then tells the task as it is', async () => {
    const moved = await scheduleOne();
    const cancelled = await scheduleOne();
    await w.partnerApi
      .post(`/update-tasks/${moved.task.id}/reschedule`, {
        mode: 'custom',
        runAt: '2027-01-12T20:00:00Z',
      })
      .expect(200);
    await w.partnerApi.post(`/update-tasks/${cancelled.task.id}/cancel`, {}).expect(200);
    const kinds = async (taskId: string) =>
      (await emails(taskId)).map((e) => `${e.event} ${e.recipient_kind}`);
    // The partner contacts were told with the batch (their digest), so they hear of both.
    expect(await kinds(moved.task.id)).toEqual([
      'task.scheduled partner',
      'task.rescheduled partner',
    ]);
    expect(await kinds(cancelled.task.id)).toEqual([
      'task.scheduled partner',
      'task.cancelled partner',
    ]);

    await expandCustomerNotices(t);
    expect(await kinds(cancelled.task.id)).toEqual([
      'task.scheduled partner',
      'task.cancelled partner',
    ]);
    const movedRows = await emails(moved.task.id);
    expect(movedRows.map((e) => `${e.event} ${e.recipient_kind}`)).toEqual([
      'task.scheduled partner',
      'task.rescheduled partner',
      'task.scheduled customer',
    ]);
    expect(movedRows[2].sequence).toBe(1);
  });

  it('reschedules under the same rules, raising the notice sequence', async () => {
    const { task } = await scheduleOne();
    await expandCustomerNotices(t);
    const res = await w.partnerApi
      .post(`/update-tasks/${task.id}/reschedule`, {
        mode: 'custom',
        runAt: '2027-01-12T21:00:00+01:00',
      })
      .expect(200);
    expect(res.body).toMatchObject({
      status: 'scheduled',
      runAt: '2027-01-12T20:00:00.000Z',
      mode: 'custom',
    });
    const notices = (await emails(task.id)).filter((e) => e.event === 'task.rescheduled');
    expect(notices).toHaveLength(2);
    expect(notices[0].sequence).toBe(1);

    const window = await w.partnerApi
      .post(`/update-tasks/${task.id}/reschedule`, { mode: 'maintenance_window' })
      .expect(200);
    expect(window.body).toMatchObject({
      mode: 'maintenance_window',
      runAt: '2027-01-05T01:00:00.000Z',
    });
    expect(window.body.expiresAt).toBe('2027-01-05T05:00:00.000Z');

    await w.partnerApi
      .post(`/update-tasks/${task.id}/reschedule`, {
        mode: 'custom',
        runAt: '2026-01-01T00:00:00Z',
      })
      .expect(400);
    await t.admin
      .post(`/platforms/${w.platformId}/maintenance`, {
        startsAt: '2027-02-01T00:00:00Z',
        endsAt: '2027-02-01T06:00:00Z',
        message: 'network',
      })
      .expect(201);
    const blocked = await w.partnerApi
      .post(`/update-tasks/${task.id}/reschedule`, {
        mode: 'custom',
        runAt: '2027-02-01T01:00:00Z',
      })
      .expect(422);
    expect(blocked.body.details[0]).toMatchObject({ field: 'runAt', code: 'maintenance_overlap' });
  });

  it("moves a scheduled maintenance-window update when the tenant's window changes", async () => {
    const { tenant, task } = await scheduleOne({ mode: 'maintenance_window', runAt: undefined });
    await expandCustomerNotices(t);
    expect(task).toMatchObject({ runAt: '2027-01-05T01:00:00.000Z' });
    await t.admin
      .patch(`/tenants/${tenant.id}`, {
        maintenanceWindow: { cron: '0 22 * * FRI', durationMinutes: 120 },
      })
      .expect(200);
    const moved = (await t.admin.get(`/update-tasks/${task.id}`).expect(200)).body;
    // Friday 2027-01-08 22:00 in Rome is 21:00Z.
    expect(moved).toMatchObject({
      runAt: '2027-01-08T21:00:00.000Z',
      expiresAt: '2027-01-08T23:00:00.000Z',
    });
    const notices = (await emails(task.id)).filter((e) => e.event === 'task.rescheduled');
    expect(notices).toHaveLength(2);
    expect(englishReason(notices[0].reason)).toMatch(/maintenance window was changed/);
  });

  it('audits creation, cancellation and rescheduling', async () => {
    const { task, batchId } = await scheduleOne();
    await w.partnerApi
      .post(`/update-tasks/${task.id}/reschedule`, { mode: 'immediate' })
      .expect(200);
    await w.partnerApi.post(`/update-tasks/${task.id}/cancel`, {}).expect(200);
    const batchAudit = await t.admin
      .get(`/audit-log?entityType=update_batch&entityId=${batchId}`)
      .expect(200);
    expect(batchAudit.body.items.map((a: { action: string }) => a.action)).toEqual([
      'update_batch.create',
    ]);
    const taskAudit = await t.admin
      .get(`/audit-log?entityType=update_task&entityId=${task.id}`)
      .expect(200);
    expect(taskAudit.body.items.map((a: { action: string }) => a.action)).toEqual([
      'update_task.reschedule',
      'update_task.cancel',
    ]);
    expect(taskAudit.body.items[1].before.status).toBe('scheduled');
    expect(taskAudit.body.items[1].after.status).toBe('cancelled');
  });

  it('filters the task list', async () => {
    const { task, tenant, batchId } = await scheduleOne({ runAt: '2027-03-01T12:00:00Z' });
    const byTenant = await t.admin.get(`/update-tasks?tenantId=${tenant.id}`).expect(200);
    expect(byTenant.body.items.map((i: { id: string }) => i.id)).toEqual([task.id]);
    const byRange = await t.admin
      .get(`/update-tasks?from=2027-03-01T00:00:00Z&to=2027-03-02T00:00:00Z`)
      .expect(200);
    expect(byRange.body.items.map((i: { id: string }) => i.id)).toEqual([task.id]);
    const byStatus = await t.admin
      .get(`/update-tasks?batchId=${batchId}&status=cancelled`)
      .expect(200);
    expect(byStatus.body.items).toEqual([]);
    const byPartner = await t.admin
      .get(`/update-tasks?partnerId=${w.partner.id}&platformId=${w.platformId}&limit=500`)
      .expect(200);
    expect(byPartner.body.items.map((i: { id: string }) => i.id)).toContain(task.id);
  });

  it('pages through tasks without repeats or gaps while tasks are being added', async () => {
    const tenants = await t.admin
      .post('/tenants/bulk', {
        tenants: Array.from({ length: 30 }, (_, i) => ({
          partnerId: w.partner.id,
          name: `page-${i}`,
          softwareVersion: '1.0.0',
        })),
      })
      .expect(201);
    const first = await w.partnerApi
      .post('/update-tasks', {
        tenantIds: tenants.body.ids.slice(0, 20),
        targetVersion: '2.0.0',
        mode: 'immediate',
      })
      .expect(201);
    const existing = (
      await t.admin.get(`/update-tasks?batchId=${first.body.batchId}&limit=500`)
    ).body.items.map((i: { id: string }) => i.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let added = 0;
    do {
      const page = await t.admin.get(
        `/update-tasks?partnerId=${w.partner.id}&limit=7${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((i: { id: string }) => i.id));
      cursor = page.body.nextCursor;
      if (added < 10) {
        await w.partnerApi
          .post('/update-tasks', {
            tenantIds: [tenants.body.ids[20 + added]],
            targetVersion: '2.0.0',
            mode: 'immediate',
          })
          .expect(201);
        added++;
      }
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(existing));
  });

  describe('batches', () => {
    it('counts tasks by status and cancels what has not started', async () => {
      const tenants = await t.admin
        .post('/tenants/bulk', {
          tenants: Array.from({ length: 5 }, (_, i) => ({
            partnerId: w.partner.id,
            name: `batch-${i}`,
            softwareVersion: '1.0.0',
            customerEmail: `b${i}@c.example`,
          })),
        })
        .expect(201);
      const res = await w.partnerApi
        .post('/update-tasks', {
          tenantIds: tenants.body.ids,
          targetVersion: '2.0.0',
          mode: 'maintenance_window',
          notifyCustomer: true,
        })
        .expect(201);
      const ids = (await t.admin.get(`/update-tasks?batchId=${res.body.batchId}`)).body.items.map(
        (i: { id: string }) => i.id,
      );
      await expandCustomerNotices(t);
      await t.ds.query(`UPDATE update_task SET status = 'running' WHERE id = $1`, [ids[0]]);
      const before = await w.partnerApi.get(`/update-batches/${res.body.batchId}`).expect(200);
      expect(before.body).toMatchObject({
        id: res.body.batchId,
        targetVersion: '2.0.0',
        mode: 'maintenance_window',
        total: 5,
        counts: { scheduled: 4, running: 1, succeeded: 0, failed: 0, cancelled: 0 },
      });
      const after = await w.partnerApi
        .post(`/update-batches/${res.body.batchId}/cancel`)
        .expect(200);
      expect(after.body.counts).toEqual({
        held: 0,
        scheduled: 0,
        running: 1,
        succeeded: 0,
        failed: 0,
        cancelled: 4,
      });
      const notices = await t.ds.query(
        `SELECT count(*)::int AS n FROM outbox_email WHERE batch_id = $1 AND event = 'task.cancelled'`,
        [res.body.batchId],
      );
      expect(notices[0].n).toBe(4);
    });

    it('refuses, as for one task, a partner admin cancelling a batch of forced tasks: nothing is cancelled', async () => {
      const a = await newTenant(t.admin, w.partner.id);
      const b = await newTenant(t.admin, w.partner.id);
      const res = await t.admin
        .post('/update-tasks', {
          tenantIds: [a.id, b.id],
          targetVersion: '2.0.0',
          mode: 'immediate',
          forced: true,
        })
        .expect(201);
      const ids = (await t.admin.get(`/update-tasks?batchId=${res.body.batchId}`)).body.items.map(
        (i: { id: string }) => i.id,
      );
      const denied = await w.partnerApi
        .post(`/update-batches/${res.body.batchId}/cancel`)
        .expect(403);
      expect(denied.body.message).toMatch(/2 of 2 task\(s\).*forced.*nothing was cancelled/);
      expect(denied.body.details.map((d: { taskId: string }) => d.taskId).sort()).toEqual(
        [...ids].sort(),
      );
      expect(denied.body.details[0]).toMatchObject({ code: 'forced_task' });
      const single = await w.partnerApi.post(`/update-tasks/${ids[0]}/cancel`, {}).expect(403);
      expect(single.body.details[0]).toMatchObject({ taskId: ids[0], code: 'forced_task' });
      const unchanged = await w.partnerApi.get(`/update-batches/${res.body.batchId}`).expect(200);
      expect(unchanged.body.counts).toMatchObject({ scheduled: 2, cancelled: 0 });
      const admin = await t.admin.post(`/update-batches/${res.body.batchId}/cancel`).expect(200);
      expect(admin.body.counts).toMatchObject({ scheduled: 0, cancelled: 2 });
    });
  });
});
