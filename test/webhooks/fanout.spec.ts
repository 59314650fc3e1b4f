import { startTestApp, TestApp } from '../support/app';
import { newKey, newPartner, newTenant, newWorld } from '../support/factories';
import type { Api } from '../support/http';
import { Transactions } from '../../src/database/transactions';
import { WebhookOutboxRepository } from '../../src/notifications/webhook-outbox.repository';
import { WebhookSender } from '../../src/webhooks/webhook-sender';
import { type ReceivedWebhook, Receivers, verifyBySpec } from '../support/webhook-receivers';

/**
 * A new batch's `task.scheduled` deliveries are ONE fan-out row per endpoint, expanded after the
 * commit (webhook-outbox.repository.ts, migration 1796021000001): each event arrives once with the
 * body of the task as the batch committed it, in order with the task's later events, and only to
 * the endpoints of its partner.
 */
describe('webhooks: the deliveries of a batch, fanned out', () => {
  let t: TestApp;
  let sender: WebhookSender;
  let platformId: string;
  let partnerA: { id: string };
  let partnerApi: Api;
  let partnerBApi: Api;
  let partnerB: { id: string };
  const receivers = new Receivers();
  const hooks: string[] = [];

  const register = async (api: Api, url: string, events: string[]) => {
    const hook = (await api.post('/webhooks', { url, events }).expect(201)).body as {
      id: string;
      secret: string;
    };
    hooks.push(hook.id);
    return hook;
  };
  const tenants = async (partnerId: string, n: number) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push((await newTenant(t.admin, partnerId)).id);
    return ids;
  };
  const scheduleAll = async (tenantIds: string[]) =>
    (
      await t.admin
        .post('/update-tasks', {
          tenantIds,
          targetVersion: '2.0.0',
          mode: 'custom',
          runAt: '2027-04-01T10:00:00Z',
        })
        .expect(201)
    ).body as { batchId: string };
  const tasksOf = async (batchId: string) =>
    (await t.ds.query(
      `SELECT t.id, t.tenant_id, t.partner_id, tn.name FROM update_task t
       JOIN tenant tn ON tn.id = t.tenant_id WHERE t.batch_id = $1 ORDER BY t.id`,
      [batchId],
    )) as { id: string; tenant_id: string; partner_id: string; name: string }[];
  const deliveriesOf = async (endpointId: string) =>
    (
      await t.ds.query(`SELECT count(*)::int AS n FROM webhook_delivery WHERE endpoint_id = $1`, [
        endpointId,
      ])
    )[0].n as number;
  const taskIds = (received: ReceivedWebhook[]) =>
    received.map((r) => r.json.data.taskId as string).sort();

  beforeAll(async () => {
    t = await startTestApp({
      env: { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_SENDER_ENABLED: 'false' },
    });
    t.clock.set('2027-03-20T10:00:00Z');
    sender = t.app.get(WebhookSender);
    const world = await newWorld(t.admin);
    platformId = world.platform.id;
    partnerA = world.partner;
    partnerApi = world.partnerApi;
    partnerB = await newPartner(t.admin, platformId);
    partnerBApi = t.admin.as(await newKey(t.admin, 'partner_admin', partnerB.id));
  });
  afterEach(async () => {
    // Each case has its own endpoints: none of them receives the next case's batch.
    for (const id of hooks.splice(0)) await t.admin.delete(`/webhooks/${id}`).expect(204);
  });
  afterAll(async () => {
    await t.close();
    await receivers.stopAll();
  });

  it('writes one row per endpoint in the request; after expansion every event arrives once, signed, with its body, to its partner only', async () => {
    const a = await receivers.start();
    const b = await receivers.start();
    const all = await receivers.start();
    const hookA = await register(partnerApi, a.url, ['task.scheduled']);
    const hookB = await register(partnerBApi, b.url, ['task.scheduled']);
    const hookAll = await register(t.admin, all.url, ['task.scheduled']);
    const silent = await receivers.start();
    await register(t.admin, silent.url, ['task.cancelled']);
    const tenantsA = await tenants(partnerA.id, 12);
    const tenantsB = await tenants(partnerB.id, 3);

    const { batchId } = await scheduleAll([...tenantsA, ...tenantsB]);
    const rows = await t.ds.query(
      `SELECT endpoint_id FROM webhook_fanout WHERE batch_id = $1 ORDER BY endpoint_id`,
      [batchId],
    );
    expect(rows.map((r: { endpoint_id: string }) => r.endpoint_id)).toEqual(
      [hookA.id, hookB.id, hookAll.id].sort(),
    );
    expect(await deliveriesOf(hookAll.id)).toBe(0); // nothing per task in the request

    await sender.drain();

    const tasks = await tasksOf(batchId);
    const ofA = tasks.filter((x) => x.partner_id === partnerA.id);
    const ofB = tasks.filter((x) => x.partner_id === partnerB.id);
    expect(taskIds(a.received)).toEqual(ofA.map((x) => x.id));
    expect(taskIds(b.received)).toEqual(ofB.map((x) => x.id));
    expect(taskIds(all.received)).toEqual(tasks.map((x) => x.id));
    expect(silent.received).toHaveLength(0);
    expect(new Set(all.received.map((r) => r.id)).size).toBe(tasks.length);
    for (const r of a.received) expect(verifyBySpec(hookA.secret, r)).toBe(true);
    for (const r of all.received) expect(verifyBySpec(hookAll.secret, r)).toBe(true);

    // The body is the task's (as a per-task delivery writes it), checked against the API's view.
    const first = all.received.find((r) => r.json.data.taskId === ofB[0].id) as ReceivedWebhook;
    const task = (await t.admin.get(`/update-tasks/${ofB[0].id}`).expect(200)).body;
    expect(first.json).toEqual({
      type: 'task.scheduled',
      timestamp: '2027-03-20T10:00:00.000Z',
      version: 1,
      data: {
        taskId: task.id,
        batchId,
        tenantId: ofB[0].tenant_id,
        tenantName: ofB[0].name,
        partnerId: partnerB.id,
        platformId,
        status: 'scheduled',
        fromVersion: '1.0.0',
        targetVersion: '2.0.0',
        mode: 'custom',
        forced: false,
        runAt: '2027-04-01T10:00:00.000Z',
        expiresAt: task.expiresAt === null ? null : new Date(task.expiresAt).toISOString(),
        attempts: 0,
        sequence: (
          await t.ds.query(`SELECT notice_sequence FROM update_task WHERE id = $1`, [task.id])
        )[0].notice_sequence,
        reason: null,
      },
    });

    // The delivery log shows them as ordinary deliveries, and redeliver works on them.
    const log = (await partnerApi.get(`/webhooks/${hookA.id}/deliveries`).expect(200)).body;
    expect(log.items).toHaveLength(ofA.length);
    expect(log.items[0]).toMatchObject({ event: 'task.scheduled', status: 'succeeded' });
    await partnerApi
      .post(`/webhooks/${hookA.id}/deliveries/${log.items[0].id}/redeliver`)
      .expect(202);
    await sender.drain();
    expect(a.received).toHaveLength(ofA.length + 1);
    expect(a.received.at(-1)?.id).toBe(log.items[0].messageId);
    const [fanout] = await t.ds.query(
      `SELECT status FROM webhook_fanout WHERE batch_id = $1 AND endpoint_id = $2`,
      [batchId, hookAll.id],
    );
    expect(fanout.status).toBe('done');
  });

  it('two senders expanding at once, and an expansion repeated after a crash: no event doubled, none missing', async () => {
    const r = await receivers.start();
    const hook = await register(t.admin, r.url, ['task.scheduled']);
    const { batchId } = await scheduleAll(await tenants(partnerA.id, 25));
    const other = await startTestApp({
      databaseUrl: t.databaseUrl,
      clock: t.clock,
      env: { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_SENDER_ENABLED: 'false' },
    });
    try {
      const expand = async (app: TestApp) => {
        const db = app.app.get(Transactions);
        const outbox = app.app.get(WebhookOutboxRepository);
        let steps = 0;
        while ((await db.run((tx) => outbox.expandNext(tx, 3))) > 0) steps++;
        return steps;
      };
      // Two replicas expand side by side in small chunks; a held lock makes the other skip, and
      // the cursor moves with the rows it covers.
      const [mine, theirs] = await Promise.all([expand(t), expand(other)]);
      expect(mine + theirs).toBeGreaterThanOrEqual(9);
      expect(await deliveriesOf(hook.id)).toBe(25);

      // A crash after writing but before the cursor moved (simulated by rewinding it): the
      // expansion runs again and writes nothing new.
      await t.ds.query(
        `UPDATE webhook_fanout SET status = 'pending', expanded_through = NULL, done_at = NULL
         WHERE batch_id = $1`,
        [batchId],
      );
      await Promise.all([expand(t), expand(other)]);
      expect(await deliveriesOf(hook.id)).toBe(25);

      await Promise.all([sender.drain(), other.app.get(WebhookSender).drain()]);
    } finally {
      await other.app.close();
    }
    const tasks = await tasksOf(batchId);
    expect(taskIds(r.received)).toEqual(tasks.map((x) => x.id));
  });

  it('a task changed before its batch was expanded: its scheduled event (as the batch committed it) comes before the change’s', async () => {
    const r = await receivers.start();
    await register(partnerApi, r.url, ['task.scheduled', 'task.rescheduled', 'task.cancelled']);
    const ids = await tenants(partnerA.id, 4);
    const { batchId } = await scheduleAll(ids);
    const tasks = await tasksOf(batchId);
    const [moved, cancelled] = tasks;
    await t.admin
      .post(`/update-tasks/${moved.id}/reschedule`, {
        mode: 'custom',
        runAt: '2027-04-02T11:00:00Z',
      })
      .expect(200);
    await t.admin
      .post(`/update-tasks/${cancelled.id}/cancel`, { reason: 'customer asked' })
      .expect(200);
    // A tenant renamed before the expansion: its event names the tenant as it was.
    const renamed = tasks[2];
    await t.admin.patch(`/tenants/${renamed.tenant_id}`, { name: 'renamed later' }).expect(200);

    await sender.drain();

    const of = (taskId: string) =>
      r.received.filter((x) => x.json.data.taskId === taskId).map((x) => x.json);
    expect(of(moved.id)).toMatchObject([
      { type: 'task.scheduled', data: { runAt: '2027-04-01T10:00:00.000Z', status: 'scheduled' } },
      { type: 'task.rescheduled', data: { runAt: '2027-04-02T11:00:00.000Z' } },
    ]);
    const [scheduled, rescheduled] = of(moved.id);
    expect(rescheduled.data.sequence).toBeGreaterThan(scheduled.data.sequence as number);
    expect(of(cancelled.id)).toMatchObject([
      { type: 'task.scheduled', data: { status: 'scheduled', reason: null } },
      { type: 'task.cancelled', data: { status: 'cancelled', reason: 'customer asked' } },
    ]);
    expect(of(renamed.id)).toMatchObject([
      { type: 'task.scheduled', data: { tenantName: renamed.name } },
    ]);
    expect(of(tasks[3].id)).toMatchObject([{ type: 'task.scheduled' }]);
    expect(r.received).toHaveLength(6); // four scheduled, one rescheduled, one cancelled
  });
  it('writes of a task that change nothing the scheduled event says (progress, lease renewals) leave its expansion to the sender', async () => {
    const r = await receivers.start();
    const hook = await register(partnerApi, r.url, ['task.scheduled']);
    const { batchId } = await scheduleAll(await tenants(partnerA.id, 2));
    const [task] = await tasksOf(batchId);
    await t.ds.query(
      `UPDATE update_task SET progress_step = 'apply', progress_percent = 40, updated_at = now()
       WHERE id = $1`,
      [task.id],
    );
    await t.ds.query(`UPDATE update_task SET lease_expires_at = now() WHERE id = $1`, [task.id]);
    // A column the event holds, set to the value it had: nothing to tell before it either.
    await t.ds.query(`UPDATE update_task SET run_at = run_at WHERE id = $1`, [task.id]);
    expect(await deliveriesOf(hook.id)).toBe(0);
    // A change of a column the event holds expands the task's event first, from the row before it.
    await t.ds.query(`UPDATE update_task SET run_at = run_at + interval '1 hour' WHERE id = $1`, [
      task.id,
    ]);
    expect(await deliveriesOf(hook.id)).toBe(1);
    const [written] = (await t.ds.query(
      `SELECT payload->'data'->>'runAt' AS "runAt" FROM webhook_delivery WHERE endpoint_id = $1`,
      [hook.id],
    )) as { runAt: string }[];
    expect(written.runAt).toBe('2027-04-01T10:00:00.000Z');
    await sender.drain();
    expect(taskIds(r.received)).toEqual((await tasksOf(batchId)).map((x) => x.id).sort());
  });
});
