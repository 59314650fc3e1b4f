import type { TimeSlot } from '../common/maintenance-window';
import { type BlockCode, type BlockingPeriod, periodsBlocker, updateSlot } from './placement';

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
  /** To move to the tenant's first free window after the period (updates/period-moves.ts). */
  move: T[];
}

/**
 * `cancel` drops the task; `reschedule` moves it to the tenant's first window after the period
 * that nothing blocks (updates/period-moves.ts). Forced tasks are always moved, never dropped
 * (cancelled only when no free window exists, which the caller reports).
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

/** The tasks a new period overlaps, inside one of its occurrences. */
export interface OccurrenceTasks<T> {
  occurrence: TimeSlot;
  tasks: T[];
}

/**
 * The tasks whose [runAt, runAt + expected) overlaps `period`, grouped by the occurrence each
 * overlaps (a yearly blackout may hit several years), in the order the tasks come; tasks it does
 * not overlap, or may stay inside (`overridesOf`: a platform admin's forced update), are left out.
 */
export function byOccurrence<T extends { runAt: Date; expectedDurationMinutes: number }>(
  tasks: T[],
  period: BlockingPeriod,
  overridesOf?: (task: T) => readonly BlockCode[],
): OccurrenceTasks<T>[] {
  const blocker = periodsBlocker([period]);
  const groups = new Map<string, OccurrenceTasks<T>>();
  for (const task of tasks) {
    const hit = blocker.firstOverlap(
      updateSlot(task.runAt, task.expectedDurationMinutes),
      overridesOf?.(task),
    );
    if (!hit) continue;
    const key = hit.startsAt.toISOString();
    const group = groups.get(key) ?? {
      occurrence: { start: hit.startsAt, end: hit.endsAt },
      tasks: [],
    };
    group.tasks.push(task);
    groups.set(key, group);
  }
  return [...groups.values()];
}
