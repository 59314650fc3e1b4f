import type { Client } from 'pg';
import type { Api } from '../support/http';
import { type ServiceGroup, startServiceGroup } from '../support/service-process';
import type { FakeExecutor } from '../scheduler/fake-executor';
import { until } from '../scheduler/support';

const SECRET = 'executor-secret-for-tests-0123456789';
/** Updates each process runs at once. */
const CONCURRENCY = 4;
const PROCESSES = 2;
const SLOTS = CONCURRENCY * PROCESSES;

/**
 * The gates of rollouts with two built service processes (`npm run build:service`) on one
 * database and a deployment API on a real HTTP server (docs/rollouts.md, "The error gate").
 *
 * Every step call can be parked at the executor until the test answers it, so the test decides
 * when each run ends: nothing depends on how fast a process is, only on conditions it waits for.
 */
describe('rollout gates with two service processes', () => {
  let group: ServiceGroup;
  let pg: Client;
  let fake: FakeExecutor;
  let api: Api;
  let platformId: string;
  /** Step calls waiting for an answer, by task. */
  const parked = new Map<string, (status: 'succeeded' | 'failed') => void>();

  const count = (sql: string, params: unknown[] = []) => group.count(sql, params);

  /** Every step call waits until the test answers it (`answer`). */
  function parkEverything(): void {
    fake.onStep = (c) =>
      new Promise((resolve) =>
        parked.set(c.body.taskId, (status) =>
          resolve({ body: { status, message: status === 'failed' ? 'broken build' : 'ok' } }),
        ),
      );
  }

  function answer(taskId: string, status: 'succeeded' | 'failed'): void {
    const reply = parked.get(taskId);
    if (!reply) throw new Error(`no parked call of task ${taskId}`);
    parked.delete(taskId);
    reply(status);
  }

  /** Waits until `n` calls of these tasks are parked (null: of any task); returns their task ids. */
  const untilParked = (n: number, of: Set<string> | null, what: string) =>
    until(async () => {
      const ids = [...parked.keys()].filter((id) => !of || of.has(id));
      return ids.length === n && ids;
    }, what);

  /** A partner with `n` tenants on 1.0.0 on the executor's platform; returns its id. */
  async function partnerWithTenants(n: number): Promise<string> {
    const partner = await api
      .post('/partners', { platformId, name: `p-${Date.now()}-${Math.random()}` })
      .expect(201);
    const tenants = Array.from({ length: n }, (_, i) => ({
      partnerId: partner.body.id,
      name: `t-${i}`,
      softwareVersion: '1.0.0',
    }));
    await api.post('/tenants/bulk', { tenants }).expect(201);
    return partner.body.id;
  }

  const taskIds = async (rolloutId: string) =>
    new Set(
      (
        await pg.query<{ id: string }>(`SELECT id FROM update_task WHERE rollout_id = $1`, [
          rolloutId,
        ])
      ).rows.map((r) => r.id),
    );
  const started = (rolloutId: string) =>
    count(`FROM update_task WHERE rollout_id = $1 AND started_at IS NOT NULL`, [rolloutId]);
  const rollout = async (id: string) => (await api.get(`/rollouts/${id}`).expect(200)).body;

  beforeAll(async () => {
    group = await startServiceGroup({
      processes: PROCESSES,
      secret: SECRET,
      platform: { name: 'rollouts' },
      env: {
        SCHEDULER_ENABLED: 'true',
        SCHEDULER_CONCURRENCY: String(CONCURRENCY),
        SCHEDULER_TICK_MS: '200',
        // Parked calls are answered when the test says, never timed out or retried meanwhile.
        EXECUTOR_TIMEOUT_MS: '120000',
        EXECUTOR_POLL_MS: '200',
        LEASE_SECONDS: '60',
        SHUTDOWN_TIMEOUT_MS: '200',
        DB_POOL_SIZE: '4',
        MAIL_SENDER_ENABLED: 'false',
        LOG_LEVEL: 'warn',
      },
    });
    ({ pg, fake, api, platformId } = group);
  }, 120_000);

  afterAll(async () => {
    for (const reply of parked.values()) reply('failed');
    await group?.close();
  });

  // Each test leaves nothing running: later steps are answered at once, parked ones fail.
  afterEach(async () => {
    fake.onStep = () => ({ body: { status: 'failed', message: 'broken build' } });
    for (const id of [...parked.keys()]) answer(id, 'failed');
    await until(
      async () => (await count(`FROM update_task WHERE status = 'running'`)) === 0,
      'no task running',
    );
  });

  it.each(['pause', 'stop'] as const)(
    'error gate (%s): after the failure that reaches the threshold no further task of the rollout starts on either process',
    async (onError) => {
      parkEverything();
      const partnerId = await partnerWithTenants(40);
      const r = (
        await api
          .post('/rollouts', {
            partnerId,
            targetVersion: '2.0.0',
            mode: 'immediate',
            waves: [{ count: 20 }, { percent: 100 }],
            errorThreshold: { count: 3 },
            onError,
          })
          .expect(201)
      ).body;
      const ids = await taskIds(r.id);
      expect(ids.size).toBe(40);

      // Both processes are full: every slot runs a task of the rollout, waiting in its precheck.
      let running = await untilParked(SLOTS, ids, 'every slot of both processes to run a task');
      const owners = await pg.query<{ owner: string }>(
        `SELECT DISTINCT split_part(lease_owner, ':', 2) AS owner FROM update_task
         WHERE rollout_id = $1 AND status = 'running'`,
        [r.id],
      );
      expect(owners.rows).toHaveLength(PROCESSES);

      // Two failures, below the threshold: each freed slot is filled with the next task.
      for (let i = 0; i < 2; i++) {
        const failing = running[0];
        answer(failing, 'failed');
        await until(
          async () =>
            (await count(`FROM update_task WHERE id = $1 AND status = 'failed'`, [failing])) === 1,
          `failure ${i + 1} to be recorded`,
        );
        running = await untilParked(SLOTS, ids, `the slot of failure ${i + 1} to be filled again`);
      }
      expect(await started(r.id)).toBe(SLOTS + 2);

      // The third failure reaches the threshold. From its commit on, no claim on either process
      // takes a task of the rollout: only the SLOTS - 1 tasks already running may finish.
      answer(running[0], 'failed');
      const tripped = onError === 'pause' ? 'paused' : 'stopped';
      await until(async () => (await rollout(r.id)).state === tripped, `the rollout ${tripped}`);
      const startedAtTrip = await started(r.id);
      expect(startedAtTrip).toBe(SLOTS + 2);
      for (const id of [...parked.keys()]) answer(id, 'failed');
      await until(
        async () =>
          (await count(`FROM update_task WHERE rollout_id = $1 AND status = 'running'`, [r.id])) ===
          0,
        'the runs of the rollout to end',
      );

      // Both processes now have every slot free and claim: tasks of another batch, due later than
      // every task of the rollout. A claim that could still take the rollout's tasks would have
      // taken them first (claims go in run_at order), so once both processes are full of the
      // other batch's tasks, each has claimed past the rollout.
      const other = await partnerWithTenants(SLOTS);
      const batch = await api
        .post('/update-tasks', { partnerId: other, targetVersion: '2.0.0', mode: 'immediate' })
        .expect(201);
      const otherIds = new Set(
        (
          await pg.query<{ id: string }>(`SELECT id FROM update_task WHERE batch_id = $1`, [
            batch.body.batchId,
          ])
        ).rows.map((x) => x.id),
      );
      await untilParked(SLOTS, otherIds, 'both processes to be full of the other batch');
      const otherOwners = await count(
        `FROM (SELECT DISTINCT split_part(lease_owner, ':', 2) FROM update_task
               WHERE batch_id = $1 AND status = 'running') o`,
        [batch.body.batchId],
      );
      expect(otherOwners).toBe(PROCESSES);

      expect(await started(r.id)).toBe(startedAtTrip);
      expect(fake.stepCalls().filter((c) => ids.has(c.body.taskId))).toHaveLength(startedAtTrip);
      // The tasks follow the rollout's state (the gates' job): held again, or cancelled.
      const after = await until(async () => {
        const now = await rollout(r.id);
        return now.counts.scheduled === 0 && now;
      }, 'the scheduled tasks to follow the rollout');
      expect(after.counts).toMatchObject(
        onError === 'pause'
          ? { failed: SLOTS + 2, running: 0, scheduled: 0, held: 40 - SLOTS - 2 }
          : { failed: SLOTS + 2, running: 0, scheduled: 0, held: 0, cancelled: 40 - SLOTS - 2 },
      );
      // The gate tripped once, whichever process recorded the failures.
      expect(
        await count(`FROM audit_log WHERE entity_id = $1 AND action = $2`, [
          r.id,
          `rollout.${onError}`,
        ]),
      ).toBe(1);
    },
    120_000,
  );

  it('opens each wave exactly once while both processes evaluate the gates', async () => {
    fake.onStep = () => ({ body: { status: 'succeeded' } });
    const rollouts: string[] = [];
    for (let i = 0; i < 4; i++) {
      const partnerId = await partnerWithTenants(6);
      const r = await api
        .post('/rollouts', {
          partnerId,
          targetVersion: '2.0.0',
          mode: 'immediate',
          waves: [{ count: 2 }, { count: 2 }, { percent: 100 }],
        })
        .expect(201);
      rollouts.push(r.body.id);
    }
    await until(
      async () =>
        (await count(`FROM rollout WHERE id = ANY($1::uuid[]) AND state = 'succeeded'`, [
          rollouts,
        ])) === rollouts.length,
      'every rollout to succeed',
      60_000,
    );
    const opened = await pg.query<{ rollout: string; wave: number; n: number }>(
      `SELECT entity_id AS rollout, (after->>'wave')::int AS wave, count(*)::int AS n FROM audit_log
       WHERE action = 'rollout.wave_open' AND entity_id = ANY($1::text[])
       GROUP BY 1, 2 ORDER BY 1, 2`,
      [rollouts],
    );
    expect(opened.rows).toEqual(
      [...rollouts].sort().flatMap((rollout) => [
        { rollout, wave: 1, n: 1 },
        { rollout, wave: 2, n: 1 },
      ]),
    );
    // Each held task was moved once, when its wave opened; each rollout ended once.
    expect(
      await count(
        `FROM update_task WHERE rollout_id = ANY($1::uuid[]) AND notice_sequence <> LEAST(wave, 1)`,
        [rollouts],
      ),
    ).toBe(0);
    expect(
      await count(`FROM audit_log WHERE action = 'rollout.succeeded' AND entity_id = ANY($1)`, [
        rollouts,
      ]),
    ).toBe(rollouts.length);
  }, 90_000);
});
