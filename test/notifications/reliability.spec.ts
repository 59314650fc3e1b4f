import { LEASE_MS } from '../../src/notifications/mail-sender';
import { MailTransport } from '../../src/notifications/mail-transport';
import { OUTBOX_CHANNEL } from '../../src/notifications/notices.repository';
import { NoticeComposer } from '../../src/notifications/notice-composer';
import { OutboxRepository } from '../../src/notifications/outbox.repository';
import { expandCustomerNotices } from '../support/app';
import { TestClock } from '../support/clock';
import { createTestDatabase, dropTestDatabase } from '../support/database';
import { newKey, newPartner, newTenant, newWorld } from '../support/factories';
import { listening, until } from '../scheduler/support';
import { MailTestApp, startMailApp } from './support/mail-app';
import { SmtpSink } from './support/smtp-sink';

/**
 * Delivery when things go wrong: the server away, refusing, deferring; a sender dying mid-send.
 * Attempts are driven by hand and time by the test clock (retry base 1 s, 4 attempts).
 */
describe('e-mail delivery when things go wrong', () => {
  const sink = new SmtpSink();
  let t: MailTestApp;
  let partnerId: string;
  const contact = 'ops@reliable.example';

  /** Schedules `count` new tenants with customer and partner notices; returns their e-mails. */
  const schedule = async (count: number) => {
    const tenants = [];
    for (let i = 0; i < count; i++) tenants.push(await newTenant(t.admin, partnerId));
    const res = await t.admin
      .post('/update-tasks', {
        tenantIds: tenants.map((x) => x.id),
        targetVersion: '2.0.0',
        mode: 'custom',
        runAt: '2027-05-03T20:00:00Z',
        notifyCustomer: true,
        notifyPartner: true,
      })
      .expect(201);
    await expandCustomerNotices(t); // what the sender does first: a row per customer
    return {
      batchId: res.body.batchId as string,
      emails: tenants.map((x) => x.customerEmail as string),
    };
  };
  const later = (ms: number) => t.clock.advance(ms);

  beforeAll(async () => {
    await sink.start();
    t = await startMailApp(sink);
    t.clock.set('2027-05-01T08:00:00Z');
    const world = await newWorld(t.admin);
    partnerId = (
      await newPartner(t.admin, world.platform.id, {
        contacts: [{ email: contact, locale: 'en', timezone: 'UTC' }],
      })
    ).id;
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });
  beforeEach(async () => {
    sink.clear();
    sink.refused.clear();
    sink.deferred.clear();
    await t.ds.query(`UPDATE outbox_email SET status = 'sent' WHERE status = 'pending'`);
  });

  it('SMTP down for a while, then up: every e-mail is delivered exactly once', async () => {
    await sink.stop();
    const { batchId, emails } = await schedule(12);
    expect(await t.sender.drain()).toBe(13);
    let rows = await t.outbox('batch_id = $1', [batchId]);
    expect(rows.every((r) => r.status === 'pending' && r.attempts === 1)).toBe(true);
    expect(rows[0].last_error).toMatch(/ECONNREFUSED/);
    // Nothing is due before the retry delay (0.5–1 s after the first attempt).
    expect(await t.sender.drain()).toBe(0);
    later(1000);
    expect(await t.sender.drain()).toBe(13);
    expect(sink.received).toHaveLength(0);

    await sink.start();
    later(500);
    expect(await t.sender.drain()).toBe(0); // second delay: 1–2 s
    later(1500);
    expect(await t.sender.drain()).toBe(13);

    rows = await t.outbox('batch_id = $1', [batchId]);
    expect(rows.map((r) => [r.status, r.attempts])).toEqual(Array(13).fill(['sent', 3]));
    expect(sink.received.map((r) => r.to).sort()).toEqual([...emails, contact].sort());
    const ids = sink.received.map((r) => r.mail.messageId);
    expect(new Set(ids).size).toBe(13);
    expect(rows.map((r) => r.message_id).sort()).toEqual([...ids].sort());
    later(60_000);
    expect(await t.sender.drain()).toBe(0);
    expect(sink.received).toHaveLength(13);
  });

  it('a server refusing one recipient: the others are delivered, the refusal is dead and visible', async () => {
    const { batchId, emails } = await schedule(3);
    sink.refused.add(emails[1]);
    expect(await t.sender.drain()).toBe(4);
    expect(sink.received.map((r) => r.to).sort()).toEqual([emails[0], emails[2], contact].sort());
    const [dead] = await t.outbox('batch_id = $1 AND status <> $2', [batchId, 'sent']);
    expect(dead).toMatchObject({ recipient: emails[1], status: 'dead', attempts: 1 });

    const listed = await t.admin
      .get(`/notifications?status=dead&recipient=${emails[1]}`)
      .expect(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        id: dead.id,
        event: 'task.scheduled',
        recipient: emails[1],
        recipientKind: 'customer',
        status: 'dead',
        attempts: 1,
        lastError: expect.stringMatching(/550 5\.1\.1 .*no such user \(RCPT TO\)/),
        messageId: null,
        batchId,
        sentAt: null,
      }),
    ]);
    later(3_600_000);
    expect(await t.sender.drain()).toBe(0);
  });

  it('resend: a dead e-mail goes out once the cause is fixed, a sent one again as a new e-mail', async () => {
    const { emails } = await schedule(1);
    sink.refused.add(emails[0]);
    await t.sender.drain();
    const [dead] = await t.outbox(`recipient = $1`, [emails[0]]);
    expect(dead.status).toBe('dead');

    sink.refused.clear();
    const res = await t.admin.post(`/notifications/${dead.id}/resend`).expect(200);
    expect(res.body).toMatchObject({ id: dead.id, status: 'pending', attempts: 0, resends: 1 });
    await t.admin.post(`/notifications/${dead.id}/resend`).expect(409);
    expect(await t.sender.drain()).toBe(1);
    const first = sink.to(emails[0]);
    expect(first).toHaveLength(1);

    const sent = (await t.admin.get(`/notifications?recipient=${emails[0]}`)).body.items[0];
    expect(sent).toMatchObject({ status: 'sent', messageId: first[0].mail.messageId });
    await t.admin.post(`/notifications/${dead.id}/resend`).expect(200);
    await t.sender.drain();
    const copies = sink.to(emails[0]);
    expect(copies).toHaveLength(2);
    // A new Message-ID, or receivers would drop it as a duplicate of the first.
    expect(copies[1].mail.messageId).not.toBe(copies[0].mail.messageId);

    const audit = await t.admin.get(`/audit-log?action=notification.resend&entityId=${dead.id}`);
    expect(audit.body.items).toHaveLength(2);
    const partnerKey = await newKey(t.admin, 'partner_admin', partnerId);
    await t.admin.as(partnerKey).post(`/notifications/${dead.id}/resend`).expect(403);
    await t.admin.as(partnerKey).get('/notifications').expect(403);
    await t.admin.post(`/notifications/0192f0c4-0000-7000-8000-000000000000/resend`).expect(404);
  });

  it('a deferring server is retried with growing delays until the attempts run out', async () => {
    const { emails } = await schedule(1);
    sink.deferred.add(emails[0]);
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect(await t.sender.drain()).toBe(attempt === 1 ? 2 : 1); // the digest goes out at once
      const [row] = await t.outbox(`recipient = $1`, [emails[0]]);
      expect(row.attempts).toBe(attempt);
      delays.push(row.next_attempt_at.getTime() - t.clock.now().getTime());
      t.clock.set(row.next_attempt_at);
    }
    const [row] = await t.outbox(`recipient = $1`, [emails[0]]);
    expect(row).toMatchObject({ status: 'dead', attempts: 4 });
    expect(row.last_error).toMatch(/450 4\.2\.1/);
    for (let i = 0; i < 3; i++) {
      expect(delays[i]).toBeGreaterThanOrEqual(500 * 2 ** i);
      expect(delays[i]).toBeLessThanOrEqual(1000 * 2 ** i);
    }
    later(3_600_000);
    expect(await t.sender.drain()).toBe(0);
    expect(sink.received.map((r) => r.to)).toEqual([contact]);
  });

  it('an address no server could deliver to is reported at once, not retried', async () => {
    const { emails } = await schedule(1);
    await t.ds.query(`UPDATE outbox_email SET recipient = 'it at tenant' WHERE recipient = $1`, [
      emails[0],
    ]);
    expect(await t.sender.drain()).toBe(2);
    const [row] = await t.outbox(`recipient = 'it at tenant'`);
    expect(row).toMatchObject({ status: 'dead', attempts: 1 });
    expect(row.last_error).toBe('invalid recipient address "it at tenant"');
    expect(sink.received.map((r) => r.to)).toEqual([contact]);
  });

  it('a sender that dies after the server accepted: the e-mail is sent again after the lease, with the same Message-ID', async () => {
    const { emails } = await schedule(1);
    // Another process claims the e-mail, hands it to the server, and dies before recording it.
    const outbox = t.app.get(OutboxRepository);
    const now = t.clock.now();
    const lease = { token: 'dead-sender#1', now, expiresAt: new Date(now.getTime() + LEASE_MS) };
    const claimed = await outbox.claimSingles(lease, 10);
    const mine = claimed.find((m) => m.first.recipient === emails[0]);
    if (!mine) throw new Error('not claimed');
    const composed = await t.app.get(NoticeComposer).compose(mine);
    await t.app.get(MailTransport).send(composed.mail, composed.fileName);
    expect(sink.to(emails[0])).toHaveLength(1);

    // Other senders leave it alone while the lease lasts…
    later(LEASE_MS - 1000);
    expect(await t.sender.recoverExpired()).toBe(0);
    expect(await t.sender.drain()).toBe(0);
    // …and take it over when the lease has expired.
    later(2000);
    expect(await t.sender.recoverExpired()).toBe(2);
    expect(await t.sender.drain()).toBe(2);
    const copies = sink.to(emails[0]);
    expect(copies).toHaveLength(2);
    expect(copies[1].mail.messageId).toBe(copies[0].mail.messageId);
    const [row] = await t.outbox(`recipient = $1`, [emails[0]]);
    expect(row).toMatchObject({
      status: 'sent',
      attempts: 2,
      message_id: copies[0].mail.messageId,
    });
  });
});

/**
 * Two replicas on one database, their senders on their own loops and polling once a minute: within
 * the test only a wake-up moves a sender.
 */
describe('an e-mail sender that stops', () => {
  const clock = new TestClock();
  const env = { MAIL_SENDER_ENABLED: 'true', MAIL_POLL_MS: '60000' };
  // The server holds the first e-mail it is handed at MAIL FROM until the test lets it go.
  let letGo: (() => void) | null = null;
  let holding = true;
  const sink = new SmtpSink({
    onMailFrom: (_address, _session, callback) => {
      if (!holding) return callback();
      holding = false;
      letGo = () => callback();
    },
  });
  let databaseUrl: string;
  let stopping: MailTestApp | undefined;
  let stays: MailTestApp | undefined;

  beforeAll(async () => {
    await sink.start();
    databaseUrl = await createTestDatabase();
  });
  afterAll(async () => {
    letGo?.();
    await stopping?.close();
    await stays?.close();
    await dropTestDatabase(databaseUrl);
    await sink.stop();
  });

  it('hands the e-mails it had queued to the other replicas at once', async () => {
    // One SMTP connection: of a batch's four customer e-mails it hands one to the server, which
    // holds it, a second waits for the connection, and the other two wait in its queue.
    const first = await startMailApp(
      sink,
      { ...env, MAIL_CONCURRENCY: '1' },
      { databaseUrl, clock },
    );
    stopping = first;
    clock.set('2027-05-01T08:00:00Z');
    const { partner } = await newWorld(first.admin);
    const tenants = [];
    for (let i = 0; i < 4; i++) tenants.push(await newTenant(first.admin, partner.id));
    await first.admin
      .post('/update-tasks', {
        tenantIds: tenants.map((x) => x.id),
        targetVersion: '2.0.0',
        mode: 'custom',
        runAt: '2027-05-03T20:00:00Z',
        notifyCustomer: true,
        notifyPartner: false,
      })
      .expect(201);
    const count = async (app: MailTestApp, sql: string): Promise<number> =>
      (await app.ds.query(`SELECT count(*)::int AS n ${sql}`))[0].n;
    await until(async () => letGo !== null, 'the first e-mail to reach the server');
    await until(
      async () => (await count(first, `FROM outbox_email WHERE status = 'sending'`)) === 4,
      'the first sender to claim all four',
    );

    // The other replica's sender finds nothing to claim (all four are leased) and listens.
    const other = await startMailApp(sink, env, { databaseUrl, clock });
    stays = other;
    await listening(first.ds, OUTBOX_CHANNEL, 2); // both senders
    // The first replica stops. Its sender stops first (as close() begins), and only then does the
    // server take the e-mail it holds: the sender finishes the two it had started and hands back
    // the two it had not.
    const senderStopped = first.sender.onModuleDestroy();
    letGo?.();
    await senderStopped;
    await first.close();
    stopping = undefined;
    // The two it handed back go out at once, sent by the other replica (and recorded: the server
    // has them a moment before the sender records them sent).
    await until(
      async () => (await count(other, `FROM outbox_email WHERE status = 'sent'`)) === 4,
      'the e-mails handed back to be sent',
    );
    expect(sink.received.map((r) => r.to).sort()).toEqual(
      tenants.map((x) => x.customerEmail).sort(),
    );
    // Handed back untried, they went out at their first counted attempt.
    expect((await other.outbox()).map((r) => r.attempts)).toEqual([1, 1, 1, 1]);
  });
});
