import { Client } from 'pg';
import { lockInOrder } from '../../src/database/lock-order';
import { insertAllThenWake } from '../../src/notifications/outbox-wake';
import { until } from '../scheduler/support';
import { startTestApp, TestApp } from '../support/app';

/**
 * Statements that do two things in one round trip (the dispatcher's claims and completions): the
 * claim lock with the transaction's plan setting, and several outbox inserts with their wake-ups.
 */
describe('statements that do two things at once', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    await t.ds.query(`CREATE TABLE probe_a (v text NOT NULL)`);
    await t.ds.query(`CREATE TABLE probe_b (v int NOT NULL, w text NOT NULL)`);
  });
  afterAll(() => t.close());

  it('the claim lock turns the transaction to generic plans, for that transaction only', async () => {
    const runner = t.ds.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await lockInOrder(runner.manager, { claims: true, genericPlans: true });
      const [{ plan_cache_mode: inside }] = await runner.query('SHOW plan_cache_mode');
      const [{ n: locks }] = await runner.query(
        `SELECT count(*)::int AS n FROM pg_locks
         WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted`,
      );
      await runner.commitTransaction();
      const [{ plan_cache_mode: after }] = await runner.query('SHOW plan_cache_mode');
      expect({ inside, locks, after }).toEqual({
        inside: 'force_generic_plan',
        locks: 1,
        after: 'auto',
      });
    } finally {
      await runner.release();
    }
  });

  it('outbox inserts run as one statement: each with its own parameters, each wakes its senders', async () => {
    const listener = new Client({ connectionString: t.databaseUrl });
    await listener.connect();
    const heard: string[] = [];
    listener.on('notification', (n) => heard.push(n.channel));
    await listener.query('LISTEN probe_a_channel');
    await listener.query('LISTEN probe_b_channel');
    await listener.query('LISTEN probe_c_channel');
    try {
      const counts = await t.ds.transaction((tx) =>
        insertAllThenWake(tx, [
          {
            channel: 'probe_a_channel',
            sql: `INSERT INTO probe_a (v) SELECT $1 || x FROM unnest($2::text[]) AS x RETURNING 1`,
            params: ['a-', ['1', '2']],
            prepare: true,
          },
          {
            channel: 'probe_b_channel',
            sql: `INSERT INTO probe_b (v, w) SELECT $1, $2 RETURNING 1`,
            params: [7, 'b'],
            prepare: true,
          },
          {
            // Writes nothing: its senders are not woken.
            channel: 'probe_c_channel',
            sql: `INSERT INTO probe_a (v) SELECT $1 WHERE false RETURNING 1`,
            params: ['never'],
            prepare: false,
          },
        ]),
      );
      expect(counts).toEqual([2, 1, 0]);
      expect(await t.ds.query(`SELECT v FROM probe_a ORDER BY v`)).toEqual([
        { v: 'a-1' },
        { v: 'a-2' },
      ]);
      expect(await t.ds.query(`SELECT v, w FROM probe_b`)).toEqual([{ v: 7, w: 'b' }]);
      // Delivered at commit: both woken senders' channels, and (a round trip later) no other.
      await until(async () => heard.length >= 2, 'the two notifications');
      await listener.query('SELECT 1');
      expect(heard.sort()).toEqual(['probe_a_channel', 'probe_b_channel']);
    } finally {
      await listener.end();
    }
  });
});
