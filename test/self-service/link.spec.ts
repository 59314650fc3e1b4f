import request from 'supertest';
import { expandCustomerNotices, startTestApp, TestApp } from '../support/app';
import { newTenant, newWorld } from '../support/factories';
import { MailTestApp, startMailApp } from '../notifications/support/mail-app';
import { SmtpSink } from '../notifications/support/smtp-sink';

const PUBLIC_URL = 'https://updates.customers.example';
const LINK = /https:\/\/updates\.customers\.example\/u\/([A-Za-z0-9_-]{76})/;

/**
 * The customer's self-service link, from a received e-mail to the page and its form, as a browser
 * without JavaScript would use it (real PostgreSQL, real SMTP server).
 */
describe('the self-service link in customer e-mails', () => {
  const sink = new SmtpSink();
  let t: MailTestApp;
  let base: string;
  let world: Awaited<ReturnType<typeof newWorld>>;

  const page = (token: string) => request(base).get(`/u/${token}`);
  const postForm = (token: string, start: string) =>
    request(base).post(`/u/${token}`).type('form').send({ start });
  const json = (token: string) => t.anonymous.get(`/self-service/${token}`);
  const postpone = (token: string, start: string) =>
    t.anonymous.post(`/self-service/${token}/postpone`, { start });
  const taskOf = async (tenantId: string) =>
    (await t.admin.get(`/update-tasks?tenantId=${tenantId}`).expect(200)).body.items.at(-1);

  /** Schedules an update and returns the token of the link in the customer's e-mail. */
  async function scheduled(
    tenant: { id: string; customerEmail: string },
    extra: Record<string, unknown> = {},
  ): Promise<string> {
    await t.admin
      .post('/update-tasks', {
        tenantIds: [tenant.id],
        targetVersion: '2.0.0',
        mode: 'maintenance_window',
        notifyPartner: true,
        notifyCustomer: true,
        ...extra,
      })
      .expect(201);
    await expandCustomerNotices(t);
    return latestLink(tenant.customerEmail);
  }

  async function latestLink(address: string): Promise<string> {
    const before = sink.to(address).length;
    await t.sender.drain();
    await sink.waitUntil(() => sink.to(address).length > before);
    const mail = sink.to(address).at(-1)!.mail;
    const text = LINK.exec(mail.text ?? '');
    const html = LINK.exec(String(mail.html));
    expect(text?.[1]).toBeDefined();
    expect(html?.[1]).toBe(text?.[1]);
    return text![1];
  }

  const options = (html: string) =>
    [...html.matchAll(/name="start" value="([^"]+)"/g)].map((m) => m[1]);

  beforeAll(async () => {
    await sink.start();
    t = await startMailApp(sink, {
      PUBLIC_URL,
      WEBHOOK_ALLOW_PRIVATE: 'true',
      SELF_SERVICE_RATE_LIMIT_PER_MINUTE: '0',
    });
    base = t.admin.baseUrl;
    t.clock.set('2027-03-20T10:00:00Z');
    world = await newWorld(t.admin);
    await t.admin
      .post('/webhooks', {
        url: 'http://127.0.0.1:9/hooks',
        events: ['task.postponed', 'task.rescheduled'],
        partnerId: world.partner.id,
      })
      .expect(201);
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  it('the link opens the page in the customer’s language and zone, and its form postpones the update', async () => {
    const tenant = await newTenant(t.admin, world.partner.id, {
      name: 'Bäckerei Schmidt',
      locale: 'de',
      timezone: 'Europe/Berlin',
      maintenanceWindow: { cron: '0 2 * * *', durationMinutes: 240, timezone: 'Europe/Berlin' },
    });
    const token = await scheduled(tenant as never);
    const task = await taskOf(tenant.id);

    const shown = await page(token).expect(200).expect('Content-Type', /html/);
    expect(shown.headers['referrer-policy']).toBe('no-referrer');
    expect(shown.text).toContain('Ihr geplantes Update');
    expect(shown.text).toContain('Bäckerei Schmidt');
    expect(shown.text).toContain('1.0.0 → 2.0.0');
    expect(shown.text).toMatch(/UTC\+01:00/);
    expect(shown.text).not.toContain('<script');
    const offered = options(shown.text);
    expect(offered.length).toBeGreaterThan(0);
    expect(new Date(offered[0]).getTime()).toBeGreaterThan(new Date(task.runAt).getTime());

    const sequence = async () =>
      (await t.ds.query(`SELECT notice_sequence FROM update_task WHERE id = $1`, [task.id]))[0]
        .notice_sequence as number;
    const sequenceBefore = await sequence();
    const posted = await postForm(token, offered[1]).expect(303);
    expect(posted.headers.location).toBe(`${token}?postponed=1`);
    const moved = await taskOf(tenant.id);
    expect(moved.runAt).toBe(new Date(offered[1]).toISOString());

    // The reschedule rules: sequence raised, the partner and webhooks told, the customer's
    // calendar entry moved (a new e-mail with a new link).
    const [row] = await t.ds.query(
      `SELECT notice_sequence, customer_postpones, announced_run_at FROM update_task WHERE id = $1`,
      [task.id],
    );
    expect(row).toMatchObject({ notice_sequence: sequenceBefore + 1, customer_postpones: 1 });
    expect(row.announced_run_at.toISOString()).toBe(task.runAt);
    const hooks = await t.ds.query(
      `SELECT event, payload FROM webhook_delivery WHERE order_key = $1 ORDER BY id`,
      [task.id],
    );
    expect(hooks.map((h: { event: string }) => h.event)).toEqual([
      'task.rescheduled',
      'task.postponed',
    ]);
    expect(hooks[1].payload.data).toMatchObject({ taskId: task.id, runAt: moved.runAt });
    const [audit] = await t.ds.query(
      `SELECT actor_role, actor_key_id, action FROM audit_log WHERE entity_id = $1 ORDER BY id DESC LIMIT 1`,
      [task.id],
    );
    expect(audit).toEqual({
      actor_role: 'customer_link',
      actor_key_id: null,
      action: 'update_task.postpone',
    });
    const partnerMails = await t.outbox(
      `recipient_kind = 'partner' AND event = 'task.rescheduled' AND task_id = $1`,
      [task.id],
    );
    expect(partnerMails).toHaveLength(1);

    // The old e-mail's link shows the update as it is now, and cannot act.
    const old = await page(token).expect(200);
    expect(old.text).toContain('Bäckerei Schmidt');
    expect(options(old.text)).toEqual([]);
    expect((await json(token).expect(200)).body).toMatchObject({
      canPostpone: false,
      runAt: moved.runAt,
    });
    const refused = await postpone(token, offered[2]).expect(409);
    expect(refused.body.details[0]).toMatchObject({ code: 'stale_link' });

    // The new e-mail's link may postpone once more (maxTimes 2), then no more.
    const second = await latestLink(tenant.customerEmail as string);
    const view = (await json(second).expect(200)).body;
    expect(view).toMatchObject({ canPostpone: true, locale: 'de', timezone: 'Europe/Berlin' });
    await postpone(second, view.postponeOptions[0].start).expect(200);
    const third = await latestLink(tenant.customerEmail as string);
    expect((await json(third).expect(200)).body.canPostpone).toBe(false);
    const limit = await postpone(third, view.postponeOptions[1].start).expect(422);
    expect(limit.body.details[0]).toMatchObject({ code: 'postpone_limit_reached' });
  });

  it('within maxDays of the time first announced only, and never a time not offered', async () => {
    const tenant = await newTenant(t.admin, world.partner.id);
    const token = await scheduled(tenant as never);
    await t.admin
      .patch(`/partners/${world.partner.id}`, { customerPostpone: { maxDays: 2 } })
      .expect(200);
    try {
      const view = (await json(token).expect(200)).body;
      const task = await taskOf(tenant.id);
      const horizon = new Date(task.runAt).getTime() + 2 * 86_400_000;
      expect(view.postponeOptions.length).toBeGreaterThan(0);
      for (const o of view.postponeOptions)
        expect(new Date(o.start).getTime()).toBeLessThanOrEqual(horizon);
      const beyond = new Date(horizon + 86_400_000).toISOString();
      const refused = await postpone(token, beyond).expect(422);
      expect(refused.body.details[0]).toMatchObject({ field: 'start', code: 'not_offered' });
      await postpone(token, 'tomorrow').expect(400);
    } finally {
      await t.admin.patch(`/partners/${world.partner.id}`, { customerPostpone: null }).expect(200);
    }
  });

  it('never a forced update, never once it started', async () => {
    const forcedTenant = await newTenant(t.admin, world.partner.id);
    const forced = await scheduled(forcedTenant as never, { forced: true });
    expect((await json(forced).expect(200)).body).toMatchObject({
      forced: true,
      canPostpone: false,
    });
    const at = new Date(
      Date.parse((await taskOf(forcedTenant.id)).runAt) + 86_400_000,
    ).toISOString();
    expect((await postpone(forced, at).expect(422)).body.details[0].code).toBe('forced_task');

    const startedTenant = await newTenant(t.admin, world.partner.id);
    const started = await scheduled(startedTenant as never);
    const task = await taskOf(startedTenant.id);
    await t.ds.query(
      `UPDATE update_task SET status = 'running', started_at = now(), attempts = 1 WHERE id = $1`,
      [task.id],
    );
    expect((await json(started).expect(200)).body).toMatchObject({
      status: 'running',
      canPostpone: false,
    });
    const refused = await postpone(started, at).expect(409);
    expect(refused.body.details[0].code).toBe('not_scheduled');
  });

  it('forged, unknown and expired links all get the same neutral page, 404 or 410', async () => {
    const tenant = await newTenant(t.admin, world.partner.id);
    const token = await scheduled(tenant as never);
    const forged = `${token.slice(0, 40)}${token[40] === 'A' ? 'B' : 'A'}${token.slice(41)}`;
    const neutral = (await page(forged).expect(404)).text;
    expect(neutral).not.toMatch(/2\.0\.0|tenant-/);
    expect((await page('not-a-token').expect(404)).text).toBe(neutral);
    expect((await postForm(forged, '2027-03-22T01:00:00.000Z').expect(404)).text).toBe(neutral);
    expect((await json(forged).expect(404)).body.details).toEqual([]);

    const other = await newTenant(t.admin, world.partner.id);
    const gone = await scheduled(other as never);
    await t.admin.post(`/update-tasks/${(await taskOf(other.id)).id}/cancel`, {}).expect(200);
    await t.admin.delete(`/tenants/${other.id}`).expect((r) => expect(r.status).toBeLessThan(300));
    expect((await page(gone).expect(404)).text).toBe(neutral);

    const task = await taskOf(tenant.id);
    t.clock.set(task.expiresAt);
    try {
      expect((await page(token).expect(410)).text).toBe(neutral);
      expect((await json(token).expect(410)).body.details).toEqual([]);
    } finally {
      t.clock.set('2027-03-20T10:00:00Z');
    }
  });

  it('over the rate limit a browser gets a small page in the customer’s language, the JSON API its JSON error', async () => {
    const tenant = await newTenant(t.admin, world.partner.id, {
      locale: 'de',
      timezone: 'Europe/Berlin',
    });
    const token = await scheduled(tenant as never);
    let limited: TestApp | null = null;
    try {
      limited = await startTestApp({
        databaseUrl: t.databaseUrl,
        env: { SELF_SERVICE_RATE_LIMIT_PER_MINUTE: '2' },
      });
      const at = (path: string) => request(limited!.admin.baseUrl).get(path);
      for (let i = 0; i < 2; i++) await at(`/u/${token}`).expect(200);
      const over = await at(`/u/${token}`).expect(429).expect('Content-Type', /html/);
      expect(over.text).toContain('<html lang="de">');
      expect(over.text).toContain('Zu viele Anfragen');
      expect(over.text).not.toContain(tenant.name); // says nothing about the update
      expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(over.headers['retry-after-selfservice'])).toBeGreaterThan(0);
      expect(over.headers['cache-control']).toBe('no-store');
      const forged = await at(`/u/${token.slice(0, -4)}AAAA`)
        .expect(429)
        .expect('Content-Type', /html/);
      expect(forged.text).toContain('<html lang="en">');
      expect(forged.text).toContain('Too many requests');
      const api = await at(`/api/v1/self-service/${token}`)
        .expect(429)
        .expect('Content-Type', /json/);
      expect(api.body).toMatchObject({ statusCode: 429 });
    } finally {
      await limited?.close();
    }
  });

  it('requests from links are rate limited per address', async () => {
    let limited: TestApp | null = null;
    try {
      limited = await startTestApp({
        databaseUrl: t.databaseUrl,
        env: { SELF_SERVICE_RATE_LIMIT_PER_MINUTE: '3' },
      });
      for (let i = 0; i < 3; i++) await limited.anonymous.get('/self-service/x').expect(404);
      const over = await limited.anonymous.get('/self-service/x').expect(429);
      // The library names its header after the throttler (Retry-After-selfService); the standard
      // Retry-After says the same.
      expect(Number(over.headers['retry-after-selfservice'])).toBeGreaterThan(0);
      expect(over.headers['retry-after']).toBe(over.headers['retry-after-selfservice']);
      await request(limited.admin.baseUrl).get('/u/x').expect(429);
      // Other requests are not counted against the links' limit.
      await limited.admin.get('/platforms').expect(200);
    } finally {
      await limited?.close();
    }
  });
});
