import type { Client } from 'pg';
import { newKey, newPartner, newSchedulingWorld } from '../support/factories';
import { calendarOf } from '../notifications/support/ics';
import type { MailTestApp } from '../notifications/support/mail-app';
import { blockedBy, sessions } from '../scheduler/support';
import { heldTasksApp, PUBLIC_URL } from './support/held-tasks';

/**
 * A tenant's window change moves its held maintenance-window task (a rollout wave not open yet)
 * into the new window at once, as it moves a scheduled one: it stays held, and whoever was told
 * its time is told the new one (real SMTP server, calendar feed, self-service link); nobody is
 * told when the time stays the same, nor about a rollout awaiting its confirmation code. The
 * same refusals as for a scheduled update apply (a partner admin moving a forced update: 403; a
 * window shorter than the update: 409).
 */
describe("a tenant's window change and its rollout's held task", () => {
  let t: MailTestApp;

  const at = (iso: string) => new Date(iso);
  const {
    sink,
    tenantOf,
    taskOf,
    mailsTo,
    create,
    saysHeldAt,
    movedMail,
    confirmationWorld,
    codeSentTo,
  } = heldTasksApp({ PUBLIC_URL }, (app) => (t = app));
  const { open: session, endAll } = sessions(() => t.databaseUrl);
  afterEach(endAll);
  // b's first window: daily 20:00–24:00 Rome (19:00Z in winter).
  const evenings = { cron: '0 20 * * *', durationMinutes: 240, timezone: 'Europe/Rome' };
  const lateEvenings = { cron: '0 22 * * *', durationMinutes: 120, timezone: 'Europe/Rome' };

  it('moves the held task into the new window at once: held, its customer told; a change that keeps its time tells nobody', async () => {
    const w = await newSchedulingWorld(t.admin, 0);
    const a = await tenantOf(w.partner.id);
    const b = await tenantOf(w.partner.id, { maintenanceWindow: evenings });
    const r = await create(w.partnerApi, { partnerId: w.partner.id, mode: 'maintenance_window' });
    expect((await taskOf(r.id, a.id)).status).toBe('scheduled');
    expect(await taskOf(r.id, b.id)).toMatchObject({
      status: 'held',
      runAt: at('2027-02-01T19:00:00Z'),
      sequence: 0,
    });
    expect(await mailsTo(b.customerEmail)).toHaveLength(1);

    await w.partnerApi.patch(`/tenants/${b.id}`, { maintenanceWindow: lateEvenings }).expect(200);
    // 22:00 Rome today: the time b's task would have if its wave opened now.
    const moved = at('2027-02-01T21:00:00Z');
    expect(await taskOf(r.id, b.id)).toMatchObject({
      status: 'held',
      mode: 'maintenance_window',
      runAt: moved,
      sequence: 1,
    });
    await saysHeldAt(b, await movedMail(b, 1, moved), moved, 1);

    // The same windows written another way: the task keeps its time, nobody is told again.
    await w.partnerApi
      .patch(`/tenants/${b.id}`, { maintenanceWindow: { ...lateEvenings, cron: '0 22 * * 0-6' } })
      .expect(200);
    expect(await taskOf(r.id, b.id)).toMatchObject({ status: 'held', runAt: moved, sequence: 1 });
    expect(await mailsTo(b.customerEmail, 2)).toEqual([]);
    // a's scheduled task and its customer are untouched.
    expect(await taskOf(r.id, a.id)).toMatchObject({ status: 'scheduled', sequence: 0 });
    expect(sink.to(a.customerEmail)).toHaveLength(1);
  });

  it("refuses a partner admin's change that would move a held forced update (403), and a window shorter than it (409)", async () => {
    const w = await newSchedulingWorld(t.admin, 0);
    const partner = await newPartner(t.admin, w.platformId);
    const partnerApi = t.admin.as(await newKey(t.admin, 'partner_admin', partner.id));
    await tenantOf(partner.id);
    const b = await tenantOf(partner.id, { maintenanceWindow: evenings });
    const r = await create(t.admin, {
      partnerId: partner.id,
      mode: 'maintenance_window',
      forced: true,
      expectedDurationMinutes: 150,
    });
    const told = await taskOf(r.id, b.id);
    expect(told).toMatchObject({ status: 'held', runAt: at('2027-02-01T19:00:00Z') });

    const refused = await partnerApi
      .patch(`/tenants/${b.id}`, { maintenanceWindow: { ...lateEvenings, durationMinutes: 180 } })
      .expect(403);
    expect(refused.body.message).toContain(told.id);
    const tooShort = await t.admin
      .patch(`/tenants/${b.id}`, { maintenanceWindow: lateEvenings })
      .expect(409);
    expect(tooShort.body.details[0].field).toBe('maintenanceWindow.durationMinutes');
    // Nothing changed: the window, the task, the e-mails.
    expect((await t.admin.get(`/tenants/${b.id}`).expect(200)).body.maintenanceWindow).toEqual(
      evenings,
    );
    expect(await taskOf(r.id, b.id)).toEqual(told);
    expect(await mailsTo(b.customerEmail)).toHaveLength(1);

    // A platform admin moves it.
    await t.admin
      .patch(`/tenants/${b.id}`, { maintenanceWindow: { ...lateEvenings, durationMinutes: 180 } })
      .expect(200);
    expect(await taskOf(r.id, b.id)).toMatchObject({
      status: 'held',
      runAt: at('2027-02-01T21:00:00Z'),
      sequence: 1,
    });
    expect(await mailsTo(b.customerEmail, 1)).toHaveLength(1);
  });

  /**
   * A rollout awaiting its code, of a partner whose tenant b has the evening window: b is in its
   * second wave (tenants join waves in creation order), so b's task stays held once it is confirmed.
   */
  const awaiting = async () => {
    const { partner, partnerApi, licence } = await confirmationWorld();
    await tenantOf(partner.id);
    const b = await tenantOf(partner.id, { maintenanceWindow: evenings });
    const r = await create(
      partnerApi,
      { partnerId: partner.id, mode: 'maintenance_window', notifyPartner: true },
      202,
    );
    expect(r.state).toBe('awaiting_confirmation');
    expect((await taskOf(r.id, b.id)).status).toBe('held');
    return { r, b, partnerApi, licence };
  };
  /** What was written for the task's customer and partner contacts: `event/kind/sequence`. */
  const noticesOf = async (taskId: string) =>
    (
      (await t.ds.query(
        `SELECT event, recipient_kind, sequence FROM outbox_email WHERE task_id = $1
         ORDER BY sequence, recipient_kind`,
        [taskId],
      )) as { event: string; recipient_kind: string; sequence: number }[]
    ).map((o) => `${o.event}/${o.recipient_kind}/${o.sequence}`);

  it('a rollout awaiting its confirmation code: the held task moves, nobody is told', async () => {
    const { r, b, partnerApi } = await awaiting();
    await partnerApi.patch(`/tenants/${b.id}`, { maintenanceWindow: lateEvenings }).expect(200);
    const task = await taskOf(r.id, b.id);
    expect(task).toMatchObject({ status: 'held', runAt: at('2027-02-01T21:00:00Z') });
    expect(await noticesOf(task.id)).toEqual([]);
    expect(await mailsTo(b.customerEmail)).toEqual([]);
  });

  /**
   * The confirmation of b's rollout (POST /rollouts/{id}/confirm with `code`) is under way when
   * b's window changes: it holds the rollout's row and waits for its confirmation row, which
   * another session holds; a third session holds b's task row (FOR NO KEY UPDATE: the outbox may
   * still reference it). The confirmation is let go first; once it has committed and the change
   * waits for the task's row, what the confirmation wrote is sent (b's customer's first e-mail,
   * with the old time), then the change goes on. Returns the confirmation's status, that first
   * e-mail (if any) and the task.
   */
  const changeDuringConfirmation = async (code: (licence: string) => Promise<string>) => {
    const { r, b, partnerApi, licence } = await awaiting();
    const typed = await code(licence);
    const { id: taskId } = await taskOf(r.id, b.id);
    const pidOf = async (c: Client) =>
      (await c.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
    const confirmationRow = await session();
    const taskRow = await session();
    await confirmationRow.query('BEGIN');
    await confirmationRow.query(
      'SELECT 1 FROM rollout_confirmation WHERE rollout_id = $1 FOR UPDATE',
      [r.id],
    );
    await taskRow.query('BEGIN');
    await taskRow.query('SELECT 1 FROM update_task WHERE id = $1 FOR NO KEY UPDATE', [taskId]);
    const taskRowPid = await pidOf(taskRow);
    const confirming = partnerApi
      .post(`/rollouts/${r.id}/confirm`, { code: typed })
      .then((res) => res.status);
    const confirmationPid = await blockedBy(
      t.ds,
      await pidOf(confirmationRow),
      'the confirmation to lock the rollout and wait for its confirmation row',
    );
    const change = partnerApi
      .patch(`/tenants/${b.id}`, { maintenanceWindow: lateEvenings })
      .then((res) => res.status);
    // Waiting for the confirmation (the rollout's row, as it should), or (without that lock)
    // already for the task's row, having read the rollout as it was before the confirmation.
    await blockedBy(t.ds, [confirmationPid, taskRowPid], 'the window change to wait');
    await confirmationRow.query('COMMIT');
    const confirmed = await confirming;
    await blockedBy(t.ds, taskRowPid, "the window change to wait for the task's row");
    const [first] = await mailsTo(b.customerEmail);
    await taskRow.query('COMMIT');
    expect(await change).toBe(200);
    return { confirmed, first, task: await taskOf(r.id, b.id), b, licence };
  };
  const moved = at('2027-02-01T21:00:00Z');

  it('a confirmation under way that confirms: the window change waits for it, and tells the customer it told the old time of the new one', async () => {
    const { confirmed, first, task, b } = await changeDuringConfirmation(codeSentTo);
    expect(confirmed).toBe(200);
    // The confirmation told b's customer the time the task had then.
    expect(first.mail.subject).not.toContain('moved to');
    expect(calendarOf(first.mail)).toMatchObject({
      sequence: 0,
      start: '2027-02-01T19:00:00.000Z',
    });
    // The move read the rollout as the confirmation left it: whoever was told is told the new time.
    expect(task).toMatchObject({ status: 'held', runAt: moved, sequence: 1 });
    expect(await noticesOf(task.id)).toEqual([
      'task.scheduled/customer/0',
      'task.rescheduled/customer/1',
      'task.rescheduled/partner/1',
    ]);
    await saysHeldAt(b, await movedMail(b, 1, moved), moved, 1);
  });

  it('a confirmation under way that does not confirm (a wrong code): the window change waits for it, and moves the task quietly', async () => {
    const wrong = async (licence: string) => {
      const code = await codeSentTo(licence);
      return (code.startsWith('A') ? 'B' : 'A') + code.slice(1);
    };
    const { confirmed, first, task, b, licence } = await changeDuringConfirmation(wrong);
    expect(confirmed).toBe(422);
    expect(first).toBeUndefined();
    expect(task).toMatchObject({ status: 'held', runAt: moved });
    expect(await noticesOf(task.id)).toEqual([]);
    expect(await mailsTo(b.customerEmail)).toEqual([]);
    // Only the code went out.
    expect(sink.to(licence)).toHaveLength(1);
  });

  it('a rollout just stopped (its tasks are cancelled when it settles): its scheduled and held tasks are neither moved nor told, by a window change or a blackout', async () => {
    const w = await newSchedulingWorld(t.admin, 0);
    const a = await tenantOf(w.partner.id, { maintenanceWindow: evenings });
    const b = await tenantOf(w.partner.id, { maintenanceWindow: evenings });
    const r = await create(w.partnerApi, { partnerId: w.partner.id, mode: 'maintenance_window' });
    const before = await taskOf(r.id, b.id);
    expect(before).toMatchObject({ status: 'held', runAt: at('2027-02-01T19:00:00Z') });
    const scheduledBefore = await taskOf(r.id, a.id);
    expect(scheduledBefore).toMatchObject({ status: 'scheduled' });
    for (const tenant of [a, b]) expect(await mailsTo(tenant.customerEmail)).toHaveLength(1);
    // As the error gate leaves it (RolloutGates.stopIn): stopped and over, its tasks not yet
    // cancelled (the next settle of the gates does that).
    await t.ds.query(
      `UPDATE rollout SET state = 'stopped', paused_reason = 'error gate', finished_at = now()
       WHERE id = $1`,
      [r.id],
    );

    for (const tenant of [a, b]) {
      await w.partnerApi
        .patch(`/tenants/${tenant.id}`, { maintenanceWindow: lateEvenings })
        .expect(200);
    }
    const blackout = await w.partnerApi
      .post(`/partners/${w.partner.id}/blackouts`, {
        startsAt: '2027-02-01T12:00:00Z',
        endsAt: '2027-02-03T12:00:00Z',
        reason: 'Stocktaking',
      })
      .expect(201);
    expect(blackout.body.affected).toEqual({ cancelled: 0, rescheduled: 0 });
    expect(await taskOf(r.id, b.id)).toEqual(before);
    expect(await taskOf(r.id, a.id)).toEqual(scheduledBefore);
    for (const tenant of [a, b]) expect(await mailsTo(tenant.customerEmail, 1)).toEqual([]);
  });
});
