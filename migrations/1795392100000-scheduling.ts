import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Platform maintenance, update batches and tasks, and the e-mail outbox they write to.
 *
 * update_task and outbox_email take 100,000 rows in one request, so every index and check on them
 * is paid 100,000 times: their keys are time-ordered UUIDs (version 7, so the primary key is also the
 * keyset for listing in creation order and new keys land at the right edge of the index), and they
 * carry no foreign keys (a per-row trigger each). The code keeps those references whole: tasks are
 * written in the transaction that writes their batch, from a join with their tenants, and deleting a
 * tenant deletes its tasks.
 */
export class Scheduling1795392100000 implements MigrationInterface {
  name = 'Scheduling1795392100000';

  async up(q: QueryRunner): Promise<void> {
    // PostgreSQL 18 has uuidv7(); this one works from PostgreSQL 13 on (RFC 9562 layout).
    await q.query(`
      CREATE FUNCTION uuid_v7() RETURNS uuid LANGUAGE sql VOLATILE AS $$
        SELECT encode(
          set_bit(set_bit(
            overlay(uuid_send(gen_random_uuid())
              PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
              FROM 1 FOR 6),
            52, 1), 53, 1),
          'hex')::uuid
      $$`);
    await q.query(`
      CREATE TABLE platform_maintenance (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        platform_id uuid NOT NULL REFERENCES platform (id) ON DELETE CASCADE,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        message text NOT NULL,
        conflict_policy text NOT NULL CHECK (conflict_policy IN ('cancel', 'reschedule')),
        created_by uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at)
      )`);
    await q.query(
      `CREATE INDEX platform_maintenance_ends ON platform_maintenance (platform_id, ends_at)`,
    );
    await q.query(`
      CREATE TABLE update_batch (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        created_by uuid NULL,
        created_by_role text NULL,
        caller_partner_id uuid NULL,
        scope jsonb NOT NULL,
        target_version text NOT NULL,
        mode text NOT NULL CHECK (mode IN ('immediate', 'maintenance_window', 'custom')),
        options jsonb NOT NULL,
        total int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE update_task (
        id uuid PRIMARY KEY DEFAULT uuid_v7(),
        batch_id uuid NOT NULL,
        tenant_id uuid NOT NULL,
        partner_id uuid NOT NULL,
        platform_id uuid NOT NULL,
        from_version text NOT NULL,
        target_version text NOT NULL,
        mode text NOT NULL CHECK (mode IN ('immediate', 'maintenance_window', 'custom')),
        run_at timestamptz NOT NULL,
        expires_at timestamptz NULL,
        expected_duration_minutes int NOT NULL,
        forced boolean NOT NULL DEFAULT false,
        redeploy boolean NOT NULL DEFAULT false,
        notify_partner boolean NOT NULL DEFAULT false,
        notify_customer boolean NOT NULL DEFAULT false,
        allow_downgrade boolean NOT NULL DEFAULT false,
        status text NOT NULL DEFAULT 'scheduled'
          CHECK (status IN ('scheduled', 'running', 'succeeded', 'failed', 'cancelled')),
        attempts int NOT NULL DEFAULT 0,
        lease_owner text NULL,
        lease_expires_at timestamptz NULL,
        progress_step text NULL,
        progress_percent int NOT NULL DEFAULT 0,
        progress_eta timestamptz NULL,
        error text NULL,
        cancel_reason text NULL,
        notice_sequence int NOT NULL DEFAULT 0,
        created_by uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz NULL,
        finished_at timestamptz NULL
      )`);
    // At most one open task per tenant, enforced by the database.
    await q.query(`
      CREATE UNIQUE INDEX update_task_one_open_per_tenant ON update_task (tenant_id)
      WHERE status IN ('scheduled', 'running')`);
    await q.query(
      `CREATE INDEX update_task_due ON update_task (run_at) WHERE status = 'scheduled'`,
    );
    await q.query(`CREATE INDEX update_task_batch ON update_task (batch_id, id) INCLUDE (status)`);
    await q.query(`CREATE INDEX update_task_partner ON update_task (partner_id, id)`);
    await q.query(`CREATE INDEX update_task_tenant ON update_task (tenant_id, id)`);
    await q.query(`
      CREATE TABLE outbox_email (
        id uuid PRIMARY KEY DEFAULT uuid_v7(),
        event text NOT NULL,
        template text NOT NULL,
        recipient text NOT NULL,
        recipient_kind text NOT NULL CHECK (recipient_kind IN ('partner', 'customer')),
        locale text NOT NULL,
        timezone text NOT NULL,
        payload jsonb NOT NULL,
        dedupe_key text NOT NULL UNIQUE,
        task_id uuid NULL,
        batch_id uuid NULL,
        partner_id uuid NULL,
        platform_id uuid NULL,
        -- Rows with the same group key that are due together go out as one digest e-mail.
        group_key text NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'dead')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        lease_owner text NULL,
        lease_expires_at timestamptz NULL,
        last_error text NULL,
        message_id text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz NULL
      )`);
    await q.query(
      `CREATE INDEX outbox_email_due ON outbox_email (next_attempt_at) WHERE status = 'pending'`,
    );
    await q.query(
      `CREATE INDEX outbox_email_task ON outbox_email (task_id) WHERE task_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX outbox_email_batch ON outbox_email (batch_id) WHERE batch_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['outbox_email', 'update_task', 'update_batch', 'platform_maintenance']) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP FUNCTION uuid_v7()`);
  }
}
