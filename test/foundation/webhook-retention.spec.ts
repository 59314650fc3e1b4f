/**
 * Retention of webhook deliveries: one that succeeded goes with its attempts after
 * RETENTION_WEBHOOK_SUCCEEDED_DAYS (30), one that failed for good after
 * RETENTION_WEBHOOK_FAILED_DAYS (90); a pending or delivering one never, and the order per task of
 * those still to send is what it was (a finished delivery holds nothing back, a pending one still
 * does). Sent by the real sender to real HTTP receivers; the clock is the test clock (the ids are
 * written at the real time, so the clock starts at it).
 */
import { RetentionService } from '../../src/retention/retention.service';
import { WebhookDeliveriesRepository } from '../../src/webhooks/webhook-deliveries.repository';
import { WebhookOutboxRepository } from '../../src/notifications/webhook-outbox.repository';
import { WebhookSender } from '../../src/webhooks/webhook-sender';
import { startTestApp, TestApp } from '../support/app';
import { newTenant, newWorld } from '../support/factories';
import type { Api } from '../support/http';
import { Receivers } from '../support/webhook-receivers';

const DAY = 86_400_000;
const EVENTS = ['task.scheduled', 'task.cancelled'];

describe('retention of webhook deliveries', () => {
  let t: TestApp;
  let sender: WebhookSender;
  let partnerId: string;
  let partnerApi: Api;
  let start: Date;
  let ok: { id: string };
  let bad: { id: string };
  let tenantIds: string[];
  const receivers = new Receivers();

  const prune = () => t.app.get(RetentionService).prune();
  const at = (days: number) => t.clock.set(new Date(start.getTime() + days * DAY));
  const rows = async (endpointId: string) =>
    (await t.ds.query(
      `SELECT d.id, d.event, d.status, d.order_key AS "taskId",
         (SELECT count(*)::int FROM webhook_attempt a WHERE a.delivery_id = d.id) AS attempts
       FROM webhook_delivery d WHERE d.endpoint_id = $1 ORDER BY d.seq`,
      [endpointId],
    )) as { id: string; event: string; status: string; taskId: string; attempts: number }[];
  const schedule = async (ids: string[]) =>
    (
      await t.admin
        .post('/update-tasks', {
          tenantIds: ids,
          targetVersion: '2.0.0',
          mode: 'custom',
          runAt: new Date(start.getTime() + 365 * DAY).toISOString(),
        })
        .expect(201)
    ).body.batchId as string;
  const taskOf = async (tenantId: string) =>
    (
      (await t.ds.query(`SELECT id FROM update_task WHERE tenant_id = $1`, [tenantId])) as {
        id: string;
      }[]
    )[0].id;
  /** What a sender would claim now, in a transaction rolled back (nothing is sent). */
  const claimable = async () => {
    const q = t.ds.createQueryRunner();
    await q.connect();
    await q.startTransaction();
    try {
      const claimed = await t.app.get(WebhookDeliveriesRepository).claim(q.manager, {
        now: t.clock.now(),
        owner: 'look',
        leaseExpiresAt: new Date(t.clock.now().getTime() + 60_000),
        limit: 100,
        inFlight: new Map(),
        perEndpoint: 100,
      });
      return claimed.map((c) => c.id);
    } finally {
      await q.rollbackTransaction();
      await q.release();
    }
  };

  beforeAll(async () => {
    t = await startTestApp({
      env: {
        WEBHOOK_ALLOW_PRIVATE: 'true',
        WEBHOOK_SENDER_ENABLED: 'false',
        // One retry a second after the first failure, then failed for good.
        WEBHOOK_RETRY_SCHEDULE: '1',
        RETENTION_BATCH_SIZE: '10',
        RETENTION_PAUSE_MS: '0',
      },
    });
    start = new Date();
    t.clock.set(start);
    sender = t.app.get(WebhookSender);
    const world = await newWorld(t.admin);
    partnerId = world.partner.id;
    partnerApi = world.partnerApi;
    const good = await receivers.start();
    const failing = await receivers.start();
    failing.answers.push(...Array<number>(20).fill(500));
    const register = async (url: string) =>
      (await partnerApi.post('/webhooks', { url, events: EVENTS }).expect(201)).body as {
        id: string;
      };
    ok = await register(good.url);
    bad = await register(failing.url);
    tenantIds = [];
    for (let i = 0; i < 3; i++) tenantIds.push((await newTenant(t.admin, partnerId)).id);
    await schedule(tenantIds);
    await sender.drain();
    t.clock.advance(2_000);
    await sender.drain();
    // ok: three `task.scheduled` delivered; bad: the same three failed after two attempts each.
    expect((await rows(ok.id)).map((r) => [r.status, r.attempts])).toEqual(
      Array(3).fill(['succeeded', 1]),
    );
    expect((await rows(bad.id)).map((r) => [r.status, r.attempts])).toEqual(
      Array(3).fill(['failed', 2]),
    );
    // The first task's failed event sent again (pending, first in the task's order), then the task
    // cancelled: its `task.cancelled` waits behind the redelivery at bad; at ok nothing is open
    // before it.
    const task = await taskOf(tenantIds[0]);
    const failed = (await rows(bad.id)).find((r) => r.taskId === task)!;
    await partnerApi.post(`/webhooks/${bad.id}/deliveries/${failed.id}/redeliver`).expect(202);
    await partnerApi.post(`/update-tasks/${task}/cancel`, { reason: 'customer asked' }).expect(200);
  });
  afterAll(async () => {
    await t.close();
    await receivers.stopAll();
  });

  it('keeps everything younger than its retention time', async () => {
    at(29);
    expect(await prune()).toMatchObject({ succeeded_webhooks: 0, failed_webhooks: 0 });
    expect(await rows(ok.id)).toHaveLength(4);
    expect(await rows(bad.id)).toHaveLength(5);
  });

  it('after 30 days: the delivered ones go with their attempts, unless a fan-out of the endpoint is still being expanded; the failed and the open ones stay, and what is claimable is unchanged', async () => {
    const task = await taskOf(tenantIds[0]);
    const open = async () => {
      const [okRows, badRows] = [await rows(ok.id), await rows(bad.id)];
      return {
        okCancel: okRows.find((r) => r.event === 'task.cancelled')!.id,
        badRedelivery: badRows.find((r) => r.status === 'pending' && r.event === 'task.scheduled')!
          .id,
        badCancel: badRows.find((r) => r.event === 'task.cancelled')!.id,
      };
    };
    const { okCancel, badRedelivery, badCancel } = await open();
    at(31);
    const before = await claimable();
    expect(before).toEqual(expect.arrayContaining([okCancel, badRedelivery]));
    expect(before).not.toContain(badCancel);

    // A new batch: its `task.scheduled` are one fan-out row per endpoint until a sender expands it.
    const newTenantId = (await newTenant(t.admin, partnerId)).id;
    await schedule([newTenantId]);
    expect(await prune()).toMatchObject({ succeeded_webhooks: 0, failed_webhooks: 0 });
    expect(await rows(ok.id)).toHaveLength(4);
    await t.ds.transaction(async (em) => {
      while ((await t.app.get(WebhookOutboxRepository).expandNext(em, 100)) > 0);
    });
    expect(await prune()).toMatchObject({ succeeded_webhooks: 3, failed_webhooks: 0 });

    const newTask = await taskOf(newTenantId);
    expect((await rows(ok.id)).map((r) => [r.event, r.status, r.taskId])).toEqual([
      ['task.cancelled', 'pending', task],
      ['task.scheduled', 'pending', newTask],
    ]);
    expect((await rows(bad.id)).map((r) => [r.event, r.status, r.attempts])).toEqual([
      ['task.scheduled', 'failed', 2],
      ['task.scheduled', 'failed', 2],
      ['task.scheduled', 'failed', 2],
      ['task.scheduled', 'pending', 0],
      ['task.cancelled', 'pending', 0],
      ['task.scheduled', 'pending', 0],
    ]);
    // The cancellation at bad still waits for the redelivery before it; the one at ok went nowhere.
    const after = await claimable();
    expect(after).toEqual(expect.arrayContaining([okCancel, badRedelivery]));
    expect(after).not.toContain(badCancel);
    expect(after.filter((id) => !before.includes(id))).toHaveLength(2); // the new batch's two
  });

  it('after 90 days the failed ones go with their attempts; one a sender holds stays, as does the order behind it; redelivering a deleted one is 404', async () => {
    const failedIds = (await rows(bad.id)).filter((r) => r.status === 'failed').map((r) => r.id);
    // A sender claims what is due and stops mid-request (its lease lapses later).
    await t.ds.transaction((em) =>
      t.app.get(WebhookDeliveriesRepository).claim(em, {
        now: t.clock.now(),
        owner: 'stopped-sender',
        leaseExpiresAt: new Date(t.clock.now().getTime() + 60_000),
        limit: 100,
        inFlight: new Map(),
        perEndpoint: 100,
      }),
    );
    at(91);
    expect(await prune()).toMatchObject({ succeeded_webhooks: 0, failed_webhooks: 3 });
    expect((await rows(bad.id)).map((r) => [r.event, r.status])).toEqual([
      ['task.scheduled', 'delivering'],
      ['task.cancelled', 'pending'],
      ['task.scheduled', 'delivering'],
    ]);
    expect((await rows(ok.id)).map((r) => r.status)).toEqual(['delivering', 'delivering']);
    const attempts = await t.ds.query(
      `SELECT count(*)::int AS n FROM webhook_attempt WHERE delivery_id = ANY($1::uuid[])`,
      [failedIds],
    );
    expect(attempts).toEqual([{ n: 0 }]);
    // The lapsed leases are claimed again; the cancellation still waits behind its redelivery.
    const badCancel = (await rows(bad.id))[1].id;
    const claimed = await claimable();
    expect(claimed).toHaveLength(4);
    expect(claimed).not.toContain(badCancel);
    const log = (await partnerApi.get(`/webhooks/${bad.id}/deliveries`).expect(200)).body;
    expect(log.items).toHaveLength(3);
    await partnerApi.post(`/webhooks/${bad.id}/deliveries/${failedIds[0]}/redeliver`).expect(404);
  });
});
