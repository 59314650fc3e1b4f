import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { updateReturning } from '../database/sql';
import { TASK_SIGNALS_CHANNEL } from '../updates/task-channels';
import type { ExecutorReport } from './executors/executor';

export interface StoredReport extends ExecutorReport {
  receivedAt: string;
}

/**
 * The newest chunks first (a chunk holds a run segment's lines: one or more steps each), read by
 * the index on chunk id (task_log_chunk_newest), not by a sort of the whole log.
 */
export const RECENT_STEP_DURATIONS = `
  SELECT t.platform_id AS "platformId", e.step, avg(e.duration_ms)::float8 AS "meanMs"
  FROM (SELECT c.task_id, l.step, l.duration_ms
        FROM (SELECT task_id, lines, id FROM task_log_chunk ORDER BY id DESC LIMIT $1) c
        CROSS JOIN LATERAL ROWS FROM (json_to_recordset(c.lines)
          AS (step text, kind text, duration_ms int)) WITH ORDINALITY AS l (step, kind, duration_ms, n)
        WHERE l.kind = 'step_completed'
        ORDER BY c.id DESC, l.n DESC LIMIT $1) e
  JOIN update_task t ON t.id = e.task_id
  GROUP BY t.platform_id, e.step`;

/** What running updates read besides their claim: executor reports, secrets, cancel reasons, step durations. */
@Injectable()
export class RunControlRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Mean duration per platform and step over the last `sample` completed steps (every replica). */
  async recentStepDurations(
    sample: number,
  ): Promise<{ platformId: string; step: string; meanMs: number }[]> {
    return this.ds.query(RECENT_STEP_DURATIONS, [sample]);
  }

  /** Stores a signed report of the executor if it is about the task's current run. */
  async storeReport(id: string, report: ExecutorReport): Promise<boolean> {
    return this.ds.transaction(async (em) => {
      const rows = await updateReturning<{ id: string }>(
        em,
        `UPDATE update_task
         SET executor_report = $2::jsonb || jsonb_build_object('receivedAt', clock_timestamp())
         WHERE id = $1 AND status = 'running' AND run = $3
         RETURNING id`,
        [id, JSON.stringify(report), report.run],
      );
      if (rows.length === 0) return false;
      await em.query(`SELECT pg_notify($1, $2)`, [TASK_SIGNALS_CHANNEL, `report:${id}`]);
      return true;
    });
  }

  async readReport(id: string): Promise<StoredReport | null> {
    const [row]: { executor_report: StoredReport | null }[] = await this.ds.query(
      `SELECT executor_report FROM update_task WHERE id = $1`,
      [id],
    );
    return row?.executor_report ?? null;
  }

  /** The executor secret of the platform a task runs on (null: unknown task or no secret). */
  async secretFor(taskId: string): Promise<string | null> {
    const [row]: { executor_secret: string | null }[] = await this.ds.query(
      `SELECT p.executor_secret FROM update_task t JOIN platform p ON p.id = t.platform_id
       WHERE t.id = $1`,
      [taskId],
    );
    return row?.executor_secret ?? null;
  }

  /** The reason given with the task's cancel request (null: none). */
  async cancelReason(id: string): Promise<string | null> {
    const [row]: { cancel_reason: string | null }[] = await this.ds.query(
      `SELECT cancel_reason FROM update_task WHERE id = $1`,
      [id],
    );
    return row?.cancel_reason ?? null;
  }
}
