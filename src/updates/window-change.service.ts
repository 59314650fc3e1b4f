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
import { type MovableTask, UpdateTasksRepository } from './update-tasks.repository';
import { defaultReason } from '../notifications/reasons';

/**
 * When a tenant's maintenance window changes, its scheduled maintenance-window update follows the
 * new window (its recipients are told), in the transaction that changes the tenant. Registered
 * with the tenants' WindowFollowers.
 */
@Injectable()
export class WindowChangeService implements WindowFollower, OnModuleInit {
  constructor(
    private readonly tasks: UpdateTasksRepository,
    private readonly placement: PlacementService,
    private readonly changes: TaskChanges,
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
   * Locks the tenant's scheduled maintenance-window update, if any: the platform's scheduling lock,
   * then the task row. The caller locks the tenant row after this (see database/lock-order.ts).
   */
  async lockTask(tx: Tx, tenantId: string, platformId: string): Promise<MovableTask | null> {
    const { tasks } = await lockInOrder(tx, {
      platforms: { ids: [platformId], mode: 'shared' },
      tasks: () => this.tasks.lockWindowTask(tx, tenantId),
    });
    return tasks;
  }

  /**
   * The update can follow the new window unless the caller may not reschedule it (a forced update
   * and a partner admin: 403), or it no longer fits in the window (409).
   */
  assertCanFollow(caller: Caller, task: MovableTask, window: MaintenanceWindow): void {
    assertMayAct(caller, 'reschedule', task, {
      message: `The tenant has a forced update scheduled in its maintenance window (task ${task.id}); only a platform admin can move it`,
      details: [{ field: 'maintenanceWindow', reason: 'would move a forced update' }],
    });
    if (task.expectedDurationMinutes > window.durationMinutes) {
      throw new ConflictError(
        `The scheduled update (task ${task.id}) needs ${task.expectedDurationMinutes} minutes, longer than the new ${window.durationMinutes}-minute window: reschedule or cancel it first`,
        [
          {
            field: 'maintenanceWindow.durationMinutes',
            reason: 'is shorter than the scheduled update',
          },
        ],
      );
    }
  }

  async follow(
    tx: Tx,
    caller: Caller,
    task: MovableTask,
    window: MaintenanceWindow,
  ): Promise<void> {
    const now = this.clock.now();
    const { placed } = await this.placement.placeMoves(tx, [{ ...movingTask(task), window }], now);
    await this.changes.move(
      tx,
      placed.map((p) => ({ ...p, mode: 'maintenance_window' })),
      { reason: defaultReason({ code: 'window_changed_by', actor: caller.name }) },
    );
  }
}
