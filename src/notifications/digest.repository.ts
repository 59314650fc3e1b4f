import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** A task as an e-mail describes it (the fields of a task notice's payload). */
export interface TaskFacts {
  taskId: string;
  tenantId: string;
  tenantName: string;
  fromVersion: string;
  targetVersion: string;
  mode: string;
  runAt: string;
  windowEnd: string;
  forced: boolean;
  status: string;
  sequence: number;
  error: string | null;
  reason: string | null;
}

export interface BatchSummary {
  total: number;
  cancelled: number;
  firstRunAt: string | null;
  lastWindowEnd: string | null;
}

const WINDOW_END = `COALESCE(t.expires_at, t.run_at + t.expected_duration_minutes * interval '1 minute')`;
const FACTS = `t.id AS task_id, t.tenant_id, tn.name AS tenant_name, t.from_version, t.target_version,
  t.mode, t.run_at, ${WINDOW_END} AS window_end, t.forced, t.status, t.notice_sequence, t.error, t.cancel_reason`;
/**
 * The tasks of outbox rows, as their e-mails describe them: the task as it is now, with the
 * event's sequence and reason from the row (the error of a failure is the one the row recorded).
 */
const NOTICE_FACTS = `t.id AS task_id, t.tenant_id, tn.name AS tenant_name, t.from_version, t.target_version,
  t.mode, t.run_at, ${WINDOW_END} AS window_end, t.forced, t.status,
  COALESCE(o.sequence, t.notice_sequence) AS notice_sequence,
  COALESCE(CASE WHEN o.event = 'task.failed' THEN o.reason END, t.error) AS error, o.reason AS cancel_reason`;
/** The tasks of a batch that a partner's contacts are told about. */
const PARTNER_TASKS = `FROM update_task t JOIN tenant tn ON tn.id = t.tenant_id
  WHERE t.batch_id = $1 AND t.partner_id = $2 AND t.notify_partner`;

/** A row as FACTS reads it. */
interface TaskFactsRow {
  task_id: string;
  tenant_id: string;
  tenant_name: string;
  from_version: string;
  target_version: string;
  mode: string;
  run_at: Date;
  window_end: Date;
  forced: boolean;
  status: string;
  notice_sequence: number;
  error: string | null;
  cancel_reason: string | null;
}

interface SummaryRow {
  total: number;
  cancelled: number;
  first_run_at: Date | null;
  last_window_end: Date | null;
}

function toFacts(r: TaskFactsRow): TaskFacts {
  return {
    taskId: r.task_id,
    tenantId: r.tenant_id,
    tenantName: r.tenant_name,
    fromVersion: r.from_version,
    targetVersion: r.target_version,
    mode: r.mode,
    runAt: r.run_at.toISOString(),
    windowEnd: r.window_end.toISOString(),
    forced: r.forced,
    status: r.status,
    sequence: r.notice_sequence,
    error: r.error,
    reason: r.cancel_reason,
  };
}

/**
 * What e-mails about tasks say: the tasks as they are when the e-mail is rendered. A partner's
 * batch digest lists its batch's tasks; a batch may hold 100,000 tasks, so they are summarised,
 * listed (a few) or paged (for the CSV).
 */
@Injectable()
export class DigestRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async summary(batchId: string, partnerId: string): Promise<BatchSummary> {
    const [row]: SummaryRow[] = await this.ds.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE t.status = 'cancelled')::int AS cancelled,
         min(t.run_at) AS first_run_at, max(${WINDOW_END}) AS last_window_end
       FROM update_task t WHERE t.batch_id = $1 AND t.partner_id = $2 AND t.notify_partner`,
      [batchId, partnerId],
    );
    return {
      total: row.total,
      cancelled: row.cancelled,
      firstRunAt: row.first_run_at?.toISOString() ?? null,
      lastWindowEnd: row.last_window_end?.toISOString() ?? null,
    };
  }

  /** The first `limit` tasks in the order they run. */
  async firstTasks(batchId: string, partnerId: string, limit: number): Promise<TaskFacts[]> {
    const rows: TaskFactsRow[] = await this.ds.query(
      `SELECT ${FACTS} ${PARTNER_TASKS} ORDER BY t.run_at, tn.name, t.id LIMIT $3`,
      [batchId, partnerId, limit],
    );
    return rows.map(toFacts);
  }

  /**
   * The tasks of these outbox rows (in row order); a row whose task no longer exists (its tenant
   * was deleted) has none.
   */
  async noticeFacts(ids: string[]): Promise<TaskFacts[]> {
    const rows: TaskFactsRow[] = await this.ds.query(
      `SELECT ${NOTICE_FACTS}
       FROM outbox_email o JOIN update_task t ON t.id = o.task_id JOIN tenant tn ON tn.id = t.tenant_id
       WHERE o.id = ANY($1::uuid[]) ORDER BY o.id`,
      [ids],
    );
    return rows.map(toFacts);
  }

  /**
   * A tenant's planned update (its open task: at most one), as its invitations describe it; not
   * the task of a rollout that awaits its confirmation code: nobody has been told of it yet.
   */
  async plannedTasks(tenantId: string): Promise<TaskFacts[]> {
    const rows: TaskFactsRow[] = await this.ds.query(
      `SELECT ${FACTS} FROM update_task t JOIN tenant tn ON tn.id = t.tenant_id
       WHERE t.tenant_id = $1 AND t.is_open
         AND NOT EXISTS (SELECT 1 FROM rollout r
                         WHERE r.id = t.rollout_id AND r.state = 'awaiting_confirmation')
       ORDER BY t.run_at, t.id`,
      [tenantId],
    );
    return rows.map(toFacts);
  }

  /** Every task, a page at a time in id order (keyset on the batch index). */
  async *allTasks(batchId: string, partnerId: string, pageSize = 2000): AsyncGenerator<TaskFacts> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: TaskFactsRow[] = await this.ds.query(
        `SELECT ${FACTS} ${PARTNER_TASKS} AND t.id > $3 ORDER BY t.id LIMIT $4`,
        [batchId, partnerId, after, pageSize],
      );
      for (const row of rows) yield toFacts(row);
      if (rows.length < pageSize) return;
      after = rows[rows.length - 1].task_id;
    }
  }
}
