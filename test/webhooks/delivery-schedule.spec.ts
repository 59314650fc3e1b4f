import { startTestApp, TestApp } from '../support/app';
import { newTenant, newWorld } from '../support/factories';
import type { Api } from '../support/http';
import { WebhookSender } from '../../src/webhooks/webhook-sender';
import { Receivers } from '../support/webhook-receivers';
import { until } from '../scheduler/support';

/**
 * Webhook retries on a schedule that is not the default (WEBHOOK_RETRY_SCHEDULE, docs/webhooks.md)
 * and a slow receiver beside a fast one, against real HTTP receivers. The sender is driven by hand (`drain`) on the test clock: no test
 * waits for time.
 */
describe('webhook retry schedule', () => {
  let t: TestApp;
  let sender: WebhookSender;
  let partnerId: string;
  let partnerApi: Api;
  const receivers = new Receivers();

  const register = async (url: string) =>
    (await partnerApi.post('/webhooks', { url, events: ['task.scheduled'] }).expect(201)).body as {
      id: string;
    };
  const schedule = async () => {
    const tenant = await newTenant(t.admin, partnerId);
    await t.admin
      .post('/update-tasks', {
        tenantIds: [tenant.id],
        targetVersion: '2.0.0',
        mode: 'custom',
        runAt: '2027-04-01T10:00:00Z',
      })
      .expect(201);
  };
  const deliveries = async (endpointId: string) =>
    (await t.ds.query(
      `SELECT status, attempts, next_attempt_at FROM webhook_delivery WHERE endpoint_id = $1`,
      [endpointId],
    )) as { status: string; attempts: number; next_attempt_at: Date }[];

  beforeAll(async () => {
    t = await startTestApp({
      env: {
        WEBHOOK_ALLOW_PRIVATE: 'true',
        WEBHOOK_SENDER_ENABLED: 'false',
        WEBHOOK_RETRY_SCHEDULE: '1,2',
      },
    });
    t.clock.set('2027-03-20T10:00:00Z');
    sender = t.app.get(WebhookSender);
    const world = await newWorld(t.admin);
    partnerId = world.partner.id;
    partnerApi = world.partnerApi;
  });
  afterAll(async () => {
    await t.close();
    await receivers.stopAll();
  });

  it('retries after 1 s, then 2 s, then gives up (WEBHOOK_RETRY_SCHEDULE=1,2)', async () => {
    const r = await receivers.start();
    const hook = await register(r.url);
    r.answers.push(500, 500, 500);
    await schedule();

    await sender.drain();
    expect(r.received).toHaveLength(1);
    let [d] = await deliveries(hook.id);
    expect(d).toMatchObject({ status: 'pending', attempts: 1 });
    expect(d.next_attempt_at.toISOString()).toBe('2027-03-20T10:00:01.000Z');
    t.clock.advance(999);
    await sender.drain();
    expect(r.received).toHaveLength(1);
    t.clock.advance(1);
    await sender.drain();
    expect(r.received).toHaveLength(2);
    [d] = await deliveries(hook.id);
    expect(d).toMatchObject({ status: 'pending', attempts: 2 });
    expect(d.next_attempt_at.toISOString()).toBe('2027-03-20T10:00:03.000Z');
    t.clock.advance(1_999);
    await sender.drain();
    expect(r.received).toHaveLength(2);
    t.clock.advance(1);
    await sender.drain();
    expect(r.received).toHaveLength(3);
    // The schedule is used up: the delivery has failed and is never tried again.
    [d] = await deliveries(hook.id);
    expect(d).toMatchObject({ status: 'failed', attempts: 3 });
    t.clock.advance(36_000_000);
    await sender.drain();
    expect(r.received).toHaveLength(3);
    expect(new Set(r.received.map((x) => x.id)).size).toBe(1);
    await partnerApi.delete(`/webhooks/${hook.id}`).expect(204);
  });
});

/** The same with the sender running on its own (its loop), as in a running service. */
describe('a slow webhook receiver', () => {
  let t: TestApp;
  let partnerId: string;
  let partnerApi: Api;
  const receivers = new Receivers();
  const register = async (url: string) =>
    (await partnerApi.post('/webhooks', { url, events: ['task.scheduled'] }).expect(201)).body as {
      id: string;
    };
  const deliveries = async (endpointId: string) =>
    (await t.ds.query(`SELECT status FROM webhook_delivery WHERE endpoint_id = $1`, [
      endpointId,
    ])) as { status: string }[];

  beforeAll(async () => {
    t = await startTestApp({
      env: { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_SENDER_ENABLED: 'true' },
    });
    const world = await newWorld(t.admin);
    partnerId = world.partner.id;
    partnerApi = world.partnerApi;
  });
  afterAll(async () => {
    receivers.releaseAll();
    await t.close();
    await receivers.stopAll();
  });

  it('a receiver that holds its answer holds only its own deliveries', async () => {
    const statuses = async (id: string) => (await deliveries(id)).map((x) => x.status);
    const slow = await receivers.start();
    const fast = await receivers.start();
    const slowHook = await register(slow.url);
    const fastHook = await register(fast.url);
    slow.answers.push('hang');
    // One batch of three tasks: three events for each endpoint.
    const tenantIds: string[] = [];
    for (let i = 0; i < 3; i++) tenantIds.push((await newTenant(t.admin, partnerId)).id);
    await t.admin
      .post('/update-tasks', {
        tenantIds,
        targetVersion: '2.0.0',
        mode: 'custom',
        runAt: '2027-04-01T10:00:00Z',
      })
      .expect(201);

    // Every event reaches the fast receiver while the slow one still holds its first answer.
    await slow.receivedCount(1);
    await fast.receivedCount(3);
    expect(fast.accepted).toHaveLength(3);
    expect(slow.received[0].answered).toBeNull();
    expect(slow.release()).toBe(1);
    await until(
      async () => (await statuses(slowHook.id)).every((x) => x === 'succeeded'),
      'the slow deliveries',
    );
    expect(await statuses(fastHook.id)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(await statuses(slowHook.id)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(new Set(slow.received.map((x) => x.id)).size).toBe(3);
  });
});
