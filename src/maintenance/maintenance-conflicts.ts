import type { MaintenanceWindow, TimeSlot } from './window';
import { firstFreeWindow, MaintenancePeriod } from '../updates/planning';
import type { ConflictPolicy } from './platform-maintenance.repository';

/** A scheduled task whose [runAt, runAt + expected) overlaps a new maintenance period. */
export interface ConflictingTask {
  id: string;
  forced: boolean;
  expectedDurationMinutes: number;
  window: MaintenanceWindow;
}

export interface ConflictResolution {
  cancel: string[];
  move: { id: string; slot: TimeSlot }[];
}

/**
 * `cancel` drops the task; `reschedule` moves it to the tenant's first window after the period that
 * is free of maintenance. Forced tasks are always moved, never dropped. A task with no free window in
 * the coming year is cancelled (the caller reports it).
 */
export function resolveConflicts(
  tasks: ConflictingTask[],
  policy: ConflictPolicy,
  period: MaintenancePeriod,
  periods: MaintenancePeriod[],
): ConflictResolution {
  const resolution: ConflictResolution = { cancel: [], move: [] };
  for (const task of tasks) {
    if (policy === 'cancel' && !task.forced) {
      resolution.cancel.push(task.id);
      continue;
    }
    const slot = firstFreeWindow(task.window, period.endsAt, task.expectedDurationMinutes, periods);
    if (slot) resolution.move.push({ id: task.id, slot });
    else resolution.cancel.push(task.id);
  }
  return resolution;
}
