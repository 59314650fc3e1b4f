import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { type Caller, isPlatformAdmin, scopeOf } from '../auth/caller';
import { Clock } from '../common/clock';
import {
  BadRequestError,
  ConflictError,
  ErrorDetail,
  ForbiddenError,
  NotFoundError,
  RuleViolationError,
} from '../common/errors';
import { bulkRefusal } from '../common/row-errors';
import { NoticesRepository } from '../notifications/notices.repository';
import { buildPlanRequest, PlanContextLoader, toFacts } from './plan-inputs';
import { ScheduleResponse, ScheduleUpdatesDto, SkippedTenant } from './dto/schedule-updates.dto';
import { lockPlatforms } from './platform-lock';
import { createPlanner, PlanRequest, refusal, Refusal } from './planning';
import { TaskScope, TenantFactsRow, UpdateTasksRepository } from './update-tasks.repository';
import { UpdateBatchesRepository } from './update-batches.repository';
import type { PlannedTask, TaskOptions } from './update-task';

/** The channel that wakes dispatchers when immediate work is committed. */
export const TASKS_DUE_CHANNEL = 'update_tasks_due';

interface Outcome {
  planned: PlannedTask[];
  refused: { tenantId: string; index?: number; refusal: Refusal }[];
  warnings: string[];
}

/** POST /update-tasks: schedules one tenant or a whole platform in one set-based transaction. */
@Injectable()
export class SchedulingService {
  private readonly logger = new Logger(SchedulingService.name);

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly tasks: UpdateTasksRepository,
    private readonly batches: UpdateBatchesRepository,
    private readonly inputs: PlanContextLoader,
    private readonly notices: NoticesRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async schedule(caller: Caller, dto: ScheduleUpdatesDto): Promise<ScheduleResponse> {
    const now = this.clock.now();
    const scope = this.taskScope(caller, dto);
    const request = buildPlanRequest(caller, dto, now);
    const onConflict = dto.onConflict ?? 'reject';

    return this.ds.transaction(async (em) => {
      const rows = await this.tasks.tenantFacts(em, scope, scopeOf(caller));
      const platformIds = [...new Set(rows.map((r) => r.platform_id))];
      await lockPlatforms(em, platformIds, false);
      const outcome = await this.plan(em, caller, scope, rows, request, platformIds);

      if (outcome.refused.length > 0 && onConflict === 'reject') {
        throw bulkRefusal(
          `${outcome.refused.length} of ${outcome.refused.length + outcome.planned.length} tenant(s) cannot be scheduled; nothing was created`,
          outcome.refused.map(({ tenantId, index, refusal: r }) =>
            refusalDetail(tenantId, index, r),
          ),
        );
      }
      const skipped = outcome.refused.map(({ tenantId, index, refusal: r }) =>
        skippedEntry(tenantId, index, r),
      );
      if (dto.dryRun || outcome.planned.length === 0) {
        return {
          batchId: null,
          created: outcome.planned.length,
          skipped,
          warnings: outcome.warnings,
        };
      }
      const batchId = await this.create(
        em,
        caller,
        dto,
        scope,
        request,
        outcome,
        onConflict,
        skipped,
      );
      return { batchId, created: outcome.planned.length, skipped, warnings: outcome.warnings };
    });
  }

  private async plan(
    em: EntityManager,
    caller: Caller,
    scope: TaskScope,
    rows: TenantFactsRow[],
    request: PlanRequest,
    platformIds: string[],
  ): Promise<Outcome> {
    if (rows.length === 0 && !('tenantIds' in scope)) {
      throw new RuleViolationError('The scope holds no tenants: nothing to schedule');
    }
    const { context, channels } = await this.inputs.load(
      em,
      platformIds,
      request.targetVersion,
      this.clock.now(),
    );
    if (!isPlatformAdmin(caller) && [...channels.values()].includes('test')) {
      throw new ForbiddenError(
        `Version ${request.targetVersion} is a test version: only platform admins can install it`,
        [{ field: 'targetVersion', reason: 'is in the test channel' }],
      );
    }
    const planner = createPlanner(request, context);

    const outcome: Outcome = { planned: [], refused: [], warnings: [] };
    let downgrades = 0;
    let customized = 0;
    const byId = new Map(rows.map((r) => [r.id, r]));
    const ordered: { id: string; index?: number }[] =
      'tenantIds' in scope
        ? scope.tenantIds.map((id, index) => ({ id, index }))
        : rows.map((r) => ({ id: r.id }));
    for (const { id, index } of ordered) {
      const row = byId.get(id);
      const plan = row ? planner(toFacts(row)) : refusal('not_found', 404, 'no such tenant');
      if (plan.refused) {
        outcome.refused.push({ tenantId: id, index, refusal: plan });
        continue;
      }
      outcome.planned.push({ tenantId: id, runAt: plan.runAt, expiresAt: plan.expiresAt });
      if (plan.downgrade) downgrades++;
      if (row?.customizations) customized++;
    }
    if (downgrades > 0) {
      outcome.warnings.push(
        `${downgrades} tenant(s) will be downgraded to ${request.targetVersion}: compatibility with older versions cannot be guaranteed`,
      );
    }
    if (customized > 0) {
      outcome.warnings.push(
        `${customized} tenant(s) have customizations: their pre-check will fail until they are removed`,
      );
    }
    if ([...channels.values()].includes('test')) {
      outcome.warnings.push(`${request.targetVersion} is a test version`);
    }
    return outcome;
  }

  private async create(
    em: EntityManager,
    caller: Caller,
    dto: ScheduleUpdatesDto,
    scope: TaskScope,
    request: PlanRequest,
    outcome: Outcome,
    onConflict: 'reject' | 'skip',
    skipped: SkippedTenant[],
  ): Promise<string> {
    const options: TaskOptions = {
      targetVersion: request.targetVersion,
      mode: request.mode,
      expectedDurationMinutes: request.expectedDurationMinutes,
      forced: request.forced,
      redeploy: request.redeploy,
      notifyPartner: dto.notifyPartner ?? false,
      notifyCustomer: dto.notifyCustomer ?? false,
      allowDowngrade: request.allowDowngrade,
      createdBy: caller.keyId,
    };
    const scopeSummary = 'tenantIds' in scope ? { tenantIds: scope.tenantIds.length } : scope;
    const batchId = await this.batches.insert(em, {
      createdBy: caller.keyId,
      createdByRole: caller.role,
      callerPartnerId: caller.partnerId,
      scope: scopeSummary,
      targetVersion: request.targetVersion,
      mode: request.mode,
      options: { ...options, runAt: dto.runAt ?? null, onConflict, createdBy: undefined },
      total: outcome.planned.length,
    });
    const inserted = await this.tasks.insertTasks(em, batchId, options, outcome.planned);
    if (inserted < outcome.planned.length) {
      await this.handleLostRaces(em, batchId, outcome, onConflict, skipped);
    }
    await this.notices.scheduled(em, batchId);
    await this.audit.record(em, caller, {
      action: 'update_batch.create',
      entityType: 'update_batch',
      entityId: batchId,
      after: {
        scope: scopeSummary,
        options,
        created: outcome.planned.length,
        skipped: skipped.length,
      },
    });
    if (request.mode === 'immediate')
      await em.query(`SELECT pg_notify($1, $2)`, [TASKS_DUE_CHANNEL, batchId]);
    this.logger.log(
      { batchId, created: outcome.planned.length, skipped: skipped.length },
      'scheduled updates',
    );
    return batchId;
  }

  /** Another request opened tasks for some of these tenants after we read them. */
  private async handleLostRaces(
    em: EntityManager,
    batchId: string,
    outcome: Outcome,
    onConflict: 'reject' | 'skip',
    skipped: SkippedTenant[],
  ): Promise<void> {
    const lost = new Set(
      await this.tasks.notInBatch(
        em,
        batchId,
        outcome.planned.map((p) => p.tenantId),
      ),
    );
    const reason = 'an update task was opened for this tenant by a concurrent request';
    if (onConflict === 'reject') {
      throw new ConflictError(
        `${lost.size} tenant(s) got an update task from a concurrent request; nothing was created`,
        [...lost].map((tenantId) => ({ tenantId, code: 'open_task', reason })),
      );
    }
    outcome.planned = outcome.planned.filter((p) => !lost.has(p.tenantId));
    for (const tenantId of lost) skipped.push({ tenantId, code: 'open_task', reason });
    await em.query('UPDATE update_batch SET total = $2 WHERE id = $1', [
      batchId,
      outcome.planned.length,
    ]);
  }

  /** Exactly one scope; partner admins only their own partner's tenants. */
  private taskScope(caller: Caller, dto: ScheduleUpdatesDto): TaskScope {
    const given = (['tenantIds', 'partnerId', 'platformId'] as const).filter(
      (k) => dto[k] !== undefined,
    );
    if (given.length !== 1) {
      const reason =
        given.length === 0
          ? 'one of tenantIds, partnerId, platformId is required'
          : 'give only one scope';
      throw new BadRequestError(
        `Exactly one scope is needed: ${reason}`,
        (given.length ? given : ['tenantIds', 'partnerId', 'platformId']).map((field) => ({
          field,
          reason,
        })),
      );
    }
    if (dto.tenantIds) return { tenantIds: dto.tenantIds };
    if (dto.partnerId) {
      if (caller.partnerId && caller.partnerId !== dto.partnerId)
        throw new NotFoundError('Partner', dto.partnerId);
      return { partnerId: dto.partnerId };
    }
    if (!isPlatformAdmin(caller)) {
      throw new ForbiddenError('Only platform admins schedule a whole platform', [
        {
          field: 'platformId',
          reason: 'needs a platform admin key; use partnerId for your tenants',
        },
      ]);
    }
    return { platformId: dto.platformId as string };
  }
}

function refusalDetail(
  tenantId: string,
  index: number | undefined,
  r: Refusal,
): { status: number; detail: ErrorDetail } {
  return {
    status: r.status,
    detail: {
      ...(index !== undefined && { field: `tenantIds[${index}]`, index }),
      tenantId,
      code: r.code,
      reason: r.reason,
    },
  };
}

function skippedEntry(tenantId: string, index: number | undefined, r: Refusal): SkippedTenant {
  return { tenantId, ...(index !== undefined && { index }), code: r.code, reason: r.reason };
}
