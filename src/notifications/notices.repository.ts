import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import type { MaintenanceNoticeEvent, TaskNoticeEvent } from './notice-events';

/** Which tasks a notice is about: every task of a batch, or a list of tasks. */
export type TaskSelection = { batchId: string } | { taskIds: string[] };

export interface NoticeContext {
  /** Why: a cancellation reason, a failure, the maintenance message … */
  reason?: string | null;
  /** Partner e-mails about these tasks are merged per group (a batch, a maintenance period). */
  group?: string;
}

/**
 * What makes two notices of one event for one recipient the same notice (the dedupe key):
 * a reschedule is new each time its sequence rises, a start/result each attempt.
 */
const DEDUPE_PART: Record<TaskNoticeEvent, string> = {
  'task.scheduled': 't.notice_sequence::text',
  'task.rescheduled': 't.notice_sequence::text',
  'task.cancelled': `'0'`,
  'task.started': 't.attempts::text',
  'task.succeeded': 't.attempts::text',
  'task.failed': 't.attempts::text',
};

/** Events that trickle in over time; partner e-mails about them wait a little to be merged. */
const TRICKLING: TaskNoticeEvent[] = ['task.started', 'task.succeeded', 'task.failed'];

/** Events sent to whoever received the task's original notice, not to today's addresses. */
const FOLLOW_UPS: TaskNoticeEvent[] = ['task.rescheduled', 'task.cancelled'];

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
 * Writes outbox rows (the e-mails to send) inside the caller's transaction, set-based: one statement
 * for any number of tasks. Rendering and sending happen later, in the notification sender.
 */
@Injectable()
export class NoticesRepository {
  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * A new batch: every customer who is to be told gets a notice of its own; each partner contact
   * gets ONE digest for the batch (its payload names the batch; the digest lists the tasks as they
   * are when it is rendered).
   */
  async scheduled(em: EntityManager, batchId: string): Promise<void> {
    // Fresh tasks cannot collide with earlier notices: a plain insert, no conflict check per row.
    await em.query(
      `${INSERT}
       SELECT 'task.scheduled', 'task.scheduled', tn.customer_email, 'customer', tn.locale, tn.timezone,
         ${PAYLOAD}, 'task.scheduled:' || t.id || ':0:' || tn.customer_email,
         t.id, t.batch_id, t.partner_id, t.platform_id, NULL, $3::timestamptz
       ${TASKS}
       WHERE t.batch_id = $1 AND t.notify_customer AND tn.customer_email IS NOT NULL`,
      [batchId, null, this.clock.now()],
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
      [batchId, this.clock.now()],
    );
    await wakeSenders(em);
  }

  /**
   * Any later event of tasks: rescheduled and cancelled go to whoever received the task's earlier
   * notices (its own, or its batch's digest); started, succeeded and failed to today's addresses.
   */
  async forTasks(
    em: EntityManager,
    event: Exclude<TaskNoticeEvent, 'task.scheduled'>,
    selection: TaskSelection,
    context: NoticeContext = {},
  ): Promise<number> {
    const where = 'batchId' in selection ? 't.batch_id = $1::uuid' : 't.id = ANY($1::uuid[])';
    const key = (recipient: string) =>
      `$3 || ':' || t.id || ':' || ${DEDUPE_PART[event]} || ':' || ${recipient}`;
    const group = `$3 || ':' || COALESCE($4, 'batch:' || t.batch_id) || ':'`;
    const partnerDelay = TRICKLING.includes(event) ? this.config.mailDigestWindowSeconds : 0;
    const params = [
      'batchId' in selection ? selection.batchId : selection.taskIds,
      context.reason ?? null,
      event,
      context.group ?? null,
      partnerDelay,
      this.clock.now(),
    ];
    const conflict = 'ON CONFLICT (dedupe_key) DO NOTHING';

    if (FOLLOW_UPS.includes(event)) {
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
         ${conflict} RETURNING 1`,
        params,
      );
      if (result.length > 0) await wakeSenders(em);
      return result.length;
    }

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
       ${conflict} RETURNING 1`,
      params,
    );
    if (result.length > 0) await wakeSenders(em);
    return result.length;
  }

  /** Platform maintenance announced or withdrawn: every partner contact of the platform. */
  async forMaintenance(
    em: EntityManager,
    event: MaintenanceNoticeEvent,
    maintenanceId: string,
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
      [maintenanceId, event, this.clock.now()],
    );
    if (result.length > 0) await wakeSenders(em);
    return result.length;
  }
}
