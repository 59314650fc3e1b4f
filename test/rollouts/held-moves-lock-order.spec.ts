import { UpdateTasksRepository } from '../../src/updates/update-tasks.repository';
import { startTestApp, TestApp } from '../support/app';
import { newSchedulingWorld } from '../support/factories';
import { blockedBy, sessions } from '../scheduler/support';

/**
 * A new blackout or platform maintenance locks the scheduled tasks it moves and the held tasks of
 * rollouts it moves in one pass, in id order (src/database/lock-order.ts): two passes (scheduled,
 * then held) could deadlock with a rollout's stop, cancel or expiry, which locks a rollout's held
 * and scheduled tasks together. Shown directly, as test/scheduler/write-lock-order.spec.ts does:
 * the tasks' statuses alternate in id order (held, scheduled, held, …); while another transaction
 * holds the third (held) task, the creating transaction has locked exactly the two below it and
 * waits, none above it (two passes would have locked every scheduled one first).
 */
describe('a new blocking period locks scheduled and held tasks in one pass, in id order', () => {
  let t: TestApp;
  const { open: client, endAll } = sessions(() => t.databaseUrl);

  beforeAll(async () => {
    t = await startTestApp();
  });
  beforeEach(() => t.clock.set('2027-02-01T08:00:00Z'));
  afterAll(async () => {
    await endAll();
    await t.close();
  });

  /** Six tasks of one rollout at 10:00Z on 2 Feb, held and scheduled alternating in id order. */
  async function alternating(): Promise<{ w: Awaited<ReturnType<typeof world>>; ids: string[] }> {
    const w = await world();
    const r = (
      await w.partnerApi
        .post('/rollouts', {
          partnerId: w.partner.id,
          targetVersion: '2.0.0',
          mode: 'custom',
          runAt: '2027-02-02T10:00:00Z',
          waves: [{ count: 1 }, { percent: 100 }],
        })
        .expect(201)
    ).body as { id: string };
    rolloutId = r.id;
    const ids = (
      (await t.ds.query(`SELECT id FROM update_task WHERE rollout_id = $1 ORDER BY id`, [
        r.id,
      ])) as { id: string }[]
    ).map((row) => row.id);
    expect(ids).toHaveLength(6);
    await t.ds.query(
      `UPDATE update_task SET status = CASE WHEN id = ANY($1::uuid[]) THEN 'held' ELSE 'scheduled' END
       WHERE rollout_id = $2`,
      [ids.filter((_, i) => i % 2 === 0), r.id],
    );
    return { w, ids };
  }
  const world = () => newSchedulingWorld(t.admin, 6);
  let rolloutId = '';

  async function expectOnePass(
    ids: string[],
    create: () => Promise<unknown>,
    held = 2,
  ): Promise<void> {
    const holder = await client();
    await holder.query('BEGIN');
    await holder.query('SELECT id FROM update_task WHERE id = $1 FOR NO KEY UPDATE', [ids[held]]);
    const [{ pid: holderPid }] = (await holder.query('SELECT pg_backend_pid() AS pid')).rows;
    const pending = create();
    try {
      await blockedBy(t.ds, holderPid, 'the period to wait for the third task');
      const probe = await client();
      const locked = async (id: string) =>
        probe.query('SELECT id FROM update_task WHERE id = $1 FOR NO KEY UPDATE NOWAIT', [id]).then(
          () => false,
          (e: { code?: string }) => {
            if (e.code !== '55P03') throw e;
            return true;
          },
        );
      const states = [];
      for (const id of ids) states.push(id === ids[held] ? 'holder' : await locked(id));
      // Held, scheduled below the holder: locked; scheduled and held above it: not yet.
      expect(states).toEqual(ids.map((_, i) => (i === held ? 'holder' : i < held)));
    } finally {
      await holder.query('ROLLBACK');
      await pending;
    }
  }

  it('a partner blackout', async () => {
    const { w, ids } = await alternating();
    await expectOnePass(ids, async () => {
      const res = await w.partnerApi
        .post(`/partners/${w.partner.id}/blackouts`, {
          startsAt: '2027-02-02T09:00:00Z',
          endsAt: '2027-02-02T12:00:00Z',
          reason: 'Stocktaking',
          conflictPolicy: 'reschedule',
        })
        .expect(201);
      expect(res.body.affected.rescheduled).toBe(6);
    });
  });

  it('platform maintenance', async () => {
    const { w, ids } = await alternating();
    await expectOnePass(ids, async () => {
      const res = await t.admin
        .post(`/platforms/${w.platformId}/maintenance`, {
          startsAt: '2027-02-02T09:00:00Z',
          endsAt: '2027-02-02T12:00:00Z',
          message: 'Database upgrade',
          conflictPolicy: 'reschedule',
        })
        .expect(201);
      expect(res.body.affected.rescheduled).toBe(6);
    });
  });

  it("a stopped or cancelled rollout's held and scheduled tasks are cancelled in id order, whatever the plan", async () => {
    const { ids } = await alternating();
    // The task with the lowest id is written again: its row version is now the last one of the
    // table, so a table scan of the batch meets every other task before it.
    await t.ds.query(`UPDATE update_task SET updated_at = updated_at WHERE id = $1`, [ids[0]]);
    const [{ batchId }] = await t.ds.query(
      `SELECT batch_id AS "batchId" FROM rollout WHERE id = $1`,
      [rolloutId],
    );
    const tasks = t.app.get(UpdateTasksRepository);
    await expectOnePass(
      ids,
      () =>
        t.ds.transaction(async (tx) => {
          // A table scan (as PostgreSQL may choose for a batch that is much of the table).
          await tx.query('SET LOCAL enable_indexscan = off');
          await tx.query('SET LOCAL enable_bitmapscan = off');
          return tasks.cancelScheduled(tx, { batchId, partnerId: null }, 'rollout stopped');
        }),
      0,
    );
    const [{ n }] = await t.ds.query(
      `SELECT count(*)::int AS n FROM update_task WHERE id = ANY($1::uuid[]) AND status = 'cancelled'`,
      [ids],
    );
    expect(n).toBe(6);
  });
});
