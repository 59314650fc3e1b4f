/** What happens to scheduled tasks that a new blocking period (maintenance, blackout) overlaps. */
export const CONFLICT_POLICIES = ['cancel', 'reschedule'] as const;
export type ConflictPolicy = (typeof CONFLICT_POLICIES)[number];

/** A scheduled task whose [runAt, runAt + expected) overlaps a new maintenance period or blackout. */
export interface ConflictingTask {
  id: string;
  forced: boolean;
}

export interface ConflictResolution<T extends ConflictingTask> {
  cancel: string[];
  /** To move to the tenant's first free window after the period (see PlacementService). */
  move: T[];
}

/**
 * `cancel` drops the task; `reschedule` moves it to the tenant's first window after the period
 * that nothing blocks. Forced tasks are always moved, never dropped (cancelled only when no free
 * window exists, which the caller reports).
 */
export function resolveConflicts<T extends ConflictingTask>(
  tasks: T[],
  policy: ConflictPolicy,
): ConflictResolution<T> {
  const resolution: ConflictResolution<T> = { cancel: [], move: [] };
  for (const task of tasks) {
    if (policy === 'cancel' && !task.forced) resolution.cancel.push(task.id);
    else resolution.move.push(task);
  }
  return resolution;
}
