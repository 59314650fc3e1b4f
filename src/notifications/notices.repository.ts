import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { MaintenanceNoticeEvent, TaskNoticeEvent } from './notice-events';

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

/** What the e-mail says about a task, as it is at the event (times change when it is rescheduled). */
const PAYLOAD = `jsonb_build_object(
  'taskId', t.id, 'batchId', t.batch_id, 'tenantId', t.tenant_id, 'tenantName', tn.name,
  'fromVersion', t.from_version, 'targetVersion', t.target_version, 'mode', t.mode, 'runAt', t.run_at,
  'windowEnd', COALESCE(t.expires_at, t.run_at + t.expected_duration_minutes * interval '1 minute'),
  'forced', t.forced, 'sequence', t.notice_sequence, 'status', t.status, 'error', t.error, 'reason', $2::text)`;

const INSERT = `INSERT INTO outbox_email (event, template, recipient, recipient_kind, locale, timezone,
  payload, dedupe_key, task_id, batch_id, partner_id, platform_id, group_key, next_attempt_at)`;
const TASKS = `FROM update_task t JOIN tenant tn ON tn.id = t.tenant_id`;
const WITH_PARTNER = `${TASKS} JOIN partner p ON p.id = t.partner_id`;

/** The channel the notification sender listens on; a notification is delivered at commit. */
export const OUTBOX_CHANNEL = 'outbox_email';

/** Wakes the senders when the caller's transaction commits (nothing happens if it rolls back). */
export async function wakeSenders(em: EntityManager): Promise<void> {
  await em.query(`SELECT pg_notify('${OUTBOX_CHANNEL}', '')`);
}

/**
 * The outbox inserts (the e-mails to send), set-based: one statement for any number of tasks, in
 * the caller's transaction. Who is told and how notices merge is decided by Notices
 * (notices.service.ts); rendering and sending happen later, in the notification sender.
 */
@Injectable()
export class NoticesRepository {
  /**
   * A new batch: every customer who is to be told gets a notice of its own; each partner contact
   * gets ONE digest for the batch (its payload names the batch; the digest lists the tasks as they
   * are when it is rendered).
   */
  async insertScheduled(em: EntityManager, batchId: string, now: Date): Promise<void> {
    // Fresh tasks cannot collide with earlier notices: a plain insert, no conflict check per row.
    await em.query(
      `${INSERT}
       SELECT 'task.scheduled', 'task.scheduled', tn.customer_email, 'customer', tn.locale, tn.timezone,
         ${PAYLOAD}, 'task.scheduled:' || t.id || ':0:' || tn.customer_email,
         t.id, t.batch_id, t.partner_id, t.platform_id, NULL, $3::timestamptz
       ${TASKS}
       WHERE t.batch_id = $1 AND t.notify_customer AND tn.customer_email IS NOT NULL`,
      [batchId, null, now],
    );
    await em.query(
      `${INSERT}
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

  /** Notices to whoever received the tasks' earlier notices (their own, or their batch's digest). */
  async insertFollowUps(em: EntityManager, n: TaskNoticeInsert): Promise<number> {
    const { where, params, key, group } = taskNoticeParts(n);
    const result: unknown[] = await em.query(
      `${INSERT}
       SELECT DISTINCT ON (t.id, prev.recipient_kind, prev.recipient)
         $3, $3, prev.recipient, prev.recipient_kind, prev.locale, prev.timezone, ${PAYLOAD},
         ${key('prev.recipient')}, t.id, t.batch_id, t.partner_id, t.platform_id,
         CASE WHEN prev.recipient_kind = 'partner' THEN ${group} || prev.recipient END,
         CASE WHEN prev.recipient_kind = 'partner' THEN $6::timestamptz + $5 * interval '1 second'
           ELSE $6::timestamptz END
       ${TASKS}
       JOIN outbox_email prev
         ON (prev.task_id = t.id AND prev.event IN ('task.scheduled', 'task.rescheduled'))
         OR (prev.task_id IS NULL AND prev.batch_id = t.batch_id AND prev.partner_id = t.partner_id
             AND prev.event = 'task.scheduled')
       WHERE ${where}
       ORDER BY t.id, prev.recipient_kind, prev.recipient
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING 1`,
      params,
    );
    if (result.length > 0) await wakeSenders(em);
    return result.length;
  }

  /** Notices to the tasks' customers and partner contacts as they are today. */
  async insertForCurrentRecipients(em: EntityManager, n: TaskNoticeInsert): Promise<number> {
    const { where, params, key, group } = taskNoticeParts(n);
    const result: unknown[] = await em.query(
      `${INSERT}
       SELECT $3, $3, tn.customer_email, 'customer', tn.locale, tn.timezone, ${PAYLOAD},
         ${key('tn.customer_email')}, t.id, t.batch_id, t.partner_id, t.platform_id, NULL, $6::timestamptz
       ${TASKS}
       WHERE ${where} AND t.notify_customer AND tn.customer_email IS NOT NULL
       UNION ALL
       SELECT $3, $3, c.email, 'partner', c.locale, c.timezone, ${PAYLOAD},
         ${key('c.email')}, t.id, t.batch_id, t.partner_id, t.platform_id, ${group} || c.email,
         $6::timestamptz + $5 * interval '1 second'
       ${WITH_PARTNER}
       CROSS JOIN LATERAL jsonb_to_recordset(p.contacts) AS c (email text, locale text, timezone text)
       WHERE ${where} AND t.notify_partner
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING 1`,
      params,
    );
    if (result.length > 0) await wakeSenders(em);
    return result.length;
  }

  /** Platform maintenance announced or withdrawn: every partner contact of the platform. */
  async insertForMaintenance(
    em: EntityManager,
    event: MaintenanceNoticeEvent,
    maintenanceId: string,
    now: Date,
  ): Promise<number> {
    const result: unknown[] = await em.query(
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
    if (result.length > 0) await wakeSenders(em);
    return result.length;
  }
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
