import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { ALL_PARTNERS, type Caller, type Scope } from '../auth/caller';
import { Clock } from '../common/clock';
import { BadRequestError, NotFoundError } from '../common/errors';
import { Page, PageRequest, toPage } from '../common/pagination';
import { lockInOrder } from '../database/lock-order';
import { type Tx, Transactions } from '../database/transactions';
import { Notices } from '../notifications/notices.service';
import { PlacementService } from '../placement/placement.service';
import { PlatformsRepository } from '../platforms/platforms.repository';
import { maintenancePeriod } from './maintenance-blocking.source';
import { HeldTaskMoves, heldIn } from '../updates/held-task-moves.service';
import { placeOutOfPeriod } from '../updates/period-moves';
import { TaskChanges } from '../updates/task-changes.service';
import { UpdateTasksRepository } from '../updates/update-tasks.repository';
import {
  AnnouncementResponse,
  CreatedMaintenanceResponse,
  CreateMaintenanceDto,
  MaintenanceResponse,
} from './dto/maintenance.dto';
import { resolveConflicts } from '../placement/conflicts';
import {
  PlatformMaintenance,
  PlatformMaintenanceRepository,
} from './platform-maintenance.repository';
import { defaultReason } from '../notifications/reasons';

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
    private readonly db: Transactions,
    private readonly maintenance: PlatformMaintenanceRepository,
    private readonly platforms: PlatformsRepository,
    private readonly tasks: UpdateTasksRepository,
    private readonly placement: PlacementService,
    private readonly changes: TaskChanges,
    private readonly held: HeldTaskMoves,
    private readonly notices: Notices,
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

    const announce = this.db.run(async (tx) => {
      if (!(await this.platforms.find(ALL_PARTNERS, platformId, tx)))
        throw new NotFoundError('Platform', platformId);
      await lockInOrder(tx, { platforms: { ids: [platformId], mode: 'exclusive' } });
      const period = await this.maintenance.insert(tx, {
        platformId,
        startsAt,
        endsAt,
        message: dto.message,
        conflictPolicy: dto.conflictPolicy ?? 'cancel',
        createdBy: caller.keyId,
      });
      const { cancelled, moved, warnings } = await this.resolve(tx, period);
      await this.notices.forMaintenance(tx, 'maintenance.announced', period.id);
      const response = {
        ...MaintenanceResponse.from(period),
        affected: { cancelled: cancelled.length, rescheduled: moved.length },
        warnings,
      };
      // A dry run does all of it and rolls back: the answer is exactly what announcing would do.
      if (dto.dryRun) throw new DryRunRollback(response);
      await this.audit.record(tx, caller, {
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

  /**
   * The scheduled tasks that overlap the new period are cancelled or moved to the first window
   * after it that nothing blocks (see placement/conflicts.ts, updates/period-moves.ts), in the
   * announcing transaction, and become maintenance-window updates; held tasks of rollouts whose
   * time overlaps it are moved out of it, keep their rollout's mode and stay held (HeldTaskMoves).
   */
  private async resolve(tx: Tx, period: PlatformMaintenance) {
    // The scheduled tasks it overlaps and the held tasks of rollouts it may move are locked in one
    // statement, in id order (lock-order.ts): two passes could deadlock with a rollout's stop,
    // cancel or expiry, which locks its held and scheduled tasks together.
    const {
      tasks: { scheduled: conflicting, held: heldTasks },
    } = await lockInOrder(tx, {
      tasks: () =>
        this.tasks.lockForPeriod(
          tx,
          { platformId: period.platformId, startsAt: period.startsAt, endsAt: period.endsAt },
          heldIn({ platformId: period.platformId }, maintenancePeriod(period)),
        ),
    });
    const plan = resolveConflicts(conflicting, period.conflictPolicy);
    // To the tenant's next free window, as maintenance-window updates (period-moves.ts).
    const { moves, unplaced } = await placeOutOfPeriod(
      this.placement,
      tx,
      'scheduled',
      plan.move,
      this.clock.now(),
      period.endsAt,
    );
    const why = {
      reason: defaultReason({
        code: 'platform_maintenance',
        startsAt: period.startsAt.toISOString(),
        endsAt: period.endsAt.toISOString(),
        message: period.message,
      }),
      group: `maintenance:${period.id}`,
    };
    const cancelled = await this.changes.cancel(tx, [...plan.cancel, ...unplaced], why);
    const moved = await this.changes.move(tx, moves, why);
    const held = await this.held.moveOutOf(
      tx,
      heldTasks,
      maintenancePeriod(period),
      this.clock.now(),
      () => why,
    );
    cancelled.push(...held.cancelled);
    moved.push(...held.moved);
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
    await this.db.run(async (tx) => {
      const period = await this.maintenance.find(tx, platformId, id);
      if (!period) throw new NotFoundError('Platform maintenance', id);
      await lockInOrder(tx, { platforms: { ids: [platformId], mode: 'exclusive' } });
      await this.notices.forMaintenance(tx, 'maintenance.withdrawn', id);
      await this.maintenance.delete(tx, id);
      await this.audit.record(tx, caller, {
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
