import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { updateReturning } from '../database/sql';
import { TASKS_DUE_CHANNEL } from '../updates/scheduling.service';
import type { ExecutorReport } from './executors/executor';

/** Wakes the runner of a task, wherever it runs: `cancel:<taskId>` or `report:<taskId>`. */
export const TASK_SIGNALS_CHANNEL = 'update_task_signals';

export interface StoredReport extends ExecutorReport {
  receivedAt: string;
}

export interface LogLine {
  at: Date;
  attempt: number;
  step: string | null;
  node: string | null;
  kind: string;
  message: string;
}

/** The admin actions on running and failed tasks, the executor's reports, and the task log. */
@Injectable()
export class RunControlRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** A running task: its runner (any replica) asks the executor to abort. */
  async requestCancel(em: EntityManager, id: string, reason: string, by: string): Promise<void> {
    await em.query(
      `UPDATE update_task SET cancel_requested_at = now(), cancel_reason = $2, updated_at = now()
       WHERE id = $1 AND status = 'running'`,
      [id, reason],
    );
    await this.log(em, id, 'warning', `cancel requested by ${by}: ${reason}`);
    await em.query(`SELECT pg_notify($1, $2)`, [TASK_SIGNALS_CHANNEL, `cancel:${id}`]);
  }

  /**
   * failed → scheduled, due at `runAt`: a new run (its steps start over, the executor gets new
   * idempotency keys, the attempts budget is full again). Dispatchers are woken at commit.
   */
  async retry(em: EntityManager, id: string, runAt: Date, by: string): Promise<void> {
    await em.query(
      `UPDATE update_task
       SET status = 'scheduled', mode = 'immediate', run_at = $2, expires_at = NULL, run = run + 1,
           run_attempts = 0, done_steps = '{}', error = NULL, cancel_reason = NULL,
           cancel_requested_at = NULL, executor_report = NULL, tenant_prior_state = NULL,
           progress_step = NULL, progress_percent = 0, progress_eta = NULL,
           started_at = NULL, finished_at = NULL, updated_at = now()
       WHERE id = $1 AND status = 'failed'`,
      [id, runAt],
    );
    await this.log(em, id, 'info', `retry requested by ${by}: a new run is scheduled`);
    await em.query(`SELECT pg_notify($1, $2)`, [TASKS_DUE_CHANNEL, id]);
  }

  /**
   * A running task whose lease is gone: available to every dispatcher at once, with a full attempts
   * budget; it resumes from its last completed step.
   */
  async resume(em: EntityManager, id: string, by: string): Promise<void> {
    await em.query(
      `UPDATE update_task SET lease_owner = NULL, lease_expires_at = NULL, run_attempts = 0,
         updated_at = now()
       WHERE id = $1 AND status = 'running'`,
      [id],
    );
    await this.log(em, id, 'info', `resume requested by ${by}`);
    await em.query(`SELECT pg_notify($1, $2)`, [TASKS_DUE_CHANNEL, id]);
  }

  /** Whether a running task's lease is still held (by whom, until when). */
  async lease(
    em: EntityManager,
    id: string,
  ): Promise<{ owner: string | null; expiresAt: Date | null; live: boolean }> {
    const [row]: { lease_owner: string | null; lease_expires_at: Date | null; live: boolean }[] =
      await em.query(
        `SELECT lease_owner, lease_expires_at,
                lease_expires_at IS NOT NULL AND lease_expires_at >= now() AS live
         FROM update_task WHERE id = $1`,
        [id],
      );
    return { owner: row.lease_owner, expiresAt: row.lease_expires_at, live: row.live };
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

  async logLines(id: string): Promise<LogLine[]> {
    return this.ds.query(
      `SELECT at, attempt, step, node, kind, message FROM task_event WHERE task_id = $1 ORDER BY id`,
      [id],
    );
  }

  async status(id: string): Promise<string | null> {
    const [row]: { status: string }[] = await this.ds.query(
      `SELECT status FROM update_task WHERE id = $1`,
      [id],
    );
    return row?.status ?? null;
  }

  private async log(em: EntityManager, id: string, kind: string, message: string): Promise<void> {
    await em.query(
      `INSERT INTO task_event (task_id, at, attempt, kind, message)
       SELECT id, clock_timestamp(), attempts, $2, $3 FROM update_task WHERE id = $1`,
      [id, kind, message],
    );
  }
}
