import type { Tx } from '../database/transactions';
import type { PlacementService } from '../placement/placement.service';
import { movingTask } from './task-changes.service';
import { overriddenBlocks } from './task-policy';
import type { TaskMove } from './update-task';
import type { PeriodMovableTask } from './update-tasks.repository';

/**
 * Where a task goes when a new blocking period (platform maintenance, a blackout) moves it: one
 * rule for a scheduled task (PlatformMaintenanceService, BlackoutsService) and a rollout's held
 * one (HeldTaskMoves) alike. It keeps its mode, and is placed as its mode places it, from the end
 * of the occurrence it overlaps (`after`):
 *
 * - `maintenance_window`: the tenant's first window after it that nothing blocks (with its end as
 *   `expiresAt`);
 * - `immediate` and `custom`: the first instant after the blocking periods its time overlaps
 *   (several back to back: after the last), as a rollout's wave opening places them; a platform
 *   admin's forced one ignores blackouts there (`overriddenBlocks`), never maintenance.
 *
 * A mode says how the task's time is chosen, and a move does not change what the partner asked
 * for: a custom or immediate update is not turned into a maintenance-window one. Those with no
 * free time left are returned as `unplaced` (the caller cancels them).
 */
export async function placeOutOfPeriod(
  placement: PlacementService,
  tx: Tx,
  tasks: PeriodMovableTask[],
  now: Date,
  after: Date,
): Promise<{ moves: TaskMove[]; unplaced: string[] }> {
  const inWindows = tasks.filter((t) => t.mode === 'maintenance_window');
  const atInstants = tasks.filter((t) => t.mode !== 'maintenance_window');
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
