import { simpleParser } from 'mailparser';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { newTenant, newWorld } from '../support/factories';
import { calendarOf } from './support/ics';
import { MailTestApp, startMailApp } from './support/mail-app';
import { SmtpSink } from './support/smtp-sink';

/** Where e-mails go: .eml files without SMTP_URL; SMTP with TLS as the URL says, rate-limited. */
describe('mail transport', () => {
  const scheduleFor = async (t: MailTestApp, count: number) => {
    const { partner } = await newWorld(t.admin);
    const ids = [];
    for (let i = 0; i < count; i++) ids.push((await newTenant(t.admin, partner.id)).id);
    await t.admin
      .post('/update-tasks', {
        tenantIds: ids,
        targetVersion: '2.0.0',
        mode: 'custom',
        runAt: '2027-02-01T21:00:00Z',
        notifyCustomer: true,
        notifyPartner: true,
      })
      .expect(201);
  };

  describe('without SMTP_URL', () => {
    let t: MailTestApp;
    beforeAll(async () => {
      t = await startMailApp(null);
      t.clock.set('2027-01-20T09:00:00Z');
    });
    afterAll(() => t.close());

    it('writes one .eml file per e-mail to DATA_DIR/mail, which a mail client can open', async () => {
      await scheduleFor(t, 2);
      expect(await t.sender.drain()).toBe(3);
      const dir = path.join(t.config.dataDir, 'mail');
      const files = fs.readdirSync(dir).sort();
      expect(files).toHaveLength(3);
      for (const file of files)
        expect(file).toMatch(/^\d{8}T\d{6}Z-task\.scheduled-[0-9a-f]{12}\.eml$/);
      const mails = await Promise.all(
        files.map((f) => simpleParser(fs.readFileSync(path.join(dir, f)))),
      );
      const rows = await t.outbox();
      expect(mails.map((m) => m.messageId).sort()).toEqual(rows.map((r) => r.message_id).sort());
      const customer = mails.find((m) => calendarOf(m) !== null);
      expect(customer?.subject).toMatch(
        /^Update of tenant-\w+ to version 2\.0\.0 on Monday, 1 February/,
      );
      expect(calendarOf(customer!)?.start).toBe('2027-02-01T21:00:00.000Z');

      // The same e-mail written again (a recovered send) replaces its file.
      await t.ds.query(`UPDATE outbox_email SET status = 'pending'`);
      expect(await t.sender.drain()).toBe(3);
      expect(fs.readdirSync(dir).sort()).toEqual(files);
    });
  });

  it('smtps:// speaks TLS from the first byte', async () => {
    const sink = await new SmtpSink({ secure: true }).start();
    const t = await startMailApp(null, { SMTP_URL: `${sink.url}?tls.rejectUnauthorized=false` });
    try {
      await scheduleFor(t, 1);
      expect(await t.sender.drain()).toBe(2);
      expect(sink.received.map((r) => r.secure)).toEqual([true, true]);
    } finally {
      await t.close();
      await sink.stop();
    }
  });

  it('smtp:// upgrades with STARTTLS, and ?requireTLS=true refuses a server that does not offer it', async () => {
    const tls = await new SmtpSink({ disabledCommands: ['AUTH'] }).start();
    const plain = await new SmtpSink().start();
    const query = '?requireTLS=true&tls.rejectUnauthorized=false';
    const a = await startMailApp(null, { SMTP_URL: `${tls.url}${query}` });
    const b = await startMailApp(null, { SMTP_URL: `${plain.url}${query}` });
    try {
      await scheduleFor(a, 1);
      expect(await a.sender.drain()).toBe(2);
      expect(tls.received.map((r) => r.secure)).toEqual([true, true]);

      await scheduleFor(b, 1);
      expect(await b.sender.drain()).toBe(2);
      expect(plain.received).toHaveLength(0);
      const rows = await b.outbox();
      expect(rows.every((r) => r.status === 'pending')).toBe(true);
      expect(rows[0].last_error).toMatch(/STARTTLS/);
    } finally {
      await a.close();
      await b.close();
      await tls.stop();
      await plain.stop();
    }
  });

  it('keeps to MAIL_RATE_PER_SECOND', async () => {
    const sink = await new SmtpSink().start();
    const t = await startMailApp(sink, { MAIL_RATE_PER_SECOND: '4' });
    try {
      await scheduleFor(t, 5);
      const started = Date.now();
      expect(await t.sender.drain()).toBe(6);
      // 4 in the first second, the other 2 in the next.
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
      expect(sink.received).toHaveLength(6);
    } finally {
      await t.close();
      await sink.stop();
    }
  });
});
