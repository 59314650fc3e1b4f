import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  insertAllThenWake,
  insertThenWake,
  type OutboxInsert,
  PREPARED_MAX_TASKS,
  wake,
} from './outbox-wake';
import type { MaintenanceNoticeEvent, RolloutNoticeEvent, TaskNoticeEvent } from './notice-events';

/** Which tasks a notice is about: every task of a batch, or a list of tasks. */
export type TaskSelection = { batchId: string } | { taskIds: string[] };

export interface NoticeContext {
  /** Why: a cancellation reason, a failure, the maintenance message … */
  reason?: string | null;
  /** Partner e-mails about these tasks are merged per group (a batch, a maintenance period). */
  group?: string;
}

/** What the dedupe key of a task notice varies with (see Notices). */
export type DedupeBy = 'sequence' | 'attempt' | 'once';
const DEDUPE_PART: Record<DedupeBy, string> = {
  sequence: 't.notice_sequence::text',
  attempt: 't.attempts::text',
  once: `'0'`,
};

/** One insert of task notices, as Notices decided it. */
export interface TaskNoticeInsert {
  event: Exclude<TaskNoticeEvent, 'task.scheduled'>;
  selection: TaskSelection;
  reason: string | null;
  group: string | null;
  dedupeBy: DedupeBy;
  /** Partner rows wait this long to be merged into one e-mail. */
  partnerDelaySeconds: number;
  now: Date;
}

/**
 * A task notice holds what belongs to its event — the task's notice sequence then (the calendar
 * SEQUENCE) and the event's reason — and references its task; the e-mail is rendered from the task
 * as it is when it is sent (docs/notifications.md).
 */
const INSERT = `INSERT INTO outbox_email (event, template, recipient, recipient_kind, locale, timezone,
  sequence, reason, dedupe_key, task_id, batch_id, partner_id, platform_id, group_key, next_attempt_at)`;

/** The channel the notification sender listens on; a notification is delivered at commit. */
export const OUTBOX_CHANNEL = 'outbox_email';

/** Wakes the senders when the caller's transaction commits (nothing happens if it rolls back). */
export async function wakeSenders(em: EntityManager): Promise<void> {
  await wake(em, OUTBOX_CHANNEL);
}

/**
 * The outbox inserts (the e-mails to send), set-based: one statement for any number of tasks, in
 * the caller's transaction. Who is told and how notices merge is decided by Notices
 * (notices.service.ts); the customers of a new batch are expanded by the sender
 * (fanout.repository.ts); rendering and sending happen later, in the notification sender.
 */
@Injectable()
export class NoticesRepository {
  /**
   * A new batch: ONE fan-out row for its customers (the sender writes a notice per customer from
   * it) and ONE digest per partner contact (its payload names the batch; the digest lists the tasks
   * as they are when it is rendered). The cost does not grow with the batch.
   */
  async insertScheduled(em: EntityManager, batchId: string, now: Date): Promise<void> {
    await em.query(
      `INSERT INTO outbox_fanout (event, audience, batch_id, next_attempt_at)
       SELECT 'task.scheduled', 'customer', b.id, $2::timestamptz FROM update_batch b
       WHERE b.id = $1 AND EXISTS (SELECT 1 FROM update_task t WHERE t.batch_id = b.id AND t.notify_customer)
       ON CONFLICT (batch_id, event, audience) DO NOTHING`,
      [batchId, now],
    );
    await em.query(
      `INSERT INTO outbox_email (event, template, recipient, recipient_kind, locale, timezone,
         payload, dedupe_key, task_id, batch_id, partner_id, platform_id, group_key, next_attempt_at)
       SELECT 'task.scheduled', 'task.scheduled', c.email, 'partner', c.locale, c.timezone,
         jsonb_build_object('batchId', b.id, 'partnerId', p.id, 'partnerName', p.name,
           'targetVersion', b.target_version, 'mode', b.mode, 'tasks', n.tasks),
         'task.scheduled:batch:' || b.id || ':' || p.id || ':' || c.email,
         NULL, b.id, p.id, p.platform_id, NULL, $2::timestamptz
       FROM update_batch b
       JOIN LATERAL (SELECT t.partner_id, count(*)::int AS tasks FROM update_task t
                     WHERE t.batch_id = b.id AND t.notify_partner GROUP BY t.partner_id) n ON true
       JOIN partner p ON p.id = n.partner_id
       CROSS JOIN LATERAL jsonb_to_recordset(p.contacts) AS c (email text, locale text, timezone text)
       WHERE b.id = $1
       ON CONFLICT (dedupe_key) DO NOTHING`,
      [batchId, now],
    );
    await wakeSenders(em);
  }

  /**
   * Waits for the expansion of these tasks' batches to pause, and keeps it paused until the caller
   * commits: a follow-up then sees every customer expanded so far, and the expansion sees the
   * follow-up's change (docs/notifications.md, "customers of a batch").
   */
  async holdExpansion(em: EntityManager, selection: TaskSelection): Promise<void> {
    const batches =
      'batchId' in selection
        ? '$1::uuid'
        : 'SELECT DISTINCT t.batch_id FROM update_task t WHERE t.id = ANY($1::uuid[])';
    await em.query(
      `SELECT f.id FROM outbox_fanout f
       WHERE f.status = 'pending' AND f.batch_id IN (${batches})
       ORDER BY f.id FOR SHARE`,
      ['batchId' in selection ? selection.batchId : selection.taskIds],
    );
  }

  /**
   * Notices to whoever received the tasks' earlier notices: their own (scheduled or rescheduled
   * to them), or their batch's digest. Two index lookups joined by hash, one pass for any number
   * of tasks.
   */
  async insertFollowUps(em: EntityManager, n: TaskNoticeInsert): Promise<number> {
    const { where, params, key, group } = taskNoticeParts(n);
    return insertThenWake(
      em,
      OUTBOX_CHANNEL,
      `WITH sel AS (
         SELECT t.id, t.batch_id, t.partner_id FROM update_task t WHERE ${where}
       ), prev AS (
         SELECT s.id AS task_id, o.recipient, o.recipient_kind, o.locale, o.timezone
         FROM sel s JOIN outbox_email o ON o.task_id = s.id
         WHERE o.event IN ('task.scheduled', 'task.rescheduled', 'task.started')
         UNION ALL
         SELECT s.id, d.recipient, d.recipient_kind, d.locale, d.timezone
         FROM sel s JOIN outbox_email d ON d.batch_id = s.batch_id AND d.partner_id = s.partner_id
         WHERE d.task_id IS NULL AND d.event = 'task.scheduled'
           AND d.batch_id IN (SELECT DISTINCT batch_id FROM sel)
       )
       ${INSERT}
       SELECT DISTINCT ON (t.id, prev.recipient_kind, prev.recipient)
         $3, $3, prev.recipient, prev.recipient_kind, prev.locale, prev.timezone, t.notice_sequence,
         $2::text, ${key('prev.recipient')}, t.id, t.batch_id, t.partner_id, t.platform_id,
         CASE WHEN prev.recipient_kind = 'partner' THEN ${group} || prev.recipient END,
         CASE WHEN prev.recipient_kind = 'partner' THEN $6::timestamptz + $5 * interval '1 second'
           ELSE $6::timestamptz END
       FROM prev JOIN update_task t ON t.id = prev.task_id
       ORDER BY t.id, prev.recipient_kind, prev.recipient
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING 1`,
      params,
    );
  }

  /** Notices to the tasks' customers and partner contacts as they are today. */
  async insertForCurrentRecipients(em: EntityManager, n: TaskNoticeInsert): Promise<number> {
    const [written] = await insertAllThenWake(em, [this.forCurrentRecipients(n)]);
    return written;
  }

  /**
   * The insert of insertForCurrentRecipients, to be run with others in one statement
   * (insertAllThenWake).
   */
  forCurrentRecipients(n: TaskNoticeInsert): OutboxInsert {
    const { where, params, key, group } = taskNoticeParts(n);
    return {
      channel: OUTBOX_CHANNEL,
      sql: `${INSERT}
       SELECT $3, $3, tn.customer_email, 'customer', tn.locale, tn.timezone, t.notice_sequence,
         $2::text, ${key('tn.customer_email')}, t.id, t.batch_id, t.partner_id, t.platform_id, NULL,
         $6::timestamptz
       FROM update_task t JOIN tenant tn ON tn.id = t.tenant_id
       WHERE ${where} AND t.notify_customer AND tn.customer_email IS NOT NULL
       UNION ALL
       SELECT $3, $3, c.email, 'partner', c.locale, c.timezone, t.notice_sequence,
         $2::text, ${key('c.email')}, t.id, t.batch_id, t.partner_id, t.platform_id, ${group} || c.email,
         $6::timestamptz + $5 * interval '1 second'
       FROM update_task t JOIN partner p ON p.id = t.partner_id
       CROSS JOIN LATERAL jsonb_to_recordset(p.contacts) AS c (email text, locale text, timezone text)
       WHERE ${where} AND t.notify_partner
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING 1`,
      params,
      prepare: 'taskIds' in n.selection && n.selection.taskIds.length <= PREPARED_MAX_TASKS,
    };
  }

  /**
   * A rollout's change: the contacts of every partner with tasks in it, and the licence e-mail of
   * every platform it touches (once per address, in English and the platform's zone, as the
   * confirmation code; not when that address is already one of those partner contacts). The
   * payload holds the rollout's counts at the change; `facts.key` makes each change its own notice
   * (a second pause after a resume is a new e-mail).
   */
  async insertForRollout(
    em: EntityManager,
    event: RolloutNoticeEvent,
    rolloutId: string,
    facts: { state: string; reason: string | null; key: string },
    now: Date,
  ): Promise<number> {
    return insertThenWake(
      em,
      OUTBOX_CHANNEL,
      `WITH counts AS (
         SELECT sum(held + scheduled + running + succeeded + failed + cancelled)::int AS total,
                sum(succeeded)::int AS succeeded, sum(failed)::int AS failed,
                sum(cancelled)::int AS cancelled
         FROM rollout_wave WHERE rollout_id = $1
       ), owners AS (
         SELECT DISTINCT t.partner_id, t.platform_id FROM update_task t
         WHERE t.rollout_id = $1 AND t.batch_id = (SELECT batch_id FROM rollout WHERE id = $1)
       ), contacts AS (
         SELECT p.id AS partner_id, p.platform_id, p.name, c.email, c.locale, c.timezone
         FROM (SELECT DISTINCT partner_id FROM owners) o
         JOIN partner p ON p.id = o.partner_id
         CROSS JOIN LATERAL jsonb_to_recordset(p.contacts) AS c (email text, locale text, timezone text)
       ), licences AS (
         SELECT DISTINCT ON (lower(pl.licence_email)) pl.id, pl.name, pl.licence_email, pl.timezone
         FROM platform pl
         WHERE pl.id IN (SELECT platform_id FROM owners) AND pl.licence_email IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM contacts x WHERE lower(x.email) = lower(pl.licence_email))
         ORDER BY lower(pl.licence_email), pl.id
       ), recipients AS (
         SELECT c.email, c.locale, c.timezone, c.name, c.partner_id, c.platform_id,
           c.partner_id::text || ':' || c.email AS key_part
         FROM contacts c
         UNION ALL
         SELECT l.licence_email, 'en', l.timezone, l.name, NULL, l.id,
           'platform:' || l.id || ':' || l.licence_email
         FROM licences l
       )
       INSERT INTO outbox_email (event, template, recipient, recipient_kind, locale, timezone, payload,
         dedupe_key, batch_id, partner_id, platform_id, next_attempt_at)
       SELECT $2, $2, x.email, 'partner', x.locale, x.timezone,
         jsonb_build_object('rolloutId', r.id, 'state', $3::text, 'reason', $4::text,
           'targetVersion', r.target_version, 'partnerName', x.name, 'total', n.total,
           'succeeded', n.succeeded, 'failed', n.failed, 'cancelled', n.cancelled),
         $2 || ':' || r.id || ':' || $5::text || ':' || x.key_part,
         NULL, x.partner_id, x.platform_id, $6::timestamptz
       FROM rollout r CROSS JOIN counts n CROSS JOIN recipients x
       WHERE r.id = $1
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING 1`,
      [rolloutId, event, facts.state, facts.reason, facts.key, now],
    );
  }

  /** Platform maintenance announced or withdrawn: every partner contact of the platform. */
  async insertForMaintenance(
    em: EntityManager,
    event: MaintenanceNoticeEvent,
    maintenanceId: string,
    now: Date,
  ): Promise<number> {
    return insertThenWake(
      em,
      OUTBOX_CHANNEL,
      `INSERT INTO outbox_email (event, template, recipient, recipient_kind, locale, timezone, payload,
         dedupe_key, partner_id, platform_id, next_attempt_at)
       SELECT $2, $2, c.email, 'partner', c.locale, c.timezone,
         jsonb_build_object('maintenanceId', m.id, 'platformId', m.platform_id, 'platformName', pl.name,
           'partnerName', p.name, 'startsAt', m.starts_at, 'endsAt', m.ends_at, 'message', m.message),
         $2 || ':' || m.id || ':' || p.id || ':' || c.email, p.id, m.platform_id, $3::timestamptz
       FROM platform_maintenance m
       JOIN platform pl ON pl.id = m.platform_id
       JOIN partner p ON p.platform_id = m.platform_id
       CROSS JOIN LATERAL jsonb_to_recordset(p.contacts) AS c (email text, locale text, timezone text)
       WHERE m.id = $1
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING 1`,
      [maintenanceId, event, now],
    );
  }

  /**
   * A webhook endpoint disabled after failing too long: every contact of its partner. A platform
   * admin's endpoint (no partner, for every platform) e-mails nobody. Each disable is its own
   * e-mail (an endpoint enabled and disabled again is told again).
   */
  async insertForWebhookDisabled(em: EntityManager, f: WebhookDisabledFacts): Promise<number> {
    return insertThenWake(
      em,
      OUTBOX_CHANNEL,
      `INSERT INTO outbox_email (event, template, recipient, recipient_kind, locale, timezone, payload,
         dedupe_key, partner_id, platform_id, next_attempt_at)
       SELECT 'webhook.disabled', 'webhook.disabled', c.email, 'partner', c.locale, c.timezone,
         jsonb_build_object('endpointId', w.id, 'url', w.url, 'description', w.description,
           'partnerName', p.name, 'failingSince', $2::timestamptz, 'disabledAt', $4::timestamptz,
           'hours', $3::int),
         'webhook.disabled:' || w.id || ':' || $5::text || ':' || c.email, p.id, p.platform_id,
         $4::timestamptz
       FROM webhook_endpoint w
       JOIN partner p ON p.id = w.partner_id
       CROSS JOIN LATERAL jsonb_to_recordset(p.contacts) AS c (email text, locale text, timezone text)
       WHERE w.id = $1
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING 1`,
      [f.endpointId, f.failingSince, f.hours, f.now, f.now.toISOString()],
    );
  }
}

/** What the e-mail about a disabled webhook endpoint says (its payload). */
export interface WebhookDisabledFacts {
  endpointId: string;
  failingSince: Date;
  hours: number;
  now: Date;
}

/** The parameters ($1 … $6) and key expressions shared by the two task-notice inserts. */
function taskNoticeParts(n: TaskNoticeInsert) {
  const selection = n.selection;
  return {
    where: 'batchId' in selection ? 't.batch_id = $1::uuid' : 't.id = ANY($1::uuid[])',
    params: [
      'batchId' in selection ? selection.batchId : selection.taskIds,
      n.reason,
      n.event,
      n.group,
      n.partnerDelaySeconds,
      n.now,
    ],
    key: (recipient: string) =>
      `$3 || ':' || t.id || ':' || ${DEDUPE_PART[n.dedupeBy]} || ':' || ${recipient}`,
    group: `$3 || ':' || COALESCE($4, 'batch:' || t.batch_id) || ':'`,
  };
}
