import { expandCustomerNotices } from '../support/app';
import { newTenant, newWorld } from '../support/factories';
import type { Api } from '../support/http';
import { Receivers, type WebhookReceiver } from '../support/webhook-receivers';
import { calendarOf } from '../notifications/support/ics';
import { MailTestApp, startMailApp } from '../notifications/support/mail-app';
import { SmtpSink } from '../notifications/support/smtp-sink';
import { WebhookSender } from '../../src/webhooks/webhook-sender';

type Tenant = { id: string; customerEmail: string; calendarUrl: string };

const PUBLIC_URL = 'https://updates.customers.example';
const LINK = /https:\/\/updates\.customers\.example\/u\/([A-Za-z0-9_-]{76})/;

/**
 * A move that leaves what the recipients were told as it was (mode, time, window end, expected
 * duration) tells nobody: the notice sequence stays, no "moved to" e-mail, no task.rescheduled
 * webhook, the calendar feed keeps its SEQUENCE and the self-service link of the e-mail still acts
 * — read from a real SMTP server, a real webhook receiver, the feed and the link. A move that
 * changes any of them is told as before.
 */
describe('moves that change nothing the recipients were told', () => {
  const sink = new SmtpSink();
  const receivers = new Receivers();
  let t: MailTestApp;
  let hooks: WebhookReceiver;
  let world: Awaited<ReturnType<typeof newWorld>>;
  let api: Api;

  const tenantOf = async (body: Record<string, unknown> = {}) =>
    (await newTenant(t.admin, world.partner.id, body)) as unknown as Tenant;
  const taskOf = async (tenantId: string) =>
    (
      (await t.ds.query(
        `SELECT id, mode, run_at AS "runAt", expires_at AS "expiresAt",
                expected_duration_minutes AS "expected", notice_sequence AS "sequence"
         FROM update_task WHERE tenant_id = $1 ORDER BY created_at DESC LIMIT 1`,
        [tenantId],
      )) as {
        id: string;
        mode: string;
        runAt: Date;
        expiresAt: Date | null;
        expected: number;
        sequence: number;
      }[]
    )[0];
  const schedule = async (tenant: Tenant, body: Record<string, unknown>) => {
    await api
      .post('/update-tasks', {
        tenantIds: [tenant.id],
        targetVersion: '2.0.0',
        notifyCustomer: true,
        notifyPartner: true,
        ...body,
      })
      .expect(201);
    return taskOf(tenant.id);
  };
  /** Sends what is due (e-mails and webhooks); the e-mails `to` received since the `before`th. */
  const mailsTo = async (to: string, before = 0) => {
    await expandCustomerNotices(t);
    await t.sender.drain();
    await t.app.get(WebhookSender).drain();
    return sink.to(to).slice(before);
  };
  const noticesOf = async (taskId: string) =>
    (
      await t.ds.query(
        `SELECT (SELECT count(*) FROM outbox_email WHERE task_id = $1)::int AS mails,
                (SELECT count(*) FROM webhook_delivery WHERE order_key = $1)::int AS hooks`,
        [taskId],
      )
    )[0] as { mails: number; hooks: number };
  const hooksOf = (taskId: string) =>
    hooks.received.filter((r) => r.json.data.taskId === taskId).map((r) => r.json.type);
  const feed = async (tenant: Tenant) =>
    (await fetch(`${t.anonymous.baseUrl}${new URL(tenant.calendarUrl).pathname}`)).text();
  const ics = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace('.000', '');
  const linkIn = (text: string | undefined) => LINK.exec(text ?? '')?.[1] as string;

  /** Schedules and returns the task with the link of the customer's e-mail, all sent. */
  const told = async (tenant: Tenant, body: Record<string, unknown>) => {
    const task = await schedule(tenant, body);
    const mails = await mailsTo(tenant.customerEmail);
    expect(mails).toHaveLength(1);
    expect(calendarOf(mails[0].mail)).toMatchObject({ sequence: 0 });
    expect(hooksOf(task.id)).toEqual(['task.scheduled']);
    return { task, token: linkIn(mails[0].mail.text), notices: await noticesOf(task.id) };
  };

  /** Nothing was sent for the task since `told`, and the feed and link are as the e-mail said. */
  const nothingNew = async (tenant: Tenant, was: Awaited<ReturnType<typeof told>>, link = true) => {
    expect((await mailsTo(tenant.customerEmail, 1)).map((r) => r.mail.subject)).toEqual([]);
    expect(hooksOf(was.task.id)).toEqual(['task.scheduled']);
    expect(await noticesOf(was.task.id)).toEqual(was.notices);
    const now = await taskOf(tenant.id);
    expect(now).toEqual(was.task);
    const calendar = await feed(tenant);
    expect(calendar).toContain(`DTSTART:${ics(was.task.runAt)}`);
    expect(calendar).toMatch(/SEQUENCE:0\r?\n/);
    if (!link) return;
    const page = (await t.anonymous.get(`/self-service/${was.token}`).expect(200)).body;
    expect(page).toMatchObject({ runAt: was.task.runAt.toISOString(), canPostpone: true });
  };

  beforeAll(async () => {
    await sink.start();
    t = await startMailApp(sink, {
      PUBLIC_URL,
      WEBHOOK_ALLOW_PRIVATE: 'true',
      WEBHOOK_SENDER_ENABLED: 'false',
      SELF_SERVICE_RATE_LIMIT_PER_MINUTE: '0',
    });
    world = await newWorld(t.admin);
    api = world.partnerApi;
    hooks = await receivers.start();
    await api
      .post('/webhooks', {
        url: hooks.url,
        events: ['task.scheduled', 'task.rescheduled', 'task.postponed'],
      })
      .expect(201);
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
    await receivers.stopAll();
  });
  beforeEach(() => {
    // A Saturday: a daily 02:00 Rome window opens next on Sunday 21 March at 01:00Z.
    t.clock.set('2027-03-20T10:00:00Z');
    sink.clear();
  });

  it('a reschedule to the time already set tells nobody; a new duration is told', async () => {
    const tenant = await tenantOf();
    const was = await told(tenant, { mode: 'custom', runAt: '2027-03-25T10:00:00Z' });

    const same = await api
      .post(`/update-tasks/${was.task.id}/reschedule`, {
        mode: 'custom',
        runAt: '2027-03-25T11:00:00+01:00',
      })
      .expect(200);
    expect(same.body).toMatchObject({ runAt: '2027-03-25T10:00:00.000Z', mode: 'custom' });
    await nothingNew(tenant, was);

    // The same time with another expected duration changes what the e-mail said: told.
    await api
      .post(`/update-tasks/${was.task.id}/reschedule`, {
        mode: 'custom',
        runAt: '2027-03-25T10:00:00Z',
        expectedDurationMinutes: 90,
      })
      .expect(200);
    expect(await taskOf(tenant.id)).toMatchObject({ expected: 90, sequence: 1 });
    const news = await mailsTo(tenant.customerEmail, 1);
    expect(news).toHaveLength(1);
    expect(news[0].mail.subject).toContain('moved to');
    expect(calendarOf(news[0].mail)).toMatchObject({ sequence: 1 });
    expect(hooksOf(was.task.id)).toEqual(['task.scheduled', 'task.rescheduled']);
    expect(await feed(tenant)).toMatch(/SEQUENCE:1\r?\n/);
  });

  it('a reschedule into the maintenance window it is already in tells nobody', async () => {
    const tenant = await tenantOf();
    const was = await told(tenant, { mode: 'maintenance_window' });
    expect(was.task).toMatchObject({ runAt: new Date('2027-03-21T01:00:00Z') });

    await api
      .post(`/update-tasks/${was.task.id}/reschedule`, { mode: 'maintenance_window' })
      .expect(200);
    await nothingNew(tenant, was);

    // The link of the first e-mail still acts: the customer postpones, and is told.
    const page = (await t.anonymous.get(`/self-service/${was.token}`).expect(200)).body;
    await t.anonymous
      .post(`/self-service/${was.token}/postpone`, { start: page.postponeOptions[0].start })
      .expect(200);
    expect(await taskOf(tenant.id)).toMatchObject({ sequence: 1 });
  });

  it("a change of the tenant's window that leaves its update in the same slot tells nobody", async () => {
    const tenant = await tenantOf();
    const was = await told(tenant, { mode: 'maintenance_window' });
    expect(was.task).toMatchObject({
      runAt: new Date('2027-03-21T01:00:00Z'),
      expiresAt: new Date('2027-03-21T05:00:00Z'),
    });

    // Sundays only: the next window is the same Sunday 02:00–06:00 Rome.
    await api
      .patch(`/tenants/${tenant.id}`, {
        maintenanceWindow: { cron: '0 2 * * SUN', durationMinutes: 240, timezone: 'Europe/Rome' },
      })
      .expect(200);
    await nothingNew(tenant, was);

    // A shorter window changes the end the e-mail said: told.
    await api
      .patch(`/tenants/${tenant.id}`, {
        maintenanceWindow: { cron: '0 2 * * SUN', durationMinutes: 180, timezone: 'Europe/Rome' },
      })
      .expect(200);
    expect(await taskOf(tenant.id)).toMatchObject({
      runAt: new Date('2027-03-21T01:00:00Z'),
      expiresAt: new Date('2027-03-21T04:00:00Z'),
      sequence: 1,
    });
    const news = await mailsTo(tenant.customerEmail, 1);
    expect(news).toHaveLength(1);
    expect(news[0].mail.subject).toContain('moved to');
    expect(hooksOf(was.task.id)).toEqual(['task.scheduled', 'task.rescheduled']);
  });

  it('a customer cannot postpone to the time already set: refused, nothing sent', async () => {
    const tenant = await tenantOf();
    const was = await told(tenant, { mode: 'maintenance_window' });
    const refused = await t.anonymous
      .post(`/self-service/${was.token}/postpone`, { start: was.task.runAt.toISOString() })
      .expect(422);
    expect(refused.body.details[0]).toMatchObject({ code: 'not_offered' });
    await nothingNew(tenant, was);
  });
});
