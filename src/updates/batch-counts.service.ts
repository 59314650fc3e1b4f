import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { AppConfig } from '../config/app-config';
import { Transactions } from '../database/transactions';
import { UpdateBatchesRepository } from './update-batches.repository';
import { PeriodicJob } from '../common/periodic-job';

/**
 * Keeps a batch's count rows short: triggers add a few signed rows per statement that changes its
 * tasks (migration 1796014000001); every few seconds the batches that got rows are folded to one
 * row per (partner, status), so reading a batch's counts sums a handful of rows whatever its size.
 * Runs where the scheduler runs (where most count rows come from); one process at a time folds.
 */
@Injectable()
export class BatchCountsService {
  private readonly logger = new Logger(BatchCountsService.name);
  private afterId = '0';
  private readonly job = new PeriodicJob(this.logger, 'folding batch counts failed');

  constructor(
    private readonly db: Transactions,
    private readonly batches: UpdateBatchesRepository,
    private readonly config: AppConfig,
  ) {}

  @Interval('batch-counts', 5_000)
  async tick(): Promise<void> {
    if (!this.config.schedulerEnabled) return;
    await this.job.run(() => this.fold());
  }

  /** Folds the rows written since the last fold; returns how many batches it folded. */
  async fold(): Promise<number> {
    const done = await this.db.run(async (tx) =>
      (await this.batches.tryFoldLock(tx)) ? this.batches.foldCounts(tx, this.afterId) : null,
    );
    if (!done) return 0;
    this.afterId = done.lastId;
    return done.batches;
  }
}
