import { ClaimsRepository } from '../../src/scheduler/claims.repository';
import { RunWritesRepository } from '../../src/scheduler/run-writes.repository';
import { startTestApp, TestApp } from '../support/app';
import { newSchedulingWorld } from '../support/factories';
import { blockedBy, scheduleNow, sessions } from './support';

const OWNER = 'process-under-test';

/**
 * The statements that write several running tasks at once lock them in id order, so two of them
 * can never wait for each other (progress writes once deadlocked with lease renewals under load).
 * Shown directly: while another transaction holds the task with the highest id, a write of all
 * tasks (given in reverse) has already locked every other one and waits only for that one.
 */
describe('writes of running tasks lock them in id order', () => {
  let t: TestApp;
  let ids: string[];
  const { open: client, endAll } = sessions(() => t.databaseUrl);

  beforeAll(async () => {
    t = await startTestApp();
    const w = await newSchedulingWorld(t.admin, 6);
    ids = (await scheduleNow(w.partnerApi, w.tenantIds)).sort();
    await t.ds.query(
      `UPDATE update_task SET status = 'running', lease_owner = $2, run = 1, attempts = 1,
              lease_expires_at = now() + interval '1 hour', started_at = now()
        WHERE id = ANY($1::uuid[])`,
      [ids, OWNER],
    );
  });
  afterAll(async () => {
    await endAll();
    await t.close();
  });

  async function expectOrdered(write: (reversed: string[]) => Promise<unknown>): Promise<void> {
    const holder = await client();
    await holder.query('BEGIN');
    await holder.query('SELECT id FROM update_task WHERE id = $1 FOR NO KEY UPDATE', [ids.at(-1)]);
    const [{ pid: holderPid }] = (await holder.query('SELECT pg_backend_pid() AS pid')).rows;
    const pending = write([...ids].reverse());
    try {
      await blockedBy(t.ds, holderPid, 'the write to wait for the highest id');
      const probe = await client();
      for (const id of ids.slice(0, -1)) {
        // Autocommit: each probe is its own statement, taken and given back at once if free.
        await expect(
          probe.query('SELECT id FROM update_task WHERE id = $1 FOR NO KEY UPDATE NOWAIT', [id]),
        ).rejects.toMatchObject({ code: '55P03' });
      }
    } finally {
      await holder.query('ROLLBACK');
      await pending;
    }
  }

  it('progress of several runs', async () => {
    const repo = t.app.get(RunWritesRepository);
    await expectOrdered((reversed) =>
      repo.journal(
        t.ds.manager,
        OWNER,
        reversed.map((taskId) => ({ taskId, step: 'apply', percent: 50, done: [] })),
        [],
      ),
    );
    const rows = await t.ds.query(`SELECT progress_percent FROM update_task WHERE id = ANY($1)`, [
      ids,
    ]);
    expect(rows.map((r: { progress_percent: number }) => r.progress_percent)).toEqual(
      Array(6).fill(50),
    );
  });

  it('lease renewals', async () => {
    const claims = t.app.get(ClaimsRepository);
    await expectOrdered((reversed) => claims.renew(OWNER, reversed, 60));
  });

  it('progress and completions in one transaction', async () => {
    const repo = t.app.get(RunWritesRepository);
    await expectOrdered((reversed) =>
      t.ds.transaction(async (tx) => {
        const [first, ...rest] = reversed;
        await repo.lockOwnRunning(tx, OWNER, reversed);
        await repo.journal(tx, OWNER, [{ taskId: first, percent: 90, done: [] }], []);
        await repo.complete(
          tx,
          OWNER,
          rest.map((taskId) => ({
            taskId,
            status: 'succeeded' as const,
            error: null,
            message: 'done',
            attempt: 1,
            tenantFailed: false,
            done: [],
          })),
        );
      }),
    );
    const statuses = await t.ds.query(`SELECT status FROM update_task WHERE id = ANY($1)`, [ids]);
    expect(statuses.filter((r: { status: string }) => r.status === 'succeeded')).toHaveLength(5);
  });
  it('writes no log line for a run whose lease another process took while the write waited', async () => {
    const repo = t.app.get(RunWritesRepository);
    const [taskId] = ids;
    await t.ds.query(
      `UPDATE update_task SET status = 'running', lease_owner = $2,
              lease_expires_at = now() + interval '1 hour' WHERE id = $1`,
      [taskId, OWNER],
    );
    // Another process takes the lease (its claim of a lapsed lease) and commits while the write waits.
    const other = await client();
    await other.query('BEGIN');
    await other.query(`UPDATE update_task SET lease_owner = 'another-process' WHERE id = $1`, [
      taskId,
    ]);
    const [{ pid }] = (await other.query('SELECT pg_backend_pid() AS pid')).rows;
    const writing = repo.journal(
      t.ds.manager,
      OWNER,
      [{ taskId, percent: 20, done: [] }],
      [
        {
          task_id: taskId,
          attempt: 1,
          lines: [{ at: new Date().toISOString(), kind: 'info', message: 'late' }],
        },
      ],
    );
    await blockedBy(t.ds, pid, 'the write to wait for the other process');
    await other.query('COMMIT');
    expect((await writing).size).toBe(0);
    const late = await t.ds.query(
      `SELECT message FROM task_event WHERE task_id = $1 AND message = 'late'`,
      [taskId],
    );
    expect(late).toEqual([]);
  });
});
