import { Notices } from '../../src/notifications/notices.service';
import { newPartner, newWorld } from '../support/factories';
import { MailTestApp, startMailApp } from './support/mail-app';
import { Received, SmtpSink } from './support/smtp-sink';

/** Partner digests: one e-mail per contact for a batch, and merged notices of later events. */
describe('partner digests', () => {
  const sink = new SmtpSink();
  let t: MailTestApp;
  let platformId: string;

  const newPartnerWith = async (contacts: { email: string; locale: string; timezone: string }[]) =>
    (await newPartner(t.admin, platformId, { contacts })).id;
  /** `count` tenants of the partner, created in one request; returns their ids. */
  const tenants = async (partnerId: string, count: number, name = (i: number) => `tenant ${i}`) => {
    const res = await t.admin
      .post('/tenants/bulk', {
        tenants: Array.from({ length: count }, (_, i) => ({
          partnerId,
          name: name(i),
          softwareVersion: '1.0.0',
          customerEmail: `it@t${i}.${partnerId.slice(0, 8)}.example`,
          locale: 'it',
          timezone: 'Europe/Rome',
          maintenanceWindow: { cron: `${i % 60} ${1 + (i % 4)} * * SUN`, durationMinutes: 120 },
        })),
      })
      .expect(201);
    return res.body.ids as string[];
  };
  const schedule = async (tenantIds: string[], notifyCustomer: boolean) =>
    (
      await t.admin
        .post('/update-tasks', {
          tenantIds,
          targetVersion: '2.0.0',
          mode: 'maintenance_window',
          notifyPartner: true,
          notifyCustomer,
        })
        .expect(201)
    ).body.batchId as string;
  const taskIds = async (batchId: string): Promise<string[]> =>
    (await t.ds.query(`SELECT id FROM update_task WHERE batch_id = $1 ORDER BY id`, [batchId])).map(
      (r: { id: string }) => r.id,
    );
  /** What the dispatcher does when tasks start or finish: notices in the transaction. */
  const taskEvent = (event: 'task.started' | 'task.succeeded', ids: string[]) =>
    t.ds.transaction((em) => t.app.get(Notices).forTasks(em, event, { taskIds: ids }));
  const csvOf = (r: Received) => {
    const csv = r.mail.attachments.find((a) => a.contentType.startsWith('text/csv'));
    if (!csv) throw new Error('no CSV attachment');
    return { name: csv.filename, lines: csv.content.toString('utf8').split('\r\n').slice(0, -1) };
  };

  beforeAll(async () => {
    await sink.start();
    t = await startMailApp(sink, { MAIL_DIGEST_WINDOW_SECONDS: '60' });
    t.clock.set('2027-06-01T08:00:00Z');
    platformId = (await newWorld(t.admin)).platform.id;
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });
  beforeEach(() => sink.clear());

  it('a 500-tenant batch: one digest per partner contact, summarised, every tenant in an attached CSV', async () => {
    const partnerId = await newPartnerWith([
      { email: 'ops@big.example', locale: 'de', timezone: 'Europe/Berlin' },
      { email: 'noc@big.example', locale: 'en', timezone: 'America/New_York' },
    ]);
    const ids = await tenants(partnerId, 500, (i) =>
      i === 7 ? '=HYPERLINK("x")' : `Filiale ${i}`,
    );
    const batchId = await schedule(ids, false);
    expect(await t.sender.drain()).toBe(2);
    expect(sink.received.map((r) => r.to).sort()).toEqual(['noc@big.example', 'ops@big.example']);

    const de = sink.to('ops@big.example')[0];
    expect(de.mail.subject).toBe('Updates auf Version 2.0.0 für 500 Mandanten geplant');
    expect(de.mail.text).toMatch(/Das erste Update beginnt am Sonntag, 6\. Juni 2027 um 01:00/);
    expect(de.mail.text).toContain(`Die angehängte Datei update-batch-${batchId.slice(0, 8)}.csv`);
    expect(de.mail.text).not.toContain('Filiale 1');
    const { name, lines } = csvOf(de);
    expect(name).toBe(`update-batch-${batchId.slice(0, 8)}.csv`);
    expect(lines).toHaveLength(501);
    expect(lines[0]).toBe(
      '\uFEFFtask_id,tenant_id,tenant,from_version,to_version,status,run_at,window_end,forced,note',
    );
    const tenantColumn = lines.slice(1).map((l) => l.split(',')[1]);
    expect(new Set(tenantColumn)).toEqual(new Set(ids));
    expect(lines.find((l) => l.includes(ids[7]))).toContain(`"'=HYPERLINK(""x"")"`);
    // Times with the contact's offset: Berlin in summer, New York in summer.
    expect(lines[1]).toMatch(/,2027-06-06T0\d:\d\d:00\+02:00,/);
    expect(csvOf(sink.to('noc@big.example')[0]).lines[1]).toMatch(
      /,2027-06-0\dT\d\d:\d\d:00-04:00,/,
    );
  });

  const startedCounts = async () => {
    const text = (await t.anonymous.root('/metrics').expect(200)).text;
    const value = (name: string) =>
      Number(new RegExp(`^${name}\\{event="task.started"\\} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
    return {
      emails: value('notification_emails_sent_total'),
      notices: value('notification_notices_sent_total'),
    };
  };

  it('a partner contact gets started notices of a batch as one digest after the digest window', async () => {
    const partnerId = await newPartnerWith([
      { email: 'ops@mid.example', locale: 'en', timezone: 'UTC' },
    ]);
    const batchId = await schedule(await tenants(partnerId, 5), true);
    await t.sender.drain();
    sink.clear();
    const ids = await taskIds(batchId);

    await taskEvent('task.started', ids.slice(0, 2));
    t.clock.advance(20_000);
    await taskEvent('task.started', ids.slice(2));
    t.clock.advance(39_000);
    // Customers are told at once; the partner's notices wait for the window of the first one.
    expect(await t.sender.drain()).toBe(5);
    expect(sink.to('ops@mid.example')).toHaveLength(0);
    t.clock.advance(1_000);
    const before = await startedCounts();
    expect(await t.sender.drain()).toBe(1);
    // One e-mail accepted, carrying five notices: counted as such.
    expect(await startedCounts()).toEqual({
      emails: before.emails + 1,
      notices: before.notices + 5,
    });
    const [digest] = sink.to('ops@mid.example');
    expect(digest.mail.subject).toBe('5 updates started');
    expect(digest.mail.text).toContain('These updates have started.');
    expect((digest.mail.text ?? '').match(/^- tenant \d: 1\.0\.0 → 2\.0\.0$/gm)).toHaveLength(5);
    const rows = await t.outbox(`batch_id = $1 AND event = 'task.started'`, [batchId]);
    expect(rows.filter((r) => r.recipient_kind === 'partner').map((r) => r.message_id)).toEqual(
      Array(5).fill(digest.mail.messageId),
    );

    // A single notice in its window goes out with the single-task template.
    await taskEvent('task.succeeded', [ids[3]]);
    t.clock.advance(60_000);
    expect(await t.sender.drain()).toBe(2);
    const [{ name }] = await t.ds.query(
      `SELECT tn.name FROM update_task t JOIN tenant tn ON tn.id = t.tenant_id WHERE t.id = $1`,
      [ids[3]],
    );
    expect(sink.to('ops@mid.example')[1].mail.subject).toBe(`${name} now runs version 2.0.0`);
  });

  it('two senders on one database: no e-mail twice, no group split between them', async () => {
    const partnerId = await newPartnerWith([
      { email: 'a@two.example', locale: 'en', timezone: 'UTC' },
      { email: 'b@two.example', locale: 'it', timezone: 'Europe/Rome' },
    ]);
    const batchId = await schedule(await tenants(partnerId, 60), true);
    await taskEvent('task.started', await taskIds(batchId));
    t.clock.advance(60_000);
    const other = await startMailApp(sink, {}, { databaseUrl: t.databaseUrl, clock: t.clock });
    try {
      const handled = await Promise.all([t.sender.drain(), other.sender.drain(), t.sender.drain()]);
      // 60 scheduled + 60 started to customers, 2 batch digests, 2 started digests.
      expect(handled.reduce((a, b) => a + b, 0)).toBe(124);
    } finally {
      await other.close();
    }
    expect(sink.received).toHaveLength(124);
    const keys = sink.received.map((r) => `${r.to} ${r.mail.messageId}`);
    expect(new Set(keys).size).toBe(124);
    for (const contact of ['a@two.example', 'b@two.example']) {
      const started = sink.to(contact).filter((r) => /started|avviati/.test(r.mail.subject ?? ''));
      expect(started).toHaveLength(1);
      expect(csvOf(started[0]).lines).toHaveLength(61);
    }
    const statuses = await t.ds.query(
      `SELECT status, count(*)::int AS n FROM outbox_email WHERE batch_id = $1 GROUP BY status`,
      [batchId],
    );
    expect(statuses).toEqual([{ status: 'sent', n: 60 + 60 + 2 + 120 }]);
  });
});
