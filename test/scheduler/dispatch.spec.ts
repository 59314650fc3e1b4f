import { SchedulerRegistry } from '@nestjs/schedule';
import { Dispatcher } from '../../src/scheduler/dispatcher.service';
import { startTestApp, TestApp } from '../support/app';
import { newSchedulingWorld, newTenant } from '../support/factories';
import { finished, schedulerEnv, scheduleNow, stepLog, taskRow } from './support';

type World = Awaited<ReturnType<typeof newSchedulingWorld>>;

/** One service with the dispatcher on and the simulated executor (1 ms steps). */
describe('dispatcher and update steps (simulated executor)', () => {
  let t: TestApp;
  let w: World;
  const tenant = (overrides: Record<string, unknown> = {}) =>
    newTenant(t.admin, w.partner.id, overrides);
  const outbox = (taskId: string) =>
    t.ds.query(
      `SELECT o.event, o.recipient_kind, o.created_at, t.started_at, t.finished_at
       FROM outbox_email o JOIN update_task t ON t.id = o.task_id
       WHERE o.task_id = $1 AND o.event IN ('task.started', 'task.succeeded', 'task.failed')
       ORDER BY o.created_at, o.event DESC, o.recipient_kind`,
      [taskId],
    );

  beforeAll(async () => {
    t = await startTestApp({ env: schedulerEnv() });
    w = await newSchedulingWorld(t.admin, 0);
  });
  afterAll(() => t.close());

  it('runs an immediate update through its steps and installs the target version', async () => {
    const { id: tenantId } = await tenant();
    const [taskId] = await scheduleNow(w.partnerApi, [tenantId], {
      notifyCustomer: true,
      notifyPartner: true,
    });
    const task = await finished(t.ds, taskId);
    expect(task).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      progress_percent: 100,
      error: null,
    });
    expect(task.lease_owner).toBeNull();
    expect(await stepLog(t.ds, taskId)).toEqual([
      'precheck step_started',
      'precheck step_completed',
      'backup step_started',
      'backup step_completed',
      'apply step_started',
      'apply step_completed',
      'reboot step_started',
      'reboot step_completed',
      'verify step_started',
      'verify step_completed',
    ]);
    const after = (await t.admin.get(`/tenants/${tenantId}`).expect(200)).body;
    expect(after).toMatchObject({
      softwareVersion: '2.0.0',
      state: 'active',
      pendingUpdate: false,
    });
    const api = (await t.admin.get(`/update-tasks/${taskId}`).expect(200)).body;
    expect(api).toMatchObject({ status: 'succeeded', progress: { percent: 100 } });
    expect(api.startedAt).not.toBeNull();
    expect(api.finishedAt).not.toBeNull();
  });

  it("stores a run's log lines in chunks, one row per write, and reads them back line by line in order", async () => {
    const { id: tenantId } = await tenant();
    const [taskId] = await scheduleNow(w.partnerApi, [tenantId]);
    expect((await finished(t.ds, taskId)).status).toBe('succeeded');
    const lines: { id: string; kind: string; message: string }[] = await t.ds.query(
      `SELECT id, kind, message FROM task_event WHERE task_id = $1 ORDER BY id`,
      [taskId],
    );
    const [{ chunks }] = await t.ds.query(
      `SELECT count(*)::int AS chunks FROM task_log_chunk WHERE task_id = $1`,
      [taskId],
    );
    // The claim line, a start and an end line for each of the five steps, the last line.
    expect(lines).toHaveLength(12);
    expect(chunks).toBeLessThan(lines.length);
    expect(lines[0].message).toMatch(/^attempt 1 started on /);
    expect(lines.at(-1)).toMatchObject({ kind: 'info' });
    expect(lines.at(-1)?.message).toMatch(/succeeded/);
    // The download is the same lines in the same order.
    const text = (await t.admin.get(`/update-tasks/${taskId}/log`).expect(200)).text;
    const positions = lines.map((l) => text.indexOf(l.message));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('writes the started and succeeded notices in the transactions that change the status', async () => {
    const { id: tenantId } = await tenant();
    const [taskId] = await scheduleNow(w.partnerApi, [tenantId], {
      notifyCustomer: true,
      notifyPartner: true,
    });
    await finished(t.ds, taskId);
    const rows = await outbox(taskId);
    expect(
      rows.map((r: { event: string; recipient_kind: string }) => `${r.event}/${r.recipient_kind}`),
    ).toEqual([
      'task.started/customer',
      'task.started/partner',
      'task.succeeded/customer',
      'task.succeeded/partner',
    ]);
    // now() is the transaction's start time: equal timestamps mean one transaction.
    for (const r of rows.slice(0, 2)) expect(r.created_at).toEqual(r.started_at);
    for (const r of rows.slice(2)) expect(r.created_at).toEqual(r.finished_at);
  });

  it('wakes up on NOTIFY: with the tick stopped an immediate task still starts at once', async () => {
    const registry = t.app.get(SchedulerRegistry);
    const tick = registry.getInterval('scheduler-tick');
    clearInterval(tick);
    try {
      const { id: tenantId } = await tenant();
      const [taskId] = await scheduleNow(w.partnerApi, [tenantId]);
      // Without the tick only NOTIFY can start it (nothing else runs to free a slot): no deadline
      // tighter than the usual one is needed to show that, and a busy machine may be slow.
      expect((await finished(t.ds, taskId)).status).toBe('succeeded');
      const metrics = (await t.anonymous.root('/metrics').expect(200)).text;
      expect(metrics).toMatch(/scheduler_wakeups_total\{reason="notify"\} [1-9]/);
    } finally {
      registry.deleteInterval('scheduler-tick');
      registry.addInterval(
        'scheduler-tick',
        setInterval(() => t.app.get(Dispatcher).wake('tick'), 200),
      );
    }
  });

  it('fails the pre-check of a customized tenant with a clear reason and restores the tenant', async () => {
    const { id: tenantId } = await tenant({ customizations: true });
    const [taskId] = await scheduleNow(w.partnerApi, [tenantId], { notifyCustomer: true });
    const task = await finished(t.ds, taskId);
    expect(task.status).toBe('failed');
    expect(task.error).toMatch(/^precheck failed: the tenant has customizations/);
    expect(await stepLog(t.ds, taskId)).toEqual(['precheck step_started', 'precheck step_failed']);
    const after = (await t.admin.get(`/tenants/${tenantId}`)).body;
    expect(after).toMatchObject({ softwareVersion: '1.0.0', state: 'active' });
    const notices = await outbox(taskId);
    expect(notices.map((n: { event: string }) => n.event)).toEqual(['task.started', 'task.failed']);

    const log = await t.admin.get(`/update-tasks/${taskId}/log`).expect(200);
    expect(log.headers['content-type']).toMatch(/^text\/plain/);
    expect(log.headers['content-disposition']).toContain(`update-task-${taskId}.log`);
    expect(log.text).toContain(`Update task ${taskId}`);
    expect(log.text).toContain('Status:   failed');
    expect(log.text).toMatch(/precheck .*checking that 2\.0\.0 is still allowed/);
    expect(log.text).toMatch(/precheck .*failed after \d+ ms: the tenant has customizations/);
    expect(log.text).toMatch(/failed: precheck failed: .*the tenant is back to active/);
  });

  it('stops at the injected failing step and keeps the error', async () => {
    const { id: tenantId } = await tenant({ simulate: { failStep: 'apply' } });
    const [taskId] = await scheduleNow(w.partnerApi, [tenantId]);
    const task = await finished(t.ds, taskId);
    expect(task.status).toBe('failed');
    expect(task.error).toBe(
      "apply failed: simulated failure at apply (the tenant's simulate.failStep)",
    );
    expect(task.done_steps).toEqual(['precheck', 'backup']);
    expect(task.progress_percent).toBe(40);
    expect((await stepLog(t.ds, taskId)).slice(-2)).toEqual([
      'apply step_started',
      'apply step_failed',
    ]);
    expect((await t.admin.get(`/tenants/${tenantId}`)).body.softwareVersion).toBe('1.0.0');
  });

  it('rolls an HA tenant node by node with failover frozen, and unfreezes it when a node fails', async () => {
    const nodes = [{ name: 'node-a' }, { name: 'node-b' }, { name: 'node-c' }];
    const { id: okTenant } = await tenant({ nodes });
    const { id: badTenant } = await tenant({ nodes, simulate: { failStep: 'apply@node-b' } });
    const [okTask, badTask] = await scheduleNow(w.partnerApi, [okTenant, badTenant]);

    expect((await finished(t.ds, okTask)).status).toBe('succeeded');
    const steps = (await stepLog(t.ds, okTask)).filter((s) => s.endsWith('step_started'));
    expect(steps).toEqual([
      'precheck step_started',
      'freeze_failover step_started',
      'backup(node-a) step_started',
      'apply(node-a) step_started',
      'reboot(node-a) step_started',
      'verify(node-a) step_started',
      'backup(node-b) step_started',
      'apply(node-b) step_started',
      'reboot(node-b) step_started',
      'verify(node-b) step_started',
      'backup(node-c) step_started',
      'apply(node-c) step_started',
      'reboot(node-c) step_started',
      'verify(node-c) step_started',
      'unfreeze_failover step_started',
    ]);

    const bad = await finished(t.ds, badTask);
    expect(bad.status).toBe('failed');
    expect(bad.error).toMatch(/^apply \(node-b\) failed: simulated failure at apply@node-b/);
    expect(await stepLog(t.ds, badTask)).toEqual([
      'precheck step_started',
      'precheck step_completed',
      'freeze_failover step_started',
      'freeze_failover step_completed',
      'backup(node-a) step_started',
      'backup(node-a) step_completed',
      'apply(node-a) step_started',
      'apply(node-a) step_completed',
      'reboot(node-a) step_started',
      'reboot(node-a) step_completed',
      'verify(node-a) step_started',
      'verify(node-a) step_completed',
      'backup(node-b) step_started',
      'backup(node-b) step_completed',
      'apply(node-b) step_started',
      'apply(node-b) step_failed',
      'unfreeze_failover step_started',
      'unfreeze_failover step_completed',
    ]);
    expect(bad.error).toMatch(
      /; node-a had been updated to 2\.0\.0 \(not updated: node-b, node-c\)$/,
    );
    const log = (await t.admin.get(`/update-tasks/${badTask}/log`)).text;
    expect(log).toContain('rollout stopped; nodes left untouched: node-c');
    // node-a runs 2.0.0 already: the tenant is not simply back to active on 1.0.0.
    expect((await t.admin.get(`/tenants/${badTenant}`)).body).toMatchObject({
      state: 'failed',
      softwareVersion: '1.0.0',
    });
  });

  it('retries a failed task as a new run that starts over, with fresh notices', async () => {
    const { id: tenantId } = await tenant({ simulate: { failStep: 'verify' } });
    const [taskId] = await scheduleNow(w.partnerApi, [tenantId], { notifyCustomer: true });
    expect(await finished(t.ds, taskId)).toMatchObject({
      status: 'failed',
      error:
        "verify failed: simulated failure at verify (the tenant's simulate.failStep); the tenant had been updated to 2.0.0",
    });
    // A single node goes back to its previous state (only an HA rollout stopped halfway is marked failed).
    expect((await t.admin.get(`/tenants/${tenantId}`)).body.state).toBe('active');
    await w.partnerApi.patch(`/tenants/${tenantId}`, { simulate: null }).expect(200);

    const retried = await w.partnerApi.post(`/update-tasks/${taskId}/retry`).expect(200);
    expect(retried.body).toMatchObject({ status: 'scheduled', error: null, mode: 'immediate' });
    const task = await finished(t.ds, taskId);
    expect(task).toMatchObject({ status: 'succeeded', attempts: 2, run: 2 });
    expect((await outbox(taskId)).map((n: { event: string }) => n.event)).toEqual([
      'task.started',
      'task.failed',
      'task.started',
      'task.succeeded',
    ]);
    const log = (await t.admin.get(`/update-tasks/${taskId}/log`)).text;
    expect(log).toContain('retry requested by');
    expect((await t.admin.get(`/tenants/${tenantId}`)).body).toMatchObject({
      state: 'active',
      softwareVersion: '2.0.0',
    });
    await w.partnerApi.post(`/update-tasks/${taskId}/retry`).expect(409);
  });

  it('leaves a task alone whose window closed before it could start (expiresAt <= now)', async () => {
    const { id: lateTenant } = await tenant();
    const [late] = await scheduleNow(t.admin, [lateTenant], {
      mode: 'custom',
      runAt: new Date(t.clock.now().getTime() + 86_400_000).toISOString(),
    });
    // Due an hour ago, in a window that closed a minute ago (as if the replicas had been down).
    await t.ds.query(
      `UPDATE update_task SET mode = 'maintenance_window', run_at = $2::timestamptz - interval '1 hour',
         expires_at = $2::timestamptz - interval '1 minute'
       WHERE id = $1`,
      [late, t.clock.now()],
    );
    const { id: nextTenant } = await tenant();
    const [next] = await scheduleNow(t.admin, [nextTenant]);
    expect((await finished(t.ds, next)).status).toBe('succeeded');
    expect((await taskRow(t.ds, late)).status).toBe('scheduled');
  });

  it('is idle in an API-only replica (SCHEDULER_ENABLED=false)', async () => {
    const apiOnly = await startTestApp({
      databaseUrl: t.databaseUrl,
      clock: t.clock,
      env: { DB_POOL_SIZE: '2' },
    });
    try {
      const { id: tenantId } = await newTenant(apiOnly.admin, w.partner.id);
      const [taskId] = await scheduleNow(apiOnly.admin, [tenantId]);
      await finished(t.ds, taskId);
      const [claim] = await t.ds.query(
        `SELECT message FROM task_event WHERE task_id = $1 ORDER BY id LIMIT 1`,
        [taskId],
      );
      expect(claim.message).toBe(`attempt 1 started on ${t.app.get(Dispatcher).leaseOwner}`);
    } finally {
      await apiOnly.close();
    }
  });
});
