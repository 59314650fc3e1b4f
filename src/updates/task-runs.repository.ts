import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { TASK_SIGNALS_CHANNEL, TASKS_DUE_CHANNEL } from './task-channels';
import type { TaskStatus } from './task-status';
import { englishReason } from '../notifications/reasons';

export interface LogLine {
  at: Date;
  attempt: number;
  step: string | null;
  node: string | null;
  kind: string;
  message: string;
}

export interface Lease {
  owner: string | null;
  expiresAt: Date | null;
  /** Still held: a replica runs the task. */
  live: boolean;
}

interface LeaseRow {
  lease_owner: string | null;
  lease_expires_at: Date | null;
  live: boolean;
}

/** The admin actions on running and failed tasks (cancel a run, retry, resume) and the step log. */
@Injectable()
export class TaskRunsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** A running task: its runner (any replica) asks the executor to abort. */
  async requestCancel(tx: EntityManager, id: string, reason: string, by: string): Promise<void> {
    await tx.query(
      `UPDATE update_task SET cancel_requested_at = now(), cancel_reason = $2, updated_at = now()
       WHERE id = $1 AND status = 'running'`,
      [id, reason],
    );
    await this.log(tx, id, 'warning', `cancel requested by ${by}: ${englishReason(reason)}`);
    await tx.query(`SELECT pg_notify($1, $2)`, [TASK_SIGNALS_CHANNEL, `cancel:${id}`]);
  }

  /**
   * failed → scheduled, due at `runAt`: a new run (its steps start over, the executor gets new
   * idempotency keys, the attempts budget is full again). Dispatchers are woken at commit.
   */
  async retry(tx: EntityManager, id: string, runAt: Date, by: string): Promise<void> {
    await tx.query(
      `UPDATE update_task
       SET status = 'scheduled', mode = 'immediate', run_at = $2, expires_at = NULL, run = run + 1, rolled_back = false,
           run_attempts = 0, done_steps = '{}', error = NULL, cancel_reason = NULL,
           cancel_requested_at = NULL, executor_report = NULL, tenant_prior_state = NULL,
           progress_step = NULL, progress_percent = 0, progress_eta = NULL,
           started_at = NULL, finished_at = NULL, updated_at = now()
       WHERE id = $1 AND status = 'failed'`,
      [id, runAt],
    );
    await this.log(tx, id, 'info', `retry requested by ${by}: a new run is scheduled`);
    await tx.query(`SELECT pg_notify($1, $2)`, [TASKS_DUE_CHANNEL, id]);
  }

  /**
   * A running task whose lease is gone: available to every dispatcher at once, with a full attempts
   * budget; it resumes from its last completed step.
   */
  async resume(tx: EntityManager, id: string, by: string): Promise<void> {
    await tx.query(
      `UPDATE update_task SET lease_owner = NULL, lease_expires_at = NULL, run_attempts = 0,
         updated_at = now()
       WHERE id = $1 AND status = 'running'`,
      [id],
    );
    await this.log(tx, id, 'info', `resume requested by ${by}`);
    await tx.query(`SELECT pg_notify($1, $2)`, [TASKS_DUE_CHANNEL, id]);
  }

  /** Whether a running task's lease is still held (by whom, until when). */
  async lease(tx: EntityManager, id: string): Promise<Lease> {
    const [row]: LeaseRow[] = await tx.query(
      `SELECT lease_owner, lease_expires_at,
              lease_expires_at IS NOT NULL AND lease_expires_at >= now() AS live
       FROM update_task WHERE id = $1`,
      [id],
    );
    return { owner: row.lease_owner, expiresAt: row.lease_expires_at, live: row.live };
  }

  async logLines(id: string): Promise<LogLine[]> {
    return this.ds.query(
      `SELECT at, attempt, step, node, kind, message FROM task_event WHERE task_id = $1 ORDER BY id`,
      [id],
    );
  }

  async status(id: string): Promise<TaskStatus | null> {
    const [row]: { status: TaskStatus }[] = await this.ds.query(
      `SELECT status FROM update_task WHERE id = $1`,
      [id],
    );
    return row?.status ?? null;
  }

  private async log(tx: EntityManager, id: string, kind: string, message: string): Promise<void> {
    await tx.query(
      `INSERT INTO task_log_chunk (task_id, attempt, lines)
       SELECT id, attempts, json_build_array(json_build_object('at', clock_timestamp(),
         'kind', $2::text, 'message', $3::text))
       FROM update_task WHERE id = $1`,
      [id, kind, message],
    );
  }
}
