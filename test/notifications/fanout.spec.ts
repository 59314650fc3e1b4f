import { Client } from 'pg';
import { FanoutRepository } from '../../src/notifications/fanout.repository';
import { expandCustomerNotices } from '../support/app';
import { newPartner, newWorld } from '../support/factories';
import { MailTestApp, startMailApp } from './support/mail-app';
import { SmtpSink } from './support/smtp-sink';

/**
 * The customers of a batch are one fan-out row, expanded by the sender into a notice per customer.
 * Exactly once: every customer of a task that is waiting to start gets one "scheduled" notice,
 * whatever fails or runs at the same time; a customer is told of a later change of its task only if
 * it was told of the task.
 */
describe('customer notices of a batch, expanded by the sender', () => {
  const sink = new SmtpSink();
  let t: MailTestApp;
  let partnerId: string;
  let fanout: FanoutRepository;

  /** A batch of `count` new tenants with customer notices; returns its id and its task ids. */
  const batch = async (count: number) => {
    const res = await t.admin
      .post('/tenants/bulk', {
        tenants: Array.from({ length: count }, (_, i) => ({
          partnerId,
          name: `fan-${Date.now()}-${Math.random()}-${i}`,
          softwareVersion: '1.0.0',
          customerEmail: `c${i}-${Math.random().toString(36).slice(2)}@fan.example`,
        })),
      })
      .expect(201);
    const scheduled = await t.admin
      .post('/update-tasks', {
        tenantIds: res.body.ids,
        targetVersion: '2.0.0',
        mode: 'custom',
        runAt: '2027-08-01T20:00:00Z',
        notifyCustomer: true,
      })
      .expect(201);
    const batchId = scheduled.body.batchId as string;
    const tasks: { id: string }[] = await t.ds.query(
      `SELECT id FROM update_task WHERE batch_id = $1 ORDER BY id`,
      [batchId],
    );
    return { batchId, taskIds: tasks.map((r) => r.id) };
  };
  /** The customer notices of each task of the batch: event names, oldest first. */
  const customerNotices = async (batchId: string) => {
    const rows: { task_id: string; events: string[] }[] = await t.ds.query(
      `SELECT t.id AS task_id,
              COALESCE(array_agg(o.event ORDER BY o.id) FILTER (WHERE o.id IS NOT NULL), '{}') AS events
       FROM update_task t
       LEFT JOIN outbox_email o ON o.task_id = t.id AND o.recipient_kind = 'customer'
       WHERE t.batch_id = $1 GROUP BY t.id`,
      [batchId],
    );
    return new Map(rows.map((r) => [r.task_id, r.events]));
  };
  const fanoutOf = async (batchId: string) =>
    (
      await t.ds.query(
        `SELECT status, expanded, expanded_through FROM outbox_fanout WHERE batch_id = $1`,
        [batchId],
      )
    )[0];

  beforeAll(async () => {
    await sink.start();
    t = await startMailApp(sink);
    t.clock.set('2027-07-01T08:00:00Z');
    partnerId = (await newPartner(t.admin, (await newWorld(t.admin)).platform.id, {})).id;
    fanout = t.app.get(FanoutRepository);
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });
  beforeEach(() => sink.clear());

  it('expands in steps, each committed with its position, and sends every customer one e-mail', async () => {
    const { batchId, taskIds } = await batch(25);
    const now = t.clock.now();
    const first = await fanout.expandNext(now, 10);
    expect(first).toEqual({ batchId, tasks: 10, written: 10, done: false });
    expect(await fanoutOf(batchId)).toEqual({
      status: 'pending',
      expanded: 10,
      expanded_through: taskIds[9],
    });
    expect(await fanout.expandNext(now, 10)).toMatchObject({ tasks: 10, written: 10, done: false });
    expect(await fanout.expandNext(now, 10)).toMatchObject({ tasks: 5, written: 5, done: true });
    expect(await fanout.expandNext(now, 10)).toEqual({
      batchId: null,
      tasks: 0,
      written: 0,
      done: true,
    });
    expect(await fanoutOf(batchId)).toMatchObject({ status: 'done', expanded: 25 });
    expect(await t.sender.drain()).toBe(25);
    const recipients = sink.received.map((r) => r.to);
    expect(recipients).toHaveLength(25);
    expect(new Set(recipients).size).toBe(25);
  });

  it('the sender expands on its own, and a new batch goes out without any other step', async () => {
    await batch(7);
    expect(await t.sender.drain()).toBe(7);
    expect(sink.received).toHaveLength(7);
  });

  it('a step that fails writes nothing and moves nothing: done again, each customer is written once', async () => {
    const { batchId } = await batch(12);
    // Make the step's last statement (the position) fail, as a crash before COMMIT would.
    await t.ds.query(`
      CREATE FUNCTION refuse_fanout() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'the database went away'; END $$`);
    await t.ds.query(
      `CREATE TRIGGER refuse BEFORE UPDATE ON outbox_fanout FOR EACH ROW EXECUTE FUNCTION refuse_fanout()`,
    );
    try {
      await expect(fanout.expandNext(t.clock.now(), 5)).rejects.toThrow(/went away/);
      expect((await customerNotices(batchId)).size).toBe(12);
      expect([...(await customerNotices(batchId)).values()].flat()).toEqual([]);
      expect(await fanoutOf(batchId)).toMatchObject({ status: 'pending', expanded: 0 });
    } finally {
      await t.ds.query(`DROP TRIGGER refuse ON outbox_fanout`);
      await t.ds.query(`DROP FUNCTION refuse_fanout()`);
    }
    await expandCustomerNotices(t);
    const notices = await customerNotices(batchId);
    expect([...notices.values()]).toEqual(Array.from({ length: 12 }, () => ['task.scheduled']));
  });

  it('two senders expanding at once take turns: no customer is written twice', async () => {
    const { batchId } = await batch(60);
    const second = await startMailApp(sink, {}, { databaseUrl: t.databaseUrl, clock: t.clock });
    try {
      const other = second.app.get(FanoutRepository);
      // Each sender steps until the batch is done. A step that finds the row locked by the other
      // does nothing, so how many steps each one takes depends on timing; what must not depend on
      // it is that every task is read by exactly one step.
      let tasksRead = 0;
      const run = async (repo: FanoutRepository) => {
        for (let i = 0; i < 10_000; i++) {
          const step = await repo.expandNext(t.clock.now(), 3);
          if (step.batchId === batchId) tasksRead += step.tasks;
          if ((await fanoutOf(batchId))?.status === 'done') return;
        }
        throw new Error('the fan-out never finished');
      };
      await Promise.all([run(fanout), run(other)]);
      expect(tasksRead).toBe(60);
    } finally {
      await second.close();
    }
    const notices = await customerNotices(batchId);
    expect([...notices.values()]).toEqual(Array.from({ length: 60 }, () => ['task.scheduled']));
    expect(await fanoutOf(batchId)).toMatchObject({ status: 'done', expanded: 60 });
  });

  it('cancels and moves during the expansion: a customer hears of a change only if told of the task, and hears of it then', async () => {
    const { batchId, taskIds } = await batch(150);
    // Every third task is cancelled, every fifth moved, one request each, while steps of 3 tasks
    // are expanded at the same time.
    const changes = taskIds.flatMap((id, i) => {
      if (i % 3 === 0) return [() => t.admin.post(`/update-tasks/${id}/cancel`, {}).expect(200)];
      if (i % 5 === 0)
        return [
          () =>
            t.admin
              .post(`/update-tasks/${id}/reschedule`, {
                mode: 'custom',
                runAt: '2027-08-02T20:00:00Z',
              })
              .expect(200),
        ];
      return [];
    });
    const expanding = (async () => {
      for (let i = 0; i < 80; i++) await fanout.expandNext(t.clock.now(), 3);
    })();
    await Promise.all([expanding, ...changes.map((change) => change())]);
    await expandCustomerNotices(t);

    const notices = await customerNotices(batchId);
    taskIds.forEach((id, i) => {
      const events = notices.get(id);
      if (i % 3 === 0) {
        // Told of the task and of its cancel, or of neither.
        expect([[], ['task.scheduled', 'task.cancelled']]).toContainEqual(events);
      } else if (i % 5 === 0) {
        // Told of the task at its new time, or at its old time and then of the move.
        expect([['task.scheduled'], ['task.scheduled', 'task.rescheduled']]).toContainEqual(events);
      } else {
        expect(events).toEqual(['task.scheduled']);
      }
    });
    // A customer told only after the move is told of the task as it is then.
    const late: { sequence: number }[] = await t.ds.query(
      `SELECT o.sequence FROM outbox_email o JOIN update_task t ON t.id = o.task_id
       WHERE t.batch_id = $1 AND o.event = 'task.scheduled' AND t.notice_sequence = 1
         AND NOT EXISTS (SELECT 1 FROM outbox_email r WHERE r.task_id = t.id AND r.event = 'task.rescheduled')`,
      [batchId],
    );
    for (const row of late) expect(row.sequence).toBe(1);
  });

  it('a cancel that comes while a step is writing its customers waits for it, then tells the customer it told', async () => {
    const { batchId, taskIds } = await batch(2);
    // A barrier inside the expansion step: its insert waits for a lock this test holds.
    const barrier = new Client({ connectionString: t.databaseUrl });
    await barrier.connect();
    await barrier.query('SELECT pg_advisory_lock(4242)');
    await t.ds.query(`
      CREATE FUNCTION hold_expansion() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_advisory_xact_lock_shared(4242); RETURN NEW; END $$`);
    await t.ds.query(
      `CREATE TRIGGER hold BEFORE INSERT ON outbox_email FOR EACH ROW
       WHEN (NEW.event = 'task.scheduled' AND NEW.recipient_kind = 'customer')
       EXECUTE FUNCTION hold_expansion()`,
    );
    let settled = false;
    const waiting = async (...events: string[]) => {
      while (!settled) {
        const rows = await barrier.query(
          `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event = ANY($1)`,
          [events],
        );
        if (rows.rowCount) return;
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    try {
      // The step has read the tasks (both waiting to start) and waits at the barrier.
      const expanding = fanout.expandNext(t.clock.now(), 10);
      await waiting('advisory');
      // The cancel changes the task, then waits for the step before writing its notices.
      const cancelling = (async () =>
        t.admin.post(`/update-tasks/${taskIds[0]}/cancel`, {}).expect(200))().finally(
        () => (settled = true),
      );
      await waiting('transactionid', 'tuple');
      await barrier.query('SELECT pg_advisory_unlock(4242)');
      expect(await expanding).toMatchObject({ written: 2 });
      await cancelling;
    } finally {
      await t.ds.query(`DROP TRIGGER hold ON outbox_email`);
      await t.ds.query(`DROP FUNCTION hold_expansion()`);
      await barrier.end();
    }
    const notices = await customerNotices(batchId);
    expect(notices.get(taskIds[0])).toEqual(['task.scheduled', 'task.cancelled']);
    expect(notices.get(taskIds[1])).toEqual(['task.scheduled']);
  });

  it('skips the customers of tasks that started or ended before they were expanded', async () => {
    const { batchId, taskIds } = await batch(3);
    await t.ds.query(`UPDATE update_task SET status = 'running' WHERE id = $1`, [taskIds[0]]);
    await t.ds.query(`UPDATE update_task SET status = 'succeeded' WHERE id = $1`, [taskIds[1]]);
    await expandCustomerNotices(t);
    const notices = await customerNotices(batchId);
    expect(taskIds.map((id) => notices.get(id))).toEqual([[], [], ['task.scheduled']]);
  });
});
