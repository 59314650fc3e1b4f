import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { PlatformMaintenanceRepository } from '../maintenance/platform-maintenance.repository';
import { NoticesRepository } from '../notifications/notices.repository';
import { lockPlatforms } from './platform-lock';
import { placeInWindow } from './planning';
import { UpdateTasksRepository } from './update-tasks.repository';

const BATCH = 500;

/**
 * A maintenance-window task that could not start before its window closed (expiresAt) must not run
 * during working hours: it moves to the tenant's next window free of platform maintenance, and the
 * recipients of its notice are told. Runs in every scheduler process; SKIP LOCKED shares the work.
 */
@Injectable()
export class ExpiredTasksService {
  private readonly logger = new Logger(ExpiredTasksService.name);
  private running = false;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly tasks: UpdateTasksRepository,
    private readonly maintenance: PlatformMaintenanceRepository,
    private readonly notices: NoticesRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  @Interval('expired-tasks', 5_000)
  async tick(): Promise<void> {
    if (!this.config.schedulerEnabled || this.running) return;
    this.running = true;
    try {
      await this.moveExpired();
    } catch (error) {
      this.logger.error({ err: error }, 'moving expired tasks failed');
    } finally {
      this.running = false;
    }
  }

  /** Moves every expired task; returns how many were moved or, without any free window, cancelled. */
  async moveExpired(): Promise<number> {
    let total = 0;
    for (;;) {
      const handled = await this.moveSome();
      total += handled;
      if (handled < BATCH) return total;
    }
  }

  private async moveSome(): Promise<number> {
    const now = this.clock.now();
    return this.ds.transaction(async (em) => {
      // The platforms' scheduling locks before the task rows, as everywhere tasks are moved.
      const expiredOn: { platform_id: string }[] = await em.query(
        `SELECT DISTINCT platform_id FROM update_task
         WHERE status = 'scheduled' AND run_at <= $1 AND expires_at <= $1`,
        [now],
      );
      if (expiredOn.length === 0) return 0;
      const platformIds = expiredOn.map((r) => r.platform_id);
      await lockPlatforms(em, platformIds, false);
      const rows: Record<string, unknown>[] = await em.query(
        `SELECT t.id, t.platform_id, t.expires_at, t.expected_duration_minutes,
                tn.window_cron, tn.window_duration_minutes, tn.window_timezone
         FROM update_task t JOIN tenant tn ON tn.id = t.tenant_id
         WHERE t.status = 'scheduled' AND t.run_at <= $1 AND t.expires_at <= $1
           AND t.platform_id = ANY($3::uuid[])
         ORDER BY t.expires_at LIMIT $2
         FOR UPDATE OF t SKIP LOCKED`,
        [now, BATCH, platformIds],
      );
      if (rows.length === 0) return 0;
      const periods = await this.maintenance.notEnded(em, platformIds, now);
      const moves = [];
      const stranded: string[] = [];
      for (const r of rows) {
        const window = {
          cron: r.window_cron as string,
          durationMinutes: r.window_duration_minutes as number,
          timezone: r.window_timezone as string,
        };
        const ofPlatform = periods.filter((p) => p.platformId === r.platform_id);
        const slot = placeInWindow(window, now, r.expected_duration_minutes as number, ofPlatform);
        if (slot)
          moves.push({
            id: r.id as string,
            mode: 'maintenance_window' as const,
            runAt: slot.start,
            expiresAt: slot.end,
          });
        else stranded.push(r.id as string);
      }
      const reason =
        'the update could not start within its maintenance window and moves to the next one';
      const moved = await this.tasks.move(em, moves);
      await this.notices.forTasks(em, 'task.rescheduled', { taskIds: moved }, { reason });
      const noWindow =
        'the update could not start within its maintenance window and no free window follows';
      const cancelled = await this.tasks.cancelScheduled(em, stranded, noWindow);
      await this.notices.forTasks(
        em,
        'task.cancelled',
        { taskIds: cancelled },
        { reason: noWindow },
      );
      await this.audit.record(em, null, {
        action: 'update_task.window_expired',
        entityType: 'update_task',
        entityId: null,
        after: { moved, cancelled },
      });
      this.logger.log(
        { moved: moved.length, cancelled: cancelled.length },
        'moved tasks whose window expired',
      );
      return rows.length;
    });
  }
}
