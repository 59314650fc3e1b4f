import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { type Caller, isPlatformAdmin, type Scope, scopeOf } from '../auth/caller';
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
import { AppConfig } from '../config/app-config';
import { lockInOrder } from '../database/lock-order';
import { type Tx, Transactions } from '../database/transactions';
import { Notices } from '../notifications/notices.service';
import { checkFilterOwner } from '../tenants/tenant-filter';
import {
  MAX_SLOTS,
  PlannedSlot,
  ScheduleResponse,
  ScheduleUpdatesDto,
  SkippedTenant,
} from './dto/schedule-updates.dto';
import { buildPlanRequest, PlanContextLoader } from './plan-inputs';
import { RecentGroups } from './recent-groups';
import {
  createPlanner,
  openTaskRefusal,
  PlanRequest,
  refusal,
  Refusal,
  TenantFacts,
} from './planning';
import {
  PlacedGroup,
  scopeOwner,
  StagedTasks,
  TagQuestion,
  TenantGroup,
  TenantGroupsRepository,
  WavePlan,
} from './tenant-groups.repository';
import { UpdateBatchesRepository } from './update-batches.repository';
import type { TaskOptions } from './update-task';
import {
  isOpenTaskConflict,
  type TaskScope,
  UpdateTasksRepository,
} from './update-tasks.repository';

interface RefusedTenant {
  tenantId: string;
  index?: number;
  refusal: Refusal;
}

interface Plan {
  placed: PlacedGroup[];
  /** How many tasks the placed groups hold. */
  planned: number;
  /** How many of them downgrade their tenant. */
  downgrades: number;
  refused: RefusedTenant[];
  warnings: string[];
}

const groupFacts = (g: TenantGroup): TenantFacts => ({
  id: String(g.key),
  platformId: g.platformId,
  softwareVersion: g.softwareVersion,
  state: g.state,
  autoUpdateAllowed: g.autoUpdateAllowed,
  window: {
    cron: g.windowCron,
    durationMinutes: g.windowDurationMinutes,
    timezone: g.windowTimezone,
  },
  openTaskId: g.hasOpenTask ? 'open' : null,
  blackoutsOf: {
    partnerId: g.blackoutPartnerId ?? undefined,
    tenantId: g.blackoutTenantId ?? undefined,
  },
});

/**
 * What a rollout (src/rollouts) adds to scheduling: every task is created with the request, in
 * waves; the tasks of the first wave are scheduled, those of later waves held until their wave
 * opens. Every scheduling rule applies to every task as it does for POST /update-tasks.
 */
export interface Staging {
  /**
   * How the `total` tenants that get a task split into waves (throws a 400 naming the wave when the
   * waves do not fit them); `tagged` counts, in SQL, the tenants with some tags that given steps
   * leave. The tasks' INSERT then applies the steps: no tenant id is read into memory.
   */
  waves(total: number, tagged: (question: TagQuestion) => Promise<number>): Promise<WavePlan>;
  /**
   * Writes the rollout before its tasks (in the scheduling transaction); returns its id, and
   * whether it awaits confirmation: then every task is held, and nobody is told of the tasks (no
   * notice, no webhook) and no dispatcher woken until it is confirmed (RolloutConfirmations).
   */
  create(
    tx: Tx,
    rollout: { batchId: string; platformIds: string[]; waveSizes: number[]; downgrades: number },
  ): Promise<{ rolloutId: string; awaitingConfirmation: boolean }>;
}

export interface StagedSchedule extends ScheduleResponse {
  /** How many tasks each wave holds (a dry run: would hold). */
  waveSizes: number[];
  /** The platforms of the tenants that get (a dry run: would get) a task. */
  platformIds: string[];
  /** How many of those tasks downgrade their tenant. */
  downgrades: number;
  /** null for a dry run. */
  rolloutId: string | null;
  awaitingConfirmation: boolean;
}

/**
 * POST /update-tasks: schedules one tenant or a whole platform in one transaction. Tenants are read
 * as groups that the rules treat alike, the rules run per group, and one INSERT … SELECT writes the
 * tasks; only refused tenants are listed one by one.
 */
@Injectable()
export class SchedulingService {
  private readonly logger = new Logger(SchedulingService.name);
  /** What dry runs over large scopes last counted (bounded staleness, see RecentGroups). */
  private readonly recentGroups: RecentGroups<TenantGroup>;

  constructor(
    private readonly db: Transactions,
    private readonly tasks: UpdateTasksRepository,
    private readonly groups: TenantGroupsRepository,
    private readonly batches: UpdateBatchesRepository,
    private readonly inputs: PlanContextLoader,
    private readonly notices: Notices,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.recentGroups = new RecentGroups(clock, config.dryRunCountsSeconds * 1000);
  }

  async schedule(caller: Caller, dto: ScheduleUpdatesDto): Promise<ScheduleResponse> {
    const r = await this.scheduleStaged(caller, dto);
    return {
      batchId: r.batchId,
      matched: r.matched,
      created: r.created,
      skipped: r.skipped,
      warnings: r.warnings,
      slots: r.slots,
    };
  }

  /** Schedules as `schedule` does; with `staging`, the tasks of a rollout in its waves. */
  async scheduleStaged(
    caller: Caller,
    dto: ScheduleUpdatesDto,
    staging?: Staging,
  ): Promise<StagedSchedule> {
    const scope = this.taskScope(caller, dto);
    const request = buildPlanRequest(caller.role, dto, this.clock.now());
    const onConflict = dto.onConflict ?? 'reject';

    const response = await this.db.run(async (tx) => {
      const plan = await this.plan(tx, caller, scope, request, dto.dryRun ?? false);
      const total = plan.planned + plan.refused.length;
      if (plan.refused.length > 0 && onConflict === 'reject') {
        throw bulkRefusal(
          `${plan.refused.length} of ${total} tenant(s) cannot be scheduled; nothing was created`,
          plan.refused.map(refusalDetail),
        );
      }
      const skipped = plan.refused.map(skippedEntry);
      const slots = plannedSlots(plan.placed);
      const staged = staging
        ? await staging.waves(plan.planned, (question) =>
            this.groups.countTagged(tx, scope, scopeOf(caller), plan.placed, question),
          )
        : undefined;
      const sizes = staged ? staged.sizes : [plan.planned];
      const platformIds = [...new Set(plan.placed.map((g) => g.platformId))];
      if (dto.dryRun) {
        return {
          batchId: null,
          matched: total,
          created: plan.planned,
          skipped,
          warnings: plan.warnings,
          slots,
          waveSizes: sizes,
          platformIds,
          downgrades: plan.downgrades,
          rolloutId: null,
          awaitingConfirmation: false,
        };
      }
      const options = taskOptions(caller, dto, request);
      const batchId = await this.batches.insert(tx, {
        createdBy: caller.keyId,
        createdByRole: caller.role,
        callerPartnerId: caller.partnerId,
        scope: scopeSummary(scope),
        targetVersion: request.targetVersion,
        mode: request.mode,
        options: { ...options, runAt: dto.runAt ?? null, onConflict, createdBy: undefined },
        total: plan.planned,
      });
      const rollout =
        staging && staged
          ? await staging.create(tx, {
              batchId,
              platformIds,
              waveSizes: sizes,
              downgrades: plan.downgrades,
            })
          : null;
      const rolloutId = rollout?.rolloutId ?? null;
      const awaitingConfirmation = rollout?.awaitingConfirmation ?? false;
      const created = await this.insert(
        tx,
        caller,
        scope,
        batchId,
        options,
        plan,
        onConflict,
        skipped,
        rolloutId && staged
          ? { rolloutId, steps: staged.steps, holdAll: awaitingConfirmation }
          : undefined,
      );
      if (!awaitingConfirmation) await this.notices.scheduled(tx, batchId);
      await this.audit.record(tx, caller, {
        action: 'update_batch.create',
        entityType: 'update_batch',
        entityId: batchId,
        after: { scope: scopeSummary(scope), options, created, skipped: skipped.length },
      });
      if (request.mode === 'immediate' && !awaitingConfirmation)
        await this.tasks.wakeDispatchers(tx, batchId);
      this.logger.log({ batchId, created, skipped: skipped.length }, 'scheduled updates');
      const matched = created + skipped.length;
      return {
        batchId,
        matched,
        created,
        skipped,
        warnings: plan.warnings,
        slots,
        waveSizes: sizes,
        platformIds,
        downgrades: plan.downgrades,
        rolloutId,
        awaitingConfirmation,
      };
    });
    if (response.batchId) this.recentGroups.clear();
    await this.db.refreshStatistics([
      { table: 'update_task', rows: response.batchId ? response.created : 0 },
    ]);
    return response;
  }

  private async plan(
    tx: Tx,
    caller: Caller,
    scope: TaskScope,
    request: PlanRequest,
    dryRun: boolean,
  ): Promise<Plan> {
    const callerScope = scopeOf(caller);
    const count = () => this.groups.groups(tx, scope, callerScope);
    const groups = dryRun
      ? await this.recentGroups.read(JSON.stringify([scope, callerScope]), count)
      : await count();
    const missing =
      'tenantIds' in scope
        ? await this.groups.missing(tx, scope.tenantIds, callerScope)
        : new Set<string>();
    if (groups.length === 0 && missing.size === 0) {
      const owner = scopeOwner(scope);
      if (owner && !(await this.groups.scopeExists(tx, scope))) {
        throw new NotFoundError(owner.table === 'partner' ? 'Partner' : 'Platform', owner.id);
      }
      throw new RuleViolationError('The scope holds no tenants: nothing to schedule');
    }
    const platformIds = [...new Set(groups.map((g) => g.platformId))];
    await lockInOrder(tx, { platforms: { ids: platformIds, mode: 'shared' } });
    const { context, channels } = await this.inputs.load(
      tx,
      platformIds,
      request.targetVersion,
      this.clock.now(),
    );
    const testChannel = [...channels.values()].includes('test');
    if (testChannel && !isPlatformAdmin(caller)) {
      throw new ForbiddenError(
        `Version ${request.targetVersion} is a test version: only platform admins can install it`,
        [{ field: 'targetVersion', reason: 'is in the test channel' }],
      );
    }

    const planner = createPlanner(request, context);
    const placed: PlacedGroup[] = [];
    const refusedGroups = new Map<number, Refusal>();
    let downgrades = 0;
    let customized = 0;
    for (const group of groups) {
      const outcome = planner(groupFacts(group));
      if (outcome.refused) {
        refusedGroups.set(group.key, outcome);
        continue;
      }
      placed.push({
        ...group,
        runAt: outcome.runAt,
        expiresAt: outcome.expiresAt,
        path: outcome.path,
      });
      if (outcome.downgrade) downgrades += group.tenants;
      customized += group.customized;
    }

    const refused = await this.refusedTenants(
      tx,
      scope,
      callerScope,
      groups,
      refusedGroups,
      missing,
    );
    const warnings: string[] = [];
    if (downgrades > 0) {
      warnings.push(
        `${downgrades} tenant(s) will be downgraded to ${request.targetVersion}: compatibility with older versions cannot be guaranteed`,
      );
    }
    if (customized > 0) {
      warnings.push(
        `${customized} tenant(s) have customizations: their pre-check will fail until they are removed`,
      );
    }
    if (testChannel) warnings.push(`${request.targetVersion} is a test version`);
    return {
      placed,
      planned: placed.reduce((n, g) => n + g.tenants, 0),
      downgrades,
      refused,
      warnings,
    };
  }

  /** Every refused tenant, with its reason; for a tenantIds scope in the order of the request. */
  private async refusedTenants(
    tx: Tx,
    scope: TaskScope,
    callerScope: Scope,
    groups: TenantGroup[],
    refusedGroups: Map<number, Refusal>,
    missing: Set<string>,
  ): Promise<RefusedTenant[]> {
    const members = await this.groups.members(
      tx,
      scope,
      callerScope,
      groups.filter((g) => refusedGroups.has(g.key)),
    );
    const byTenant = new Map<string, Refusal>();
    for (const m of members) {
      const r = refusedGroups.get(m.key) as Refusal;
      byTenant.set(
        m.id,
        r.code === 'open_task' && m.openTaskId ? openTaskRefusal(m.openTaskId) : r,
      );
    }
    for (const id of missing) byTenant.set(id, refusal('not_found', 404, 'no such tenant'));
    if ('tenantIds' in scope) {
      return scope.tenantIds.flatMap((tenantId, index) => {
        const r = byTenant.get(tenantId);
        return r ? [{ tenantId, index, refusal: r }] : [];
      });
    }
    return [...byTenant].map(([tenantId, r]) => ({ tenantId, refusal: r }));
  }

  /**
   * Writes the tasks. The plan saw which tenants had open tasks; if none did, a plain INSERT is
   * the cheapest. A concurrent request that opened a task since is caught by the unique index: the
   * insert is redone without those tenants, which are then refused (reject) or skipped (skip).
   */
  private async insert(
    tx: Tx,
    caller: Caller,
    scope: TaskScope,
    batchId: string,
    options: TaskOptions,
    plan: Plan,
    onConflict: 'reject' | 'skip',
    skipped: SkippedTenant[],
    staged?: StagedTasks,
  ): Promise<number> {
    const callerScope = scopeOf(caller);
    const insert = (mode: 'plain' | 'skip-open' | 'on-conflict') =>
      this.groups.insertTasks(tx, batchId, options, scope, callerScope, plan.placed, mode, staged);
    const anyOpen = plan.refused.some((r) => r.refusal.code === 'open_task');
    let created: number;
    try {
      created = await this.db.savepoint(tx, 'insert_tasks', () =>
        insert(anyOpen ? 'skip-open' : 'plain'),
      );
    } catch (error) {
      if (!isOpenTaskConflict(error)) throw error;
      created = await insert('on-conflict');
    }
    if (created >= plan.planned) return created;

    const lost = await this.groups.notInBatch(tx, batchId, scope, callerScope, plan.placed);
    const reason = 'an update task was opened for this tenant by a concurrent request';
    if (onConflict === 'reject') {
      throw new ConflictError(
        `${lost.length} tenant(s) got an update task from a concurrent request; nothing was created`,
        lost.map((tenantId) => ({ tenantId, code: 'open_task', reason })),
      );
    }
    for (const tenantId of lost) skipped.push({ tenantId, code: 'open_task', reason });
    await this.batches.setTotal(tx, batchId, created);
    return created;
  }

  /** Exactly one scope; partner admins only their own partner's tenants. */
  private taskScope(caller: Caller, dto: ScheduleUpdatesDto): TaskScope {
    const scopes = ['tenantIds', 'partnerId', 'platformId', 'filter'] as const;
    const given = scopes.filter((k) => dto[k] !== undefined);
    if (given.length !== 1) {
      const reason =
        given.length === 0
          ? 'one of tenantIds, partnerId, platformId, filter is required'
          : 'give only one scope';
      const fields = given.length ? given : scopes;
      throw new BadRequestError(
        `Exactly one scope is needed: ${reason}`,
        fields.map((field) => ({ field, reason })),
      );
    }
    if (dto.tenantIds) return { tenantIds: dto.tenantIds };
    if (dto.filter) {
      // The caller's own partner is added to every query of the scope (tenantScopeFilter).
      checkFilterOwner(scopeOf(caller), dto.filter);
      return { filter: { ...dto.filter } };
    }
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

function taskOptions(caller: Caller, dto: ScheduleUpdatesDto, request: PlanRequest): TaskOptions {
  return {
    targetVersion: request.targetVersion,
    mode: request.mode,
    expectedDurationMinutes: request.expectedDurationMinutes,
    forced: request.forced,
    redeploy: request.redeploy,
    notifyPartner: dto.notifyPartner ?? false,
    notifyCustomer: dto.notifyCustomer ?? false,
    allowDowngrade: request.allowDowngrade,
    rollbackOnFailure: dto.rollbackOnFailure ?? false,
    createdBy: caller.keyId,
  };
}

function scopeSummary(scope: TaskScope): Record<string, unknown> {
  return 'tenantIds' in scope ? { tenantIds: scope.tenantIds.length } : scope;
}

/** The placed groups as times per time zone, earliest first: what a preview shows. */
function plannedSlots(placed: PlacedGroup[]): PlannedSlot[] {
  const slots = new Map<string, PlannedSlot>();
  for (const g of placed) {
    const key = `${g.runAt.toISOString()} ${g.windowTimezone}`;
    const slot = slots.get(key);
    if (slot) slot.tenants += g.tenants;
    else
      slots.set(key, {
        runAt: g.runAt.toISOString(),
        expiresAt: g.expiresAt?.toISOString() ?? null,
        timezone: g.windowTimezone,
        tenants: g.tenants,
      });
  }
  return [...slots.values()]
    .sort((a, b) => a.runAt.localeCompare(b.runAt) || a.timezone.localeCompare(b.timezone))
    .slice(0, MAX_SLOTS);
}

function refusalDetail({ tenantId, index, refusal: r }: RefusedTenant): {
  status: number;
  detail: ErrorDetail;
} {
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

function skippedEntry({ tenantId, index, refusal: r }: RefusedTenant): SkippedTenant {
  return { tenantId, ...(index !== undefined && { index }), code: r.code, reason: r.reason };
}
