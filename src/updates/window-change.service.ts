import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Caller } from '../auth/caller';
import { Clock } from '../common/clock';
import { PlatformMaintenanceRepository } from '../maintenance/platform-maintenance.repository';
import type { MaintenanceWindow } from '../maintenance/window';
import { NoticesRepository } from '../notifications/notices.repository';
import { placeInWindow } from './planning';

/**
 * When a tenant's maintenance window changes, its scheduled maintenance-window update follows the
 * new window (its recipients are told). Runs in the transaction that changes the tenant.
 */
@Injectable()
export class WindowChangeService {
  constructor(
    private readonly maintenance: PlatformMaintenanceRepository,
    private readonly notices: NoticesRepository,
    private readonly clock: Clock,
  ) {}

  async follow(
    em: EntityManager,
    caller: Caller,
    tenantId: string,
    window: MaintenanceWindow,
  ): Promise<void> {
    const rows: { id: string; platform_id: string; expected_duration_minutes: number }[] =
      await em.query(
        `SELECT id, platform_id, expected_duration_minutes FROM update_task
       WHERE tenant_id = $1 AND status = 'scheduled' AND mode = 'maintenance_window' FOR UPDATE`,
        [tenantId],
      );
    const task = rows[0];
    if (!task) return;
    const now = this.clock.now();
    const periods = await this.maintenance.notEnded(em, [task.platform_id], now);
    const slot = placeInWindow(window, now, task.expected_duration_minutes, periods);
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
