/**
 * Every status an update task can have — the one definition, shared by the code and the SQL.
 *
 * A task is *open* while it holds its tenant: at most one open task per tenant (a unique index),
 * a tenant with an open task shows `pendingUpdate`, cannot be deleted, and gets no second task.
 * Open means "not finished": a status is open unless it is listed in FINISHED_STATUSES. The
 * database computes the same as the generated column `update_task.is_open`
 * (`status NOT IN ('succeeded', 'failed', 'cancelled')`, migration 1795408000000), which the
 * one-open-task index and every query use (`WHERE t.is_open`); test/foundation/migrations.spec.ts
 * checks that both agree for every status.
 *
 * Adding a status (e.g. `held` for tasks of a rollout wave that has not opened) is one line in
 * TASK_STATUSES (plus the migration that lets the column's CHECK constraint accept it); a new
 * status is open unless it is a finished one.
 */
export const TASK_STATUSES = [
  'held',
  'scheduled',
  'running',
  'succeeded',
  'failed',
  'cancelled',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const FINISHED_STATUSES = ['succeeded', 'failed', 'cancelled'] as const;
export type FinishedStatus = (typeof FINISHED_STATUSES)[number];

export function isFinished(status: TaskStatus): status is FinishedStatus {
  return (FINISHED_STATUSES as readonly TaskStatus[]).includes(status);
}

export function isOpen(status: TaskStatus): boolean {
  return !isFinished(status);
}

export const OPEN_STATUSES: readonly TaskStatus[] = TASK_STATUSES.filter(isOpen);
export type OpenStatus = Exclude<TaskStatus, FinishedStatus>;

/**
 * Not started: the task has not run yet. `held` (its rollout wave has not opened, or its rollout
 * is paused) and `scheduled` alike: a cancel (one task, a batch, a stopped rollout) takes both.
 * Where only `scheduled` is meant, the query says so: the claim, and the moves that follow a
 * tenant's window (a held task is placed again when its wave opens). A move (TaskChanges.move)
 * takes both and leaves the status as it was: a held task moved out of new platform maintenance or
 * a blackout stays held (HeldTaskMoves).
 */
export const NOT_STARTED_STATUSES = ['held', 'scheduled'] as const satisfies readonly TaskStatus[];
export type NotStartedStatus = (typeof NOT_STARTED_STATUSES)[number];

export function isNotStarted(status: TaskStatus): status is NotStartedStatus {
  return (NOT_STARTED_STATUSES as readonly TaskStatus[]).includes(status);
}

/**
 * `column = 'status'`, for a lookup of listed tasks by primary key (`id = ANY (…)`), written so
 * that no partial index of due or running tasks (their predicates are `status = …`) can serve it:
 * a generic plan took one whenever the statistics saw few such tasks, then read every due or
 * running task and compared each with every listed id (1.3–1.7 ms per lookup of 100 tasks with
 * 2,000 running, 0.14 ms by key; test/scheduler/lookup-plans.spec.ts). The column is never null:
 * the same test.
 */
export function statusByKey(column: string, status: TaskStatus): string {
  return `(${column} = '${status}') IS TRUE`;
}

/** The not-started statuses as an SQL list: `status IN (${NOT_STARTED_SQL})`. */
export const NOT_STARTED_SQL = NOT_STARTED_STATUSES.map((s) => `'${s}'`).join(', ');

/** A count per status, every status present (0 when none). */
export function countByStatus(
  rows: { status: TaskStatus; n: number }[],
): Record<TaskStatus, number> {
  const counts = Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Record<TaskStatus, number>;
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}
