import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { type Caller, isPlatformAdmin } from '../auth/caller';
import { Clock } from '../common/clock';
import { ConflictError, ForbiddenError } from '../common/errors';
import { PlatformMaintenanceRepository } from '../maintenance/platform-maintenance.repository';
import type { MaintenanceWindow } from '../maintenance/window';
import { NoticesRepository } from '../notifications/notices.repository';
import { lockPlatforms } from './platform-lock';
import { placeInWindow } from './planning';

/** A tenant's scheduled update that follows the tenant's maintenance window. */
export interface WindowTask {
  id: string;
  platformId: string;
  forced: boolean;
  expectedDurationMinutes: number;
}

/**
 * When a tenant's maintenance window changes, its scheduled maintenance-window update follows the
 * new window (its recipients are told), in the transaction that changes the tenant.
 */
@Injectable()
export class WindowChangeService {
  constructor(
    private readonly maintenance: PlatformMaintenanceRepository,
    private readonly notices: NoticesRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Locks the tenant's scheduled maintenance-window update, if any. Call it BEFORE locking the tenant
   * row: the platform's scheduling lock comes first and tasks are locked before tenants everywhere
   * (announcing maintenance, the dispatcher's claim), so no order can deadlock.
   */
  async lockTask(
    em: EntityManager,
    tenantId: string,
    platformId: string,
  ): Promise<WindowTask | null> {
    await lockPlatforms(em, [platformId], false);
    const rows: { id: string; forced: boolean; expected_duration_minutes: number }[] =
      await em.query(
        `SELECT id, forced, expected_duration_minutes FROM update_task
       WHERE tenant_id = $1 AND status = 'scheduled' AND mode = 'maintenance_window' FOR UPDATE`,
        [tenantId],
      );
    const row = rows[0];
    return row
      ? {
          id: row.id,
          platformId,
          forced: row.forced,
          expectedDurationMinutes: row.expected_duration_minutes,
        }
      : null;
  }

  /**
   * The update can follow the new window unless it is forced and the caller is not a platform admin
   * (403: moving it is theirs to decide), or it no longer fits in the window (409).
   */
  assertCanFollow(caller: Caller, task: WindowTask, window: MaintenanceWindow): void {
    if (task.forced && !isPlatformAdmin(caller)) {
      throw new ForbiddenError(
        `The tenant has a forced update scheduled in its maintenance window (task ${task.id}); only a platform admin can move it`,
        [{ field: 'maintenanceWindow', reason: 'would move a forced update' }],
      );
    }
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
    em: EntityManager,
    caller: Caller,
    task: WindowTask,
    window: MaintenanceWindow,
  ): Promise<void> {
    const now = this.clock.now();
    const periods = await this.maintenance.notEnded(em, [task.platformId], now);
    const slot = placeInWindow(window, now, task.expectedDurationMinutes, periods);
    if (!slot) return;
    await em.query(
      `UPDATE update_task SET run_at = $2, expires_at = $3, notice_sequence = notice_sequence + 1, updated_at = now()
       WHERE id = $1`,
      [task.id, slot.start, slot.end],
    );
    await this.notices.forTasks(
      em,
      'task.rescheduled',
      { taskIds: [task.id] },
      {
        reason: `the tenant's maintenance window was changed by ${caller.name}`,
      },
    );
  }
}
