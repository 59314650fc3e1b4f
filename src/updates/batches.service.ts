import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { type Caller, isPlatformAdmin, type Scope, scopeOf } from '../auth/caller';
import { NotFoundError } from '../common/errors';
import { Page, PageRequest, toPage } from '../common/pagination';
import { NoticesRepository } from '../notifications/notices.repository';
import { BatchResponse } from './dto/task.dto';
import { UpdateBatch, UpdateBatchesRepository } from './update-batches.repository';
import { UpdateTasksRepository } from './update-tasks.repository';

@Injectable()
export class BatchesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly batches: UpdateBatchesRepository,
    private readonly tasks: UpdateTasksRepository,
    private readonly notices: NoticesRepository,
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
   * Cancels every task of the batch that has not started. A partner admin's cancel leaves forced
   * tasks (and other partners' tasks) alone. Recipients of the original notices are told.
   */
  async cancel(caller: Caller, id: string): Promise<BatchResponse> {
    const scope = scopeOf(caller);
    const batch = await this.batches.find(scope, id);
    if (!batch) throw new NotFoundError('Update batch', id);
    await this.ds.transaction(async (em) => {
      const ids = await this.batches.lockCancellable(em, scope, id, isPlatformAdmin(caller));
      const reason = `batch cancelled by ${caller.name}`;
      const cancelled = await this.tasks.cancelScheduled(em, ids, reason);
      await this.notices.forTasks(em, 'task.cancelled', { taskIds: cancelled }, { reason });
      await this.audit.record(em, caller, {
        action: 'update_batch.cancel',
        entityType: 'update_batch',
        entityId: id,
        after: { cancelled: cancelled.length },
      });
    });
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
