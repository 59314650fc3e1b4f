import { Client } from 'pg';
import { loadConfig } from '../../src/config/app-config';
import { startTestApp, TestApp } from '../support/app';
import { TestClock } from '../support/clock';
import { createTestDatabase, dropTestDatabase } from '../support/database';
import { newKey, newPartner, newTenant, newWorld } from '../support/factories';
import type { Api } from '../support/http';
import { WEBHOOK_CHANNEL } from '../../src/notifications/webhook-outbox.repository';
import { WebhookSender } from '../../src/webhooks/webhook-sender';
import { Receivers } from '../support/webhook-receivers';
import { listening, until } from '../scheduler/support';

/**
 * Webhook retries on a schedule that is not the default (WEBHOOK_RETRY_SCHEDULE, docs/webhooks.md)
 * and a slow receiver beside a fast one (with `drain`, then the sender's own loop), against real
 * HTTP receivers. Where the sender is driven by hand (`drain`) it is on the test clock: no test
 * waits for time.
 */

const register = async (api: Api, url: string, events = ['task.scheduled']) =>
  (await api.post('/webhooks', { url, events }).expect(201)).body as { id: string };
const schedule = (t: TestApp, tenantIds: string[]) =>
  t.admin
    .post('/update-tasks', {
      tenantIds,
      targetVersion: '2.0.0',
      mode: 'custom',
      runAt: '2027-04-01T10:00:00Z',
    })
    .expect(201);
const deliveries = async (t: TestApp, endpointId: string) =>
  (await t.ds.query(
    `SELECT status, attempts, next_attempt_at FROM webhook_delivery WHERE endpoint_id = $1
     ORDER BY seq`,
    [endpointId],
  )) as { status: string; attempts: number; next_attempt_at: Date }[];
const statuses = async (t: TestApp, endpointId: string) =>
  (await deliveries(t, endpointId)).map((x) => x.status);

describe('webhooks sent by hand (drain)', () => {
  let t: TestApp;
  let sender: WebhookSender;
  let partnerId: string;
  let partnerApi: Api;
  const receivers = new Receivers();

  beforeAll(async () => {
    t = await startTestApp({
      env: {
        WEBHOOK_ALLOW_PRIVATE: 'true',
        WEBHOOK_SENDER_ENABLED: 'false',
        WEBHOOK_RETRY_SCHEDULE: '1,2',
        // A held request stays outstanding until the test releases it (a drain that waited for
        // it would get on only when the request times out: its delivery no longer delivering).
        WEBHOOK_TIMEOUT_MS: '30000',
      },
    });
    t.clock.set('2027-03-20T10:00:00Z');
    sender = t.app.get(WebhookSender);
    const world = await newWorld(t.admin);
    partnerId = world.partner.id;
    partnerApi = world.partnerApi;
  });
  afterAll(async () => {
    receivers.releaseAll();
    await t.close();
    await receivers.stopAll();
  });

  it('retries after 1 s, then 2 s, then gives up (WEBHOOK_RETRY_SCHEDULE=1,2)', async () => {
    const r = await receivers.start();
    const hook = await register(partnerApi, r.url);
    r.answers.push(500, 500, 500);
    await schedule(t, [(await newTenant(t.admin, partnerId)).id]);

    await sender.drain();
    expect(r.received).toHaveLength(1);
    let [d] = await deliveries(t, hook.id);
    expect(d).toMatchObject({ status: 'pending', attempts: 1 });
    expect(d.next_attempt_at.toISOString()).toBe('2027-03-20T10:00:01.000Z');
    t.clock.advance(999);
    await sender.drain();
    expect(r.received).toHaveLength(1);
    t.clock.advance(1);
    await sender.drain();
    expect(r.received).toHaveLength(2);
    [d] = await deliveries(t, hook.id);
    expect(d).toMatchObject({ status: 'pending', attempts: 2 });
    expect(d.next_attempt_at.toISOString()).toBe('2027-03-20T10:00:03.000Z');
    t.clock.advance(1_999);
    await sender.drain();
    expect(r.received).toHaveLength(2);
    t.clock.advance(1);
    await sender.drain();
    expect(r.received).toHaveLength(3);
    // The schedule is used up: the delivery has failed and is never tried again.
    [d] = await deliveries(t, hook.id);
    expect(d).toMatchObject({ status: 'failed', attempts: 3 });
    t.clock.advance(36_000_000);
    await sender.drain();
    expect(r.received).toHaveLength(3);
    expect(new Set(r.received.map((x) => x.id)).size).toBe(1);
    await partnerApi.delete(`/webhooks/${hook.id}`).expect(204);
  });

  it("drain sends the other endpoint's events, in order, while a receiver holds its answer", async () => {
    const events = ['task.scheduled', 'task.cancelled'];
    const slow = await receivers.start();
    const fast = await receivers.start();
    const slowHook = await register(partnerApi, slow.url, events);
    const fastHook = await register(partnerApi, fast.url, events);
    slow.answers.push('hang');
    // Two events of one task for each endpoint: the second is claimed only once the first is done.
    const tenant = await newTenant(t.admin, partnerId);
    await schedule(t, [tenant.id]);
    const [task] = (await t.admin.get(`/update-tasks?tenantId=${tenant.id}`).expect(200)).body
      .items as { id: string }[];
    await t.admin.post(`/update-tasks/${task.id}/cancel`, { reason: 'customer asked' }).expect(200);

    const draining = sender.drain();
    // Both of the fast endpoint's events arrive while the slow receiver still holds its first
    // answer (a drain that waited for every request each round would wait here for the release,
    // or the request's timeout).
    await fast.receivedCount(2);
    expect(fast.accepted.map((x) => x.json.type)).toEqual(events);
    expect(slow.received.map((x) => [x.json.type, x.answered])).toEqual([['task.scheduled', null]]);
    expect(await statuses(t, slowHook.id)).toEqual(['delivering', 'pending']);

    expect(slow.release()).toBe(1);
    await draining;
    // Then the held endpoint's, in order, each sent once; the fast one's were not sent again.
    expect(slow.accepted.map((x) => x.json.type)).toEqual(events);
    expect(new Set(slow.received.map((x) => x.id)).size).toBe(2);
    expect(fast.received).toHaveLength(2);
    expect(await statuses(t, slowHook.id)).toEqual(['succeeded', 'succeeded']);
    expect(await statuses(t, fastHook.id)).toEqual(['succeeded', 'succeeded']);
  });
});

describe("the sender's idle poll (WEBHOOK_POLL_MS)", () => {
  it('is a second unless set, between 100 ms and a minute', () => {
    expect(loadConfig({}).webhookPollMs).toBe(1000);
    expect(loadConfig({ WEBHOOK_POLL_MS: '60000' }).webhookPollMs).toBe(60_000);
    expect(() => loadConfig({ WEBHOOK_POLL_MS: '99' })).toThrow(/WEBHOOK_POLL_MS/);
    expect(() => loadConfig({ WEBHOOK_POLL_MS: '60001' })).toThrow(/WEBHOOK_POLL_MS/);
    expect(() => loadConfig({ WEBHOOK_POLL_MS: 'soon' })).toThrow(/WEBHOOK_POLL_MS/);
  });
});

/** A slow receiver with the sender running on its own (its loop), as in a running service. */
describe('a slow webhook receiver', () => {
  let t: TestApp;
  let partnerId: string;
  let partnerApi: Api;
  const receivers = new Receivers();

  beforeAll(async () => {
    // The sender polls once a minute here: within the test only a commit's NOTIFY or a delivery
    // done can wake it.
    t = await startTestApp({
      env: {
        WEBHOOK_ALLOW_PRIVATE: 'true',
        WEBHOOK_SENDER_ENABLED: 'true',
        WEBHOOK_POLL_MS: '60000',
      },
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
    const slow = await receivers.start();
    const fast = await receivers.start();
    const slowHook = await register(partnerApi, slow.url);
    const fastHook = await register(partnerApi, fast.url);
    slow.answers.push('hang');
    // One batch of three tasks: three events for each endpoint.
    const tenantIds: string[] = [];
    for (let i = 0; i < 3; i++) tenantIds.push((await newTenant(t.admin, partnerId)).id);
    await schedule(t, tenantIds);

    // Every event reaches the fast receiver while the slow one still holds its first answer.
    await slow.receivedCount(1);
    await fast.receivedCount(3);
    expect(fast.accepted).toHaveLength(3);
    expect(slow.received[0].answered).toBeNull();
    expect(slow.release()).toBe(1);
    await until(
      async () => (await statuses(t, slowHook.id)).every((x) => x === 'succeeded'),
      'the slow deliveries',
    );
    expect(await statuses(t, fastHook.id)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(await statuses(t, slowHook.id)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(new Set(slow.received.map((x) => x.id)).size).toBe(3);
  });
});

/**
 * A new partner's endpoint, at a receiver that holds its first request, and a batch of three of
 * its tenants: resolves once `app`'s sender (one request at a time) has claimed all three
 * deliveries, one of them sent and held, the other two queued behind it.
 */
async function threeQueuedBehindOne(app: TestApp, receivers: Receivers) {
  const world = await newWorld(app.admin);
  const r = await receivers.start();
  r.answers.push('hang');
  const { id: endpointId } = await register(world.partnerApi, r.url);
  const tenantIds: string[] = [];
  for (let i = 0; i < 3; i++) tenantIds.push((await newTenant(app.admin, world.partner.id)).id);
  await schedule(app, tenantIds);
  await r.receivedCount(1);
  await until(
    async () => (await statuses(app, endpointId)).filter((x) => x === 'delivering').length === 3,
    'the sender to claim all three, two of them queued behind the held one',
  );
  return { r, endpointId };
}

/** Senders on their own loops, polling once a minute: within a test only a wake-up moves one. */
const OWN_LOOP = {
  WEBHOOK_ALLOW_PRIVATE: 'true',
  WEBHOOK_SENDER_ENABLED: 'true',
  WEBHOOK_POLL_MS: '60000',
};

/**
 * A database of the describe block's own, for replicas started on it (its url once the block's
 * tests run), and webhook receivers; `cleanUp` (closing what the tests started) runs before both
 * go.
 */
function replicasWorld(cleanUp: () => Promise<void> = async () => undefined) {
  const receivers = new Receivers();
  const db = { url: '' };
  beforeAll(async () => {
    db.url = await createTestDatabase();
  });
  afterAll(async () => {
    receivers.releaseAll();
    await cleanUp();
    await dropTestDatabase(db.url);
    await receivers.stopAll();
  });
  return { receivers, db };
}

/**
 * Two replicas on one database, their senders on their own loops and polling once a minute: within
 * the test only a wake-up moves a sender.
 */
describe('a webhook sender that stops', () => {
  const clock = new TestClock();
  const env = OWN_LOOP;
  let stays: TestApp | undefined;
  const { receivers, db } = replicasWorld(async () => {
    await stays?.close();
  });

  it('hands the deliveries it had queued to the other replicas at once', async () => {
    // One request at a time: of a batch's three deliveries it sends one, which the receiver
    // holds, and queues the other two.
    const stopping = await startTestApp({
      databaseUrl: db.url,
      clock,
      env: { ...env, WEBHOOK_CONCURRENCY: '1' },
    });
    const { r } = await threeQueuedBehindOne(stopping, receivers);
    const count = async (app: TestApp, sql: string): Promise<number> =>
      (await app.ds.query(`SELECT count(*)::int AS n ${sql}`))[0].n;

    // The other replica's sender finds nothing to claim (all three are leased) and listens.
    const other = await startTestApp({ databaseUrl: db.url, clock, env });
    stays = other;
    await listening(other.ds, WEBHOOK_CHANNEL, 2); // both senders
    await stopping.close();
    // The two it handed back go out at once (the one it was sending waits for its lease).
    await until(async () => r.received.length === 3, 'the deliveries handed back to be sent');
    expect(new Set(r.received.map((x) => x.id)).size).toBe(3);
    // The receiver has them; the sender records each as succeeded once it has read the answer.
    await until(
      async () => (await count(other, `FROM webhook_delivery WHERE status = 'succeeded'`)) === 2,
      'the two handed back to be recorded as delivered',
    );
  });
});

/**
 * A batch's fan-out row is expanded a chunk of tasks (2,000) per transaction, the row locked FOR
 * UPDATE SKIP LOCKED: a sender that finds it locked leaves it to the one expanding it. Two replicas
 * polling once a minute; a table lock held by the test stops the first replica's first chunk
 * (after it locked the row) until the other has looked at the row and found it locked.
 */
describe('a webhook sender that stops while expanding a batch', () => {
  const clock = new TestClock();
  const env = OWN_LOOP;
  let locker: Client | undefined;
  const apps: TestApp[] = [];
  const { receivers, db } = replicasWorld(async () => {
    await locker?.end().catch(() => undefined);
    for (const app of apps.splice(0)) await app.close();
  });

  it('leaves the rest of the batch to the other replicas at once, though its last chunk wrote nothing', async () => {
    // Its data written by a replica without a sender.
    const setup = await startTestApp({
      databaseUrl: db.url,
      clock,
      env: { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_SENDER_ENABLED: 'false' },
    });
    apps.push(setup);
    const world = await newWorld(setup.admin);
    const r = await receivers.start();
    await register(world.partnerApi, r.url);
    // The endpoint's partner has one tenant, the last in task order; another partner of the
    // platform has 3,000, so the first chunk of the batch has none of the endpoint's tasks.
    const other = await newPartner(setup.admin, world.platform.id);
    await setup.admin
      .as(await newKey(setup.admin, 'partner_admin', other.id))
      .post('/tenants/bulk', {
        tenants: Array.from({ length: 3000 }, (_, i) => ({
          name: `other-${i}`,
          softwareVersion: '1.0.0',
        })),
      })
      .expect(201);
    const mine = await newTenant(setup.admin, world.partner.id);
    await setup.ds.query(
      `UPDATE tenant SET id = 'ffffffff-ffff-4fff-bfff-ffffffffffff' WHERE id = $1`,
      [mine.id],
    );
    const { batchId } = (
      await setup.admin
        .post('/update-tasks', {
          platformId: world.platform.id,
          targetVersion: '2.0.0',
          mode: 'custom',
          runAt: '2027-04-01T10:00:00Z',
        })
        .expect(201)
    ).body;
    const count = async (sql: string, params: unknown[] = []): Promise<number> =>
      (await setup.ds.query(`SELECT count(*)::int AS n ${sql}`, params))[0].n;
    expect(await count(`FROM webhook_fanout WHERE status = 'pending'`)).toBe(1);
    expect(
      await count(
        `FROM (SELECT partner_id FROM update_task WHERE batch_id = $1 ORDER BY id LIMIT 2000) c
         WHERE partner_id = $2`,
        [batchId, world.partner.id],
      ),
    ).toBe(0);

    // Writes to webhook_delivery wait for the test: the first replica's first chunk stops there.
    const lock = new Client({ connectionString: db.url });
    locker = lock;
    await lock.connect();
    await lock.query(`BEGIN`);
    await lock.query(`LOCK TABLE webhook_delivery IN SHARE MODE`);
    const lockerPid = (await lock.query(`SELECT pg_backend_pid() AS pid`)).rows[0].pid as number;
    const blocked = () =>
      count(`FROM pg_stat_activity WHERE pg_blocking_pids(pid) && $1::int[]`, [[lockerPid]]);
    const stopping = await startTestApp({ databaseUrl: db.url, clock, env });
    apps.push(stopping);
    await until(async () => (await blocked()) === 1, 'the first replica to expand the first chunk');
    // The other replica finds the row locked, leaves it, and waits to claim deliveries.
    const stays = await startTestApp({ databaseUrl: db.url, clock, env });
    apps.push(stays);
    await until(async () => (await blocked()) === 2, 'the other replica to pass the row by');
    await listening(stays.ds, WEBHOOK_CHANNEL, 2); // both senders

    // The first replica stops: its chunk (none of the endpoint's tasks) commits, and it expands
    // no more.
    const stopped = stopping.app.get(WebhookSender).onModuleDestroy();
    await lock.query(`ROLLBACK`);
    await stopped;
    await stopping.close();
    apps.splice(apps.indexOf(stopping), 1);
    // The other replica expands the rest at once and sends the endpoint its task.
    await until(async () => r.received.length === 1, 'the rest of the batch to be expanded');
    expect(await count(`FROM webhook_fanout WHERE status = 'done'`)).toBe(1);
  });
});

/**
 * A sender stopped while its loop is busy (here: right after its claim, while it looks for more):
 * the request it abandons frees a slot, and what it had queued must not start in that slot with
 * the stop's aborted signal (dropped, its delivery left `delivering` until its lease lapsed and a
 * poll found it, an attempt counted for no request); it is handed back untried.
 */
describe('a webhook sender stopped while busy', () => {
  const { receivers, db } = replicasWorld();

  it('hands back what it had queued, untried, whatever its loop was doing', async () => {
    const stopping = await startTestApp({
      databaseUrl: db.url,
      env: { ...OWN_LOOP, WEBHOOK_CONCURRENCY: '1' },
    });
    const { r } = await threeQueuedBehindOne(stopping, receivers);
    await stopping.close();

    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    try {
      const { rows } = await pg.query<{ status: string; attempts: number; n: number }>(
        `SELECT status, attempts, count(*)::int AS n FROM webhook_delivery
         GROUP BY status, attempts ORDER BY status`,
      );
      // The one whose request it abandoned waits for its lease; the two queued are due again,
      // their attempt not counted.
      expect(rows).toEqual([
        { status: 'delivering', attempts: 1, n: 1 },
        { status: 'pending', attempts: 0, n: 2 },
      ]);
    } finally {
      await pg.end();
    }
    expect(r.received).toHaveLength(1);
  });
});

/**
 * A delivery that waited in the sender's queue behind a slow request until its lease could no
 * longer cover a request is not sent on that claim: it is handed back (due again, the attempt not
 * counted) and claimed anew, not left `delivering` for its lease to lapse.
 */
describe('a delivery queued past its lease', () => {
  const receivers = new Receivers();
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      env: { ...OWN_LOOP, WEBHOOK_CONCURRENCY: '1', WEBHOOK_TIMEOUT_MS: '10000' },
    });
    t.clock.set('2027-03-20T10:00:00Z');
  });
  afterAll(async () => {
    receivers.releaseAll();
    await t.close();
    await receivers.stopAll();
  });

  it('is handed back and sent on a claim of its own, one attempt each', async () => {
    const { r, endpointId: id } = await threeQueuedBehindOne(t, receivers);
    // The held request answers when less than a request's timeout (10 s) is left of the leases
    // (timeout + 30 s, the same for all three): the two queued ones can no longer be sent on
    // theirs; the held one's lease has not run out.
    t.clock.advance(31_000);
    expect(r.release()).toBe(1);
    await until(async () => r.received.length === 3, 'the two to be sent');
    await until(
      async () => (await statuses(t, id)).every((s) => s === 'succeeded'),
      'all three to be recorded as delivered',
    );
    expect((await deliveries(t, id)).map((d) => d.attempts)).toEqual([1, 1, 1]);
  });
});
