import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The webhook deliveries of a new batch as ONE fan-out row per endpoint (`webhook_fanout`), expanded
 * by the webhook sender after the commit into ordinary deliveries, `chunk` tasks per transaction in
 * task id order (`expanded_through` advances in the transaction of the rows it covers; the dedupe key
 * `fanout:<fan-out>:<task>` makes a second expansion of a task write nothing).
 *
 * A task changed before the sender reached it is expanded by the change itself, first: the row
 * trigger below writes the task's delivery from the row as it was (OLD: what the batch committed)
 * before the update, in the changing transaction, so its `task.scheduled` body says what was
 * committed then and its delivery comes before the change's own (a lower `seq`, the order per
 * task). The change waits for a sender's chunk in flight and holds the fan-out row FOR SHARE until
 * it commits (a sender skips it meanwhile). A tenant renamed likewise expands its pending tasks first. The body is the one of
 * `WebhookOutboxRepository` (TASK_DATA in webhook-outbox.repository.ts); the spec
 * test/webhooks/fanout.spec.ts compares the two.
 */
export class WebhookFanout1796021000001 implements MigrationInterface {
  name = 'WebhookFanout1796021000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_fanout (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        endpoint_id uuid NOT NULL REFERENCES webhook_endpoint(id) ON DELETE CASCADE,
        batch_id uuid NOT NULL REFERENCES update_batch(id) ON DELETE CASCADE,
        event text NOT NULL,
        reason text NULL,
        event_timestamp text NOT NULL,
        event_at timestamptz NOT NULL,
        created_xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
        expanded_through uuid NULL,
        expanded int NOT NULL DEFAULT 0,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done')),
        created_at timestamptz NOT NULL DEFAULT now(),
        done_at timestamptz NULL
      )`);
    await q.query(`
      CREATE INDEX webhook_fanout_pending ON webhook_fanout (batch_id) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX webhook_fanout_endpoint ON webhook_fanout (endpoint_id)`);
    await q.query(`
      CREATE FUNCTION webhook_fanout_expand(t update_task, tenant_name text) RETURNS void
      LANGUAGE plpgsql AS $fn$
      DECLARE
        n int;
      BEGIN
        -- Waits for a sender's chunk in flight (FOR UPDATE), then keeps senders off the row until
        -- this transaction ends: the two never write the same task's delivery at once (no deadlock).
        -- The endpoints first, as their deletion locks them (then cascades to the fan-out rows).
        PERFORM 1 FROM webhook_endpoint e
        WHERE e.id IN (SELECT f.endpoint_id FROM webhook_fanout f
                       WHERE f.batch_id = t.batch_id AND f.status = 'pending'
                         AND f.created_xid <> pg_current_xact_id())
        ORDER BY e.id FOR KEY SHARE;
        PERFORM 1 FROM webhook_fanout f
        WHERE f.batch_id = t.batch_id AND f.status = 'pending'
          AND f.created_xid <> pg_current_xact_id()
        ORDER BY f.id FOR SHARE;
        IF NOT FOUND THEN
          RETURN;
        END IF;
        INSERT INTO webhook_delivery (endpoint_id, message_id, event, order_key, payload,
          next_attempt_at, created_at, dedupe_key)
        SELECT e.id, 'msg_' || replace(gen_random_uuid()::text, '-', ''), f.event, t.id,
          json_build_object('type', f.event, 'timestamp', f.event_timestamp, 'version', 1,
            'data', json_build_object(
              'taskId', t.id, 'batchId', t.batch_id, 'tenantId', t.tenant_id,
              'tenantName', tenant_name, 'partnerId', t.partner_id, 'platformId', t.platform_id,
              'status', t.status, 'fromVersion', t.from_version,
              'targetVersion', t.target_version, 'mode', t.mode, 'forced', t.forced,
              'runAt', to_char(t.run_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
              'expiresAt', to_char(t.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
              'attempts', t.attempts, 'sequence', t.notice_sequence, 'reason', f.reason)),
          f.event_at, f.event_at, 'fanout:' || f.id || ':' || t.id
        FROM webhook_fanout f
        JOIN webhook_endpoint e ON e.id = f.endpoint_id AND e.enabled
          AND (e.partner_id IS NULL OR e.partner_id = t.partner_id)
        WHERE f.batch_id = t.batch_id AND f.status = 'pending'
          AND f.created_xid <> pg_current_xact_id()
          AND (f.expanded_through IS NULL OR t.id > f.expanded_through)
        ON CONFLICT (endpoint_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING;
        GET DIAGNOSTICS n = ROW_COUNT;
        IF n > 0 THEN
          PERFORM pg_notify('webhook_delivery', '');
        END IF;
      END
      $fn$`);
    await q.query(`
      CREATE FUNCTION webhook_fanout_task_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF EXISTS (SELECT 1 FROM webhook_fanout f
                   WHERE f.batch_id = OLD.batch_id AND f.status = 'pending') THEN
          PERFORM webhook_fanout_expand(OLD, (SELECT tn.name FROM tenant tn WHERE tn.id = OLD.tenant_id));
        END IF;
        RETURN NEW;
      END
      $fn$`);
    await q.query(`
      CREATE TRIGGER webhook_fanout_task_changed BEFORE UPDATE ON update_task
      FOR EACH ROW EXECUTE FUNCTION webhook_fanout_task_changed()`);
    await q.query(`
      CREATE FUNCTION webhook_fanout_tenant_renamed() RETURNS trigger LANGUAGE plpgsql AS $fn$
      DECLARE
        t update_task;
      BEGIN
        FOR t IN SELECT * FROM update_task u
                 WHERE u.tenant_id = OLD.id AND u.batch_id IN (
                   SELECT f.batch_id FROM webhook_fanout f WHERE f.status = 'pending') LOOP
          PERFORM webhook_fanout_expand(t, OLD.name);
        END LOOP;
        RETURN NEW;
      END
      $fn$`);
    await q.query(`
      CREATE TRIGGER webhook_fanout_tenant_renamed BEFORE UPDATE OF name ON tenant
      FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
      EXECUTE FUNCTION webhook_fanout_tenant_renamed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER webhook_fanout_tenant_renamed ON tenant`);
    await q.query(`DROP FUNCTION webhook_fanout_tenant_renamed()`);
    await q.query(`DROP TRIGGER webhook_fanout_task_changed ON update_task`);
    await q.query(`DROP FUNCTION webhook_fanout_task_changed()`);
    await q.query(`DROP FUNCTION webhook_fanout_expand(update_task, text)`);
    await q.query(`DROP TABLE webhook_fanout`);
  }
}
