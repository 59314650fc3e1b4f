import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notices that reference what they are about instead of copying it.
 *
 * - A task notice keeps what belongs to its event (the notice sequence it was written at, and its
 *   reason: why a task moved or was cancelled, why it failed) and references its task; the e-mail
 *   is rendered from the task and tenant as they are when it is sent, as batch digests already
 *   were. The payload is left to notices that are not about a task (maintenance, batch digests).
 * - The customers of a batch are ONE row of `outbox_fanout`, written with the batch; the sender
 *   expands it into one outbox row per customer, a few thousand per transaction, advancing
 *   `expanded_through` in the same transaction (so each customer is expanded once; the dedupe key
 *   backs that up). Writers of follow-ups (moves, cancels) lock the batch's pending fan-out rows
 *   FOR SHARE, the expander FOR UPDATE: a task changed before its customer was expanded is
 *   expanded as it is then (moved: at its new time; no longer scheduled: not at all), one changed
 *   after is followed up to the expanded recipient. See docs/notifications.md.
 * - outbox_email_batch also indexes task_id, so the digests of a batch (task_id IS NULL) are found
 *   without reading its customer rows.
 */
export class NoticeReferences1795414000000 implements MigrationInterface {
  name = 'NoticeReferences1795414000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE outbox_email
        ALTER COLUMN payload DROP NOT NULL,
        ADD COLUMN sequence int NULL,
        ADD COLUMN reason text NULL`);
    await q.query(`
      UPDATE outbox_email
      SET sequence = (payload->>'sequence')::int,
          reason = COALESCE(payload->>'reason', CASE WHEN event = 'task.failed' THEN payload->>'error' END),
          payload = NULL
      WHERE task_id IS NOT NULL`);
    await q.query(`DROP INDEX outbox_email_batch`);
    await q.query(
      `CREATE INDEX outbox_email_batch ON outbox_email (batch_id, task_id) WHERE batch_id IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE outbox_fanout (
        id uuid PRIMARY KEY DEFAULT uuid_v7(),
        event text NOT NULL,
        audience text NOT NULL CHECK (audience IN ('customer')),
        batch_id uuid NOT NULL,
        -- the last task (in id order) whose recipients have been written to outbox_email
        expanded_through uuid NULL,
        expanded int NOT NULL DEFAULT 0,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done')),
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        done_at timestamptz NULL,
        UNIQUE (batch_id, event, audience)
      )`);
    await q.query(
      `CREATE INDEX outbox_fanout_due ON outbox_fanout (next_attempt_at) WHERE status = 'pending'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // Customers not expanded yet get their rows now (the earlier code writes them with the batch).
    await q.query(`
      INSERT INTO outbox_email (event, template, recipient, recipient_kind, locale, timezone,
        dedupe_key, task_id, batch_id, partner_id, platform_id, next_attempt_at)
      SELECT f.event, f.event, tn.customer_email, 'customer', tn.locale, tn.timezone,
        f.event || ':' || t.id || ':0:' || tn.customer_email, t.id, t.batch_id, t.partner_id,
        t.platform_id, f.next_attempt_at
      FROM outbox_fanout f
      JOIN update_task t ON t.batch_id = f.batch_id
        AND t.id > COALESCE(f.expanded_through, '00000000-0000-0000-0000-000000000000')
      JOIN tenant tn ON tn.id = t.tenant_id
      WHERE f.status = 'pending' AND t.notify_customer AND tn.customer_email IS NOT NULL
        AND t.status = 'scheduled'
      ON CONFLICT (dedupe_key) DO NOTHING`);
    await q.query(`DROP TABLE outbox_fanout`);
    await q.query(`DROP INDEX outbox_email_batch`);
    await q.query(
      `CREATE INDEX outbox_email_batch ON outbox_email (batch_id) WHERE batch_id IS NOT NULL`,
    );
    // The payload as the earlier code wrote it, from the task as it is now.
    await q.query(`
      UPDATE outbox_email o
      SET payload = jsonb_build_object(
        'taskId', t.id, 'batchId', t.batch_id, 'tenantId', t.tenant_id, 'tenantName', tn.name,
        'fromVersion', t.from_version, 'targetVersion', t.target_version, 'mode', t.mode,
        'runAt', t.run_at,
        'windowEnd', COALESCE(t.expires_at, t.run_at + t.expected_duration_minutes * interval '1 minute'),
        'forced', t.forced, 'sequence', COALESCE(o.sequence, t.notice_sequence), 'status', t.status,
        'error', t.error, 'reason', o.reason)
      FROM update_task t JOIN tenant tn ON tn.id = t.tenant_id
      WHERE o.payload IS NULL AND t.id = o.task_id`);
    await q.query(`DELETE FROM outbox_email WHERE payload IS NULL`);
    await q.query(`
      ALTER TABLE outbox_email
        ALTER COLUMN payload SET NOT NULL,
        DROP COLUMN sequence,
        DROP COLUMN reason`);
  }
}
