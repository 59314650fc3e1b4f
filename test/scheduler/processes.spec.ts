import type { Client } from 'pg';
import type { Api } from '../support/http';
import {
  type ServiceGroup,
  type ServiceProcess,
  startServiceGroup,
} from '../support/service-process';
import type { Call, FakeExecutor } from './fake-executor';
import { until } from './support';

const SECRET = 'executor-secret-for-tests-0123456789';
/**
 * The platform's steps: the proofs are about leases and idempotency keys, not about which steps
 * run, and without the default reboot they make a fifth fewer executor calls.
 */
const STEPS = ['precheck', 'backup', 'apply', 'verify'];
/** Updates each process runs at once. */
const CONCURRENCY = 20;
const STEP_MS = 15;

/**
 * The proofs with real processes: three built services (`npm run build`) on one database, running
 * their updates against a deployment API that counts every execution of every step.
 */
describe('three service processes on one database', () => {
  let group: ServiceGroup;
  let pg: Client;
  let fake: FakeExecutor;
  let api: Api;
  let platformId: string;
  let services: ServiceProcess[];
  const count = (sql: string, params: unknown[] = []) => group.count(sql, params);

  /** A partner with `n` tenants on 1.0.0, all scheduled now for 2.0.0; returns the batch id. */
  async function scheduleBatch(n: number): Promise<string> {
    const partner = await api
      .post('/partners', { platformId, name: `p-${Date.now()}` })
      .expect(201);
    const tenants = Array.from({ length: n }, (_, i) => ({
      partnerId: partner.body.id,
      name: `t-${i}`,
      softwareVersion: '1.0.0',
    }));
    await api.post('/tenants/bulk', { tenants }).expect(201);
    const res = await api
      .post('/update-tasks', {
        partnerId: partner.body.id,
        targetVersion: '2.0.0',
        mode: 'immediate',
      })
      .expect(201);
    expect(res.body.created).toBe(n);
    return res.body.batchId;
  }

  const done = (batchId: string) =>
    count(`FROM update_task WHERE batch_id = $1 AND status = 'succeeded'`, [batchId]);

  /** Running tasks whose lease this process holds (lease owners are `host:pid:random`). */
  const leasedBy = (pid: number) =>
    count(`FROM update_task WHERE status = 'running' AND lease_owner LIKE $1`, [`%:${pid}:%`]);

  /**
   * From now on every apply step waits at the executor until released, so that no run can finish
   * meanwhile: the leases a process holds stay held, and it claims until it holds CONCURRENCY.
   * Calls are answered (and their answeredAt set) at once on release, before any replica can
   * start the same step again. Returns the release.
   */
  function holdApplySteps(): () => void {
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    fake.onStep = async (c) => {
      if (c.body.step === 'apply') await released;
      return { delayMs: STEP_MS, body: { status: 'succeeded' } };
    };
    return () => {
      release();
      fake.onStep = () => ({ delayMs: STEP_MS, body: { status: 'succeeded' } });
    };
  }

  /**
   * Waits until the process holds a full load of runs, each waiting at the executor in its apply
   * step (backup completed and written); returns how many it holds.
   */
  async function untilParkedAtApply(pid: number): Promise<number> {
    return until(
      async () => {
        const { rows } = await pg.query<{ id: string; backed_up: boolean }>(
          `SELECT id, 'backup' = ANY(done_steps) AS backed_up FROM update_task
           WHERE status = 'running' AND lease_owner LIKE $1`,
          [`%:${pid}:%`],
        );
        const waiting = new Set(
          fake.calls
            .filter((c) => c.body.step === 'apply' && c.answeredAt === undefined)
            .map((c) => c.body.taskId),
        );
        const parked = rows.every((r) => r.backed_up && waiting.has(r.id));
        return rows.length >= CONCURRENCY && parked && rows.length;
      },
      `process ${pid} to hold ${CONCURRENCY} runs waiting in apply`,
      30_000,
    );
  }

  /** Executions at the executor, per task: none may overlap another of the same task. */
  function checkExecutions(taskIds: string[]): { executions: number; repeated: number } {
    const byTask = new Map<string, Call[]>();
    for (const c of fake.stepCalls()) {
      const list = byTask.get(c.body.taskId) ?? [];
      list.push(c);
      byTask.set(c.body.taskId, list);
    }
    let executions = 0;
    let repeated = 0;
    for (const id of taskIds) {
      const calls = (byTask.get(id) ?? []).sort((x, y) => x.receivedAt - y.receivedAt);
      executions += calls.length;
      for (let i = 1; i < calls.length; i++) {
        const previousEnd = calls[i - 1].answeredAt ?? Infinity;
        if (calls[i].receivedAt < previousEnd)
          throw new Error(
            `task ${id}: two executions at once (${calls[i - 1].body.stepKey}, ${calls[i].body.stepKey})`,
          );
      }
      const keys = new Set(calls.map((c) => c.body.stepKey));
      for (const step of STEPS)
        if (!keys.has(step)) throw new Error(`task ${id}: ${step} was never executed`);
      repeated += calls.length - keys.size;
    }
    return { executions, repeated };
  }

  beforeAll(async () => {
    group = await startServiceGroup({
      processes: 3,
      secret: SECRET,
      platform: { name: 'proof', updateSteps: STEPS },
      env: {
        SCHEDULER_ENABLED: 'true',
        SCHEDULER_CONCURRENCY: String(CONCURRENCY),
        SCHEDULER_TICK_MS: '200',
        // Renewed every 5 s: a process or a pool that stalls under load for less than 10 s keeps
        // its leases. With 6 s (renewed every 2 s), the suite running three files at once on two
        // cores stalled a process long enough to hand a run to another one, and the proofs counted
        // two executions at once that the kill did not cause (with 3 s, 2 s of stall did so).
        LEASE_SECONDS: '15',
        SHUTDOWN_TIMEOUT_MS: '400',
        EXECUTOR_POLL_MS: '200',
        // Held apply steps are answered when the test releases them, not retried meanwhile.
        EXECUTOR_TIMEOUT_MS: '60000',
        DB_POOL_SIZE: '4',
        MAIL_SENDER_ENABLED: 'false',
        LOG_LEVEL: 'warn',
      },
    });
    ({ pg, fake, api, platformId, services } = group);
    fake.onStep = () => ({ delayMs: STEP_MS, body: { status: 'succeeded' } });
  }, 120_000);

  afterAll(() => group?.close());

  it('runs 2,000 immediate tasks, survives a SIGKILL mid-run, and runs none twice at once nor loses one', async () => {
    const batchId = await scheduleBatch(2000);
    await until(async () => (await done(batchId)) >= 300, '300 tasks done', 60_000);
    // Killed at a random moment the victim may hold nothing: its runs move in step and often end
    // together, and it holds no lease until its next claim commits. Kill it mid-apply instead.
    const release = holdApplySteps();
    const victim = services[1];
    const pid = victim.child.pid as number;
    await untilParkedAtApply(pid);
    victim.child.kill('SIGKILL');
    await victim.exited;
    // What it held when it died stays as it was until the leases expire (15 s).
    const held = await leasedBy(pid);
    release();
    await group.start(1);
    await until(async () => (await done(batchId)) === 2000, 'all 2,000 tasks to succeed', 120_000);

    const ids = (
      await pg.query<{ id: string }>(`SELECT id FROM update_task WHERE batch_id = $1`, [batchId])
    ).rows.map((r) => r.id);
    const { executions, repeated } = checkExecutions(ids);
    const recovered = await count(
      `FROM task_event e JOIN update_task t ON t.id = e.task_id WHERE t.batch_id = $1 AND e.message LIKE $2`,
      [batchId, `%after the lease of %:${pid}:% expired`],
    );
    process.stderr.write(
      `[proof] SIGKILL pid ${pid} holding ${held} leases; ${recovered} tasks recovered by the others; ` +
        `${executions} step executions for 2,000 tasks (${repeated} repeated after the kill), none overlapping\n`,
    );
    expect(held).toBeGreaterThanOrEqual(CONCURRENCY);
    expect(recovered).toBe(held);
    expect(repeated).toBe(held); // the apply each was killed in, sent again with the same key
    expect(
      await count(
        `FROM tenant t JOIN update_task u ON u.tenant_id = t.id WHERE u.batch_id = $1 AND t.software_version = '2.0.0' AND t.state = 'active'`,
        [batchId],
      ),
    ).toBe(2000);
  }, 180_000);

  it('reconnects after pg_terminate_backend cut every connection mid-run, and finishes', async () => {
    const batchId = await scheduleBatch(500);
    await until(async () => (await done(batchId)) >= 100, '100 tasks done', 60_000);
    const cut = await pg.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    expect(cut.rowCount).toBeGreaterThanOrEqual(6); // pools and listeners of three processes
    await until(async () => (await done(batchId)) === 500, 'all 500 tasks to succeed', 60_000);
    for (const s of services) expect(s.child.exitCode).toBeNull();
    for (const s of services)
      expect(s.output).toMatch(/the LISTEN connection was lost; reconnecting/);
    await until(
      async () =>
        (await count(
          `FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'tenant-update-scheduler:listener'`,
        )) === 3,
      'three listeners connected again',
    );
    const ids = (
      await pg.query<{ id: string }>(`SELECT id FROM update_task WHERE batch_id = $1`, [batchId])
    ).rows.map((r) => r.id);
    checkExecutions(ids);
  }, 120_000);

  it('on SIGTERM drains, hands its leases back, exits 0, and leaves no task running without a lease', async () => {
    // Every run waits in apply: none can finish within the 400 ms drain, so what the leaving
    // process holds is exactly what it hands back.
    const release = holdApplySteps();
    const batchId = await scheduleBatch(300);
    const leaving = services[0];
    const pid = leaving.child.pid as number;
    const held = await untilParkedAtApply(pid);
    // The others are full too: nobody can take what it hands back before the release below.
    for (const other of services.slice(1)) await untilParkedAtApply(other.child.pid as number);
    expect(await leaving.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(await count(`FROM update_task WHERE lease_owner LIKE $1`, [`%:${pid}:%`])).toBe(0);
    const handedBack = await count(`FROM task_event WHERE message LIKE $1`, [
      `%:${pid}:% is shutting down and handed the task back (another replica resumes it from its last completed step)`,
    ]);
    expect(handedBack).toBe(held);
    expect(
      await count(
        `FROM update_task WHERE batch_id = $1 AND status = 'running' AND lease_owner IS NULL AND 'backup' = ANY(done_steps)`,
        [batchId],
      ),
    ).toBe(held);

    // The others take them over as soon as they have room (theirs wait in apply too until now).
    release();
    await until(
      async () =>
        (await count(
          `FROM update_task WHERE status = 'running' AND (lease_owner IS NULL OR lease_expires_at < now())`,
        )) === 0,
      'no running task without a lease',
      10_000,
    );
    await until(async () => (await done(batchId)) === 300, 'all 300 tasks to succeed', 60_000);
    const ids = (
      await pg.query<{ id: string }>(`SELECT id FROM update_task WHERE batch_id = $1`, [batchId])
    ).rows.map((r) => r.id);
    checkExecutions(ids);
    const resumed = await count(
      `FROM task_event e JOIN update_task t ON t.id = e.task_id WHERE t.batch_id = $1 AND e.message LIKE '%its lease had been released%'`,
      [batchId],
    );
    process.stderr.write(
      `[proof] SIGTERM pid ${pid} holding ${held} leases; ${handedBack} handed back, ${resumed} resumed by the others\n`,
    );
    expect(resumed).toBe(held);
  }, 120_000);
});
