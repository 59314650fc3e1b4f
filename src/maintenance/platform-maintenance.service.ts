import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ALL_PARTNERS, type Caller, type Scope } from '../auth/caller';
import { Clock } from '../common/clock';
import { BadRequestError, NotFoundError } from '../common/errors';
import { Page, PageRequest, toPage } from '../common/pagination';
import { NoticesRepository } from '../notifications/notices.repository';
import { PlatformsRepository } from '../platforms/platforms.repository';
import { lockPlatforms } from '../updates/platform-lock';
import { UpdateTasksRepository } from '../updates/update-tasks.repository';
import {
  AnnouncementResponse,
  CreatedMaintenanceResponse,
  CreateMaintenanceDto,
  MaintenanceResponse,
} from './dto/maintenance.dto';
import { ConflictingTask, resolveConflicts } from './maintenance-conflicts';
import {
  PlatformMaintenance,
  PlatformMaintenanceRepository,
} from './platform-maintenance.repository';

const MAX_ANNOUNCEMENTS = 500;

/** Thrown to roll a dry run's transaction back, carrying its answer. */
class DryRunRollback extends Error {
  constructor(readonly response: CreatedMaintenanceResponse) {
    super('dry run');
  }
}

@Injectable()
export class PlatformMaintenanceService {
  private readonly logger = new Logger(PlatformMaintenanceService.name);

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly maintenance: PlatformMaintenanceRepository,
    private readonly platforms: PlatformsRepository,
    private readonly tasks: UpdateTasksRepository,
    private readonly notices: NoticesRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * Announces a period. Scheduled updates that overlap it are cancelled or moved (conflictPolicy;
   * forced ones are always moved), and whoever was told about them is told again; every partner
   * contact of the platform receives the announcement.
   */
  async create(
    caller: Caller,
    platformId: string,
    dto: CreateMaintenanceDto,
  ): Promise<CreatedMaintenanceResponse> {
    const startsAt = new Date(dto.startsAt);
    const endsAt = new Date(dto.endsAt);
    if (endsAt <= startsAt)
      throw new BadRequestError('endsAt must be after startsAt', [
        { field: 'endsAt', reason: 'must be after startsAt' },
      ]);
    if (endsAt <= this.clock.now())
      throw new BadRequestError('endsAt must be in the future', [
        { field: 'endsAt', reason: 'must be in the future' },
      ]);

    const announce = this.ds.transaction(async (em) => {
      if (!(await this.platforms.find(ALL_PARTNERS, platformId, em)))
        throw new NotFoundError('Platform', platformId);
      await lockPlatforms(em, [platformId], true);
      const period = await this.maintenance.insert(em, {
        platformId,
        startsAt,
        endsAt,
        message: dto.message,
        conflictPolicy: dto.conflictPolicy ?? 'cancel',
        createdBy: caller.keyId,
      });
      const { cancelled, moved, warnings } = await this.resolve(em, period);
      await this.notices.forMaintenance(em, 'maintenance.announced', period.id);
      const response = {
        ...MaintenanceResponse.from(period),
        affected: { cancelled: cancelled.length, rescheduled: moved.length },
        warnings,
      };
      // A dry run does all of it and rolls back: the answer is exactly what announcing would do.
      if (dto.dryRun) throw new DryRunRollback(response);
      await this.audit.record(em, caller, {
        action: 'maintenance.create',
        entityType: 'platform_maintenance',
        entityId: period.id,
        after: response,
      });
      this.logger.log(
        { maintenanceId: period.id, platformId, ...response.affected },
        'announced platform maintenance',
      );
      return response;
    });
    try {
      return await announce;
    } catch (error) {
      if (error instanceof DryRunRollback) return error.response;
      throw error;
    }
  }

  private async resolve(em: EntityManager, period: PlatformMaintenance) {
    const rows: Record<string, unknown>[] = await em.query(
      `SELECT t.id, t.forced, t.expected_duration_minutes, tn.window_cron, tn.window_duration_minutes, tn.window_timezone
       FROM update_task t JOIN tenant tn ON tn.id = t.tenant_id
       WHERE t.status = 'scheduled' AND t.platform_id = $1
         -- run_at bounded on both sides (updates last at most 1440 minutes) so the due index serves
         AND t.run_at < $3 AND t.run_at > $2::timestamptz - interval '1440 minutes'
         AND t.run_at + t.expected_duration_minutes * interval '1 minute' > $2
       ORDER BY t.id FOR UPDATE OF t`,
      [period.platformId, period.startsAt, period.endsAt],
    );
    const conflicting: ConflictingTask[] = rows.map((r) => ({
      id: r.id as string,
      forced: r.forced as boolean,
      expectedDurationMinutes: r.expected_duration_minutes as number,
      window: {
        cron: r.window_cron as string,
        durationMinutes: r.window_duration_minutes as number,
        timezone: r.window_timezone as string,
      },
    }));
    const periods = await this.maintenance.notEnded(em, [period.platformId], this.clock.now());
    const plan = resolveConflicts(conflicting, period.conflictPolicy, period, periods);
    const reason = `platform maintenance ${period.startsAt.toISOString()} – ${period.endsAt.toISOString()}: ${period.message}`;
    const group = `maintenance:${period.id}`;
    const cancelled = await this.tasks.cancelScheduled(em, plan.cancel, reason);
    const moved = await this.tasks.move(
      em,
      plan.move.map((m) => ({
        id: m.id,
        mode: 'maintenance_window' as const,
        runAt: m.slot.start,
        expiresAt: m.slot.end,
      })),
    );
    await this.notices.forTasks(em, 'task.cancelled', { taskIds: cancelled }, { reason, group });
    await this.notices.forTasks(em, 'task.rescheduled', { taskIds: moved }, { reason, group });
    const forcedCancelled = conflicting.filter((t) => t.forced && cancelled.includes(t.id)).length;
    const warnings = forcedCancelled
      ? [
          `${forcedCancelled} forced update(s) had no free maintenance window in the coming year and were cancelled`,
        ]
      : [];
    return { cancelled, moved, warnings };
  }

  async list(
    scope: Scope,
    platformId: string,
    includePast: boolean,
    page: PageRequest,
  ): Promise<Page<MaintenanceResponse>> {
    if (!(await this.platforms.find(scope, platformId)))
      throw new NotFoundError('Platform', platformId);
    const rows = await this.maintenance.list(platformId, includePast, this.clock.now(), page);
    return toPage(rows, page.limit, MaintenanceResponse.from);
  }

  /** Withdraws a period: partner contacts are told. Tasks it cancelled stay cancelled. */
  async delete(caller: Caller, platformId: string, id: string): Promise<void> {
    await this.ds.transaction(async (em) => {
      const period = await this.maintenance.find(em, platformId, id);
      if (!period) throw new NotFoundError('Platform maintenance', id);
      await lockPlatforms(em, [platformId], true);
      await this.notices.forMaintenance(em, 'maintenance.withdrawn', id);
      await this.maintenance.delete(em, id);
      await this.audit.record(em, caller, {
        action: 'maintenance.delete',
        entityType: 'platform_maintenance',
        entityId: id,
        before: MaintenanceResponse.from(period),
      });
    });
  }

  async announcements(): Promise<{ items: AnnouncementResponse[] }> {
    const now = this.clock.now();
    const rows = await this.maintenance.announcements(now, MAX_ANNOUNCEMENTS);
    return {
      items: rows.map((a) => ({
        id: a.id,
        platformId: a.platformId,
        platformName: a.platformName,
        startsAt: a.startsAt.toISOString(),
        endsAt: a.endsAt.toISOString(),
        message: a.message,
        status: a.startsAt <= now ? 'current' : 'upcoming',
      })),
    };
  }
}
