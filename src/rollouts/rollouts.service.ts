import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { type Caller, type Scope, scopeOf } from '../auth/caller';
import { Clock } from '../common/clock';
import { ConflictError, ForbiddenError, NotFoundError } from '../common/errors';
import { type Page, type PageRequest, toPage } from '../common/pagination';
import { lockInOrder } from '../database/lock-order';
import { afterCommit, type Tx, Transactions } from '../database/transactions';
import { defaultReason } from '../notifications/reasons';
import { Notices } from '../notifications/notices.service';
import { SchedulingService, type Staging } from '../updates/scheduling.service';
import { TaskActionsService } from '../updates/task-actions.service';
import { mayChangeForced } from '../updates/task-policy';
import type { CreateRolloutDto } from './dto/create-rollout.dto';
import { type RolloutResponse, rolloutResponse } from './dto/rollout.dto';
import { amount, amountOf, ENDED_STATES, planWaves, type RolloutState, waveSpecs } from './gates';
import type { ConfirmationReason, RolloutRisk } from './confirmation-rule';
import { ConfirmationsRepository } from './confirmations.repository';
import { RolloutConfirmations } from './confirmations.service';
import { type RolloutActor, RolloutGates } from './rollout-gates.service';
import { lockRolloutInScope } from './rollout-lock';
import { type Rollout, type RolloutFilter, RolloutsRepository } from './rollouts.repository';
import { RolloutMetrics } from './rollout.metrics';

export type RolloutAction = 'pause' | 'resume' | 'cancel';

/** The states each action applies to (otherwise 409). */
const ACTION_FROM: Record<RolloutAction | 'retry', readonly RolloutState[]> = {
  pause: ['scheduled', 'running'],
  resume: ['paused'],
  cancel: ['awaiting_confirmation', 'scheduled', 'running', 'paused'],
  retry: ['scheduled', 'running', 'paused', 'failed'],
};
const DONE: Record<RolloutAction | 'retry', string> = {
  pause: 'paused',
  resume: 'resumed',
  cancel: 'cancelled',
  retry: 'retried',
};

/** POST /rollouts and the actions on rollouts. */
@Injectable()
export class RolloutsService {
  constructor(
    private readonly db: Transactions,
    private readonly scheduling: SchedulingService,
    private readonly taskActions: TaskActionsService,
    private readonly rollouts: RolloutsRepository,
    private readonly gates: RolloutGates,
    private readonly confirmations: RolloutConfirmations,
    private readonly confirmationRows: ConfirmationsRepository,
    private readonly notices: Notices,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly metrics: RolloutMetrics,
  ) {}

  /**
   * Creates the rollout and every task of every wave in one transaction (the scheduling rules of
   * POST /update-tasks apply to each); the first wave's tasks are scheduled, the others held.
   */
  async create(
    caller: Caller,
    dto: CreateRolloutDto,
  ): Promise<{ dryRun: true; body: DryRunResponse } | { dryRun: false; body: RolloutResponse }> {
    const specs = waveSpecs(dto.waves);
    const errorThreshold = amount('errorThreshold', dto.errorThreshold);
    const maxConcurrency = amount('maxConcurrency', dto.maxConcurrency);
    const {
      waves: _w,
      successThreshold: _s,
      errorThreshold: _e,
      onError: _o,
      soakMinutes: _k,
      maxConcurrency: _m,
      ...schedule
    } = dto;
    const now = this.clock.now();
    /** What the confirmation rule looks at (the same for a dry run and the rollout itself). */
    const riskOf = (plan: { waveSizes: number[]; downgrades: number }): RolloutRisk => ({
      downgrades: plan.downgrades,
      forced: dto.forced ?? false,
      platformScope: dto.platformId !== undefined || dto.filter?.platformId !== undefined,
      tenants: plan.waveSizes.reduce((n, s) => n + s, 0),
    });
    const staging: Staging = {
      waves: (total, tagged) => planWaves(specs, total, tagged),
      create: async (tx, plan) => {
        const tenants = plan.waveSizes.reduce((n, s) => n + s, 0);
        const partnerId = caller.partnerId ?? dto.partnerId ?? dto.filter?.partnerId ?? null;
        const reasons = await this.confirmations.reasonsFor(tx, plan.platformIds, riskOf(plan));
        const awaitingConfirmation = reasons.length > 0;
        const rolloutId = await this.rollouts.insert(tx, {
          batchId: plan.batchId,
          state: awaitingConfirmation ? 'awaiting_confirmation' : 'scheduled',
          targetVersion: dto.targetVersion,
          mode: dto.mode,
          runAt: dto.runAt ? new Date(dto.runAt) : null,
          forced: dto.forced ?? false,
          partnerId,
          platformIds: plan.platformIds,
          successThreshold: dto.successThreshold ?? 100,
          errorThreshold,
          onError: dto.onError ?? 'pause',
          soakMinutes: dto.soakMinutes ?? 0,
          maxConcurrency,
          maxRunning: maxConcurrency
            ? amountOf(
                maxConcurrency,
                plan.waveSizes.reduce((n, s) => n + s, 0),
              )
            : null,
          createdBy: caller.keyId,
          createdByRole: caller.role,
          waves: specs.map((spec, i) => ({
            name: spec.name ?? `wave ${i + 1}`,
            selector: spec.tags
              ? { tags: spec.tags }
              : spec.count !== undefined
                ? { count: spec.count }
                : { percent: spec.percent },
            open: i === 0 && !awaitingConfirmation,
          })),
          now,
        });
        await this.audit.record(tx, caller, {
          action: 'rollout.create',
          entityType: 'rollout',
          entityId: rolloutId,
          after: {
            batchId: plan.batchId,
            waves: plan.waveSizes,
            successThreshold: dto.successThreshold ?? 100,
            errorThreshold,
            onError: dto.onError ?? 'pause',
            soakMinutes: dto.soakMinutes ?? 0,
            maxConcurrency,
          },
        });
        // The first wave opens with the rollout (a confirmed one's opens at its confirmation).
        if (!awaitingConfirmation)
          afterCommit(tx, () => this.metrics.opened.inc({ gate: 'start' }));
        if (awaitingConfirmation) {
          const subject = {
            id: rolloutId,
            partnerId,
            platformIds: plan.platformIds,
            targetVersion: dto.targetVersion,
          };
          await this.confirmations.issue(tx, subject, reasons, tenants, caller);
        }
        return { rolloutId, awaitingConfirmation };
      },
    };
    const result = await this.scheduling.scheduleStaged(caller, schedule, staging);
    if (result.rolloutId === null) {
      const reasons = await this.db.run((tx) =>
        this.confirmations.reasonsFor(tx, result.platformIds, riskOf(result)),
      );
      return {
        dryRun: true,
        body: {
          confirmation: { needed: reasons.length > 0, reasons },
          created: result.created,
          skipped: result.skipped,
          warnings: result.warnings,
          waves: result.waveSizes.map((tenants, index) => ({
            index,
            name: specs[index]?.name ?? `wave ${index + 1}`,
            tenants,
          })),
        },
      };
    }
    return { dryRun: false, body: await this.get(scopeOf(caller), result.rolloutId) };
  }

  async get(scope: Scope, id: string): Promise<RolloutResponse> {
    const r = await this.rollouts.find(scope, id);
    if (!r) throw new NotFoundError('Rollout', id);
    const waves = (await this.rollouts.waves(this.db.pool, [id])).get(id) ?? [];
    const confirmation = (await this.confirmationRows.summaries(this.db.pool, [id])).get(id);
    return rolloutResponse(r, waves, this.clock.now(), confirmation);
  }

  async list(
    scope: Scope,
    filter: RolloutFilter,
    page: PageRequest,
  ): Promise<Page<RolloutResponse>> {
    const rows = await this.rollouts.list(scope, filter, page);
    const shown = rows.slice(0, page.limit);
    const waves = await this.rollouts.waves(
      this.db.pool,
      shown.map((r) => r.id),
    );
    const confirmations = await this.confirmationRows.summaries(
      this.db.pool,
      shown.map((r) => r.id),
    );
    const now = this.clock.now();
    return toPage(
      rows,
      page.limit,
      (r) => rolloutResponse(r, waves.get(r.id) ?? [], now, confirmations.get(r.id)),
      (r) => r.id,
    );
  }

  /** POST /rollouts/{id}/confirm: the right code starts the rollout. */
  async confirm(caller: Caller, id: string, code: string): Promise<RolloutResponse> {
    await this.confirmations.confirm(caller, id, code);
    return this.get(scopeOf(caller), id);
  }

  /** POST /rollouts/{id}/confirmation-code: a new code, the old one void. */
  async resendCode(caller: Caller, id: string): Promise<RolloutResponse> {
    await this.confirmations.resend(caller, id);
    return this.get(scopeOf(caller), id);
  }

  /** Pause, resume or cancel, under the rules of the tasks' policy for forced rollouts. */
  async act(caller: Caller, id: string, action: RolloutAction): Promise<RolloutResponse> {
    await this.db.run(async (tx) => {
      const r = await this.lockFor(tx, caller, id, action);
      const actor: RolloutActor = { ...caller, name: caller.name };
      const now = this.clock.now();
      if (action === 'pause') {
        await this.gates.pauseIn(tx, r, `paused by ${caller.name}`, actor);
        await this.gates.settleIn(tx, { ...r, state: 'paused' });
      } else if (action === 'resume') {
        await this.resumeIn(tx, r, actor, now);
      } else {
        const reason = defaultReason({ code: 'rollout_cancelled_by', actor: caller.name });
        await this.rollouts.setState(tx, r.id, 'cancelled', {
          pausedReason: reason,
          finished: true,
        });
        await this.gates.settleIn(tx, { ...r, state: 'cancelled', pausedReason: reason });
        await this.notices.forRollout(tx, 'rollout.completed', r.id, {
          state: 'cancelled',
          reason: `cancelled by ${caller.name}`,
          key: 'cancelled',
        });
        await this.audit.record(tx, caller, {
          action: 'rollout.cancel',
          entityType: 'rollout',
          entityId: r.id,
          before: { state: r.state },
          after: { state: 'cancelled' },
        });
      }
    });
    return this.get(scopeOf(caller), id);
  }

  /**
   * Retries the failed tasks of a wave (POST /rollouts/{id}/waves/{index}/retry), all or nothing,
   * under the rules of a single retry (TaskActionsService.retryLocked). They run now if the rollout
   * is scheduled or running; in a paused rollout they are held and run when it resumes; a rollout
   * that ended failed is reopened (running again). Their failures no longer count for the error
   * gate; a new failure counts again.
   */
  async retryWave(caller: Caller, id: string, index: number): Promise<RolloutResponse> {
    await this.db.run(async (tx) => {
      const r = await this.lockFor(tx, caller, id, 'retry');
      const waves = (await this.rollouts.waves(tx, [id])).get(id) ?? [];
      if (!waves.some((w) => w.index === index)) {
        throw new NotFoundError(`Wave ${index} of rollout ${id}`);
      }
      const { tasks: failed } = await lockInOrder(tx, {
        tasks: () => this.rollouts.lockFailed(tx, id, index),
      });
      if (failed.length === 0) {
        throw new ConflictError(`Wave ${index} of rollout ${id} has no failed task to retry`);
      }
      const what = `Wave ${index} of rollout ${id}`;
      const retried = await this.taskActions.retryLocked(tx, caller, failed, what);
      await this.rollouts.forgetFailures(tx, id, index);
      if (r.state === 'paused') await this.rollouts.holdScheduled(tx, id);
      // A rollout that ended failed (its last wave below the success threshold) is reopened: it
      // runs again, its tripped waves are open, and the gates count the new runs.
      if (r.state === 'failed') {
        await this.rollouts.reopen(tx, id);
        const now = this.clock.now();
        for (const w of waves)
          if (w.state === 'tripped') await this.rollouts.setWave(tx, id, w.index, 'open', now);
        await this.notices.forRolloutResumed(tx, id, {
          state: 'running',
          key: `${r.updatedAt.getTime()}`, // the rollout as it failed: one reopening per end
        });
      }
      await this.audit.record(tx, caller, {
        action: 'rollout.retry_wave',
        entityType: 'rollout',
        entityId: id,
        ...(r.state === 'failed' && { before: { state: 'failed' } }),
        after: {
          wave: index,
          retried,
          state: r.state === 'failed' ? 'running' : r.state,
        },
      });
    });
    return this.get(scopeOf(caller), id);
  }

  /**
   * Resumes: failures so far are not counted again by the error gate, a tripped wave is open
   * again, and the held tasks of every wave that opened (a paused rollout's scheduled tasks, and
   * retried ones) are scheduled from now.
   */
  private async resumeIn(tx: Tx, r: Rollout, actor: RolloutActor, now: Date): Promise<void> {
    const waves = (await this.rollouts.waves(tx, [r.id])).get(r.id) ?? [];
    const started = waves.some((w) => w.counts.running + w.counts.succeeded + w.counts.failed > 0);
    await this.rollouts.setState(tx, r.id, started ? 'running' : 'scheduled', {
      pausedReason: null,
      failedBase: true,
    });
    const open: number[] = [];
    for (const w of waves) {
      if (w.state === 'tripped') await this.rollouts.setWave(tx, r.id, w.index, 'open', now);
      if (w.state !== 'held') open.push(w.index);
    }
    await this.gates.releaseHeld(tx, r, open, now);
    await this.notices.forRolloutResumed(tx, r.id, {
      state: started ? 'running' : 'scheduled',
      key: `${r.updatedAt.getTime()}`, // the rollout as paused: one resume per pause
    });
    await this.audit.record(tx, actor, {
      action: 'rollout.resume',
      entityType: 'rollout',
      entityId: r.id,
      before: { state: r.state },
      after: { state: started ? 'running' : 'scheduled' },
    });
  }

  /**
   * Locks the rollout for an action: a partner admin acts on its own rollouts only (others' are
   * not found) and not on forced ones (the forced rule of tasks: a forced update is the platform
   * admins' to change).
   */
  private async lockFor(
    tx: Tx,
    caller: Caller,
    id: string,
    action: RolloutAction | 'retry',
  ): Promise<Rollout> {
    const r = await lockRolloutInScope(tx, this.rollouts, scopeOf(caller), id);
    if (r.forced && !mayChangeForced(caller)) {
      throw new ForbiddenError(`Rollout ${id} is forced: only platform admins can ${action} it`, [
        { field: 'id', reason: 'is a forced rollout' },
      ]);
    }
    if (!ACTION_FROM[action].includes(r.state)) {
      const over = ENDED_STATES.includes(r.state) ? ' (it is over)' : '';
      throw new ConflictError(
        `Rollout ${id} is ${r.state}${over}: only a rollout that is ${ACTION_FROM[action].join(', ')} can be ${DONE[action]}`,
      );
    }
    return r;
  }
}

export interface DryRunResponse {
  /** Whether the rollout would be created awaiting confirmation, and under which rules. */
  confirmation: { needed: boolean; reasons: ConfirmationReason[] };
  created: number;
  skipped: { tenantId: string; index?: number; code: string; reason: string }[];
  warnings: string[];
  waves: { index: number; name: string; tenants: number }[];
}
