import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { type Caller, scopeOf } from '../auth/caller';
import { Clock } from '../common/clock';
import { ApiError, ConflictError, NotFoundError } from '../common/errors';
import { lockInOrder } from '../database/lock-order';
import { type Tx, Transactions } from '../database/transactions';
import { Notices } from '../notifications/notices.service';
import { place } from '../placement/placement';
import { PlacementService } from '../placement/placement.service';
import type { Snapshot } from '../snapshots/snapshot';
import { SnapshotsRepository } from '../snapshots/snapshots.repository';
import { RollbackTaskDto, TaskResponse } from './dto/task.dto';
import { buildPlanRequest, toFacts } from './plan-inputs';
import { openTaskRefusal, placementTarget, refusal, type Refusal } from './planning';
import { assertMayAct, offeredActions, overriddenBlocks } from './task-policy';
import { UpdateBatchesRepository } from './update-batches.repository';
import type { UpdateTask } from './update-task';
import { isOpenTaskConflict, UpdateTasksRepository } from './update-tasks.repository';

/**
 * POST /update-tasks/{id}/rollback: a new task of kind `rollback` that restores the snapshots the
 * task's backup steps took (node by node on an HA tenant) and leaves the tenant on their version.
 * Scheduled like any update (immediate, maintenance_window, custom; what blocks time; one open task
 * per tenant), in a batch of its own, with its notices written in the same transaction.
 */
@Injectable()
export class RollbacksService {
  private readonly logger = new Logger(RollbacksService.name);

  constructor(
    private readonly db: Transactions,
    private readonly tasks: UpdateTasksRepository,
    private readonly batches: UpdateBatchesRepository,
    private readonly snapshots: SnapshotsRepository,
    private readonly placement: PlacementService,
    private readonly notices: Notices,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async rollback(caller: Caller, id: string, dto: RollbackTaskDto): Promise<TaskResponse> {
    const now = this.clock.now();
    return this.db.run(async (tx) => {
      const seen = await this.mustFind(tx, caller, id);
      const { tasks: source } = await lockInOrder(tx, {
        platforms: { ids: [seen.platformId], mode: 'shared' },
        tasks: () => this.mustFind(tx, caller, id, true),
      });
      assertMayAct(caller, 'rollback', source);
      if (source.kind === 'rollback') {
        throw new ConflictError(`Task ${id} is a rollback: it took no snapshots to roll back to`);
      }
      if (source.status !== 'succeeded' && source.status !== 'failed') {
        throw new ConflictError(
          `Task ${id} is ${source.status}: only a succeeded or failed task can be rolled back`,
        );
      }
      const snapshots = await this.snapshots.ofTask(tx, id);
      const version = restorableVersion(id, snapshots);
      // The rollback is created by the caller, in a batch of its own, and is forced when its
      // source is (only a platform admin may roll back a forced task: task-policy.ts): a platform
      // admin's forced update, under the forced rule like any other.
      const request = buildPlanRequest(
        caller.role,
        {
          mode: dto.mode,
          runAt: dto.runAt,
          expectedDurationMinutes: dto.expectedDurationMinutes ?? source.expectedDurationMinutes,
          targetVersion: version,
          forced: source.forced,
        },
        now,
      );
      const [facts] = await this.tasks.tenantFacts(
        tx,
        { tenantIds: [source.tenantId] },
        scopeOf(caller),
      );
      const tenant = toFacts(facts);
      const blockers = await this.placement.blockers(tx, [tenant.platformId], now);
      const problem: Refusal | null = tenant.openTaskId
        ? openTaskRefusal(tenant.openTaskId)
        : tenant.state === 'locked'
          ? refusal('tenant_locked', 409, 'the tenant is locked')
          : null;
      // Placed as any update: platform maintenance and the tenant's and partner's blackouts
      // block it, except where the forced rule lets it in (a platform admin's forced rollback).
      const placed = place(
        {
          ...request,
          window: tenant.window,
          ifBlocked: 'refuse',
          overrides: overriddenBlocks(request),
        },
        blockers.for(placementTarget(tenant)),
        now,
      );
      const refused = problem ?? (placed.placed ? null : refusal(placed.code, 422, placed.reason));
      if (refused || !placed.placed) {
        const r = refused as Refusal;
        throw new ApiError(r.status, `Task ${id} cannot be rolled back: ${r.reason}`, [
          { field: dto.mode === 'custom' ? 'runAt' : 'mode', code: r.code, reason: r.reason },
        ]);
      }
      const notifyPartner = dto.notifyPartner ?? source.notifyPartner;
      const notifyCustomer = dto.notifyCustomer ?? source.notifyCustomer;
      const batchId = await this.batches.insert(tx, {
        createdBy: caller.keyId,
        createdByRole: caller.role,
        callerPartnerId: caller.partnerId,
        scope: { tenantIds: 1, rollbackOf: id },
        targetVersion: version,
        mode: request.mode,
        options: {
          kind: 'rollback',
          rollbackOf: id,
          runAt: dto.runAt ?? null,
          notifyPartner,
          notifyCustomer,
        },
        total: 1,
      });
      let taskId: string;
      try {
        taskId = await this.db.savepoint(tx, 'insert_rollback', () =>
          this.tasks.insertRollback(tx, {
            batchId,
            source,
            fromVersion: facts.software_version,
            targetVersion: version,
            mode: request.mode,
            runAt: placed.runAt,
            expiresAt: placed.expiresAt,
            expectedDurationMinutes: request.expectedDurationMinutes,
            forced: request.forced,
            notifyPartner,
            notifyCustomer,
            createdBy: caller.keyId,
          }),
        );
      } catch (error) {
        if (!isOpenTaskConflict(error)) throw error;
        throw new ConflictError(
          `Task ${id} cannot be rolled back: an update task was opened for this tenant by a concurrent request`,
        );
      }
      await this.notices.scheduled(tx, batchId);
      const created = await this.mustFind(tx, caller, taskId);
      await this.audit.record(tx, caller, {
        action: 'update_task.rollback',
        entityType: 'update_task',
        entityId: taskId,
        before: TaskResponse.from(source),
        after: TaskResponse.from(created),
      });
      if (request.mode === 'immediate') await this.tasks.wakeDispatchers(tx, batchId);
      this.logger.log({ taskId, rollbackOf: id, version }, 'rollback scheduled');
      return TaskResponse.from(created, offeredActions(caller, created));
    });
  }

  private async mustFind(
    tx: Tx,
    caller: Caller,
    id: string,
    forUpdate = false,
  ): Promise<UpdateTask> {
    const task = await this.tasks.find(scopeOf(caller), id, tx, forUpdate);
    if (!task) throw new NotFoundError('Update task', id);
    return task;
  }
}

/**
 * The version the task's snapshots hold, when every one of them can still be restored; otherwise
 * 409 naming the snapshot that is gone (or that there is none).
 */
export function restorableVersion(taskId: string, snapshots: Snapshot[]): string {
  if (snapshots.length === 0) {
    throw new ConflictError(
      `Task ${taskId} has no snapshot to roll back to (its platform's updates take none, or its backup step never ran)`,
    );
  }
  for (const s of snapshots) {
    if (s.state !== 'available') {
      const of = s.node ? ` of ${s.node}` : '';
      throw new ConflictError(
        `Snapshot ${s.id} (${s.externalId})${of} is ${s.state}: task ${taskId} can no longer be rolled back`,
        [{ taskId, code: 'snapshot_gone', reason: `snapshot ${s.id}${of} is ${s.state}` }],
      );
    }
  }
  return snapshots[0].version;
}
