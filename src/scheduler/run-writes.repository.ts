import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { pgArray, pgBareArray } from '../database/pg-array';
import { prepared } from '../database/sql';
import { statusByKey } from '../updates/task-status';

/** One line of a task's log. */
export interface TaskEvent {
  taskId: string;
  at: Date;
  attempt: number;
  step: string | null;
  node: string | null;
  kind: 'info' | 'step_started' | 'step_completed' | 'step_failed' | 'warning';
  message: string;
  durationMs: number | null;
}

/**
 * Lines of one run's log written together (a run segment; migration 1796021200001): one row of
 * task_log_chunk, its lines as JSON (keys absent where a line has no step, node or duration).
 */
export interface LogChunk {
  task_id: string;
  attempt: number;
  lines: LogLine[];
}

export interface LogLine {
  /** ISO 8601 in UTC with milliseconds, as JSON.stringify writes a Date (one string, no Date per line). */
  at: string;
  kind: TaskEvent['kind'];
  message: string;
  step?: string;
  node?: string;
  duration_ms?: number;
}

/** The most lines one chunk holds (a line's id in the task_event view is chunk id × 65,536 + n). */
export const MAX_CHUNK_LINES = 65_535;

/** A task's progress after some writes (absent fields: unchanged). */
export interface ProgressChange {
  taskId: string;
  step?: string;
  percent?: number;
  /** When the run should end (epoch milliseconds: a Date is made only for the write that sends it). */
  eta?: number;
  /** Step keys completed since the last write. */
  done: string[];
}

export interface Completion {
  taskId: string;
  status: 'succeeded' | 'failed' | 'cancelled';
  error: string | null;
  /** The last log line. */
  message: string;
  attempt: number;
  /** The run had updated some nodes: the tenant becomes `failed` instead of its state before. */
  tenantFailed: boolean;
  /** An automatic rollback restored the nodes it had updated (the task still ends failed). */
  rolledBack?: boolean;
  /** Step keys completed since the last write, and the progress they made (folded in). */
  done: string[];
  step?: string;
  percent?: number;
  /** The last log line went with the run's other lines of this write (its chunk): not again. */
  logged?: boolean;
}

export interface WriteResult {
  /** Tasks still held by this process after the write, and whether an admin asked to cancel. */
  held: Map<string, { cancelRequested: boolean }>;
  /** Tasks the write ended. */
  ended: Set<string>;
}

/** A task a completion ended, and whether anyone is to be told. */
export type Ended = {
  id: string;
  status: Completion['status'];
  error: string | null;
  cancel_reason: string | null;
  notify: boolean;
};

/**
 * The task rows of $2 that this process ($1) still runs, locked in id order. Every statement that
 * writes several running tasks (progress, completions, lease renewals) locks them this way first,
 * so two of them never wait for each other (they once deadlocked under load). By primary key
 * (statusByKey), not through the index of every replica's running tasks.
 */
export const LOCK_OWN_RUNNING = `SELECT id FROM update_task
    WHERE id = ANY($2::uuid[]) AND lease_owner = $1 AND ${statusByKey('status', 'running')}
    ORDER BY id FOR NO KEY UPDATE`;

/**
 * Progress of runs that go on; log lines of every run this process still holds. The lines come as
 * one JSON array of chunks ($7: one per run segment, its lines in the order they were written,
 * serialized natively) and the tasks they belong to as $8: the lease is checked once per task, on
 * the rows this statement locks (a run that goes on) or this transaction locked before (a run that
 * ends: see RunJournal.commit), never on a snapshot alone, so no line is written for a run whose
 * lease another process took after the statement began; each chunk is one row of task_log_chunk.
 */
export const JOURNAL = `
  WITH m AS (
    SELECT * FROM unnest($2::uuid[], $3::text[], $4::int[], $5::timestamptz[], $6::text[])
      AS m (id, step, percent, eta, done)
  ), locked AS (
    ${LOCK_OWN_RUNNING}
  ), held AS (
    UPDATE update_task t
    SET progress_step = COALESCE(m.step, t.progress_step),
        progress_percent = COALESCE(m.percent, t.progress_percent),
        progress_eta = COALESCE(m.eta, t.progress_eta),
        done_steps = CASE WHEN m.done = '' THEN t.done_steps
                          ELSE t.done_steps || string_to_array(m.done, ',') END,
        updated_at = now()
    FROM locked JOIN m ON m.id = locked.id WHERE t.id = locked.id
    RETURNING t.id, t.cancel_requested_at IS NOT NULL AS cancel_requested
  ), mine AS (
    -- The lines' tasks as locked above (the lease checked again on the row's latest version if
    -- another transaction held it meanwhile) …
    SELECT id FROM locked
    UNION ALL
    -- … and those without progress here: the runs that end in this write, whose rows this
    -- transaction locked before (lockOwnRunning), so no other can change them.
    -- (By key, as LOCK_OWN_RUNNING; the runs with progress as a hashed set.)
    SELECT id FROM update_task
    WHERE id = ANY ($8::uuid[]) AND id NOT IN (SELECT unnest($2::uuid[]))
      AND lease_owner = $1 AND ${statusByKey('status', 'running')}
  ), logged AS (
    INSERT INTO task_log_chunk (task_id, attempt, lines)
    SELECT c.task_id, c.attempt, c.lines
    FROM ROWS FROM (json_to_recordset($7::json) AS (task_id uuid, attempt int, lines json))
           WITH ORDINALITY AS c (task_id, attempt, lines, ord)
    WHERE c.task_id IN (SELECT id FROM mine)
    ORDER BY c.ord
  )
  SELECT id, cancel_requested FROM held`;

/**
 * Ends runs: the task's status and last steps, its tenant (the target version on success; failed
 * when the run had updated some of its nodes; otherwise its state before the run), and the last
 * log line (unless it went with the run's other lines of the same write: `logged`). Only the run
 * that holds the task now (this process's lease, and the attempt that claim counted).
 */
const COMPLETE = `
  WITH m AS (
    SELECT * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[],
                         $8::text[], $9::int[], $10::boolean[], $11::boolean[], $12::boolean[])
      AS m (id, status, error, message, attempt, done, step, percent, tenant_failed, rolled_back,
            logged)
  ), locked AS (
    ${LOCK_OWN_RUNNING}
  ), finished AS (
    UPDATE update_task t
    SET status = m.status, error = m.error, rolled_back = m.rolled_back,
        -- a cancel that came too late (the update succeeded) is no reason any more
        cancel_reason = CASE WHEN m.status = 'succeeded' THEN NULL ELSE t.cancel_reason END,
        cancel_requested_at = CASE WHEN m.status = 'succeeded' THEN NULL ELSE t.cancel_requested_at END,
        done_steps = CASE WHEN m.done = '' THEN t.done_steps
                          ELSE t.done_steps || string_to_array(m.done, ',') END,
        progress_step = COALESCE(m.step, t.progress_step),
        progress_percent = CASE WHEN m.status = 'succeeded' THEN 100
                                ELSE COALESCE(m.percent, t.progress_percent) END,
        progress_eta = NULL, finished_at = now(), lease_owner = NULL, lease_expires_at = NULL,
        executor_report = NULL, updated_at = now()
    -- Fenced by the run too: an earlier attempt's completion, late (retried through an outage
    -- longer than its lease), never ends the run of this process that claimed the task again.
    FROM locked JOIN m ON m.id = locked.id WHERE t.id = locked.id AND t.attempts = m.attempt
    RETURNING t.id, t.tenant_id, t.status, t.target_version, t.tenant_prior_state, t.error,
              t.cancel_reason, t.notify_partner OR t.notify_customer AS notify,
              -- what the tenant and the last line need, carried here: a join of finished with
              -- m ran as a nested loop (a generic plan knows neither's size), every completion
              -- scanning every other, a cost that grew with the square of the write's size
              m.tenant_failed, m.attempt, m.message, m.logged
  ), tenants AS (
    UPDATE tenant tn
    SET state = CASE WHEN f.status = 'succeeded' THEN 'active'
                     WHEN f.tenant_failed THEN 'failed'
                     ELSE COALESCE(f.tenant_prior_state, 'active') END,
        software_version = CASE WHEN f.status = 'succeeded' THEN f.target_version
                                ELSE tn.software_version END,
        updated_at = now()
    FROM finished f
    WHERE tn.id = f.tenant_id AND tn.state = 'updating'
  ), logged AS (
    INSERT INTO task_log_chunk (task_id, attempt, lines)
    SELECT f.id, f.attempt, json_build_array(json_build_object('at', clock_timestamp(),
             'kind', CASE WHEN f.status = 'succeeded' THEN 'info' ELSE 'warning' END,
             'message', f.message))
    FROM finished f
    WHERE NOT f.logged
  )
  SELECT id, status, error, cancel_reason, notify FROM finished`;

/**
 * The writes of running tasks, for many tasks at once (the runner group-commits them, see
 * RunJournal): progress and log lines of the runs that go on, and the end of those that finish.
 * Every write is fenced by the lease: rows change only where this process still holds it.
 */
@Injectable()
export class RunWritesRepository {
  /** Progress and log lines; returns the tasks this process still holds (and cancel requests). */
  async journal(
    tx: EntityManager,
    owner: string,
    changes: ProgressChange[],
    chunks: LogChunk[],
  ): Promise<WriteResult['held']> {
    if (changes.length === 0 && chunks.length === 0) return new Map();
    const rows = await prepared<{ id: string; cancel_requested: boolean }>(
      tx,
      'runs.journal',
      JOURNAL,
      [
        owner,
        pgBareArray(changes.map((c) => c.taskId)),
        pgArray(changes.map((c) => c.step)),
        pgArray(changes.map((c) => c.percent)),
        pgArray(changes.map((c) => (c.eta === undefined ? null : new Date(c.eta).toISOString()))),
        pgArray(changes.map((c) => c.done.join(','))),
        JSON.stringify(chunks),
        pgBareArray([...new Set(chunks.map((c) => c.task_id))]),
      ],
    );
    return new Map(rows.map((r) => [r.id, { cancelRequested: r.cancel_requested }]));
  }

  /**
   * Locks, in one pass in id order, every running task of this process that a transaction is about
   * to write (its progress and its completions), before it writes any.
   */
  async lockOwnRunning(tx: EntityManager, owner: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await prepared(tx, 'runs.lock', LOCK_OWN_RUNNING, [owner, pgBareArray([...new Set(ids)])]);
  }

  /** Ends runs: task status, its tenant, the last log line. Returns the tasks it ended. */
  async complete(tx: EntityManager, owner: string, completions: Completion[]): Promise<Ended[]> {
    if (completions.length === 0) return [];
    return prepared<Ended>(tx, 'runs.complete', COMPLETE, [
      owner,
      pgBareArray(completions.map((c) => c.taskId)),
      pgArray(completions.map((c) => c.status)),
      pgArray(completions.map((c) => c.error)),
      pgArray(completions.map((c) => c.message)),
      pgBareArray(completions.map((c) => c.attempt)),
      pgArray(completions.map((c) => c.done.join(','))),
      pgArray(completions.map((c) => c.step)),
      pgArray(completions.map((c) => c.percent)),
      pgArray(completions.map((c) => c.tenantFailed)),
      pgArray(completions.map((c) => c.rolledBack ?? false)),
      pgArray(completions.map((c) => c.logged ?? false)),
    ]);
  }
}
