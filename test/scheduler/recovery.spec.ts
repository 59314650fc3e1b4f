import type { DataSource } from 'typeorm';
import { Dispatcher } from '../../src/scheduler/dispatcher.service';
import { startTestApp, TestApp } from '../support/app';
import { newKey, newPartner, newSchedulingWorld, newTenant } from '../support/factories';
import { finished, schedulerEnv, scheduleNow, stepLog, taskRow, until } from './support';

type World = Awaited<ReturnType<typeof newSchedulingWorld>>;

/** A task scheduled for tomorrow, so that no dispatcher takes it before the test shapes it. */
async function laterTask(t: TestApp, w: World, tenant: Record<string, unknown> = {}) {
  const { id: tenantId } = await newTenant(t.admin, w.partner.id, tenant);
  const runAt = new Date(t.clock.now().getTime() + 86_400_000).toISOString();
  const [taskId] = await scheduleNow(t.admin, [tenantId], {
    mode: 'custom',
    runAt,
    notifyCustomer: true,
  });
  return { tenantId, taskId };
}

/** What a replica that died mid-run leaves behind: running, tenant updating, a lease that lapses. */
async function leftRunning(
  ds: DataSource,
  taskId: string,
  s: { owner: string; leaseSeconds: number; done: string[]; runAttempts: number },
): Promise<void> {
  await ds.query(
    `WITH t AS (
       UPDATE update_task SET status = 'running', lease_owner = $2,
         lease_expires_at = now() + $3 * interval '1 second', attempts = $5, run_attempts = $5,
         done_steps = $4, started_at = now(), tenant_prior_state = 'active', run_at = now()
       WHERE id = $1 RETURNING tenant_id)
     UPDATE tenant SET state = 'updating' FROM t WHERE tenant.id = t.tenant_id`,
    [taskId, s.owner, s.leaseSeconds, s.done, s.runAttempts],
  );
}

const events = (ds: DataSource, taskId: string) =>
  ds
    .query(`SELECT message FROM task_event WHERE task_id = $1 ORDER BY id`, [taskId])
    .then((rows: { message: string }[]) => rows.map((r) => r.message));

const running = async (t: TestApp) =>
  Number(/scheduler_running_tasks (\d+)/.exec((await t.anonymous.root('/metrics')).text)?.[1]);

describe('recovery of tasks whose replica died', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp({ env: schedulerEnv({ MAX_ATTEMPTS: '3' }) });
    w = await newSchedulingWorld(t.admin, 0);
  });
  afterAll(() => t.close());

  it('takes over a task whose lease expired and resumes after its last completed step', async () => {
    const { taskId, tenantId } = await laterTask(t, w);
    await leftRunning(t.ds, taskId, {
      owner: 'dead-replica',
      leaseSeconds: -1,
      done: ['precheck', 'backup'],
      runAttempts: 1,
    });
    const task = await finished(t.ds, taskId);
    expect(task).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(await stepLog(t.ds, taskId)).toEqual([
      'apply step_started',
      'apply step_completed',
      'reboot step_started',
      'reboot step_completed',
      'verify step_started',
      'verify step_completed',
    ]);
    const log = await events(t.ds, taskId);
    expect(log).toContain(
      `attempt 2: resumed on ${t.app.get(Dispatcher).leaseOwner} after the lease of dead-replica expired`,
    );
    expect(log).toContain('completed steps kept: precheck, backup');
    const notices = await t.ds.query(
      `SELECT event FROM outbox_email WHERE task_id = $1 AND event <> 'task.scheduled'`,
      [taskId],
    );
    expect(notices.map((n: { event: string }) => n.event)).toEqual(['task.succeeded']); // no second "started"
    expect((await t.admin.get(`/tenants/${tenantId}`)).body).toMatchObject({
      state: 'active',
      softwareVersion: '2.0.0',
    });
  });

  it('fails a task after MAX_ATTEMPTS interrupted attempts, and unfreezes failover it had frozen', async () => {
    const nodes = [{ name: 'a' }, { name: 'b' }];
    const { taskId, tenantId } = await laterTask(t, w, { nodes });
    await leftRunning(t.ds, taskId, {
      owner: 'dead-replica',
      leaseSeconds: -1,
      done: ['precheck', 'freeze_failover', 'backup@a'],
      runAttempts: 3,
    });
    const task = await finished(t.ds, taskId);
    expect(task.status).toBe('failed');
    expect(task.error).toBe(
      'the update was interrupted 3 time(s) (its replica stopped before it finished) and MAX_ATTEMPTS is 3',
    );
    expect(await stepLog(t.ds, taskId)).toEqual([
      'unfreeze_failover step_started',
      'unfreeze_failover step_completed',
    ]);
    expect((await t.admin.get(`/tenants/${tenantId}`)).body).toMatchObject({
      state: 'active',
      softwareVersion: '1.0.0',
    });
    const [notice] = await t.ds.query(
      `SELECT reason FROM outbox_email WHERE task_id = $1 AND event = 'task.failed'`,
      [taskId],
    );
    expect(notice.reason).toBe(task.error);
  });

  it('lets nobody else take a task while its lease is renewed, and stops a run whose lease was taken', async () => {
    // One task, two dispatchers on one database, a 2 s lease and a 5 s step. The lease is renewed
    // every third of it: a pause of the test process longer than the 1.3 s to spare would let the
    // other dispatcher take the task over (a 1 s lease left a busy machine 0.7 s).
    const env = schedulerEnv({ LEASE_SECONDS: '2', SIMULATED_STEP_DURATIONS: 'apply=5000' });
    const a = await startTestApp({ env });
    const b = await startTestApp({ env, databaseUrl: a.databaseUrl, clock: a.clock });
    try {
      const world = await newSchedulingWorld(a.admin, 0);
      const { id: tenantId } = await newTenant(a.admin, world.partner.id);
      const [taskId] = await scheduleNow(a.admin, [tenantId]);
      await until(
        async () => (await stepLog(a.ds, taskId)).includes('apply step_started'),
        'apply to start',
      );
      const first = (await taskRow(a.ds, taskId)).lease_expires_at as Date;
      const renewed = await until(async () => {
        const row = await taskRow(a.ds, taskId);
        return row.lease_expires_at && row.lease_expires_at > first && row;
      }, 'a renewal');
      expect(renewed.attempts).toBe(1);
      expect((await finished(a.ds, taskId)).attempts).toBe(1); // 5 s on a 2 s lease, never taken over

      // Now the lease of a running task is taken from its runner: the runner stops writing.
      const [second] = await scheduleNow(a.admin, [
        (await newTenant(a.admin, world.partner.id)).id,
      ]);
      await until(
        async () => (await stepLog(a.ds, second)).includes('apply step_started'),
        'apply to start',
      );
      await a.ds.query(
        `UPDATE update_task SET lease_owner = 'thief', lease_expires_at = now() + interval '1 hour' WHERE id = $1`,
        [second],
      );
      await until(async () => (await running(a)) + (await running(b)) === 0, 'the run to stop');
      expect(await stepLog(a.ds, second)).toEqual([
        'precheck step_started',
        'precheck step_completed',
        'backup step_started',
        'backup step_completed',
        'apply step_started',
      ]);
      expect(await taskRow(a.ds, second)).toMatchObject({
        status: 'running',
        lease_owner: 'thief',
      });

      await a.ds.query(
        `UPDATE update_task SET lease_expires_at = now() - interval '1 second' WHERE id = $1`,
        [second],
      );
      expect(await finished(a.ds, second)).toMatchObject({ status: 'succeeded', attempts: 2 });
    } finally {
      await b.close();
      await a.close();
    }
  });

  it('resumes a stuck running task on an admin request, with a fresh attempts budget', async () => {
    const apiOnly = await startTestApp({ env: { MAX_ATTEMPTS: '3' } });
    try {
      const world = await newSchedulingWorld(apiOnly.admin, 0);
      const { taskId } = await laterTask(apiOnly, world);
      await leftRunning(apiOnly.ds, taskId, {
        owner: 'other-replica',
        leaseSeconds: 3600,
        done: ['precheck'],
        runAttempts: 3,
      });
      const busy = await apiOnly.admin.post(`/update-tasks/${taskId}/resume`).expect(409);
      expect(busy.body.message).toMatch(/is being run by other-replica/);
      const partner = apiOnly.admin.as(
        await newKey(apiOnly.admin, 'partner_admin', world.partner.id),
      );
      await partner.post(`/update-tasks/${taskId}/resume`).expect(403);
      // Another partner's admin is not told the task exists (the policy answers 404, not 403).
      const stranger = apiOnly.admin.as(
        await newKey(
          apiOnly.admin,
          'partner_admin',
          (await newPartner(apiOnly.admin, world.platformId)).id,
        ),
      );
      const hidden = await stranger.post(`/update-tasks/${taskId}/resume`).expect(404);
      expect(hidden.body.message).toMatch(/not found/i);

      await apiOnly.ds.query(
        `UPDATE update_task SET lease_expires_at = now() - interval '1 second' WHERE id = $1`,
        [taskId],
      );
      const resumed = await apiOnly.admin.post(`/update-tasks/${taskId}/resume`).expect(200);
      expect(resumed.body.status).toBe('running');

      const worker = await startTestApp({
        env: schedulerEnv({ MAX_ATTEMPTS: '3' }),
        databaseUrl: apiOnly.databaseUrl,
        clock: apiOnly.clock,
      });
      try {
        expect(await finished(worker.ds, taskId)).toMatchObject({
          status: 'succeeded',
          attempts: 4,
        });
        const log = await events(worker.ds, taskId);
        expect(log.some((l) => l.startsWith('resume requested by'))).toBe(true);
        expect(log).toContain(
          `attempt 4: resumed on ${worker.app.get(Dispatcher).leaseOwner} (its lease had been released: a shutdown hand-back or an admin's resume)`,
        );
        expect(await stepLog(worker.ds, taskId)).not.toContain('precheck step_started');
      } finally {
        await worker.close();
      }
    } finally {
      await apiOnly.close();
    }
  });
});
