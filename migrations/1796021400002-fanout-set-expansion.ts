import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tasks a statement changes before their batch's webhook fan-out was expanded (migration
 * 1796021400001) are expanded by one INSERT for all of them, no longer by one call per task: a
 * batch cancelled right after it was scheduled, with an endpoint subscribed, wrote its 5,000
 * `task.scheduled` deliveries one task at a time (650 ms for the cancel against 160 ms without
 * an endpoint; issue 14 asks a few seconds for 100,000). The locks are the same and taken in the
 * same order (the endpoints FOR KEY SHARE, then the pending fan-out rows FOR SHARE, each in id
 * order), once per statement instead of once per task.
 *
 * The event's body, in SQL, has one home, `webhook_fanout_delivery` (the same body as TASK_DATA in
 * webhook-outbox.repository.ts, which the sender's expansion writes); the per-task expansion that
 * a tenant's rename still runs (a row trigger on tenant) builds its deliveries with it too.
 */
export class FanoutSetExpansion1796021400002 implements MigrationInterface {
  name = 'FanoutSetExpansion1796021400002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION webhook_fanout_delivery(t update_task, tenant_name text, f webhook_fanout)
      RETURNS json LANGUAGE sql STABLE AS $fn$
        SELECT json_build_object('type', f.event, 'timestamp', f.event_timestamp, 'version', 1,
          'data', json_build_object(
            'taskId', t.id, 'batchId', t.batch_id, 'tenantId', t.tenant_id,
            'tenantName', tenant_name, 'partnerId', t.partner_id, 'platformId', t.platform_id,
            'status', t.status, 'fromVersion', t.from_version,
            'targetVersion', t.target_version, 'mode', t.mode, 'forced', t.forced,
            'runAt', to_char(t.run_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
            'expiresAt', to_char(t.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
            'attempts', t.attempts, 'sequence', t.notice_sequence, 'reason', f.reason))
      $fn$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION webhook_fanout_expand(t update_task, tenant_name text) RETURNS void
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
          webhook_fanout_delivery(t, tenant_name, f), f.event_at, f.event_at,
          'fanout:' || f.id || ':' || t.id
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
      CREATE FUNCTION webhook_fanout_task_moved(o update_task, n update_task) RETURNS boolean
      LANGUAGE sql IMMUTABLE AS $fn$
        SELECT (o.batch_id, o.tenant_id, o.partner_id, o.platform_id, o.status, o.from_version,
                o.target_version, o.mode, o.forced, o.run_at, o.expires_at, o.attempts,
                o.notice_sequence)
               IS DISTINCT FROM
               (n.batch_id, n.tenant_id, n.partner_id, n.platform_id, n.status, n.from_version,
                n.target_version, n.mode, n.forced, n.run_at, n.expires_at, n.attempts,
                n.notice_sequence)
      $fn$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION webhook_fanout_tasks_changed() RETURNS trigger
      LANGUAGE plpgsql AS $fn$
      DECLARE
        batches uuid[];
        n int;
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM webhook_fanout f WHERE f.status = 'pending') THEN
          RETURN NULL;
        END IF;
        -- The batches with a pending fan-out of which this statement moved a task.
        SELECT array_agg(DISTINCT o.batch_id) INTO batches
        FROM old_tasks o JOIN new_tasks nt ON nt.id = o.id
        WHERE o.batch_id IN (SELECT f.batch_id FROM webhook_fanout f
                             WHERE f.status = 'pending' AND f.created_xid <> pg_current_xact_id())
          AND webhook_fanout_task_moved(o, nt);
        IF batches IS NULL THEN
          RETURN NULL;
        END IF;
        -- As webhook_fanout_expand: a sender's chunk in flight is waited for, then the senders
        -- are kept off these rows until this transaction ends; the endpoints first.
        PERFORM 1 FROM webhook_endpoint e
        WHERE e.id IN (SELECT f.endpoint_id FROM webhook_fanout f
                       WHERE f.batch_id = ANY (batches) AND f.status = 'pending'
                         AND f.created_xid <> pg_current_xact_id())
        ORDER BY e.id FOR KEY SHARE;
        PERFORM 1 FROM webhook_fanout f
        WHERE f.batch_id = ANY (batches) AND f.status = 'pending'
          AND f.created_xid <> pg_current_xact_id()
        ORDER BY f.id FOR SHARE;
        IF NOT FOUND THEN
          RETURN NULL;
        END IF;
        -- Every moved task's delivery, from its old row, for the fan-outs still pending and not
        -- yet past it.
        INSERT INTO webhook_delivery (endpoint_id, message_id, event, order_key, payload,
          next_attempt_at, created_at, dedupe_key)
        SELECT e.id, 'msg_' || replace(gen_random_uuid()::text, '-', ''), f.event, o.id,
          webhook_fanout_delivery(o, tn.name, f), f.event_at, f.event_at,
          'fanout:' || f.id || ':' || o.id
        FROM old_tasks o
        JOIN new_tasks nt ON nt.id = o.id
        JOIN webhook_fanout f ON f.batch_id = o.batch_id AND f.status = 'pending'
          AND f.created_xid <> pg_current_xact_id()
          AND (f.expanded_through IS NULL OR o.id > f.expanded_through)
        JOIN webhook_endpoint e ON e.id = f.endpoint_id AND e.enabled
          AND (e.partner_id IS NULL OR e.partner_id = o.partner_id)
        JOIN tenant tn ON tn.id = o.tenant_id
        WHERE o.batch_id = ANY (batches) AND webhook_fanout_task_moved(o, nt)
        ORDER BY o.id, f.id
        ON CONFLICT (endpoint_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING;
        GET DIAGNOSTICS n = ROW_COUNT;
        IF n > 0 THEN
          PERFORM pg_notify('webhook_delivery', '');
        END IF;
        RETURN NULL;
      END
      $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The functions as migrations 1796021000001 and 1796021400001 made them.
    await q.query(`
      CREATE OR REPLACE FUNCTION webhook_fanout_tasks_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
      DECLARE
        t update_task;
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM webhook_fanout f WHERE f.status = 'pending') THEN
          RETURN NULL;
        END IF;
        FOR t IN
          SELECT o.* FROM old_tasks o JOIN new_tasks n ON n.id = o.id
          WHERE o.batch_id IN (SELECT f.batch_id FROM webhook_fanout f WHERE f.status = 'pending')
            AND (o.batch_id, o.tenant_id, o.partner_id, o.platform_id, o.status, o.from_version,
                 o.target_version, o.mode, o.forced, o.run_at, o.expires_at, o.attempts,
                 o.notice_sequence)
                IS DISTINCT FROM
                (n.batch_id, n.tenant_id, n.partner_id, n.platform_id, n.status, n.from_version,
                 n.target_version, n.mode, n.forced, n.run_at, n.expires_at, n.attempts,
                 n.notice_sequence)
          ORDER BY o.id
        LOOP
          PERFORM webhook_fanout_expand(t, (SELECT tn.name FROM tenant tn WHERE tn.id = t.tenant_id));
        END LOOP;
        RETURN NULL;
      END
      $fn$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION webhook_fanout_expand(t update_task, tenant_name text) RETURNS void
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
    await q.query(`DROP FUNCTION webhook_fanout_task_moved(update_task, update_task)`);
    await q.query(`DROP FUNCTION webhook_fanout_delivery(update_task, text, webhook_fanout)`);
  }
}
