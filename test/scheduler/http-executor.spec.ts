import { startTestApp, TestApp } from '../support/app';
import { newPartner, newPlatform, newTenant, newVersion } from '../support/factories';
import { FakeExecutor } from './fake-executor';
import { finished, schedulerEnv, scheduleNow, stepLog, taskRow, until } from './support';

const SECRET = 'executor-secret-for-tests-0123456789';

/** A platform whose executor is the fake deployment API, and a partner on it. */
async function httpWorld(t: TestApp, fake: FakeExecutor) {
  const platform = await newPlatform(t.admin, {
    executor: { driver: 'http', url: fake.url, secret: SECRET },
  });
  await newVersion(t.admin, platform.id, '1.0.0');
  await newVersion(t.admin, platform.id, '2.0.0', 'recommended');
  const partner = await newPartner(t.admin, platform.id);
  return { platform, partner };
}

describe('http executor with callbacks', () => {
  let t: TestApp;
  let fake: FakeExecutor;
  let partnerId: string;

  beforeAll(async () => {
    fake = await new FakeExecutor(SECRET).start();
    t = await startTestApp({ env: schedulerEnv({ EXECUTOR_POLL_MS: '600000' }) });
    // The callback URL is this test app's own address, known once it listens.
    Object.assign(t.config, { executorCallbackUrl: t.admin.baseUrl });
    partnerId = (await httpWorld(t, fake)).partner.id;
  });
  afterAll(async () => {
    await t.close();
    await fake.stop();
  });
  beforeEach(() => {
    fake.onStep = () => ({ body: { status: 'succeeded' } });
    fake.onAbort = () => ({ body: { status: 'cancelled', message: 'stopped and rolled back' } });
  });

  it('sends each step as a signed POST with the task id in the idempotency key', async () => {
    const { id: tenantId } = await newTenant(t.admin, partnerId, { softwareVersion: '2.0.0' });
    const [taskId] = await scheduleNow(t.admin, [tenantId], { redeploy: true });
    expect((await finished(t.ds, taskId)).status).toBe('succeeded');
    const calls = fake.stepCalls(taskId);
    expect(calls.map((c) => c.body.stepKey)).toEqual([
      'precheck',
      'backup',
      'apply',
      'reboot',
      'verify',
    ]);
    for (const c of calls) {
      expect(c.signatureValid).toBe(true);
      expect(c.idempotencyKey).toBe(`${taskId}:1:${c.body.stepKey}`);
      expect(c.body).toMatchObject({
        taskId,
        run: 1,
        attempt: 1,
        tenant: { id: tenantId, nodes: [] },
        fromVersion: '2.0.0',
        targetVersion: '2.0.0',
        redeploy: true,
        callbackUrl: `${t.admin.baseUrl}/api/v1/executor-callbacks/${taskId}`,
      });
      expect(Math.abs(Date.parse(c.body.sentAt) - Date.now())).toBeLessThan(60_000);
      expect(c.raw).not.toContain(SECRET);
    }
    const log = (await t.admin.get(`/update-tasks/${taskId}/log`)).text;
    expect(log).toContain('(redeploy: reinstalling even if present)');
    expect(log).not.toContain(SECRET);
  });

  it('waits for the callback of a running step; refuses bad signatures; tenant writes get 409', async () => {
    fake.onStep = (c) => ({
      status: c.body.step === 'apply' ? 202 : 200,
      body: { status: c.body.step === 'apply' ? 'running' : 'succeeded' },
    });
    const { id: tenantId } = await newTenant(t.admin, partnerId);
    const [taskId] = await scheduleNow(t.admin, [tenantId]);
    const apply = await fake.waitForCall(
      (c) => c.body.taskId === taskId && c.body.step === 'apply',
    );

    await t.admin.patch(`/tenants/${tenantId}`, { name: 'renamed while updating' }).expect(409);
    expect((await t.admin.get(`/tenants/${tenantId}`)).body.state).toBe('updating');
    const running = (await t.admin.get(`/update-tasks/${taskId}`)).body;
    expect(running).toMatchObject({ status: 'running', progress: { step: 'apply', percent: 40 } });
    expect(Date.parse(running.progress.eta)).toBeGreaterThan(Date.now() - 1000);

    expect(
      (
        await fake.callback(
          apply,
          { status: 'succeeded' },
          { secret: 'wrong-secret-0000000000000' },
        )
      ).status,
    ).toBe(401);
    const stale = new Date(Date.now() - 10 * 60_000).toISOString();
    expect((await fake.callback(apply, { status: 'succeeded', sentAt: stale })).status).toBe(401);
    const unknown = '01900000-0000-7000-8000-000000000000';
    expect(
      (
        await fake.callback(
          apply,
          { status: 'succeeded' },
          { pathTaskId: unknown, bodyTaskId: unknown },
        )
      ).status,
    ).toBe(401);
    expect((await taskRow(t.ds, taskId)).status).toBe('running');

    const progress = await fake.callback(apply, {
      status: 'running',
      percent: 40,
      message: 'copying images',
    });
    expect(progress).toEqual({ status: 200, body: { accepted: true } });
    await until(async () => (await taskRow(t.ds, taskId)).progress_percent === 48, 'progress 48%');

    expect((await fake.callback(apply, { status: 'succeeded' })).body).toEqual({ accepted: true });
    expect((await finished(t.ds, taskId)).status).toBe('succeeded');
    expect(fake.stepCalls(taskId).filter((c) => c.body.step === 'apply')).toHaveLength(1); // not polled
    const log = (await t.admin.get(`/update-tasks/${taskId}/log`)).text;
    expect(log).toMatch(/apply +copying images/);
    expect((await t.admin.get(`/tenants/${tenantId}`)).body).toMatchObject({
      state: 'active',
      softwareVersion: '2.0.0',
    });
  });

  it('refuses a signed report replayed to another task of the platform, or one that names no task', async () => {
    fake.onStep = (c) => ({ body: { status: c.body.step === 'apply' ? 'running' : 'succeeded' } });
    const { id: one } = await newTenant(t.admin, partnerId);
    const { id: two } = await newTenant(t.admin, partnerId);
    const [first, second] = await scheduleNow(t.admin, [one, two]);
    const applyFirst = await fake.waitForCall(
      (c) => c.body.taskId === first && c.body.step === 'apply',
    );
    const applySecond = await fake.waitForCall(
      (c) => c.body.taskId === second && c.body.step === 'apply',
    );

    // Same secret (same platform), a valid signature, a fresh date: only the task differs.
    const replayed = await fake.callback(
      applyFirst,
      { status: 'succeeded' },
      { pathTaskId: second },
    );
    expect(replayed.status).toBe(401);
    // The report a reviewer captured: signed, but naming no task at all.
    const unnamed = await fake.callback(
      applyFirst,
      { status: 'succeeded' },
      { pathTaskId: second, bodyTaskId: null },
    );
    expect(unnamed.status).toBe(401);
    expect(
      (await fake.callback(applyFirst, { status: 'succeeded' }, { bodyTaskId: null })).status,
    ).toBe(401);
    const [stored] = await t.ds.query(`SELECT executor_report FROM update_task WHERE id = $1`, [
      second,
    ]);
    expect(stored.executor_report).toBeNull();
    expect((await taskRow(t.ds, second)).status).toBe('running');

    // Each task's own report, naming it, is what counts.
    expect((await fake.callback(applyFirst, { status: 'succeeded' })).body).toEqual({
      accepted: true,
    });
    expect((await finished(t.ds, first)).status).toBe('succeeded');
    expect((await taskRow(t.ds, second)).status).toBe('running');
    expect((await fake.callback(applySecond, { status: 'succeeded' })).body).toEqual({
      accepted: true,
    });
    expect((await finished(t.ds, second)).status).toBe('succeeded');
  });

  it('fails a cancelled HA rollout that had updated a node, marks the tenant failed, and a retry finishes it', async () => {
    fake.onStep = (c) => ({
      body: { status: c.body.stepKey === 'apply@node-b' ? 'running' : 'succeeded' },
    });
    const nodes = [{ name: 'node-a' }, { name: 'node-b' }, { name: 'node-c' }];
    const { id: tenantId } = await newTenant(t.admin, partnerId, { nodes });
    const [taskId] = await scheduleNow(t.admin, [tenantId], { notifyCustomer: true });
    await fake.waitForCall((c) => c.body.taskId === taskId && c.body.stepKey === 'apply@node-b');

    await t.admin.post(`/update-tasks/${taskId}/cancel`, { reason: 'wrong version' }).expect(200);
    // The reply waits up to 5 s for the run to end; on a loaded machine it may come first.
    await finished(t.ds, taskId);
    const error =
      'cancelled: wrong version; node-a had been updated to 2.0.0 (not updated: node-b, node-c)';
    const ended = await t.admin.get(`/update-tasks/${taskId}`).expect(200);
    expect(ended.body).toMatchObject({ status: 'failed', cancelReason: 'wrong version', error });
    expect((await stepLog(t.ds, taskId)).slice(-4)).toEqual([
      'backup(node-b) step_completed',
      'apply(node-b) step_started',
      'unfreeze_failover step_started',
      'unfreeze_failover step_completed',
    ]);
    // node-a runs 2.0.0, node-b and node-c do not: neither "active on 1.0.0" nor "on 2.0.0" is true.
    expect((await t.admin.get(`/tenants/${tenantId}`)).body).toMatchObject({
      state: 'failed',
      softwareVersion: '1.0.0',
    });
    const log = (await t.admin.get(`/update-tasks/${taskId}/log`)).text;
    expect(log).toContain(`failed: ${error}; the tenant is marked failed`);
    const [notice] = await t.ds.query(
      `SELECT reason FROM outbox_email WHERE task_id = $1 AND event = 'task.failed'`,
      [taskId],
    );
    expect(notice.reason).toBe(error);

    // The operator's way out: a retry rolls every node to the target again.
    fake.onStep = () => ({ body: { status: 'succeeded' } });
    await t.admin.post(`/update-tasks/${taskId}/retry`).expect(200);
    expect((await finished(t.ds, taskId)).status).toBe('succeeded');
    expect((await t.admin.get(`/tenants/${tenantId}`)).body).toMatchObject({
      state: 'active',
      softwareVersion: '2.0.0',
    });
  });

  it('a cancel that comes while a failed run unfreezes failover stops nothing: the run ends failed, with its own error', async () => {
    fake.onStep = (c) => ({
      body:
        c.body.stepKey === 'apply@node-a'
          ? { status: 'failed', message: 'disk full' }
          : { status: c.body.step === 'unfreeze_failover' ? 'running' : 'succeeded' },
    });
    const nodes = [{ name: 'node-a' }, { name: 'node-b' }];
    const { id: tenantId } = await newTenant(t.admin, partnerId, { nodes });
    const [taskId] = await scheduleNow(t.admin, [tenantId]);
    const unfreeze = await fake.waitForCall(
      (c) => c.body.taskId === taskId && c.body.step === 'unfreeze_failover',
    );
    // The run is ending (failed): the cancel is recorded, but it must not abort the compensation.
    await t.admin.post(`/update-tasks/${taskId}/cancel`, { reason: 'too late' }).expect(200);
    expect(await fake.callback(unfreeze, { status: 'succeeded' })).toMatchObject({ status: 200 });
    const row = await finished(t.ds, taskId);
    expect(row.status).toBe('failed');
    expect(row.error).toContain('disk full');
    expect(fake.calls.filter((c) => c.body.taskId === taskId && c.body.action === 'abort')).toEqual(
      [],
    );
  });

  it('asks the executor to abort a running task that is cancelled; the answer decides the outcome', async () => {
    fake.onStep = (c) => ({ body: { status: c.body.step === 'apply' ? 'running' : 'succeeded' } });
    const nodes = [{ name: 'a' }, { name: 'b' }];
    const { id: one } = await newTenant(t.admin, partnerId, { nodes });
    const { id: two } = await newTenant(t.admin, partnerId);
    const [cancelled, failed] = await scheduleNow(t.admin, [one, two], { notifyCustomer: true });
    await fake.waitForCall((c) => c.body.taskId === cancelled && c.body.step === 'apply');
    await fake.waitForCall((c) => c.body.taskId === failed && c.body.step === 'apply');

    await t.admin
      .post(`/update-tasks/${cancelled}/cancel`, { reason: 'customer called' })
      .expect(200);
    await finished(t.ds, cancelled); // the reply waits up to 5 s: on a loaded machine it may come first
    const res = await t.admin.get(`/update-tasks/${cancelled}`).expect(200);
    expect(res.body).toMatchObject({ status: 'cancelled', cancelReason: 'customer called' });
    const abort = fake.calls.find((c) => c.body.taskId === cancelled && c.body.action === 'abort');
    expect(abort).toMatchObject({
      path: '/deployments/abort',
      idempotencyKey: `${cancelled}:1:apply@a:abort`,
      signatureValid: true,
    });
    expect((await stepLog(t.ds, cancelled)).slice(-2)).toEqual([
      'unfreeze_failover step_started',
      'unfreeze_failover step_completed',
    ]);
    expect((await t.admin.get(`/tenants/${one}`)).body).toMatchObject({
      state: 'active',
      softwareVersion: '1.0.0',
    });
    const [notice] = await t.ds.query(
      `SELECT reason FROM outbox_email WHERE task_id = $1 AND event = 'task.cancelled'`,
      [cancelled],
    );
    expect(notice.reason).toBe('customer called');
    // The reason given with the request, not one read when the task was claimed (there was none).
    const log = (await t.admin.get(`/update-tasks/${cancelled}/log`)).text.trimEnd().split('\n');
    expect(log.at(-1)).toMatch(/ cancelled: customer called; the tenant is back to active$/);

    fake.onAbort = () => ({
      body: { status: 'failed', message: 'node half-updated, restore from backup' },
    });
    await t.admin.post(`/update-tasks/${failed}/cancel`, {}).expect(200);
    await finished(t.ds, failed);
    const res2 = await t.admin.get(`/update-tasks/${failed}`).expect(200);
    expect(res2.body).toMatchObject({
      status: 'failed',
      error: 'cancel failed: node half-updated, restore from backup',
    });
    await t.admin.post(`/update-tasks/${failed}/cancel`, {}).expect(409);
  });
});

describe('http executor without callbacks (polling), timeouts and transient errors', () => {
  const TIMEOUT_MS = 3000;
  let t: TestApp;
  let fake: FakeExecutor;
  let partnerId: string;

  beforeAll(async () => {
    fake = await new FakeExecutor(SECRET).start();
    t = await startTestApp({
      env: schedulerEnv({
        EXECUTOR_POLL_MS: '30',
        // Every answer must arrive within it even on a busy machine: a step retried because the
        // machine was slow would change the calls these tests count. Only the hang below exceeds it.
        EXECUTOR_TIMEOUT_MS: String(TIMEOUT_MS),
        EXECUTOR_RETRIES: '3',
      }),
    });
    partnerId = (await httpWorld(t, fake)).partner.id;
  });
  afterAll(async () => {
    await t.close();
    await fake.stop();
  });

  it('polls a running step by repeating the same request until it ends', async () => {
    const seen = new Map<string, number>();
    fake.onStep = (c) => {
      const n = (seen.get(c.idempotencyKey) ?? 0) + 1;
      seen.set(c.idempotencyKey, n);
      return {
        body: {
          status: c.body.step === 'apply' && n < 3 ? 'running' : 'succeeded',
          percent: 10 * n,
        },
      };
    };
    const { id: tenantId } = await newTenant(t.admin, partnerId);
    const [taskId] = await scheduleNow(t.admin, [tenantId]);
    expect((await finished(t.ds, taskId)).status).toBe('succeeded');
    const applies = fake.stepCalls(taskId).filter((c) => c.body.step === 'apply');
    expect(applies.map((c) => c.idempotencyKey)).toEqual(Array(3).fill(`${taskId}:1:apply`));
    expect(applies[0].body.callbackUrl).toBeNull();
  });

  it('retries timeouts, connection-level and 5xx errors with backoff', async () => {
    const seen = new Map<string, number>();
    fake.onStep = (c) => {
      const n = (seen.get(c.body.stepKey) ?? 0) + 1;
      seen.set(c.body.stepKey, n);
      if (c.body.step === 'backup' && n <= 2) return { status: 503, body: { message: 'busy' } };
      if (c.body.step === 'apply' && n === 1) return { hangMs: TIMEOUT_MS + 1000 }; // a timeout
      if (c.body.step === 'verify' && n === 1) return { drop: true };
      return { body: { status: 'succeeded' } };
    };
    const { id: tenantId } = await newTenant(t.admin, partnerId);
    const [taskId] = await scheduleNow(t.admin, [tenantId]);
    expect((await finished(t.ds, taskId)).status).toBe('succeeded');
    const keys = fake.stepCalls(taskId).map((c) => c.body.stepKey);
    expect(keys).toEqual([
      'precheck',
      'backup',
      'backup',
      'backup',
      'apply',
      'apply',
      'reboot',
      'verify',
      'verify',
    ]);
  });

  it('fails the step when the executor refuses it or stays unreachable', async () => {
    fake.onStep = (c) =>
      c.body.step === 'verify'
        ? { status: 422, body: { message: 'version not deployable' } }
        : { body: { status: 'succeeded' } };
    const { id: refused } = await newTenant(t.admin, partnerId);
    const [refusedTask] = await scheduleNow(t.admin, [refused]);
    const r = await finished(t.ds, refusedTask);
    expect(r.status).toBe('failed');
    expect(r.error).toBe(
      'verify failed: the executor refused verify: HTTP 422 {"message":"version not deployable"}; the tenant had been updated to 2.0.0',
    );
    // One node: the tenant goes back to its previous state; the error says the apply had run.
    expect((await t.admin.get(`/tenants/${refused}`)).body.state).toBe('active');

    fake.onStep = () => ({ status: 502 });
    const { id: down } = await newTenant(t.admin, partnerId);
    const [downTask] = await scheduleNow(t.admin, [down]);
    const d = await finished(t.ds, downTask);
    expect(d.error).toBe(
      'precheck failed: the executor could not be reached for precheck (4 tries): HTTP 502',
    );
    expect((await t.admin.get(`/tenants/${down}`)).body.state).toBe('active');
  });
  it("keeps the log readable when an executor's message holds a NUL character", async () => {
    fake.onStep = (c) =>
      c.body.step === 'apply'
        ? { body: { status: 'succeeded', message: 'applied\u0000 cleanly' } }
        : { body: { status: 'succeeded' } };
    const { id: tenantId } = await newTenant(t.admin, partnerId);
    const [taskId] = await scheduleNow(t.admin, [tenantId]);
    expect((await finished(t.ds, taskId)).status).toBe('succeeded');
    const log = (await t.admin.get(`/update-tasks/${taskId}/log`).expect(200)).text;
    expect(log).toContain('applied cleanly');
  });
});
