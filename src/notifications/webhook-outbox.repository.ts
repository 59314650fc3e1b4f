import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  insertAllThenWake,
  insertThenWake,
  type OutboxInsert,
  PREPARED_MAX_TASKS,
  wake,
} from './outbox-wake';
import {
  type BlackoutWebhookEvent,
  type MaintenanceNoticeEvent,
  type RolloutWebhookEvent,
  type TaskWebhookEvent,
  WEBHOOK_PAYLOAD_VERSION,
} from './notice-events';
import type { TaskSelection } from './notices.repository';

/** The channel the webhook senders listen on; a notification is delivered at commit. */
export const WEBHOOK_CHANNEL = 'webhook_delivery';

/** A timestamptz as the API writes it: ISO 8601 in UTC with milliseconds. */
const iso = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The body of a task event (docs/webhooks.md, `WebhookTaskData` in the OpenAPI document): the task
 * as it is in the transaction of the change, so a receiver sees each state it went through.
 */
const TASK_DATA = `json_build_object(
  'taskId', t.id, 'batchId', t.batch_id, 'tenantId', t.tenant_id, 'tenantName', tn.name,
  'partnerId', t.partner_id, 'platformId', t.platform_id, 'status', t.status,
  'fromVersion', t.from_version, 'targetVersion', t.target_version, 'mode', t.mode,
  'forced', t.forced, 'runAt', ${iso('t.run_at')}, 'expiresAt', ${iso('t.expires_at')},
  'attempts', t.attempts, 'sequence', t.notice_sequence, 'reason', $3::text)`;

/** `{type, timestamp, version, data}`: the event is $2, the time of the change `timestamp`. */
const body = (data: string, timestamp: string) =>
  `json_build_object('type', $2::text, 'timestamp', ${timestamp}::text,
     'version', ${WEBHOOK_PAYLOAD_VERSION}, 'data', ${data})`;

/** Endpoints that receive an event of a partner: its own and the platform-wide ones. */
const SUBSCRIBED = (partner: string) =>
  `e.enabled AND $2::text = ANY (e.events) AND (e.partner_id IS NULL OR e.partner_id = ${partner})`;

const INSERT = `INSERT INTO webhook_delivery (endpoint_id, message_id, event, order_key, payload,
  next_attempt_at, created_at)`;

/** A new message's `webhook-id`: random (a time-ordered UUID costs twice as much per row). */
const MESSAGE_ID = `'msg_' || replace(gen_random_uuid()::text, '-', '')`;

/**
 * The webhook outbox: one delivery per event and subscribed endpoint, set-based, in the caller's
 * transaction (the transaction of the change). Called by Notices beside the e-mail inserts; sent by
 * the webhook sender (webhooks/webhook-sender.ts).
 */
@Injectable()
export class WebhookOutboxRepository {
  async insertForTasks(
    em: EntityManager,
    event: TaskWebhookEvent,
    selection: TaskSelection,
    reason: string | null,
    now: Date,
  ): Promise<number> {
    const [n] = await insertAllThenWake(em, [this.forTasks(event, selection, reason, now)]);
    return n;
  }

  /** The insert of insertForTasks, to be run with others in one statement (insertAllThenWake). */
  forTasks(
    event: TaskWebhookEvent,
    selection: TaskSelection,
    reason: string | null,
    now: Date,
  ): OutboxInsert {
    const where = 'batchId' in selection ? 't.batch_id = $1::uuid' : 't.id = ANY($1::uuid[])';
    return {
      channel: WEBHOOK_CHANNEL,
      sql: `${INSERT}
       SELECT e.id, ${MESSAGE_ID}, $2, t.id, ${body(TASK_DATA, '$4')},
         $5::timestamptz, $5::timestamptz
       FROM update_task t
       JOIN tenant tn ON tn.id = t.tenant_id
       JOIN webhook_endpoint e ON ${SUBSCRIBED('t.partner_id')}
       WHERE ${where}
         -- Checked once before the tasks are read: a batch of 100,000 with no endpoint reads none.
         AND EXISTS (SELECT 1 FROM webhook_endpoint x WHERE x.enabled AND $2::text = ANY (x.events))
       RETURNING 1`,
      params: [
        'batchId' in selection ? selection.batchId : selection.taskIds,
        event,
        reason,
        now.toISOString(),
        now,
      ],
      // The dispatcher's started / ended events, many a second: a prepared statement.
      prepare: 'taskIds' in selection && selection.taskIds.length <= PREPARED_MAX_TASKS,
    };
  }

  /**
   * A new batch's `task.scheduled`: ONE fan-out row per subscribed endpoint (platform-wide ones, and
   * those of a partner with a task in the batch) instead of a delivery per task; the webhook sender
   * expands it after the commit (expandNext), and a task changed before that is expanded first by
   * its change (the statement trigger of migrations 1796021400001 and 1796021400002), from the row
   * as the batch committed it.
   */
  async insertFanout(em: EntityManager, batchId: string, now: Date): Promise<number> {
    return insertThenWake(
      em,
      WEBHOOK_CHANNEL,
      `INSERT INTO webhook_fanout (endpoint_id, batch_id, event, reason, event_timestamp, event_at)
       SELECT e.id, $1, $2, NULL, $3, $4::timestamptz FROM webhook_endpoint e
       WHERE e.enabled AND $2::text = ANY (e.events)
         AND (e.partner_id IS NULL OR EXISTS (
           SELECT 1 FROM update_task t WHERE t.batch_id = $1 AND t.partner_id = e.partner_id))
       RETURNING 1`,
      [batchId, 'task.scheduled', now.toISOString(), now],
    );
  }

  /**
   * Expands the oldest pending fan-out row by up to `chunk` of its batch's tasks (in id order),
   * into ordinary deliveries with the bodies a per-task insert writes. The deliveries and the new
   * position commit together; the row is locked FOR UPDATE SKIP LOCKED (another sender takes
   * another row), and the dedupe key `fanout:<row>:<task>` writes a task once whoever expands it
   * (this, or the change of the task that expanded it first). A chunk that wrote deliveries or
   * leaves the row pending wakes the senders at its commit. The endpoint is held FOR KEY SHARE
   * from the start (skipped while it is being deleted), so a deletion waits for the chunk instead of
   * deadlocking with it. Returns the tasks read (0: nothing
   * was pending). An endpoint disabled meanwhile gets nothing (its row ends).
   */
  async expandNext(em: EntityManager, chunk: number): Promise<number> {
    const [due]: FanoutRow[] = await em.query(
      `SELECT f.id, f.endpoint_id, f.batch_id, f.event, f.reason, f.event_timestamp, f.event_at,
         COALESCE(f.expanded_through, '00000000-0000-0000-0000-000000000000'::uuid) AS after
       FROM webhook_fanout f JOIN webhook_endpoint e ON e.id = f.endpoint_id
       WHERE f.status = 'pending'
       ORDER BY f.created_at LIMIT 1
       FOR UPDATE OF f SKIP LOCKED FOR KEY SHARE OF e SKIP LOCKED`,
    );
    if (!due) return 0;
    const [step]: { tasks: number; last: string | null; written: number }[] = await em.query(
      `WITH next AS (
         SELECT t.id FROM update_task t
         WHERE t.batch_id = $1 AND t.id > $6 ORDER BY t.id LIMIT $7
       ), written AS (
         INSERT INTO webhook_delivery (endpoint_id, message_id, event, order_key, payload,
           next_attempt_at, created_at, dedupe_key)
         SELECT e.id, ${MESSAGE_ID}, $2, t.id, ${body(TASK_DATA, '$4')},
           $5::timestamptz, $5::timestamptz, 'fanout:' || $9::text || ':' || t.id
         FROM update_task t
         JOIN tenant tn ON tn.id = t.tenant_id
         JOIN webhook_endpoint e ON e.id = $8 AND e.enabled
           AND (e.partner_id IS NULL OR e.partner_id = t.partner_id)
         WHERE t.id IN (SELECT id FROM next)
         ON CONFLICT (endpoint_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
         RETURNING 1
       )
       SELECT (SELECT count(*)::int FROM next) AS tasks,
              (SELECT id FROM next ORDER BY id DESC LIMIT 1) AS last,
              (SELECT count(*)::int FROM written) AS written`,
      [
        due.batch_id,
        due.event,
        due.reason,
        due.event_timestamp,
        due.event_at,
        due.after,
        chunk,
        due.endpoint_id,
        due.id,
      ],
    );
    const done = step.tasks < chunk;
    await em.query(
      `UPDATE webhook_fanout
       SET expanded_through = COALESCE($2::uuid, expanded_through), expanded = expanded + $3,
           status = CASE WHEN $4 THEN 'done' ELSE status END,
           done_at = CASE WHEN $4 THEN now() END
       WHERE id = $1`,
      [due.id, step.last, step.written, done],
    );
    // A row left pending is for whoever comes next: this sender may be stopping, and the others
    // that found the row locked wait for a wake-up, not for their poll.
    if (step.written > 0 || !done) await wake(em, WEBHOOK_CHANNEL);
    return Math.max(step.tasks, 1);
  }

  /** Maintenance announced or withdrawn: endpoints of the platform's partners and platform-wide ones. */
  async insertForMaintenance(
    em: EntityManager,
    event: MaintenanceNoticeEvent,
    maintenanceId: string,
    now: Date,
  ): Promise<number> {
    const data = `json_build_object('maintenanceId', m.id, 'platformId', m.platform_id,
      'startsAt', ${iso('m.starts_at')}, 'endsAt', ${iso('m.ends_at')}, 'message', m.message,
      'conflictPolicy', m.conflict_policy)`;
    return insertThenWake(
      em,
      WEBHOOK_CHANNEL,
      `${INSERT}
       SELECT e.id, ${MESSAGE_ID}, $2, NULL, ${body(data, '$3')},
         $4::timestamptz, $4::timestamptz
       FROM platform_maintenance m
       JOIN webhook_endpoint e ON e.enabled AND $2::text = ANY (e.events)
         AND (e.partner_id IS NULL
              OR e.partner_id IN (SELECT p.id FROM partner p WHERE p.platform_id = m.platform_id))
       WHERE m.id = $1
       ORDER BY e.id
       RETURNING 1`,
      [maintenanceId, event, now.toISOString(), now],
    );
  }

  /**
   * A blackout set or removed (`data` is `WebhookBlackoutData`): the endpoints of the partner it
   * belongs to — a tenant's blackout: the tenant's partner — and the platform-wide ones.
   */
  async insertForBlackout(
    em: EntityManager,
    event: BlackoutWebhookEvent,
    data: WebhookBlackoutFacts,
    now: Date,
  ): Promise<number> {
    return insertThenWake(
      em,
      WEBHOOK_CHANNEL,
      `WITH owner AS (
         SELECT COALESCE($5::uuid, (SELECT tn.partner_id FROM tenant tn WHERE tn.id = $6::uuid))
           AS partner_id
       )
       ${INSERT}
       SELECT e.id, ${MESSAGE_ID}, $2, NULL, ${body('$1::json', '$3')},
         $4::timestamptz, $4::timestamptz
       FROM webhook_endpoint e CROSS JOIN owner o
       WHERE ${SUBSCRIBED('o.partner_id')}
       ORDER BY e.id
       RETURNING 1`,
      [JSON.stringify(data), event, now.toISOString(), now, data.partnerId, data.tenantId],
    );
  }
  /**
   * A rollout paused, resumed, stopped or finished (`data` is `WebhookRolloutData`): the endpoints of the
   * rollout's partner and of the partners whose tenants it updates, and the platform-wide ones.
   * `key` tells this event of the rollout from its others of the same kind (as in its e-mails'
   * dedupe key): the same event written again (a transaction run twice, a second replica) is
   * delivered once per endpoint.
   */
  async insertForRollout(
    em: EntityManager,
    event: RolloutWebhookEvent,
    rolloutId: string,
    facts: { state: string; reason: string | null; key: string },
    now: Date,
  ): Promise<number> {
    return insertThenWake(
      em,
      WEBHOOK_CHANNEL,
      `WITH counts AS (
         SELECT COALESCE(sum(held + scheduled + running + succeeded + failed + cancelled), 0)::int
                  AS total,
                COALESCE(sum(succeeded), 0)::int AS succeeded,
                COALESCE(sum(failed), 0)::int AS failed,
                COALESCE(sum(cancelled), 0)::int AS cancelled
         FROM rollout_wave WHERE rollout_id = $1
       ), owners AS (
         SELECT r.partner_id FROM rollout r WHERE r.id = $1 AND r.partner_id IS NOT NULL
         UNION
         SELECT t.partner_id FROM update_task t
         WHERE t.rollout_id = $1 AND t.batch_id = (SELECT batch_id FROM rollout WHERE id = $1)
       )
       INSERT INTO webhook_delivery (endpoint_id, message_id, event, order_key, payload,
         next_attempt_at, created_at, dedupe_key)
       SELECT e.id, ${MESSAGE_ID}, $2, NULL,
         ${body(
           `json_build_object('rolloutId', r.id, 'partnerId', r.partner_id,
              'platformIds', to_json(r.platform_ids), 'state', $5::text, 'reason', $6::text,
              'targetVersion', r.target_version, 'total', n.total, 'succeeded', n.succeeded,
              'failed', n.failed, 'cancelled', n.cancelled)`,
           '$3',
         )},
         $4::timestamptz, $4::timestamptz, $2 || ':' || r.id || ':' || $7::text
       FROM webhook_endpoint e CROSS JOIN rollout r CROSS JOIN counts n
       WHERE r.id = $1 AND e.enabled AND $2::text = ANY (e.events)
         AND (e.partner_id IS NULL OR e.partner_id IN (SELECT partner_id FROM owners))
       ORDER BY e.id
       ON CONFLICT (endpoint_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
       RETURNING 1`,
      [rolloutId, event, now.toISOString(), now, facts.state, facts.reason, facts.key],
    );
  }
}

/** The `data` of a blackout event, as the blackout is (docs/webhooks.md, `WebhookBlackoutData`). */
export interface WebhookBlackoutFacts {
  blackoutId: string;
  tenantId: string | null;
  partnerId: string | null;
  platformId: string;
  startsAt: string;
  endsAt: string;
  repeat: string;
  timezone: string;
  reason: string;
  conflictPolicy: string;
}

interface FanoutRow {
  id: string;
  endpoint_id: string;
  batch_id: string;
  event: string;
  reason: string | null;
  event_timestamp: string;
  event_at: Date;
  after: string;
}

/** Wakes the webhook senders when the caller's transaction commits. */
export async function wakeWebhookSenders(em: EntityManager): Promise<void> {
  await wake(em, WEBHOOK_CHANNEL);
}
