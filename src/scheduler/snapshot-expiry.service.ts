import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '../config/app-config';
import { type ClaimedSnapshot, SnapshotsRepository } from '../snapshots/snapshots.repository';
import { Executors } from './executors/executors';
import { LeaseOwner } from './lease-owner';

/** Snapshots claimed per round; rounds repeat while full. */
const BATCH = 50;
/** A claim holds a snapshot this long: one delete request, its retries included, fits. */
const CLAIM_SECONDS = 300;
/** Tries of one snapshot's delete before it is left `delete_failed`. */
const MAX_DELETE_ATTEMPTS = 10;

/**
 * Deletes expired, unpinned snapshots through their platform's executor (`delete_snapshot`) and
 * records the answer. Runs in every scheduler process; a snapshot is claimed by one of them at a
 * time (SKIP LOCKED, then a lease on the row), so several replicas delete each snapshot once.
 */
@Injectable()
export class SnapshotExpiry implements OnApplicationBootstrap {
  private readonly logger = new Logger(SnapshotExpiry.name);
  private running: Promise<number> | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly snapshots: SnapshotsRepository,
    private readonly executors: Executors,
    private readonly owner: LeaseOwner,
    private readonly registry: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.schedulerEnabled) return;
    this.registry.addInterval(
      'snapshot-expiry',
      setInterval(() => void this.tick(), this.config.snapshotExpiryIntervalMs),
    );
  }

  private async tick(): Promise<void> {
    try {
      await this.deleteExpired();
    } catch (error) {
      this.logger.error({ err: error }, 'deleting expired snapshots failed');
    }
  }

  /** One pass (or joins the pass in progress): returns how many snapshots it deleted. */
  deleteExpired(): Promise<number> {
    this.running ??= this.pass().finally(() => (this.running = null));
    return this.running;
  }

  private async pass(): Promise<number> {
    let deleted = 0;
    for (;;) {
      const claimed = await this.snapshots.claimExpired(this.owner.id, BATCH, CLAIM_SECONDS);
      const results = await Promise.all(claimed.map((s) => this.delete(s)));
      deleted += results.filter(Boolean).length;
      if (claimed.length < BATCH) return deleted;
    }
  }

  private async delete(s: ClaimedSnapshot): Promise<boolean> {
    const executor = this.executors.for({
      driver: s.executorDriver,
      url: s.executorUrl,
      secret: s.executorSecret,
    });
    const result =
      'problem' in executor
        ? { ok: false as const, message: executor.problem }
        : await executor
            .deleteSnapshot({
              id: s.id,
              snapshotId: s.externalId,
              tenant: { id: s.tenantId, name: s.tenantName },
              platformId: s.platformId,
              node: s.node,
              version: s.version,
              takenAt: s.takenAt.toISOString(),
            })
            .catch((error: Error) => ({ ok: false as const, message: error.message }));
    const message = result.ok
      ? (result.message ?? 'deleted by the executor')
      : `the executor did not delete it: ${result.message}`;
    const recorded = await this.snapshots.finishDelete(
      this.owner.id,
      s.id,
      { ok: result.ok, message },
      MAX_DELETE_ATTEMPTS,
    );
    if (!result.ok) {
      this.logger.warn(
        { snapshotId: s.id, externalId: s.externalId, message },
        'snapshot not deleted',
      );
    }
    return recorded && result.ok;
  }
}
