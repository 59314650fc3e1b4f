/**
 * The LISTEN/NOTIFY channels of update tasks. Writers notify inside their transaction (the
 * notification is delivered at commit, not at all on rollback); the dispatcher listens.
 */

/** Work may be due now: immediate tasks committed, a retry, a resume, a replica's hand-back. */
export const TASKS_DUE_CHANNEL = 'update_tasks_due';

/** Wakes the runner of one task, wherever it runs: `cancel:<taskId>` or `report:<taskId>`. */
export const TASK_SIGNALS_CHANNEL = 'update_task_signals';
