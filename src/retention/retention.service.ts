import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import type { Counter } from 'prom-client';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { Transactions, type Tx } from '../database/transactions';
import { MetricsService } from '../metrics/metrics.service';
import { FIRST_UUID, type PruneStep, RetentionRepository } from './retention.repository';
import { PeriodicJob } from '../common/periodic-job';

export const PRUNED_KINDS = [
  'tasks',
  'batches',
  'sent_emails',
  'dead_emails',
  'succeeded_webhooks',
  'failed_webhooks',
  'audit',
  'sessions',
] as const;
export type PrunedKind = (typeof PRUNED_KINDS)[number];

const DAY_MS = 86_400_000;

/**
 * Keeps history for a configurable time (RETENTION_*): finished tasks with their step logs, their
 * batches once empty, sent and dead e-mails, webhook deliveries that succeeded or failed (with
 * their attempts), audit rows, ended console sessions. Deletes in small statements, each its own
 * transaction holding its locks for milliseconds; rows the dispatcher or the senders work on (open
 * tasks, pending e-mails, pending or delivering webhook deliveries) are never candidates. Safe
 * with several replicas: each statement takes the retention advisory lock with try-lock, and a
 * replica that finds it taken leaves this round to the one that holds it.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);
  private readonly deletedTotal: Counter<'kind'>;
  private readonly job = new PeriodicJob(this.logger, 'pruning old history failed');
  private lastRunAt = -Infinity;

  constructor(
    private readonly db: Transactions,
    private readonly rows: RetentionRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    metrics: MetricsService,
  ) {
    this.deletedTotal = metrics.counter(
      'retention_deleted_rows_total',
      'Rows deleted by the retention job, by kind',
      ['kind'],
    );
  }

  @Interval('retention', 60_000)
  async tick(): Promise<void> {
    if (!this.config.retentionEnabled) return;
    const now = this.clock.now().getTime();
    if (now - this.lastRunAt < this.config.retentionIntervalSeconds * 1000) return;
    await this.job.run(() => {
      this.lastRunAt = now;
      return this.prune();
    });
  }

  /**
   * One pass over every kind of history. Returns the rows deleted per kind, or null if another
   * replica was pruning (this one then stops at once).
   */
  async prune(): Promise<Record<PrunedKind, number> | null> {
    const c = this.config;
    const now = this.clock.now();
    const before = (days: number) => new Date(now.getTime() - days * DAY_MS);
    const deleted = Object.fromEntries(PRUNED_KINDS.map((k) => [k, 0])) as Record<
      PrunedKind,
      number
    >;
    const passes: [PrunedKind, number, string, (tx: Tx, after: string) => Promise<PruneStep>][] = [
      [
        'tasks',
        c.retentionTaskDays,
        FIRST_UUID,
        (tx, after) =>
          this.rows.pruneTasks(tx, after, before(c.retentionTaskDays), c.retentionBatchSize),
      ],
      [
        'batches',
        c.retentionTaskDays,
        '0',
        (tx, after) =>
          this.rows.pruneBatches(tx, after, before(c.retentionTaskDays), c.retentionBatchSize),
      ],
      [
        'sent_emails',
        c.retentionSentEmailDays,
        FIRST_UUID,
        (tx, after) =>
          this.rows.pruneEmails(
            tx,
            'sent',
            after,
            before(c.retentionSentEmailDays),
            c.retentionBatchSize,
          ),
      ],
      [
        'dead_emails',
        c.retentionDeadEmailDays,
        FIRST_UUID,
        (tx, after) =>
          this.rows.pruneEmails(
            tx,
            'dead',
            after,
            before(c.retentionDeadEmailDays),
            c.retentionBatchSize,
          ),
      ],
      [
        'succeeded_webhooks',
        c.retentionWebhookSucceededDays,
        FIRST_UUID,
        (tx, after) =>
          this.rows.pruneWebhookDeliveries(
            tx,
            'succeeded',
            after,
            before(c.retentionWebhookSucceededDays),
            c.retentionBatchSize,
          ),
      ],
      [
        'failed_webhooks',
        c.retentionWebhookFailedDays,
        FIRST_UUID,
        (tx, after) =>
          this.rows.pruneWebhookDeliveries(
            tx,
            'failed',
            after,
            before(c.retentionWebhookFailedDays),
            c.retentionBatchSize,
          ),
      ],
      [
        'audit',
        c.retentionAuditDays,
        '0',
        (tx, after) =>
          this.rows.pruneAudit(tx, after, before(c.retentionAuditDays), c.retentionBatchSize),
      ],
      [
        'sessions',
        1,
        '',
        (tx) =>
          this.rows.pruneSessions(
            tx,
            now,
            new Date(now.getTime() - c.sessionIdleMinutes * 60_000),
            c.retentionBatchSize,
          ),
      ],
    ];
    for (const [kind, days, first, step] of passes) {
      if (days <= 0) continue;
      let after = first;
      for (;;) {
        const done = await this.db.run(async (tx) =>
          (await this.rows.tryLock(tx)) ? step(tx, after) : null,
        );
        if (done === null) {
          this.logger.log('another replica is pruning; this one leaves it the round');
          return null;
        }
        deleted[kind] += done.deleted;
        this.deletedTotal.inc({ kind }, done.deleted);
        if (done.last === null || done.scanned < c.retentionBatchSize) break;
        // Audit rows are in time order: the first one kept ends the walk.
        if (kind === 'audit' && done.deleted < done.scanned) break;
        after = done.last;
        await new Promise((resolve) => setTimeout(resolve, c.retentionPauseMs));
      }
    }
    await this.db.refreshStatistics([
      { table: 'update_task', rows: deleted.tasks },
      { table: 'outbox_email', rows: deleted.sent_emails + deleted.dead_emails },
      { table: 'webhook_delivery', rows: deleted.succeeded_webhooks + deleted.failed_webhooks },
      { table: 'audit_log', rows: deleted.audit },
    ]);
    if (Object.values(deleted).some((n) => n > 0))
      this.logger.log({ deleted }, 'pruned old history');
    return deleted;
  }
}
