import { startTestApp, TestApp } from '../support/app';
import { newKey, newPartner, newTenant, newWorld } from '../support/factories';
import type { Api } from '../support/http';
import { rolloutCalls } from '../support/rollouts';
import { header, MailTestApp, startMailApp } from '../notifications/support/mail-app';
import { SmtpSink } from '../notifications/support/smtp-sink';
import { Transactions } from '../../src/database/transactions';
import { Notices } from '../../src/notifications/notices.service';
import { WebhookSender } from '../../src/webhooks/webhook-sender';
import {
  Receivers,
  verifyByLibrary,
  verifyBySpec,
  type WebhookReceiver,
} from '../support/webhook-receivers';

/**
 * Signed webhooks against real HTTP receivers on a real PostgreSQL: what is sent, signed how, to
 * whom, retried when, in which order, and nothing lost or doubled when a receiver or a sender goes
 * away (docs/webhooks.md).
 */
describe('webhooks', () => {
  const sink = new SmtpSink();
  let t: MailTestApp;
  let sender: WebhookSender;
  let platformId: string;
  let partnerA: { id: string };
  let partnerApi: Api;
  let tenantA: { id: string };
  let partnerB: { id: string };
  let tenantB: { id: string };
  const receivers = new Receivers();

  const schedule = async (tenantId: string) =>
    (
      await t.admin
        .post('/update-tasks', {
          tenantIds: [tenantId],
          targetVersion: '2.0.0',
          mode: 'custom',
          runAt: '2027-04-01T10:00:00Z',
        })
        .expect(201)
    ).body;
  const taskOf = async (tenantId: string) =>
    (await t.admin.get(`/update-tasks?tenantId=${tenantId}`).expect(200)).body.items.at(-1) as {
      id: string;
    };
  const cancel = (taskId: string) =>
    t.admin.post(`/update-tasks/${taskId}/cancel`, { reason: 'customer asked' }).expect(200);
  const { create: createRollout } = rolloutCalls(() => partnerApi);
  /** A rollout of one tenant of partner A at a custom time, telling nobody by e-mail. */
  const quietRollout = (tenantId: string) =>
    createRollout({
      tenantIds: [tenantId],
      mode: 'custom',
      runAt: '2027-04-01T10:00:00Z',
      notifyPartner: false,
      notifyCustomer: false,
    });
  const register = async (api: Api, url: string, events: string[], extra = {}) =>
    (await api.post('/webhooks', { url, events, ...extra }).expect(201)).body as {
      id: string;
      secret: string;
    };

  beforeAll(async () => {
    await sink.start();
    t = await startMailApp(sink, {
      WEBHOOK_ALLOW_PRIVATE: 'true',
      WEBHOOK_SENDER_ENABLED: 'false',
    });
    t.clock.set('2027-03-20T10:00:00Z');
    sender = t.app.get(WebhookSender);
    const world = await newWorld(t.admin);
    platformId = world.platform.id;
    partnerA = world.partner;
    partnerApi = world.partnerApi;
    tenantA = await newTenant(t.admin, partnerA.id);
    partnerB = await newPartner(t.admin, platformId);
    tenantB = await newTenant(t.admin, partnerB.id);
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
    await receivers.stopAll();
  });

  it('registers an endpoint and shows its secret once', async () => {
    const r = await receivers.start();
    const created = await register(partnerApi, r.url, ['task.scheduled'], {
      description: 'PSA',
    });
    expect(created).toMatchObject({
      partnerId: partnerA.id,
      url: r.url,
      events: ['task.scheduled'],
      description: 'PSA',
      enabled: true,
      failingSince: null,
    });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const read = (await partnerApi.get(`/webhooks/${created.id}`).expect(200)).body;
    expect(read).not.toHaveProperty('secret');
    const audit = await t.ds.query(
      `SELECT after::text FROM audit_log WHERE entity_id = $1 AND action = 'webhook.create'`,
      [created.id],
    );
    expect(audit[0].after).not.toContain(created.secret);
    await partnerApi.delete(`/webhooks/${created.id}`).expect(204);
  });

  it('refuses bad input with 400 naming the field, and writes nothing', async () => {
    const before = await t.ds.query(`SELECT count(*)::int AS n FROM webhook_endpoint`);
    const cases: [unknown, string][] = [
      [{ events: ['task.scheduled'] }, 'url'],
      [{ url: 'http://127.0.0.1:1/x', events: [] }, 'events'],
      [{ url: 'http://127.0.0.1:1/x', events: ['task.exploded'] }, 'events'],
      [{ url: 'http://127.0.0.1:1/x', events: ['task.failed', 'task.failed'] }, 'events'],
      [{ url: 'ftp://127.0.0.1/x', events: ['task.failed'] }, 'url'],
      [{ url: 'not a url', events: ['task.failed'] }, 'url'],
      [{ url: 'http://127.0.0.1:1/x', events: ['task.failed'], partnerId: 'nope' }, 'partnerId'],
    ];
    for (const [body, field] of cases) {
      const res = await partnerApi.post('/webhooks', body).expect(400);
      const fields = (res.body.details as { field: string }[]).map((d) => d.field);
      // Every detail names the field (a missing url breaks two of its rules).
      expect({ body, fields: [...new Set(fields)] }).toEqual({ body, fields: [field] });
    }
    const patched = await t.admin
      .patch('/webhooks/00000000-0000-4000-8000-000000000000', { enabled: 'yes' })
      .expect(400);
    expect(patched.body.details).toEqual([expect.objectContaining({ field: 'enabled' })]);
    expect(await t.ds.query(`SELECT count(*)::int AS n FROM webhook_endpoint`)).toEqual(before);
  });

  it('delivers signed events that an independent implementation of the specification verifies; partner A never receives B’s', async () => {
    const a = await receivers.start();
    const b = await receivers.start();
    const all = await receivers.start();
    const hookA = await register(partnerApi, a.url, ['task.scheduled', 'task.cancelled']);
    const partnerBApi = t.admin.as(await newKey(t.admin, 'partner_admin', partnerB.id));
    const hookB = await register(partnerBApi, b.url, ['task.scheduled']);
    const hookAll = await register(t.admin, all.url, ['task.scheduled']);

    await schedule(tenantA.id);
    await schedule(tenantB.id);
    await sender.drain();

    expect(a.received.map((r) => r.json.type)).toEqual(['task.scheduled']);
    expect(a.received[0].json.data).toMatchObject({
      tenantId: tenantA.id,
      partnerId: partnerA.id,
      status: 'scheduled',
      targetVersion: '2.0.0',
      runAt: '2027-04-01T10:00:00.000Z',
      sequence: 0,
    });
    expect(a.received[0].json).toMatchObject({ version: 1, timestamp: '2027-03-20T10:00:00.000Z' });
    expect(b.received.map((r) => r.json.data.tenantId)).toEqual([tenantB.id]);
    expect(all.received.map((r) => r.json.data.tenantId).sort()).toEqual(
      [tenantA.id, tenantB.id].sort(),
    );
    for (const [r, hook] of [
      [a, hookA],
      [b, hookB],
      [all, hookAll],
    ] as const) {
      for (const got of r.received) {
        expect(got.signature).toMatch(/^v1,/);
        expect(verifyBySpec(hook.secret, got)).toBe(true);
        expect(verifyByLibrary(hook.secret, got)).toBe(true);
        expect(verifyBySpec(hookB === hook ? hookA.secret : hookB.secret, got)).toBe(false);
      }
    }
    // Each receives only its own endpoints' deliveries in the log; B cannot see A's endpoint.
    await partnerBApi.get(`/webhooks/${hookA.id}`).expect(404);
    await partnerBApi.get(`/webhooks/${hookA.id}/deliveries`).expect(404);
    const listB = (await partnerBApi.get('/webhooks').expect(200)).body.items;
    expect(listB.map((h: { id: string }) => h.id)).toEqual([hookB.id]);

    for (const hook of [hookA, hookB, hookAll])
      await t.admin.delete(`/webhooks/${hook.id}`).expect(204);
  });

  it('retries after receiver errors on the schedule and shows every attempt', async () => {
    const r = await receivers.start();
    const hook = await register(partnerApi, r.url, ['task.scheduled']);
    r.answers.push(500, 503);
    const tenant = await newTenant(t.admin, partnerA.id);
    await schedule(tenant.id);

    await sender.drain();
    expect(r.received).toHaveLength(1);
    t.clock.advance(4_000);
    await sender.drain();
    expect(r.received).toHaveLength(1); // the first retry is due 5 s after the first attempt
    t.clock.advance(1_000);
    await sender.drain();
    expect(r.received).toHaveLength(2);
    t.clock.advance(300_000);
    await sender.drain();
    expect(r.received).toHaveLength(3);
    expect(new Set(r.received.map((x) => x.id)).size).toBe(1); // one message, one webhook-id
    expect(r.received.every((x) => verifyBySpec(hook.secret, x))).toBe(true);

    const log = (await partnerApi.get(`/webhooks/${hook.id}/deliveries`).expect(200)).body.items;
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      event: 'task.scheduled',
      status: 'succeeded',
      attempts: 3,
      responseCode: 200,
      error: null,
      messageId: r.received[0].id,
    });
    expect(log[0].attemptLog.map((a: { responseCode: number }) => a.responseCode)).toEqual([
      500, 503, 200,
    ]);
    expect(log[0].attemptLog[0].error).toMatch(/^HTTP 500/);
    expect(log[0].latencyMs).toEqual(expect.any(Number));
    const endpoint = (await partnerApi.get(`/webhooks/${hook.id}`).expect(200)).body;
    expect(endpoint.failingSince).toBeNull();
    await cancel((await taskOf(tenant.id)).id);
    await partnerApi.delete(`/webhooks/${hook.id}`).expect(204);
  });

  it('keeps the order per task: a later event waits for an earlier one that is being retried', async () => {
    const r = await receivers.start();
    const hook = await register(partnerApi, r.url, ['task.scheduled', 'task.cancelled']);
    r.answers.push(500);
    const tenant = await newTenant(t.admin, partnerA.id);
    await schedule(tenant.id);
    const task = await taskOf(tenant.id);
    await sender.drain(); // scheduled: 500
    await cancel(task.id);
    await sender.drain(); // cancelled waits behind scheduled
    expect(r.received.map((x) => x.json.type)).toEqual(['task.scheduled']);
    t.clock.advance(5_000);
    await sender.drain();
    expect(r.received.map((x) => `${x.json.type}:${x.answered}`)).toEqual([
      'task.scheduled:500',
      'task.scheduled:200',
      'task.cancelled:200',
    ]);
    expect(r.received[2].json.data).toMatchObject({
      taskId: task.id,
      status: 'cancelled',
      reason: 'customer asked',
    });
    await partnerApi.delete(`/webhooks/${hook.id}`).expect(204);
  });

  it('after a receiver outage every event arrives exactly once', async () => {
    const r = await receivers.start();
    const hook = await register(partnerApi, r.url, ['task.scheduled', 'task.cancelled']);
    await r.stop();
    const outageStart = t.clock.now().toISOString();
    const tenants = [
      await newTenant(t.admin, partnerA.id),
      await newTenant(t.admin, partnerA.id),
      await newTenant(t.admin, partnerA.id),
    ];
    await t.admin
      .post('/update-tasks', {
        tenantIds: tenants.map((x) => x.id),
        targetVersion: '2.0.0',
        mode: 'custom',
        runAt: '2027-04-01T10:00:00Z',
      })
      .expect(201);
    for (const x of tenants) await cancel((await taskOf(x.id)).id);
    await sender.drain();
    await sender.drain();
    let log = (await partnerApi.get(`/webhooks/${hook.id}/deliveries`).expect(200)).body.items;
    expect(log).toHaveLength(6);
    expect(log.filter((d: { attempts: number }) => d.attempts === 1)).toHaveLength(3); // the scheduled ones
    expect(log.find((d: { error: string | null }) => d.error)?.error).toMatch(/ECONNREFUSED/);
    const failing = (await partnerApi.get(`/webhooks/${hook.id}`).expect(200)).body;
    expect(failing.failingSince).toBe(outageStart);

    t.clock.advance(6_000);
    await sender.drain(); // still down: second attempts fail
    await r.restart();
    t.clock.advance(301_000);
    await sender.drain();
    await sender.drain();
    expect(r.accepted).toHaveLength(6);
    expect(new Set(r.accepted.map((x) => x.id)).size).toBe(6);
    for (const x of tenants) {
      const types = r.accepted.filter((m) => m.json.data.tenantId === x.id).map((m) => m.json.type);
      expect(types).toEqual(['task.scheduled', 'task.cancelled']);
    }
    log = (await partnerApi.get(`/webhooks/${hook.id}/deliveries?status=succeeded`).expect(200))
      .body.items;
    expect(log).toHaveLength(6);
    expect((await partnerApi.get(`/webhooks/${hook.id}`).expect(200)).body.failingSince).toBeNull();
    await partnerApi.delete(`/webhooks/${hook.id}`).expect(204);
  });

  it('a delivery whose sender died mid-request is sent again by another sender: nothing is lost', async () => {
    const r = await receivers.start();
    const hook = await register(partnerApi, r.url, ['task.scheduled']);
    r.answers.push('hang');
    // A second replica on the same database, with its own sender.
    const other = await startTestApp({
      databaseUrl: t.databaseUrl,
      clock: t.clock,
      env: {
        WEBHOOK_ALLOW_PRIVATE: 'true',
        WEBHOOK_SENDER_ENABLED: 'false',
        WEBHOOK_TIMEOUT_MS: '60000',
      },
    });
    const tenant = await newTenant(t.admin, partnerA.id);
    await schedule(tenant.id);
    const sending = other.app.get(WebhookSender).drain();
    await r.receivedCount(1); // the request is at the receiver, unanswered
    await other.app.close(); // the replica goes away mid-delivery; nothing is recorded
    await sending.catch(() => undefined);

    const [row] = await t.ds.query(
      `SELECT status, attempts FROM webhook_delivery WHERE endpoint_id = $1`,
      [hook.id],
    );
    expect(row).toEqual({ status: 'delivering', attempts: 1 });
    await sender.drain();
    expect(r.received).toHaveLength(1); // the lease has not lapsed: nobody else sends it
    t.clock.advance(91_000);
    await sender.drain();
    expect(r.received).toHaveLength(2);
    expect(r.accepted).toHaveLength(1);
    expect(r.received[1].id).toBe(r.received[0].id);
    const log = (await partnerApi.get(`/webhooks/${hook.id}/deliveries`).expect(200)).body.items;
    expect(log).toEqual([expect.objectContaining({ status: 'succeeded', attempts: 2 })]);
    await partnerApi.delete(`/webhooks/${hook.id}`).expect(204);
  });

  it('test ping, redelivery with the same webhook-id, and secret rotation', async () => {
    const r = await receivers.start();
    const hook = await register(partnerApi, r.url, ['task.failed']);
    const ping = (await partnerApi.post(`/webhooks/${hook.id}/ping`).expect(202)).body;
    expect(ping).toMatchObject({ event: 'webhook.ping', status: 'pending', attempts: 0 });
    await sender.drain();
    expect(r.received[0].json).toMatchObject({
      type: 'webhook.ping',
      data: { endpointId: hook.id },
    });
    expect(verifyByLibrary(hook.secret, r.received[0])).toBe(true);

    const again = (
      await partnerApi.post(`/webhooks/${hook.id}/deliveries/${ping.id}/redeliver`).expect(202)
    ).body;
    expect(again.id).not.toBe(ping.id);
    expect(again.messageId).toBe(ping.messageId);

    const rotated = (
      await partnerApi.patch(`/webhooks/${hook.id}`, { rotateSecret: true }).expect(200)
    ).body;
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(hook.secret);
    expect(Date.parse(rotated.previousSecretExpiresAt)).toBe(t.clock.now().getTime() + 86_400_000);
    await sender.drain();
    const second = r.received[1];
    expect(second.id).toBe(r.received[0].id);
    expect(second.signature.split(' ')).toHaveLength(2);
    expect(verifyBySpec(rotated.secret, second)).toBe(true);
    expect(verifyBySpec(hook.secret, second)).toBe(true);
    expect(verifyByLibrary(rotated.secret, second)).toBe(true);

    t.clock.advance(25 * 3_600_000);
    await partnerApi.post(`/webhooks/${hook.id}/ping`).expect(202);
    await sender.drain();
    const third = r.received[2];
    expect(verifyBySpec(rotated.secret, third)).toBe(true);
    expect(verifyBySpec(hook.secret, third)).toBe(false);
    await partnerApi
      .post(`/webhooks/${hook.id}/deliveries/00000000-0000-4000-8000-000000000000/redeliver`)
      .expect(404);
    await partnerApi.delete(`/webhooks/${hook.id}`).expect(204);
  });

  it('an endpoint failing for 72 hours is disabled and its partner’s contacts e-mailed; enabling it again lets redeliveries through', async () => {
    const r = await receivers.start();
    const hook = await register(partnerApi, r.url, ['task.scheduled', 'task.cancelled'], {
      description: 'PSA',
    });
    r.answers.push(...Array<number>(50).fill(500));
    // A platform admin's endpoint (no partner) failing alongside: disabled too, e-mails nobody.
    const r2 = await receivers.start();
    const platformHook = await register(t.admin, r2.url, ['task.scheduled', 'task.cancelled']);
    r2.answers.push(...Array<number>(50).fill(500));
    const tenant = await newTenant(t.admin, partnerA.id);
    await schedule(tenant.id);
    await sender.drain();
    // Retries at 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h: the delivery fails for good after ~28 h.
    for (const s of [5, 300, 1800, 7200, 18000, 36000, 36000]) {
      t.clock.advance(s * 1000);
      await sender.drain();
    }
    const [first] = (await partnerApi.get(`/webhooks/${hook.id}/deliveries`).expect(200)).body
      .items;
    expect(first).toMatchObject({ status: 'failed', attempts: 8 });
    expect((await partnerApi.get(`/webhooks/${hook.id}`).expect(200)).body.enabled).toBe(true);

    // 72 hours after the first failure, the next failure disables it.
    t.clock.advance(72 * 3_600_000);
    await cancel((await taskOf(tenant.id)).id);
    await sender.drain();
    const disabled = (await partnerApi.get(`/webhooks/${hook.id}`).expect(200)).body;
    expect(disabled).toMatchObject({
      enabled: false,
      disabledReason: expect.stringContaining('72 h'),
    });
    expect((await t.admin.get(`/webhooks/${platformHook.id}`).expect(200)).body.enabled).toBe(
      false,
    );
    // The e-mail is written by the transaction that disabled the endpoint (same xmin), to each
    // contact of its partner; nothing for the platform admin's endpoint.
    const written = await t.ds.query(
      `SELECT o.recipient, o.locale, o.xmin::text = w.xmin::text AS same_tx
       FROM outbox_email o JOIN webhook_endpoint w ON w.id::text = o.payload->>'endpointId'
       WHERE o.event = 'webhook.disabled' AND w.id = ANY($1::uuid[])`,
      [[hook.id, platformHook.id]],
    );
    const contacts = (await t.admin.get(`/partners/${partnerA.id}`).expect(200)).body.contacts as {
      email: string;
      locale: string;
    }[];
    expect(written).toEqual(
      contacts.map((c) => ({ recipient: c.email, locale: c.locale, same_tx: true })),
    );
    await t.sender.drain();
    const mails = sink.received.filter(
      (m) => header(m.mail, 'X-Notification-Event') === 'webhook.disabled',
    );
    expect(mails.map((m) => m.to)).toEqual(contacts.map((c) => c.email));
    expect(mails[0].mail.subject).toBe(`Webhook endpoint disabled: ${r.url}`);
    expect(mails[0].mail.text).toContain('failed for 72 hours');
    expect(mails[0].mail.text).toContain(`PATCH /webhooks/${hook.id}`);
    expect(mails[0].mail.text).toContain('Description: PSA');
    expect(mails[0].mail.html).toContain(r.url);
    await partnerApi.post(`/webhooks/${hook.id}/ping`).expect(409);
    await schedule((await newTenant(t.admin, partnerA.id)).id);
    expect(
      await t.ds.query(`SELECT count(*)::int AS n FROM webhook_delivery WHERE endpoint_id = $1`, [
        hook.id,
      ]),
    ).toEqual([{ n: 2 }]); // a disabled endpoint gets no new deliveries

    r.answers.length = 0;
    const enabled = (await partnerApi.patch(`/webhooks/${hook.id}`, { enabled: true }).expect(200))
      .body;
    expect(enabled).toMatchObject({ enabled: true, disabledReason: null, failingSince: null });
    await partnerApi.post(`/webhooks/${hook.id}/deliveries/${first.id}/redeliver`).expect(202);
    await sender.drain();
    expect(r.accepted.map((x) => x.json.type)).toEqual(['task.scheduled']);
    await partnerApi.delete(`/webhooks/${hook.id}`).expect(204);
    await t.admin.delete(`/webhooks/${platformHook.id}`).expect(204);
  });

  it('maintenance announced and withdrawn reach the platform’s partners', async () => {
    const r = await receivers.start();
    const hook = await register(partnerApi, r.url, [
      'maintenance.announced',
      'maintenance.withdrawn',
    ]);
    const period = (
      await t.admin
        .post(`/platforms/${platformId}/maintenance`, {
          startsAt: '2027-05-01T22:00:00Z',
          endsAt: '2027-05-02T02:00:00Z',
          message: 'Database upgrade',
        })
        .expect(201)
    ).body;
    await t.admin.delete(`/platforms/${platformId}/maintenance/${period.id}`).expect(204);
    await sender.drain();
    expect(r.received.map((x) => x.json.type)).toEqual([
      'maintenance.announced',
      'maintenance.withdrawn',
    ]);
    expect(r.received[0].json.data).toMatchObject({
      maintenanceId: period.id,
      platformId,
      startsAt: '2027-05-01T22:00:00.000Z',
      message: 'Database upgrade',
    });
    await partnerApi.delete(`/webhooks/${hook.id}`).expect(204);
  });

  it('blackouts set and removed reach their partner’s endpoints, written with the change', async () => {
    const a = await receivers.start();
    const b = await receivers.start();
    const events = ['blackout.created', 'blackout.deleted'];
    const hookA = await register(partnerApi, a.url, events);
    const partnerBApi = t.admin.as(await newKey(t.admin, 'partner_admin', partnerB.id));
    const hookB = await register(partnerBApi, b.url, events);
    const created = (
      await partnerApi
        .post(`/tenants/${tenantA.id}/blackouts`, {
          startsAt: '2027-12-20T00:00:00Z',
          endsAt: '2028-01-06T00:00:00Z',
          repeat: 'yearly',
          reason: 'Holidays',
        })
        .expect(201)
    ).body;
    // The delivery was written by the transaction that created the blackout.
    expect(
      await t.ds.query(
        `SELECT d.xmin::text = b.xmin::text AS same_tx FROM webhook_delivery d, blackout b
         WHERE d.endpoint_id = $1 AND b.id = $2`,
        [hookA.id, created.id],
      ),
    ).toEqual([{ same_tx: true }]);
    await partnerApi.delete(`/tenants/${tenantA.id}/blackouts/${created.id}`).expect(204);
    await sender.drain();
    const data = {
      blackoutId: created.id,
      tenantId: tenantA.id,
      partnerId: null,
      platformId,
      startsAt: '2027-12-20T00:00:00.000Z',
      endsAt: '2028-01-06T00:00:00.000Z',
      repeat: 'yearly',
      timezone: created.timezone,
      reason: 'Holidays',
      conflictPolicy: 'reschedule',
    };
    expect(a.accepted.map((x) => x.json)).toEqual([
      { type: 'blackout.created', timestamp: expect.any(String), version: 1, data },
      { type: 'blackout.deleted', timestamp: expect.any(String), version: 1, data },
    ]);
    for (const x of a.accepted) expect(verifyBySpec(hookA.secret, x)).toBe(true);
    expect(b.accepted).toEqual([]); // partner B never receives A's
    await partnerApi.delete(`/webhooks/${hookA.id}`).expect(204);
    await partnerBApi.delete(`/webhooks/${hookB.id}`).expect(204);
  });

  it('rollouts paused, resumed and cancelled reach their partner’s endpoints, written with the change', async () => {
    const a = await receivers.start();
    const b = await receivers.start();
    const events = ['rollout.paused', 'rollout.resumed', 'rollout.stopped', 'rollout.completed'];
    const hookA = await register(partnerApi, a.url, events);
    const partnerBApi = t.admin.as(await newKey(t.admin, 'partner_admin', partnerB.id));
    const hookB = await register(partnerBApi, b.url, events);
    const tenant = await newTenant(t.admin, partnerA.id); // free of other updates
    const rollout = await quietRollout(tenant.id);
    expect(rollout.state).toBe('scheduled');
    await partnerApi.post(`/rollouts/${rollout.id}/pause`).expect(200);
    // The delivery was written by the transaction that paused the rollout.
    expect(
      await t.ds.query(
        `SELECT d.xmin::text = r.xmin::text AS same_tx FROM webhook_delivery d, rollout r
         WHERE d.endpoint_id = $1 AND r.id = $2`,
        [hookA.id, rollout.id],
      ),
    ).toEqual([{ same_tx: true }]);
    await partnerApi.post(`/rollouts/${rollout.id}/resume`).expect(200);
    await partnerApi.post(`/rollouts/${rollout.id}/cancel`).expect(200);
    await sender.drain();
    const data = (state: string, reason: string | null, cancelled = 0) => ({
      rolloutId: rollout.id,
      partnerId: partnerA.id,
      platformIds: [platformId],
      state,
      reason,
      targetVersion: '2.0.0',
      total: 1,
      succeeded: 0,
      failed: 0,
      cancelled,
    });
    expect(a.accepted.map((x) => x.json)).toEqual([
      {
        type: 'rollout.paused',
        timestamp: expect.any(String),
        version: 1,
        data: data('paused', expect.stringContaining('paused by')),
      },
      {
        type: 'rollout.resumed',
        timestamp: expect.any(String),
        version: 1,
        data: data('scheduled', null),
      },
      {
        type: 'rollout.completed',
        timestamp: expect.any(String),
        version: 1,
        data: data('cancelled', expect.stringContaining('cancelled by'), 1),
      },
    ]);
    for (const x of a.accepted) expect(verifyBySpec(hookA.secret, x)).toBe(true);
    expect(b.accepted).toEqual([]); // partner B never receives A's
    await partnerApi.delete(`/webhooks/${hookA.id}`).expect(204);
    await partnerBApi.delete(`/webhooks/${hookB.id}`).expect(204);
  });

  it('a rollout event written twice (a transaction run again, a second replica) is delivered once', async () => {
    const r = await receivers.start();
    const hook = await register(partnerApi, r.url, ['rollout.paused', 'rollout.resumed']);
    const tenant = await newTenant(t.admin, partnerA.id); // free of other updates
    const rollout = await quietRollout(tenant.id);
    const notices = t.app.get(Notices);
    const db = t.app.get(Transactions);
    // The same decision reached twice, in two committed transactions, as the rollouts write it.
    for (let i = 0; i < 2; i++) {
      await db.run((tx) =>
        notices.forRollout(tx, 'rollout.paused', rollout.id, {
          state: 'paused',
          reason: 'error gate',
          key: 'k1',
        }),
      );
      await db.run((tx) =>
        notices.forRolloutResumed(tx, rollout.id, { state: 'scheduled', key: 'k1' }),
      );
    }
    // Another pause of the same rollout (another key) is another event.
    await db.run((tx) =>
      notices.forRollout(tx, 'rollout.paused', rollout.id, {
        state: 'paused',
        reason: 'by hand',
        key: 'k2',
      }),
    );
    expect(
      await t.ds.query(
        `SELECT event, count(*)::int AS n FROM webhook_delivery WHERE endpoint_id = $1
         GROUP BY event ORDER BY event`,
        [hook.id],
      ),
    ).toEqual([
      { event: 'rollout.paused', n: 2 },
      { event: 'rollout.resumed', n: 1 },
    ]);
    await sender.drain();
    expect(r.accepted.map((x) => [x.json.type, x.json.data.reason])).toEqual([
      ['rollout.paused', 'error gate'],
      ['rollout.resumed', null],
      ['rollout.paused', 'by hand'],
    ]);
    expect(new Set(r.accepted.map((x) => x.id)).size).toBe(3);
    // A redelivery is not a second event: it is written whatever the key.
    const [first] = (await partnerApi.get(`/webhooks/${hook.id}/deliveries`).expect(200)).body
      .items as { id: string }[];
    await partnerApi.post(`/webhooks/${hook.id}/deliveries/${first.id}/redeliver`).expect(202);
    await partnerApi.delete(`/webhooks/${hook.id}`).expect(204);
  });
});

describe('webhooks without WEBHOOK_ALLOW_PRIVATE', () => {
  let t: TestApp;
  const receivers = new Receivers();
  let r: WebhookReceiver;

  beforeAll(async () => {
    r = await receivers.start();
    t = await startTestApp({ env: { WEBHOOK_SENDER_ENABLED: 'false' } });
  });
  afterAll(async () => {
    await t.close();
    await receivers.stopAll();
  });

  it('refuses plain http and loopback, private and link-local addresses', async () => {
    for (const url of [
      r.url,
      'https://127.0.0.1/hooks',
      'https://localhost/hooks',
      'https://10.0.0.8/hooks',
      'https://[::1]/hooks',
      'https://169.254.169.254/latest/meta-data',
    ]) {
      const res = await t.admin.post('/webhooks', { url, events: ['task.scheduled'] }).expect(400);
      expect(res.body.details[0]).toMatchObject({ field: 'url' });
    }
    expect(await t.ds.query(`SELECT count(*)::int AS n FROM webhook_endpoint`)).toEqual([{ n: 0 }]);
  });

  it('refuses to connect to a private address even when the stored URL points there', async () => {
    const world = await newWorld(t.admin);
    const tenant = await newTenant(t.admin, world.partner.id);
    // As if the name had resolved elsewhere when it was registered.
    const [{ id }] = await t.ds.query(
      `INSERT INTO webhook_endpoint (partner_id, url, events, secret)
       VALUES ($1, $2, '{task.scheduled}', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw') RETURNING id`,
      [world.partner.id, r.url.replace('http:', 'https:')],
    );
    await t.admin
      .post('/update-tasks', {
        tenantIds: [tenant.id],
        targetVersion: '2.0.0',
        mode: 'custom',
        runAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      })
      .expect(201);
    await t.app.get(WebhookSender).drain();
    expect(r.received).toHaveLength(0);
    const log = (await t.admin.get(`/webhooks/${id}/deliveries`).expect(200)).body.items;
    expect(log[0]).toMatchObject({ status: 'pending', responseCode: null });
    expect(log[0].error).toMatch(/private|not allowed|127\.0\.0\.1/i);
  });
});
