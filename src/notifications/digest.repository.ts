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
/** The tasks of a batch that a partner's contacts are told about. */
const PARTNER_TASKS = `FROM update_task t JOIN tenant tn ON tn.id = t.tenant_id
  WHERE t.batch_id = $1 AND t.partner_id = $2 AND t.notify_partner`;

const iso = (value: unknown) => (value as Date).toISOString();
const toFacts = (r: Record<string, unknown>): TaskFacts => ({
  taskId: r.task_id as string,
  tenantId: r.tenant_id as string,
  tenantName: r.tenant_name as string,
  fromVersion: r.from_version as string,
  targetVersion: r.target_version as string,
  mode: r.mode as string,
  runAt: iso(r.run_at),
  windowEnd: iso(r.window_end),
  forced: r.forced as boolean,
  status: r.status as string,
  sequence: r.notice_sequence as number,
  error: (r.error as string | null) ?? null,
  reason: (r.cancel_reason as string | null) ?? null,
});

/**
 * What a partner's batch digest lists: the batch's tasks as they are when the digest is rendered.
 * A batch may hold 100,000 tasks, so they are summarised, listed (a few) or paged (for the CSV).
 */
@Injectable()
export class DigestRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async summary(batchId: string, partnerId: string): Promise<BatchSummary> {
    const [row]: Record<string, unknown>[] = await this.ds.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE t.status = 'cancelled')::int AS cancelled,
         min(t.run_at) AS first_run_at, max(${WINDOW_END}) AS last_window_end
       FROM update_task t WHERE t.batch_id = $1 AND t.partner_id = $2 AND t.notify_partner`,
      [batchId, partnerId],
    );
    return {
      total: row.total as number,
      cancelled: row.cancelled as number,
      firstRunAt: row.first_run_at ? iso(row.first_run_at) : null,
      lastWindowEnd: row.last_window_end ? iso(row.last_window_end) : null,
    };
  }

  /** The first `limit` tasks in the order they run. */
  async firstTasks(batchId: string, partnerId: string, limit: number): Promise<TaskFacts[]> {
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT ${FACTS} ${PARTNER_TASKS} ORDER BY t.run_at, tn.name, t.id LIMIT $3`,
      [batchId, partnerId, limit],
    );
    return rows.map(toFacts);
  }

  /** Every task, a page at a time in id order (keyset on the batch index). */
  async *allTasks(batchId: string, partnerId: string, pageSize = 2000): AsyncGenerator<TaskFacts> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: Record<string, unknown>[] = await this.ds.query(
        `SELECT ${FACTS} ${PARTNER_TASKS} AND t.id > $3 ORDER BY t.id LIMIT $4`,
        [batchId, partnerId, after, pageSize],
      );
      for (const row of rows) yield toFacts(row);
      if (rows.length < pageSize) return;
      after = rows[rows.length - 1].task_id as string;
    }
  }
}
