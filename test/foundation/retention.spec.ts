/**
 * Retention: finished tasks with their step logs, their batches once empty, sent and dead e-mails,
 * audit rows and ended sessions are deleted once older than their RETENTION_* time, in small
 * statements (a batch size of 10 here, so every walk takes several), and nothing anyone still
 * needs: open tasks, and e-mails a follow-up could still be addressed from, stay.
 */
import { Client } from 'pg';
import { RetentionService } from '../../src/retention/retention.service';
import { startTestApp, TestApp } from '../support/app';
import { newWorld } from '../support/factories';

const DAY = 86_400_000;

describe('retention', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof newWorld>>;
  let finishedBatch: string;
  let openBatch: string;

  const count = async (sql: string, params: unknown[] = []) =>
    Number(
      (await t.ds.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n,
    );
  const prune = () => t.app.get(RetentionService).prune();

  beforeAll(async () => {
    t = await startTestApp({ env: { RETENTION_BATCH_SIZE: '10', RETENTION_PAUSE_MS: '0' } });
    w = await newWorld(t.admin);
    await w.partnerApi
      .post('/tenants/bulk', {
        tenants: Array.from({ length: 26 }, (_, i) => ({
          name: `t-${i}`,
          softwareVersion: '1.0.0',
          customerEmail: `it@t-${i}.example`,
        })),
      })
      .expect(201);
    const ids: string[] = (
      await t.ds.query<{ id: string }[]>(`SELECT id FROM tenant ORDER BY seq`)
    ).map((r) => r.id);
    const schedule = async (tenantIds: string[]) =>
      (
        await w.partnerApi
          .post('/update-tasks', {
            tenantIds,
            targetVersion: '2.0.0',
            mode: 'maintenance_window',
            notifyCustomer: true,
            notifyPartner: true,
          })
          .expect(201)
      ).body.batchId as string;
    finishedBatch = await schedule(ids.slice(0, 25));
    openBatch = await schedule(ids.slice(25));
    await w.partnerApi.post(`/update-batches/${finishedBatch}/cancel`).expect(200);
    // A step log for every finished task, and every e-mail so far sent except one given up.
    await t.ds.query(
      `INSERT INTO task_event (task_id, at, attempt, kind, message)
       SELECT id, now(), 1, 'info', 'log line' FROM update_task WHERE batch_id = $1`,
      [finishedBatch],
    );
    await t.ds.query(
      `INSERT INTO outbox_email (event, template, recipient, recipient_kind, locale, timezone,
         dedupe_key, task_id, batch_id, partner_id, platform_id, sequence)
       SELECT 'task.scheduled', 'task.scheduled', 'it@' || t.id || '.example', 'customer', 'en', 'UTC',
         'retention-test:' || t.id, t.id, t.batch_id, t.partner_id, t.platform_id, 0
       FROM update_task t`,
    );
    await t.ds.query(`UPDATE outbox_email SET status = 'sent', sent_at = now()`);
    await t.ds.query(
      `UPDATE outbox_email SET status = 'dead', sent_at = NULL
       WHERE id = (SELECT o.id FROM outbox_email o JOIN update_task u ON u.id = o.task_id
                   WHERE u.batch_id = $1 ORDER BY o.id LIMIT 1)`,
      [finishedBatch],
    );
    const key = (await t.ds.query<{ id: string }[]>(`SELECT id FROM api_key LIMIT 1`))[0].id;
    await t.ds.query(
      `INSERT INTO console_session (token_hash, api_key_id, expires_at, last_seen_at)
       VALUES ('ended', $1, now() - interval '1 hour', now() - interval '2 hours'),
              ('live', $1, now() + interval '1 hour', now())`,
      [key],
    );
  });
  afterAll(() => t.close());

  it('deletes nothing that is younger than its retention time, except ended sessions', async () => {
    t.clock.set(new Date());
    const before = {
      tasks: await count('update_task'),
      emails: await count('outbox_email'),
      audit: await count('audit_log'),
    };
    expect(await prune()).toEqual({
      tasks: 0,
      batches: 0,
      sent_emails: 0,
      dead_emails: 0,
      succeeded_webhooks: 0,
      failed_webhooks: 0,
      audit: 0,
      sessions: 1,
    });
    expect(await count('update_task')).toBe(before.tasks);
    expect(await count('outbox_email')).toBe(before.emails);
    expect(await count('audit_log')).toBe(before.audit);
    expect(await count(`console_session`)).toBe(1);
  });

  it('after 180 days: finished tasks, their logs, their empty batch, and their e-mails are gone; the open task and its e-mails stay', async () => {
    const emailsOfOpen = await count(`outbox_email WHERE batch_id = $1`, [openBatch]);
    expect(emailsOfOpen).toBeGreaterThan(0);
    t.clock.set(new Date(Date.now() + 181 * DAY));
    const deleted = await prune();
    expect(deleted).toMatchObject({ tasks: 25, batches: 1, audit: 0 });
    expect(await count(`update_task WHERE batch_id = $1`, [finishedBatch])).toBe(0);
    expect(await count(`task_event`)).toBe(0);
    expect(await count(`update_batch WHERE id = $1`, [finishedBatch])).toBe(0);
    expect(await count(`outbox_email WHERE batch_id = $1`, [finishedBatch])).toBe(0);
    expect(await count(`update_task WHERE batch_id = $1`, [openBatch])).toBe(1);
    expect(await count(`update_batch WHERE id = $1`, [openBatch])).toBe(1);
    expect(await count(`outbox_email WHERE batch_id = $1`, [openBatch])).toBe(emailsOfOpen);
    expect(await count('audit_log')).toBeGreaterThan(0);
  });

  it('after 400 days the audit rows are gone', async () => {
    await t.ds.query(
      `INSERT INTO audit_log (action, entity_type) SELECT 'filler', 'test' FROM generate_series(1, 20)`,
    );
    const rows = await count('audit_log');
    t.clock.set(new Date(Date.now() + 401 * DAY));
    expect((await prune())?.audit).toBe(rows);
    expect(await count('audit_log')).toBe(0);
  });

  it('leaves the round to another replica that is pruning', async () => {
    await t.ds.query(
      `INSERT INTO audit_log (action, entity_type, at) VALUES ('old', 'test', now() - interval '1000 days')`,
    );
    const other = new Client({ connectionString: t.databaseUrl });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT pg_advisory_xact_lock(727140300)');
      expect(await prune()).toBeNull();
      expect(await count(`audit_log WHERE action = 'old'`)).toBe(1);
      await other.query('COMMIT');
    } finally {
      await other.end();
    }
    expect((await prune())?.audit).toBe(1);
  });
});
