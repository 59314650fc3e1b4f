import { expandCustomerNotices } from '../../support/app';
import { newKey, newPartner, newSchedulingWorld, newTenant } from '../../support/factories';
import { calendarOf } from '../../notifications/support/ics';
import { type MailTestApp, startMailApp } from '../../notifications/support/mail-app';
import { type Received, SmtpSink } from '../../notifications/support/smtp-sink';

export type HeldTestTenant = { id: string; customerEmail: string; calendarUrl: string };

export interface HeldTaskRow {
  id: string;
  status: string;
  mode: string;
  runAt: Date;
  sequence: number;
}

export const PUBLIC_URL = 'https://updates.customers.example';
/** The self-service link of a customer e-mail; group 1 is its token. */
export const LINK = /https:\/\/updates\.customers\.example\/u\/([A-Za-z0-9_-]{76})/;

/** A time as an iCalendar DTSTART value. */
export const ics = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace('.000', '');

/**
 * What the specs of rollouts' held tasks read and do, for the app `app()` returns (started in
 * the spec's beforeAll) and the SMTP server `sink`: tenants, a rollout's task of a tenant, the
 * e-mails a customer received, a tenant's calendar feed, creating a rollout.
 */
export function heldTasks(app: () => MailTestApp, sink: SmtpSink) {
  const tenantOf = async (partnerId: string, body: Record<string, unknown> = {}) =>
    (await newTenant(app().admin, partnerId, body)) as unknown as HeldTestTenant;
  const taskOf = async (rolloutId: string, tenantId: string): Promise<HeldTaskRow> =>
    (
      (await app().ds.query(
        `SELECT id, status, mode, run_at AS "runAt", notice_sequence AS "sequence"
         FROM update_task WHERE rollout_id = $1 AND tenant_id = $2`,
        [rolloutId, tenantId],
      )) as HeldTaskRow[]
    )[0];
  /** Sends what is due and returns the e-mails `to` received since `before` of them. */
  const mailsTo = async (to: string, before = 0) => {
    await expandCustomerNotices(app());
    await app().sender.drain();
    return sink.to(to).slice(before);
  };
  const feed = async (tenant: HeldTestTenant) =>
    (await fetch(`${app().anonymous.baseUrl}${new URL(tenant.calendarUrl).pathname}`)).text();
  /** A rollout of version 2.0.0 in two waves (one tenant, then the rest), customers notified. */
  const create = async (api: MailTestApp['admin'], body: object, status = 201) =>
    (
      await api
        .post('/rollouts', {
          targetVersion: '2.0.0',
          notifyCustomer: true,
          waves: [{ count: 1 }, { percent: 100 }],
          ...body,
        })
        .expect(status)
    ).body as { id: string; state: string };
  /**
   * The calendar feed and the self-service page of `told`'s link say what it told: the task held
   * at `time`, the feed's SEQUENCE `sequence`, no postponing.
   */
  const saysHeldAt = async (
    tenant: HeldTestTenant,
    told: Received,
    time: Date,
    sequence: number,
  ) => {
    const calendar = await feed(tenant);
    expect(calendar).toContain(`DTSTART:${ics(time)}`);
    expect(calendar).toMatch(new RegExp(`SEQUENCE:${sequence}\\r?\\n`));
    const token = LINK.exec(told.mail.text ?? '')?.[1];
    expect(token).toBeDefined();
    expect((await app().anonymous.get(`/self-service/${token}`).expect(200)).body).toMatchObject({
      runAt: time.toISOString(),
      status: 'held',
      canPostpone: false,
    });
  };
  /**
   * The one e-mail `tenant`'s customer received since the first `before`: the update moved to
   * `time`, its calendar event at that time with SEQUENCE `sequence`.
   */
  const movedMail = async (tenant: HeldTestTenant, before: number, time: Date, sequence = 1) => {
    const news = await mailsTo(tenant.customerEmail, before);
    expect(news).toHaveLength(1);
    expect(news[0].mail.subject).toContain('moved to');
    expect(calendarOf(news[0].mail)).toMatchObject({ sequence, start: time.toISOString() });
    return news[0];
  };
  /**
   * A platform whose every rollout waits for a confirmation code, and a partner of it with a
   * licence e-mail (where its codes go) and a partner admin's API.
   */
  const confirmationWorld = async () => {
    const admin = app().admin;
    const w = await newSchedulingWorld(admin, 0);
    await admin
      .patch(`/platforms/${w.platformId}`, {
        licenceEmail: 'licence@platform.example',
        rolloutConfirmation: { tenantsOver: 0 },
      })
      .expect(200);
    const licence = 'licence@partner.example';
    const partner = await newPartner(admin, w.platformId, { licenceEmail: licence });
    const partnerApi = admin.as(await newKey(admin, 'partner_admin', partner.id));
    return { w, partner, partnerApi, licence };
  };
  /** Sends what is due; the one-time code in the last e-mail `to` (a licence contact) received. */
  const codeSentTo = async (to: string): Promise<string> => {
    await app().sender.drain();
    // the line "Confirmation code: K7M2QX9P"
    const code = /: ([A-HJ-NP-Z2-9]{8})\n/.exec(sink.to(to).at(-1)?.mail.text ?? '')?.[1];
    if (!code) throw new Error(`no code e-mailed to ${to}`);
    return code;
  };
  return {
    tenantOf,
    taskOf,
    mailsTo,
    feed,
    create,
    saysHeldAt,
    movedMail,
    confirmationWorld,
    codeSentTo,
  };
}

/**
 * A describe block's mail app (with `env`) and SMTP server, with the helpers of heldTasks: started
 * before its tests (`started` gets the app), closed after them; before each test the clock is at
 * Monday 1 February 2027, 08:00Z and the server's mailbox is empty.
 */
export function heldTasksApp(env: Record<string, string>, started: (t: MailTestApp) => void) {
  const sink = new SmtpSink();
  let t: MailTestApp;
  beforeAll(async () => {
    await sink.start();
    t = await startMailApp(sink, env);
    started(t);
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });
  beforeEach(() => {
    t.clock.set('2027-02-01T08:00:00Z');
    sink.clear();
  });
  return { sink, ...heldTasks(() => t, sink) };
}
