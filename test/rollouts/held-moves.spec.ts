import { SchedulerRegistry } from '@nestjs/schedule';
import { RolloutGates } from '../../src/rollouts/rollout-gates.service';
import { newPartner, newSchedulingWorld } from '../support/factories';
import { calendarOf } from '../notifications/support/ics';
import type { MailTestApp } from '../notifications/support/mail-app';
import { schedulerEnv, until } from '../scheduler/support';
import { heldTasksApp, ics, LINK, PUBLIC_URL } from './support/held-tasks';

/**
 * Held tasks of a rollout (waves not open yet) whose told time a new blackout or platform
 * maintenance covers are moved out of it at once, stay held, and their customers are told — read
 * from a real SMTP server, the calendar feed and the self-service link; a rollout awaiting its
 * confirmation code moves them without telling anybody. A dispatcher runs (simulated executor);
 * the gates are moved by hand on the test clock.
 */
describe("rollouts' held tasks and new blackouts or platform maintenance", () => {
  let t: MailTestApp;
  let gates: RolloutGates;

  const at = (iso: string) => new Date(iso);
  const {
    sink,
    tenantOf,
    taskOf,
    mailsTo,
    feed,
    create,
    saysHeldAt,
    movedMail,
    confirmationWorld,
    codeSentTo,
  } = heldTasksApp(schedulerEnv({ PUBLIC_URL }), (app) => {
    t = app;
    gates = t.app.get(RolloutGates);
    // The gates are moved by hand (advanceAll) on the test clock.
    t.app.get(SchedulerRegistry).deleteInterval('rollout-gates');
  });
  const succeeded = (rolloutId: string, tenantId: string) =>
    until(
      async () => (await taskOf(rolloutId, tenantId)).status === 'succeeded',
      `the task of ${tenantId} to succeed`,
    );

  it('a blackout over a held wave moves its tasks at once: held, customers told, run only when the wave opens', async () => {
    const w = await newSchedulingWorld(t.admin, 0);
    const [a, b] = [await tenantOf(w.partner.id), await tenantOf(w.partner.id)];
    const runAt = at('2027-02-02T10:00:00Z');
    const r = await create(w.partnerApi, {
      partnerId: w.partner.id,
      mode: 'custom',
      runAt: runAt.toISOString(),
    });
    // b's customer was told the time b's task has while its wave is held: the rollout's time.
    const told = await mailsTo(b.customerEmail);
    expect(told).toHaveLength(1);
    expect(calendarOf(told[0].mail)).toMatchObject({ sequence: 0, start: runAt.toISOString() });
    expect(await taskOf(r.id, b.id)).toMatchObject({ status: 'held', runAt, sequence: 0 });

    const endsAt = at('2027-02-02T12:00:00Z');
    const res = await w.partnerApi
      .post(`/tenants/${b.id}/blackouts`, {
        startsAt: '2027-02-02T09:00:00Z',
        endsAt: endsAt.toISOString(),
        reason: 'Stocktaking',
      })
      .expect(201);
    expect(res.body.affected).toEqual({ cancelled: 0, rescheduled: 1 });
    // Moved to the first instant after the blackout (custom mode, as its wave opening would), held.
    const moved = await taskOf(r.id, b.id);
    expect(moved).toMatchObject({ status: 'held', mode: 'custom', runAt: endsAt, sequence: 1 });
    expect(await taskOf(r.id, a.id)).toMatchObject({ status: 'scheduled', runAt, sequence: 0 });

    // The customer is told the new time (the invitation updated), in the customer's language.
    const news = await mailsTo(b.customerEmail, 1);
    expect(news).toHaveLength(1);
    expect(news[0].mail.subject).toContain('moved to');
    expect(calendarOf(news[0].mail)).toMatchObject({
      method: 'REQUEST',
      sequence: 1,
      start: endsAt.toISOString(),
    });
    expect(news[0].mail.text).toContain('Stocktaking');
    // The calendar feed and the self-service page say the same: the new time, held, no postpone.
    await saysHeldAt(b, news[0], endsAt, 1);
    expect(sink.to(a.customerEmail)).toHaveLength(1);

    // Past the blackout and past b's new time: the dispatcher runs a (wave 1) and never claims b,
    // which its wave still holds; b runs once the wave opens.
    t.clock.set('2027-02-02T13:00:00Z');
    await succeeded(r.id, a.id);
    expect((await taskOf(r.id, b.id)).status).toBe('held');
    await gates.advanceAll();
    await succeeded(r.id, b.id);
    expect((await taskOf(r.id, b.id)).runAt).toEqual(t.clock.now());
  });

  it('platform maintenance over a held wave moves its tasks to the first free window after it, whatever its conflict policy', async () => {
    const w = await newSchedulingWorld(t.admin, 0);
    // a: 02:00–06:00 Rome (01:00Z), b: 20:00–24:00 Rome (19:00Z), daily.
    const a = await tenantOf(w.partner.id);
    const b = await tenantOf(w.partner.id, {
      maintenanceWindow: { cron: '0 20 * * *', durationMinutes: 240, timezone: 'Europe/Rome' },
    });
    const r = await create(w.partnerApi, { partnerId: w.partner.id, mode: 'maintenance_window' });
    expect(await taskOf(r.id, a.id)).toMatchObject({
      status: 'scheduled',
      runAt: at('2027-02-02T01:00:00Z'),
    });
    expect(await taskOf(r.id, b.id)).toMatchObject({
      status: 'held',
      runAt: at('2027-02-01T19:00:00Z'),
    });
    expect(await mailsTo(b.customerEmail)).toHaveLength(1);

    const res = await t.admin
      .post(`/platforms/${w.platformId}/maintenance`, {
        startsAt: '2027-02-01T18:00:00Z',
        endsAt: '2027-02-01T23:30:00Z',
        message: 'Database upgrade',
      })
      .expect(201);
    // The default policy cancels the scheduled updates it overlaps (none here); held ones move.
    expect(res.body.affected).toEqual({ cancelled: 0, rescheduled: 1 });
    const next = at('2027-02-02T19:00:00Z');
    expect(await taskOf(r.id, b.id)).toMatchObject({
      status: 'held',
      mode: 'maintenance_window',
      runAt: next,
      sequence: 1,
    });
    const news = (await mailsTo(b.customerEmail, 1)).filter((m) => calendarOf(m.mail));
    expect(news).toHaveLength(1);
    expect(calendarOf(news[0].mail)).toMatchObject({ sequence: 1, start: next.toISOString() });
    expect(news[0].mail.text).toContain('Database upgrade');

    // Wave 1 runs in a's window; the wave opens after it, b runs in its window after the period.
    t.clock.set('2027-02-02T01:00:00Z');
    await succeeded(r.id, a.id);
    expect((await taskOf(r.id, b.id)).status).toBe('held');
    await gates.advanceAll();
    expect(await taskOf(r.id, b.id)).toMatchObject({ status: 'scheduled', runAt: next });
    t.clock.set(next);
    await succeeded(r.id, b.id);
  });

  it('a wave opening tells only the customers whose time changed: a task moved out of a blackout keeps its e-mail, feed SEQUENCE and link', async () => {
    const w = await newSchedulingWorld(t.admin, 0);
    // a (wave 1): 02:00–06:00 Rome (01:00Z); b: 20:00–24:00 Rome (19:00Z); c: 04:00–06:00 Rome
    // (03:00Z); daily.
    const a = await tenantOf(w.partner.id);
    const b = await tenantOf(w.partner.id, {
      maintenanceWindow: { cron: '0 20 * * *', durationMinutes: 240, timezone: 'Europe/Rome' },
    });
    const c = await tenantOf(w.partner.id, {
      maintenanceWindow: { cron: '0 4 * * *', durationMinutes: 120, timezone: 'Europe/Rome' },
    });
    const r = await create(w.partnerApi, { partnerId: w.partner.id, mode: 'maintenance_window' });
    const bAt = at('2027-02-01T19:00:00Z');
    expect(await taskOf(r.id, b.id)).toMatchObject({ status: 'held', runAt: bAt, sequence: 0 });
    expect(await mailsTo(b.customerEmail)).toHaveLength(1);
    expect(await mailsTo(c.customerEmail)).toHaveLength(1);

    // A blackout over c's first window moves c's held task to the next one; c's customer is told.
    await w.partnerApi
      .post(`/tenants/${c.id}/blackouts`, {
        startsAt: '2027-02-02T02:00:00Z',
        endsAt: '2027-02-02T06:00:00Z',
        reason: 'Stocktaking',
      })
      .expect(201);
    const cAt = at('2027-02-03T03:00:00Z');
    expect(await taskOf(r.id, c.id)).toMatchObject({ status: 'held', runAt: cAt, sequence: 1 });
    const moved = await mailsTo(c.customerEmail, 1);
    expect(moved).toHaveLength(1);
    expect(calendarOf(moved[0].mail)).toMatchObject({ sequence: 1, start: cAt.toISOString() });
    const token = LINK.exec(moved[0].mail.text ?? '')?.[1];
    expect(token).toBeDefined();

    // Wave 1 runs in a's window; wave 2 opens at 01:00Z on 2 Feb, after b's told time (19:00Z on
    // 1 Feb) and before c's (still right: its first free window from now).
    t.clock.set('2027-02-02T01:00:00Z');
    await succeeded(r.id, a.id);
    await gates.advanceAll();

    // c keeps its time: scheduled with the same sequence, no second e-mail, nothing to webhooks;
    // the feed still says SEQUENCE 1 and the link of the e-mail c's customer has still acts.
    const cTask = await taskOf(r.id, c.id);
    expect(cTask).toMatchObject({ status: 'scheduled', runAt: cAt, sequence: 1 });
    expect(await mailsTo(c.customerEmail, 2)).toEqual([]);
    const [{ notices }] = await t.ds.query(
      `SELECT (SELECT count(*) FROM outbox_email WHERE task_id = $1)::int AS notices`,
      [cTask.id],
    );
    expect(notices).toBe(2);
    const calendar = await feed(c);
    expect(calendar).toContain(`DTSTART:${ics(cAt)}`);
    expect(calendar).toMatch(/SEQUENCE:1\r?\n/);
    expect((await t.anonymous.get(`/self-service/${token}`).expect(200)).body).toMatchObject({
      runAt: cAt.toISOString(),
      status: 'scheduled',
      canPostpone: true,
    });

    // b's time passed before the wave opened: it moves to its next window and its customer is told.
    const bNext = at('2027-02-02T19:00:00Z');
    expect(await taskOf(r.id, b.id)).toMatchObject({
      status: 'scheduled',
      runAt: bNext,
      sequence: 1,
    });
    await movedMail(b, 1, bNext);
    expect(await feed(b)).toMatch(/SEQUENCE:1\r?\n/);
  });

  /** A platform admin's forced rollout at 10:00 over two tenants of a new partner (b held). */
  const forcedRollout = async () => {
    const w = await newSchedulingWorld(t.admin, 0);
    const partner = await newPartner(t.admin, w.platformId);
    const [a, b] = [await tenantOf(partner.id), await tenantOf(partner.id)];
    const runAt = at('2027-02-02T10:00:00Z');
    const r = await create(t.admin, {
      partnerId: partner.id,
      mode: 'custom',
      runAt: runAt.toISOString(),
      forced: true,
    });
    return { w, partner, a, b, r, runAt };
  };

  it("a platform admin's forced rollout stays inside a blackout, never inside maintenance", async () => {
    const { w, a, b, r, runAt } = await forcedRollout();
    const blackout = await t.admin
      .post(`/tenants/${b.id}/blackouts`, {
        startsAt: '2027-02-02T09:00:00Z',
        endsAt: '2027-02-02T12:00:00Z',
        reason: 'Stocktaking',
      })
      .expect(201);
    expect(blackout.body.affected).toEqual({ cancelled: 0, rescheduled: 0 });
    expect(await taskOf(r.id, b.id)).toMatchObject({ status: 'held', runAt, sequence: 0 });
    const maintenance = await t.admin
      .post(`/platforms/${w.platformId}/maintenance`, {
        startsAt: '2027-02-02T09:30:00Z',
        endsAt: '2027-02-02T10:30:00Z',
        message: 'Database upgrade',
        conflictPolicy: 'reschedule',
      })
      .expect(201);
    // Wave 1's scheduled task moves to a window (as every scheduled task); b past the period.
    expect(maintenance.body.affected).toEqual({ cancelled: 0, rescheduled: 2 });
    expect((await taskOf(r.id, a.id)).status).toBe('scheduled');
    expect(await taskOf(r.id, b.id)).toMatchObject({
      status: 'held',
      runAt: at('2027-02-02T10:30:00Z'),
      sequence: 1,
    });
  });

  it("a platform admin's forced rollout: a new blackout leaves its scheduled and its held tasks inside it alike", async () => {
    const { partner, a, b, r, runAt } = await forcedRollout();
    expect(await taskOf(r.id, a.id)).toMatchObject({ status: 'scheduled', runAt, sequence: 0 });
    expect(await taskOf(r.id, b.id)).toMatchObject({ status: 'held', runAt, sequence: 0 });
    for (const tenant of [a, b]) expect(await mailsTo(tenant.customerEmail)).toHaveLength(1);

    // The forced rule (task-policy.ts): a platform admin's forced custom update runs inside
    // blackouts, whether its wave is open or not; under either conflict policy.
    for (const conflictPolicy of ['reschedule', 'cancel']) {
      const blackout = await t.admin
        .post(`/partners/${partner.id}/blackouts`, {
          startsAt: '2027-02-02T09:00:00Z',
          endsAt: '2027-02-02T12:00:00Z',
          reason: 'Stocktaking',
          conflictPolicy,
        })
        .expect(201);
      expect(blackout.body.affected).toEqual({ cancelled: 0, rescheduled: 0 });
    }
    expect(await taskOf(r.id, a.id)).toMatchObject({
      status: 'scheduled',
      mode: 'custom',
      runAt,
      sequence: 0,
    });
    expect(await taskOf(r.id, b.id)).toMatchObject({
      status: 'held',
      mode: 'custom',
      runAt,
      sequence: 0,
    });
    for (const tenant of [a, b]) expect(await mailsTo(tenant.customerEmail, 1)).toEqual([]);
  });

  it('a rollout awaiting its confirmation code: held tasks move, nobody is told until it is confirmed', async () => {
    const { w, partner, partnerApi, licence } = await confirmationWorld();
    const [a, b] = [await tenantOf(partner.id), await tenantOf(partner.id)];
    const r = await create(
      partnerApi,
      {
        partnerId: partner.id,
        mode: 'custom',
        runAt: '2027-02-02T10:00:00Z',
        notifyPartner: true,
      },
      202,
    );
    expect(r.state).toBe('awaiting_confirmation');

    const blackout = await partnerApi
      .post(`/partners/${partner.id}/blackouts`, {
        startsAt: '2027-02-02T09:00:00Z',
        endsAt: '2027-02-02T12:00:00Z',
        reason: 'Stocktaking',
      })
      .expect(201);
    expect(blackout.body.affected).toEqual({ cancelled: 0, rescheduled: 2 });
    const maintenance = await t.admin
      .post(`/platforms/${w.platformId}/maintenance`, {
        startsAt: '2027-02-02T11:30:00Z',
        endsAt: '2027-02-02T14:00:00Z',
        message: 'Database upgrade',
      })
      .expect(201);
    expect(maintenance.body.affected).toEqual({ cancelled: 0, rescheduled: 2 });
    const moved = at('2027-02-02T14:00:00Z');
    for (const id of [a.id, b.id])
      expect(await taskOf(r.id, id)).toMatchObject({ status: 'held', runAt: moved, sequence: 2 });

    // Nothing about the tasks was written for anybody (customers, partner contacts, digests).
    const taskIds = [(await taskOf(r.id, a.id)).id, (await taskOf(r.id, b.id)).id];
    const [{ emails }] = await t.ds.query(
      `SELECT count(*)::int AS emails FROM outbox_email WHERE task_id = ANY($1::uuid[])`,
      [taskIds],
    );
    expect(emails).toBe(0);
    expect(await mailsTo(a.customerEmail)).toEqual([]);
    expect(sink.to(b.customerEmail)).toEqual([]);
    expect(sink.to(licence)).toHaveLength(1);
    expect(await feed(b)).not.toMatch(/UID:update-/);

    // Confirmed: the customers are told for the first time, the time the tasks have now.
    const code = await codeSentTo(licence);
    await partnerApi.post(`/rollouts/${r.id}/confirm`, { code }).expect(200);
    for (const tenant of [a, b]) {
      const mails = await mailsTo(tenant.customerEmail);
      expect(mails).toHaveLength(1);
      expect(mails[0].mail.subject).not.toContain('moved to');
      expect(calendarOf(mails[0].mail)).toMatchObject({ start: moved.toISOString() });
    }
  });
});
