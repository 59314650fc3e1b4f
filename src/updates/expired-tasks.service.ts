import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { AuditService, idSummary } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { lockInOrder } from '../database/lock-order';
import { type Tx, Transactions } from '../database/transactions';
import { PlacementService } from '../placement/placement.service';
import { movingTask, TaskChanges } from './task-changes.service';
import { UpdateTasksRepository } from './update-tasks.repository';
import { defaultReason } from '../notifications/reasons';
import { PeriodicJob } from '../common/periodic-job';

const BATCH = 500;

/**
 * A maintenance-window task that could not start before its window closed (expiresAt) must not run
 * during working hours: it moves to the tenant's next window that nothing blocks, and the
 * recipients of its notice are told. Runs in every scheduler process; SKIP LOCKED shares the work.
 */
@Injectable()
export class ExpiredTasksService {
  private readonly logger = new Logger(ExpiredTasksService.name);
  private readonly job = new PeriodicJob(this.logger, 'moving expired tasks failed');

  constructor(
    private readonly db: Transactions,
    private readonly tasks: UpdateTasksRepository,
    private readonly placement: PlacementService,
    private readonly changes: TaskChanges,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  @Interval('expired-tasks', 5_000)
  async tick(): Promise<void> {
    if (!this.config.schedulerEnabled) return;
    await this.job.run(() => this.moveExpired());
  }

  /** Moves every expired task; returns how many were moved or, without any free window, cancelled. */
  async moveExpired(): Promise<number> {
    let total = 0;
    for (;;) {
      const handled = await this.db.run((tx) => this.moveSome(tx));
      total += handled;
      if (handled < BATCH) return total;
    }
  }

  private async moveSome(tx: Tx): Promise<number> {
    const now = this.clock.now();
    const platformIds = await this.tasks.platformsWithExpired(tx, now, BATCH);
    if (platformIds.length === 0) return 0;
    const { tasks: expired } = await lockInOrder(tx, {
      platforms: { ids: platformIds, mode: 'shared' },
      tasks: () => this.tasks.lockExpired(tx, platformIds, now, BATCH),
    });
    if (expired.length === 0) return 0;
    const { placed, unplaced } = await this.placement.placeMoves(tx, expired.map(movingTask), now);
    const moved = await this.changes.move(
      tx,
      placed.map((p) => ({ ...p, mode: 'maintenance_window' })),
      { reason: defaultReason({ code: 'window_expired_moved' }) },
    );
    const cancelled = await this.changes.cancel(
      tx,
      unplaced.map((u) => u.id),
      { reason: defaultReason({ code: 'window_expired_cancelled' }) },
    );
    await this.audit.record(tx, null, {
      action: 'update_task.window_expired',
      entityType: 'update_task',
      entityId: null,
      after: { moved: idSummary(moved), cancelled: idSummary(cancelled) },
    });
    this.logger.log(
      { moved: moved.length, cancelled: cancelled.length },
      'moved tasks whose window expired',
    );
    return expired.length;
  }
}
