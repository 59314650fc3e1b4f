import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { type Caller, type Scope, scopeOf } from '../auth/caller';
import { NotFoundError } from '../common/errors';
import { Page, PageRequest, toPage } from '../common/pagination';
import { lockInOrder } from '../database/lock-order';
import { Transactions } from '../database/transactions';
import { BatchResponse } from './dto/task.dto';
import { TaskChanges } from './task-changes.service';
import { assertMayActOnAll } from './task-policy';
import { UpdateBatch, UpdateBatchesRepository } from './update-batches.repository';
import { defaultReason } from '../notifications/reasons';

/** A refused batch cancel lists at most this many of the tasks it refuses. */
const REFUSALS_LISTED = 1000;

@Injectable()
export class BatchesService {
  constructor(
    private readonly db: Transactions,
    private readonly batches: UpdateBatchesRepository,
    private readonly changes: TaskChanges,
    private readonly audit: AuditService,
  ) {}

  async get(scope: Scope, id: string): Promise<BatchResponse> {
    const batch = await this.batches.find(scope, id);
    if (!batch) throw new NotFoundError('Update batch', id);
    return this.toResponse(scope, batch);
  }

  /** Batches newest last; a partner admin sees those holding its tasks, counted for its tasks. */
  async list(
    scope: Scope,
    page: PageRequest,
    order: 'asc' | 'desc' = 'asc',
  ): Promise<Page<BatchResponse>> {
    const rows = await this.batches.list(scope, page, order);
    const page_ = toPage(rows, page.limit, (b) => b);
    return {
      items: await Promise.all(page_.items.map((b) => this.toResponse(scope, b))),
      nextCursor: page_.nextCursor,
    };
  }

  /**
   * Cancels every task of the batch that has not started and that the caller sees (a partner
   * admin: its own tasks), in one set-based pass whatever the batch's size. The action policy
   * decides for each task as for a single cancel: if it refuses any (a partner admin and forced
   * tasks), nothing is cancelled and the answer is 403 listing them. Recipients of the original
   * notices are told.
   */
  async cancel(caller: Caller, id: string): Promise<BatchResponse> {
    const scope = scopeOf(caller);
    const batch = await this.batches.find(scope, id);
    if (!batch) throw new NotFoundError('Update batch', id);
    const cancelled = await this.db.run(async (tx) => {
      const { tasks } = await lockInOrder(tx, {
        tasks: () => this.batches.lockNotStarted(tx, scope, id, REFUSALS_LISTED),
      });
      assertMayActOnAll(caller, 'cancel', tasks, `Update batch ${id}`);
      const reason = defaultReason({ code: 'batch_cancelled_by', actor: caller.name });
      const cancelled = await this.changes.cancel(
        tx,
        { batchId: id, partnerId: scope.partnerId },
        { reason },
      );
      await this.audit.record(tx, caller, {
        action: 'update_batch.cancel',
        entityType: 'update_batch',
        entityId: id,
        after: { cancelled: cancelled.length },
      });
      return cancelled.length;
    });
    await this.db.refreshStatistics([{ table: 'update_task', rows: cancelled }]);
    return this.get(scope, id);
  }

  private async toResponse(scope: Scope, batch: UpdateBatch): Promise<BatchResponse> {
    const counts = await this.batches.counts(scope, batch.id);
    const total = scope.partnerId ? Object.values(counts).reduce((a, b) => a + b, 0) : batch.total;
    return {
      id: batch.id,
      createdBy: batch.createdBy,
      createdAt: batch.createdAt.toISOString(),
      targetVersion: batch.targetVersion,
      mode: batch.mode,
      total,
      counts,
      scope: batch.scope,
      options: batch.options,
    };
  }
}
