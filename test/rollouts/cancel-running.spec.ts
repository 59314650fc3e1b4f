import { SchedulerRegistry } from '@nestjs/schedule';
import { RolloutGates } from '../../src/rollouts/rollout-gates.service';
import { expandCustomerNotices, startTestApp, TestApp } from '../support/app';
import { newPartner, newPlatform, newTenant, newVersion } from '../support/factories';
import { FakeExecutor } from '../scheduler/fake-executor';
import { finished, schedulerEnv, scheduleNow, until } from '../scheduler/support';

const SECRET = 'executor-secret-for-tests-0123456789';

type Rollout = {
  id: string;
  state: string;
  pausedReason: string | null;
  counts: Record<string, number>;
};

/**
 * `POST /rollouts/{id}/cancel` on a running rollout (docs/rollouts.md, "States and actions": held
 * and scheduled tasks are cancelled and their recipients told; running tasks finish). The executor
 * is a deployment API on a real HTTP server that parks every step call until the test answers it,
 * so the test decides which tasks are running when it cancels.
 */
describe('cancelling a running rollout', () => {
  let t: TestApp;
  let fake: FakeExecutor;
  let platformId: string;
  /** Step calls waiting for an answer, by task. */
  const parked = new Map<string, () => void>();

  const get = async (id: string): Promise<Rollout> =>
    (await t.admin.get(`/rollouts/${id}`).expect(200)).body;
  const rows = <T>(sql: string, params: unknown[]) => t.ds.query(sql, params) as Promise<T[]>;

  beforeAll(async () => {
    fake = await new FakeExecutor(SECRET).start();
    t = await startTestApp({
      env: schedulerEnv({
        EXECUTOR_POLL_MS: '600000',
        WEBHOOK_ALLOW_PRIVATE: 'true',
        WEBHOOK_SENDER_ENABLED: 'false',
      }),
    });
    Object.assign(t.config, { executorCallbackUrl: t.admin.baseUrl });
    // The gates are driven by hand, so nothing moves between a wait and its assertion.
    t.app.get(SchedulerRegistry).deleteInterval('rollout-gates');
    const platform = await newPlatform(t.admin, {
      executor: { driver: 'http', url: fake.url, secret: SECRET },
    });
    platformId = platform.id;
    await newVersion(t.admin, platformId, '1.0.0');
    await newVersion(t.admin, platformId, '2.0.0', 'recommended');
  });
  afterAll(async () => {
    for (const reply of parked.values()) reply();
    await t.close();
    await fake.stop();
  });

  it('cancels the held and scheduled tasks, telling their customers; the running ones finish', async () => {
    const partner = await newPartner(t.admin, platformId);
    const tenantIds: string[] = [];
    for (let i = 0; i < 5; i++)
      tenantIds.push(
        (
          await newTenant(t.admin, partner.id, {
            softwareVersion: '1.0.0',
            customerEmail: `customer-${i}@tenant.example`,
          })
        ).id,
      );
    // The first step of every task is parked until the test answers it.
    fake.onStep = (c) =>
      c.body.stepKey === 'precheck'
        ? new Promise((resolve) =>
            parked.set(c.body.taskId, () => resolve({ body: { status: 'succeeded' } })),
          )
        : { body: { status: 'succeeded' } };
    const hook = await t.admin
      .post('/webhooks', {
        url: 'http://127.0.0.1:9/hooks',
        events: ['rollout.completed', 'task.cancelled'],
        partnerId: partner.id,
      })
      .expect(201);
    // Wave 1: three tasks, two at a time (two run, one stays scheduled); wave 2: two held.
    const r: Rollout = (
      await t.admin
        .post('/rollouts', {
          partnerId: partner.id,
          targetVersion: '2.0.0',
          mode: 'immediate',
          waves: [{ count: 3 }, { percent: 100 }],
          maxConcurrency: { count: 2 },
          notifyCustomer: true,
        })
        .expect(201)
    ).body;
    const running = await until(
      async () => parked.size === 2 && new Set(parked.keys()),
      'two tasks of the rollout to run',
    );
    // The customers of the tasks not started yet are told of them (the batch's fan-out row,
    // expanded as the sender does).
    expect(await expandCustomerNotices(t)).toBe(3);
    await t.app.get(RolloutGates).advanceAll(); // a started task makes the rollout running
    const before = await get(r.id);
    expect(before).toMatchObject({
      state: 'running',
      counts: { running: 2, scheduled: 1, held: 2, cancelled: 0 },
    });

    const cancelled = await t.admin.post(`/rollouts/${r.id}/cancel`).expect(200);
    expect(cancelled.body).toMatchObject({
      state: 'cancelled',
      counts: { running: 2, scheduled: 0, held: 0, cancelled: 3 },
    });
    expect(cancelled.body.pausedReason).toMatch(/^the rollout was cancelled by /);

    const tasks = await rows<{ id: string; status: string; tenant_id: string }>(
      `SELECT id, status, tenant_id FROM update_task WHERE rollout_id = $1 ORDER BY id`,
      [r.id],
    );
    const notStarted = tasks
      .filter((x) => !running.has(x.id))
      .map((x) => x.id)
      .sort();
    expect(notStarted).toHaveLength(3);
    for (const x of tasks) expect(x.status).toBe(running.has(x.id) ? 'running' : 'cancelled');
    // Every customer of a cancelled task is told (each was told of its task when it was created);
    // the customers of the running tasks are not.
    const told = await rows<{ task_id: string; recipient: string }>(
      `SELECT task_id, recipient FROM outbox_email
        WHERE task_id = ANY($1::uuid[]) AND event = 'task.cancelled' AND recipient_kind = 'customer'
        ORDER BY task_id`,
      [tasks.map((x) => x.id)],
    );
    expect(told.map((m) => m.task_id).sort()).toEqual(notStarted);
    for (const m of told) expect(m.recipient).toMatch(/^customer-\d@tenant\.example$/);
    const hooks = await rows<{ event: string; task_id: string | null }>(
      `SELECT event, payload->'data'->>'taskId' AS task_id FROM webhook_delivery
        WHERE endpoint_id = $1 ORDER BY id`,
      [hook.body.id],
    );
    expect(
      hooks
        .filter((h) => h.event === 'task.cancelled')
        .map((h) => h.task_id)
        .sort(),
    ).toEqual(notStarted);
    expect(hooks.filter((h) => h.event === 'rollout.completed')).toHaveLength(1);

    // The running tasks finish; nothing of the rollout starts after the cancel.
    fake.onStep = () => ({ body: { status: 'succeeded' } });
    for (const reply of parked.values()) reply();
    parked.clear();
    for (const id of running) expect((await finished(t.ds, id)).status).toBe('succeeded');
    // A task scheduled after the cancel runs to its end: the dispatcher went on claiming work.
    const sentinel = await newTenant(t.admin, partner.id, { softwareVersion: '1.0.0' });
    const [sentinelTask] = await scheduleNow(t.admin, [sentinel.id]);
    expect((await finished(t.ds, sentinelTask)).status).toBe('succeeded');
    await t.app.get(RolloutGates).advanceAll();
    const after = await get(r.id);
    expect(after).toMatchObject({
      state: 'cancelled',
      counts: { running: 0, scheduled: 0, held: 0, succeeded: 2, cancelled: 3 },
    });
    const started = await rows<{ id: string }>(
      `SELECT id FROM update_task WHERE rollout_id = $1 AND started_at IS NOT NULL`,
      [r.id],
    );
    expect(new Set(started.map((x) => x.id))).toEqual(running);
    const called = new Set(
      fake.calls.map((c) => c.body.taskId).filter((id) => id !== sentinelTask),
    );
    expect(called).toEqual(running);
    const mails = await rows<{ event: string; state: string }>(
      `SELECT event, payload->>'state' AS state FROM outbox_email
        WHERE partner_id = $1 AND event LIKE 'rollout.%' ORDER BY id`,
      [partner.id],
    );
    expect(mails.map((m) => m.event)).toEqual(['rollout.completed']);
    const audit = await rows<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`,
      [r.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['rollout.create', 'rollout.cancel']);
  });
});
