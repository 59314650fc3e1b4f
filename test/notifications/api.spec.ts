import * as fs from 'node:fs';
import { Client } from 'pg';
import { loadConfig } from '../../src/config/app-config';
import { Notices } from '../../src/notifications/notices.service';
import { OUTBOX_CHANNEL } from '../../src/notifications/notices.repository';
import { dropTestDatabase } from '../support/database';
import { newTenant, newWorld } from '../support/factories';
import { MailTestApp, startMailApp } from './support/mail-app';
import { SmtpSink } from './support/smtp-sink';

describe('GET /notifications', () => {
  const sink = new SmtpSink();
  let t: MailTestApp;
  let batchId: string;
  let customers: string[];

  beforeAll(async () => {
    await sink.start();
    t = await startMailApp(sink);
    t.clock.set('2027-04-01T08:00:00Z');
    const { partner } = await newWorld(t.admin);
    customers = [];
    for (let i = 0; i < 3; i++)
      customers.push((await newTenant(t.admin, partner.id)).customerEmail as string);
    const tenants = (await t.admin.get(`/tenants?partnerId=${partner.id}`)).body.items;
    batchId = (
      await t.admin
        .post('/update-tasks', {
          tenantIds: tenants.map((x: { id: string }) => x.id),
          targetVersion: '2.0.0',
          mode: 'custom',
          runAt: '2027-04-05T20:00:00Z',
          notifyCustomer: true,
          notifyPartner: true,
        })
        .expect(201)
    ).body.batchId;
    sink.refused.add(customers[0]);
    await t.sender.drain();
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  it('lists e-mails oldest first, page by page', async () => {
    const first = await t.admin.get(`/notifications?batchId=${batchId}&limit=3`).expect(200);
    expect(first.body.items).toHaveLength(3);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await t.admin
      .get(`/notifications?batchId=${batchId}&limit=3&cursor=${first.body.nextCursor}`)
      .expect(200);
    expect(second.body).toEqual({ items: [expect.any(Object)], nextCursor: null });
    const all = [...first.body.items, ...second.body.items];
    expect(all.map((n) => n.id)).toEqual(all.map((n) => n.id).sort());
    expect(Object.keys(all[0]).sort()).toEqual(
      [
        'attempts',
        'batchId',
        'createdAt',
        'event',
        'groupKey',
        'id',
        'lastError',
        'locale',
        'messageId',
        'nextAttemptAt',
        'partnerId',
        'recipient',
        'recipientKind',
        'resends',
        'sentAt',
        'status',
        'taskId',
        'timezone',
      ].sort(),
    );
  });

  it('filters by status, task, recipient (any letter case) and event', async () => {
    const dead = (await t.admin.get('/notifications?status=dead').expect(200)).body.items;
    expect(dead.map((n: { recipient: string }) => n.recipient)).toEqual([customers[0]]);
    const taskId = dead[0].taskId;
    const ofTask = (await t.admin.get(`/notifications?taskId=${taskId}`).expect(200)).body.items;
    expect(ofTask).toHaveLength(1);
    const upper = customers[1].toUpperCase();
    const byRecipient = (await t.admin.get(`/notifications?recipient=${upper}`)).body.items;
    expect(byRecipient).toEqual([
      expect.objectContaining({ recipient: customers[1], status: 'sent' }),
    ]);
    const digests = await t.admin.get(`/notifications?event=task.scheduled&batchId=${batchId}`);
    expect(digests.body.items).toHaveLength(4);
  });

  it('refuses bad filters with the API error format', async () => {
    const res = await t.admin.get('/notifications?status=lost&taskId=x').expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'status',
      'taskId',
    ]);
    await t.admin.get('/notifications?cursor=nonsense').expect(400);
    await t.anonymous.get('/notifications').expect(401);
  });
});

describe('the sender in a scheduler process', () => {
  it('runs where the scheduler runs, unless told otherwise', () => {
    expect(loadConfig({}).mailSenderEnabled).toBe(true);
    expect(loadConfig({ SCHEDULER_ENABLED: 'false' }).mailSenderEnabled).toBe(false);
    expect(
      loadConfig({ SCHEDULER_ENABLED: 'false', MAIL_SENDER_ENABLED: 'true' }).mailSenderEnabled,
    ).toBe(true);
    expect(() => loadConfig({ MAIL_MAX_ATTEMPTS: '0' })).toThrow(/MAIL_MAX_ATTEMPTS/);
  });

  it('hands back what it has not started when the service stops', async () => {
    const sink = await new SmtpSink().start();
    const t = await startMailApp(sink, {
      MAIL_SENDER_ENABLED: 'true',
      MAIL_CONCURRENCY: '1',
      MAIL_RATE_PER_SECOND: '2',
    });
    let closed = false;
    try {
      t.clock.set('2027-04-01T08:00:00Z');
      const { partner } = await newWorld(t.admin);
      const ids = [];
      for (let i = 0; i < 12; i++) ids.push((await newTenant(t.admin, partner.id)).id);
      await t.admin
        .post('/update-tasks', {
          tenantIds: ids,
          targetVersion: '2.0.0',
          mode: 'custom',
          runAt: '2027-04-05T20:00:00Z',
          notifyCustomer: true,
        })
        .expect(201);
      await sink.waitFor(1);
      const ds = t.ds;
      const url = t.databaseUrl;
      await t.app.close();
      closed = true;
      expect(ds.isInitialized).toBe(false);
      const db = await startMailApp(null, {}, { databaseUrl: url });
      try {
        const rows = await db.outbox();
        const sent = rows.filter((r) => r.status === 'sent');
        expect(sent.length).toBe(sink.received.length);
        expect(sent.length).toBeLessThan(12);
        expect(rows.filter((r) => r.status === 'pending').map((r) => r.attempts)).toEqual(
          Array(12 - sent.length).fill(0),
        );
      } finally {
        await db.close();
        await dropTestDatabase(url);
        fs.rmSync(t.config.dataDir, { recursive: true, force: true });
      }
    } finally {
      if (!closed) await t.close();
      await sink.stop();
    }
  });

  it('sends new e-mails on its own, woken by the commit that wrote them', async () => {
    const sink = await new SmtpSink().start();
    // The sender polls once a minute here: within the test only a commit's NOTIFY can wake it.
    const t = await startMailApp(sink, { MAIL_SENDER_ENABLED: 'true', MAIL_POLL_MS: '60000' });
    // A LISTEN of its own on the senders' channel, to see what wakes them, in commit order.
    const listener = new Client({ connectionString: t.databaseUrl });
    await listener.connect();
    await listener.query(`LISTEN ${OUTBOX_CHANNEL}`);
    const received: string[] = [];
    let arrived: () => void = () => undefined;
    listener.on('notification', (n) => {
      received.push(n.payload ?? '');
      arrived();
    });
    const until = (check: () => boolean) =>
      new Promise<void>((resolve) => {
        arrived = () => check() && resolve();
        arrived();
      });
    try {
      t.clock.set('2027-04-01T08:00:00Z');
      const { partner } = await newWorld(t.admin);
      const tenant = await newTenant(t.admin, partner.id);
      const notices = t.app.get(Notices);
      const maintenance = await t.ds.query(
        `INSERT INTO platform_maintenance (platform_id, starts_at, ends_at, message, conflict_policy)
         VALUES ($1, '2027-05-01T00:00:00Z', '2027-05-01T02:00:00Z', 'x', 'cancel') RETURNING id`,
        [partner.platformId],
      );
      // A rolled-back change wakes nobody and sends nothing: a probe committed after it arrives
      // with nothing before it (notifications arrive in commit order).
      await t.ds
        .transaction(async (em) => {
          await notices.forMaintenance(em, 'maintenance.announced', maintenance[0].id);
          throw new Error('rolled back');
        })
        .catch(() => undefined);
      await t.ds.query(`SELECT pg_notify($1, 'probe')`, [OUTBOX_CHANNEL]);
      await until(() => received.includes('probe'));
      expect(received).toEqual(['probe']);

      // The commit that writes e-mails wakes the sender (the customers' are expanded by the
      // sender afterwards, which wakes it again), and the sender sends them without a poll.
      await t.admin
        .post('/update-tasks', {
          tenantIds: [tenant.id],
          targetVersion: '2.0.0',
          mode: 'custom',
          runAt: '2027-04-05T20:00:00Z',
          notifyCustomer: true,
          notifyPartner: true,
        })
        .expect(201);
      await until(() => received.length > 1);
      await sink.waitFor(2);
      expect(sink.received.map((r) => r.to).sort()).toEqual(
        [tenant.customerEmail, (partner.contacts as { email: string }[])[0].email].sort(),
      );
    } finally {
      await listener.end();
      await t.close();
      await sink.stop();
    }
  });
});
