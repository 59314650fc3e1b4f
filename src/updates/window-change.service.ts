import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Caller } from '../auth/caller';
import { Clock } from '../common/clock';
import { ConflictError } from '../common/errors';
import { lockInOrder } from '../database/lock-order';
import type { Tx } from '../database/transactions';
import type { MaintenanceWindow } from '../common/maintenance-window';
import { PlacementService } from '../placement/placement.service';
import {
  type PreparedFollow,
  type WindowFollower,
  WindowFollowers,
} from '../tenants/window-followers';
import { assertMayAct } from './task-policy';
import { movingTask, TaskChanges } from './task-changes.service';
import { HeldTaskMoves } from './held-task-moves.service';
import { UpdateTasksRepository, type WindowTask } from './update-tasks.repository';
import { defaultReason } from '../notifications/reasons';

/**
 * When a tenant's maintenance window changes, its maintenance-window update that has not started
 * follows the new window, in the transaction that changes the tenant: a scheduled one, and a held
 * one of a rollout whose wave has not opened (its customers were told the time it would have if
 * its wave opened at once; it stays held). Each is placed as a move is (PlacementService.placeMoves:
 * the first window from now that nothing blocks); if its time changed, its notice sequence rises
 * and whoever was told of it is told the new time (a held task of a rollout awaiting its code moves
 * without notices: HeldTaskMoves.move). Registered with the tenants' WindowFollowers.
 */
@Injectable()
export class WindowChangeService implements WindowFollower, OnModuleInit {
  constructor(
    private readonly tasks: UpdateTasksRepository,
    private readonly placement: PlacementService,
    private readonly changes: TaskChanges,
    private readonly held: HeldTaskMoves,
    private readonly clock: Clock,
    private readonly followers: WindowFollowers,
  ) {}

  onModuleInit(): void {
    this.followers.register(this);
  }

  async prepare(
    tx: Tx,
    tenant: { id: string; platformId: string },
  ): Promise<PreparedFollow | null> {
    const task = await this.lockTask(tx, tenant.id, tenant.platformId);
    if (!task) return null;
    return {
      check: (caller, window) => this.assertCanFollow(caller, task, window),
      follow: (tx2, caller, window) => this.follow(tx2, caller, task, window),
    };
  }

  /**
   * Locks the tenant's maintenance-window update that has not started, if any: the platform's
   * scheduling lock, the rollout of a held one (shared: its confirmation waits), then the task row.
   * The caller locks the tenant row after this (see database/lock-order.ts).
   */
  async lockTask(tx: Tx, tenantId: string, platformId: string): Promise<WindowTask | null> {
    const { tasks } = await lockInOrder(tx, {
      platforms: { ids: [platformId], mode: 'shared' },
      rollouts: () => this.tasks.lockRolloutOfHeldWindowTask(tx, tenantId),
      tasks: () => this.tasks.lockWindowTask(tx, tenantId),
    });
    return tasks;
  }

  /**
   * The update can follow the new window unless the caller may not reschedule it (a forced update
   * and a partner admin: 403), or it no longer fits in the window (409); held or scheduled alike.
   */
  assertCanFollow(caller: Caller, task: WindowTask, window: MaintenanceWindow): void {
    assertMayAct(caller, 'reschedule', task, {
      message: `The tenant has a forced update planned in its maintenance window (task ${task.id}, ${task.status}); only a platform admin can move it`,
      details: [{ field: 'maintenanceWindow', reason: 'would move a forced update' }],
    });
    if (task.expectedDurationMinutes > window.durationMinutes) {
      throw new ConflictError(
        `The ${task.status} update (task ${task.id}) needs ${task.expectedDurationMinutes} minutes, longer than the new ${window.durationMinutes}-minute window: ${task.status === 'held' ? 'cancel it or its rollout' : 'reschedule or cancel it'} first`,
        [
          {
            field: 'maintenanceWindow.durationMinutes',
            reason: `is shorter than the ${task.status} update`,
          },
        ],
      );
    }
  }

  async follow(tx: Tx, caller: Caller, task: WindowTask, window: MaintenanceWindow): Promise<void> {
    const now = this.clock.now();
    const { placed } = await this.placement.placeMoves(tx, [{ ...movingTask(task), window }], now);
    // A move that keeps its time tells nobody (UpdateTasksRepository.move).
    const moves = placed.map((p) => ({ ...p, mode: 'maintenance_window' as const }));
    const why = { reason: defaultReason({ code: 'window_changed_by', actor: caller.name }) };
    if (task.status === 'held') await this.held.move(tx, [task], moves, why);
    else await this.changes.move(tx, moves, why);
  }
}
