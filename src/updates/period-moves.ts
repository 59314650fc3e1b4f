import type { Tx } from '../database/transactions';
import type { PlacementService } from '../placement/placement.service';
import { movingTask } from './task-changes.service';
import { overriddenBlocks } from './task-policy';
import type { NotStartedStatus } from './task-status';
import type { TaskMove } from './update-task';
import type { PeriodMovableTask } from './update-tasks.repository';

/**
 * Where a task goes when a new blocking period (platform maintenance, a blackout) moves it, from
 * the end of the occurrence it overlaps (`after`): one home for a scheduled task
 * (PlatformMaintenanceService, BlackoutsService) and a rollout's held one (HeldTaskMoves). The two
 * are placed differently, on purpose:
 *
 * - `scheduled` (any mode): the tenant's first maintenance window after the occurrence that
 *   nothing blocks (with its end as `expiresAt`), and the task becomes `maintenance_window` — the
 *   product's rule (DESIGN.md: an announced period moves an overlapping task "to the next free
 *   window"; API.md `conflictPolicy: reschedule`);
 * - `held` (a rollout's task whose wave has not opened): placed as its wave opening would place
 *   it, keeping the rollout's mode — a `maintenance_window` one in the tenant's first free window
 *   after the occurrence, an `immediate` or `custom` one at the first instant after the blocking
 *   periods its time overlaps (several back to back: after the last; a platform admin's forced
 *   one ignores blackouts there, `overriddenBlocks`, never maintenance). A held task's time is the
 *   one its wave opening would give it (what its customer was told with the rollout), and the wave
 *   opening (RolloutGates.releaseHeld) places it by the rollout's mode, not the task's: a held
 *   custom task moved into a window would be told a window time that its wave opening then
 *   replaces with the rollout's instant.
 *
 * Those with no free time left are returned as `unplaced` (the caller cancels them).
 */
export async function placeOutOfPeriod(
  placement: PlacementService,
  tx: Tx,
  status: NotStartedStatus,
  tasks: PeriodMovableTask[],
  now: Date,
  after: Date,
): Promise<{ moves: TaskMove[]; unplaced: string[] }> {
  const byWindow = (t: PeriodMovableTask) =>
    status === 'scheduled' || t.mode === 'maintenance_window';
  const inWindows = tasks.filter(byWindow);
  const atInstants = tasks.filter((t) => !byWindow(t));
  const windows = await placement.placeMoves(tx, inWindows.map(movingTask), now, after);
  const instants = await placement.placeInstants(
    tx,
    atInstants.map((t) => ({ ...movingTask(t), runAt: t.runAt, overrides: overriddenBlocks(t) })),
    now,
  );
  const modeOf = new Map(tasks.map((t) => [t.id, t.mode]));
  return {
    moves: [
      ...windows.placed.map((p) => ({ ...p, mode: 'maintenance_window' as const })),
      ...instants.placed.map((p) => ({ ...p, mode: modeOf.get(p.id) ?? 'custom' })),
    ],
    unplaced: [...windows.unplaced, ...instants.unplaced].map((u) => u.id),
  };
}
