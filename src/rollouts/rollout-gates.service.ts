import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { lockInOrder } from '../database/lock-order';
import { afterCommit, type Tx, Transactions } from '../database/transactions';
import { defaultReason } from '../notifications/reasons';
import { Notices } from '../notifications/notices.service';
import { type PlacedMoves, PlacementService } from '../placement/placement.service';
import { movingTask, TaskChanges } from '../updates/task-changes.service';
import { overriddenBlocks } from '../updates/task-policy';
import type { TaskMove } from '../updates/update-task';
import { UpdateTasksRepository } from '../updates/update-tasks.repository';
import {
  ACTIVE_STATES,
  errorTrip,
  successPercent,
  successReached,
  totalOf,
  unfinishedOf,
} from './gates';
import { RolloutMetrics } from './rollout.metrics';
import { type Rollout, RolloutsRepository, type Wave } from './rollouts.repository';
import { PeriodicJob } from '../common/periodic-job';

/** Who acted on a rollout: an API key's caller, or null for the gates themselves. */
export interface RolloutActor {
  keyId: string;
  role: string;
  partnerId: string | null;
  name: string;
}

/**
 * The gates of rollouts (docs/rollouts.md): the error gate, evaluated in the transaction that
 * records a failure (so that no claim runs past it, on any replica), and the success gates, soak
 * times and ends, evaluated by a job in every scheduler process (a rollout row lock makes each
 * wave open exactly once). Every state change writes its e-mails and its audit row with it.
 */
@Injectable()
export class RolloutGates {
  private readonly logger = new Logger(RolloutGates.name);
  private readonly job = new PeriodicJob(this.logger, 'evaluating rollout gates failed');

  constructor(
    private readonly db: Transactions,
    private readonly rollouts: RolloutsRepository,
    private readonly placement: PlacementService,
    private readonly changes: TaskChanges,
    private readonly tasks: UpdateTasksRepository,
    private readonly notices: Notices,
    private readonly audit: AuditService,
    private readonly metrics: RolloutMetrics,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** The rollouts of tasks about to end failed (read before any lock is taken). */
  rolloutsOf(tx: Tx, taskIds: string[]): Promise<string[]> {
    return taskIds.length ? this.rollouts.ofTasks(tx, taskIds) : Promise.resolve([]);
  }

  /** Locks rollouts (the `rollouts` level of lockInOrder). */
  async lock(tx: Tx, ids: string[]): Promise<Rollout[]> {
    return this.rollouts.lock(tx, ids);
  }

  /**
   * The error gate, in the transaction that recorded failures of these (locked) rollouts' tasks,
   * after the claim lock: a claim that follows sees the rollout paused or stopped and starts none
   * of its tasks. The tasks themselves are held or cancelled by `settle` right after.
   */
  async afterFailures(tx: Tx, rolloutIds: string[]): Promise<void> {
    if (rolloutIds.length === 0) return;
    const locked = await this.rollouts.lock(tx, rolloutIds);
    const waves = await this.rollouts.waves(tx, rolloutIds);
    for (const r of locked) {
      if (!ACTIVE_STATES.includes(r.state)) continue;
      await this.checkErrors(tx, r, waves.get(r.id) ?? []);
    }
  }

  /** Trips the error gate if the failures reached it; true when it tripped. */
  private async checkErrors(tx: Tx, r: Rollout, waves: Wave[]): Promise<boolean> {
    const trip = errorTrip({
      threshold: r.errorThreshold,
      rolloutFailedBase: r.failedBase,
      rolloutTotal: waves.reduce((n, w) => n + totalOf(w.counts), 0),
      rolloutFailed: waves.reduce((n, w) => n + w.counts.failed, 0),
      waves: waves.map((w) => ({
        index: w.index,
        total: totalOf(w.counts),
        failed: w.counts.failed,
        failedBase: w.failedBase,
      })),
    });
    if (!trip) return false;
    const now = this.clock.now();
    const wave = trip.wave ?? waves.find((w) => w.state === 'open')?.index;
    if (wave !== undefined) await this.rollouts.setWave(tx, r.id, wave, 'tripped', now);
    afterCommit(tx, () => this.metrics.tripped.inc({ gate: 'error', action: r.onError }));
    if (r.onError === 'pause') await this.pauseIn(tx, r, trip.reason, null);
    else await this.stopIn(tx, r, trip.reason, null);
    return true;
  }

  /** Pauses: no task of the rollout starts until it is resumed. */
  async pauseIn(tx: Tx, r: Rollout, reason: string, actor: RolloutActor | null): Promise<void> {
    await this.rollouts.setState(tx, r.id, 'paused', { pausedReason: reason });
    await this.notices.forRollout(tx, 'rollout.paused', r.id, {
      state: 'paused',
      reason,
      key: `${r.updatedAt.getTime()}`,
    });
    await this.audit.record(tx, actor, {
      action: 'rollout.pause',
      entityType: 'rollout',
      entityId: r.id,
      before: { state: r.state },
      after: { state: 'paused', reason },
    });
    this.logger.warn({ rolloutId: r.id, reason }, 'rollout paused');
  }

  /** Stops for good: its held and scheduled tasks are cancelled (by `settle`), running ones finish. */
  async stopIn(tx: Tx, r: Rollout, reason: string, actor: RolloutActor | null): Promise<void> {
    await this.rollouts.setState(tx, r.id, 'stopped', { pausedReason: reason, finished: true });
    await this.notices.forRollout(tx, 'rollout.stopped', r.id, {
      state: 'stopped',
      reason,
      key: 'stopped',
    });
    await this.audit.record(tx, actor, {
      action: 'rollout.stop',
      entityType: 'rollout',
      entityId: r.id,
      before: { state: r.state },
      after: { state: 'stopped', reason },
    });
    this.logger.warn({ rolloutId: r.id, reason }, 'rollout stopped');
  }

  /**
   * The tasks follow their rollout's state: a paused rollout's scheduled tasks are held again, a
   * stopped or cancelled rollout's held and scheduled tasks are cancelled (their recipients told).
   */
  async settleIn(tx: Tx, r: Rollout): Promise<void> {
    if (r.state === 'paused') {
      await this.rollouts.holdScheduled(tx, r.id);
    } else if (r.state === 'stopped' || r.state === 'cancelled') {
      const reason = r.pausedReason ?? r.state;
      await this.changes.cancel(
        tx,
        { batchId: r.batchId, partnerId: null },
        {
          reason:
            r.state === 'stopped'
              ? defaultReason({ code: 'rollout_stopped', why: reason })
              : reason,
        },
      );
    }
  }

  @Interval('rollout-gates', 2_000)
  async tick(): Promise<void> {
    if (!this.config.schedulerEnabled) return;
    await this.job.run(() => this.advanceAll());
  }

  /**
   * One pass over the rollouts that are not over: their tasks follow their state, success gates
   * open waves, soak times end, rollouts end. Returns how many rollouts changed.
   */
  async advanceAll(): Promise<number> {
    let changed = 0;
    const settling = await this.rollouts.unsettled(this.db.pool);
    for (const id of settling) {
      await this.db.run(async (tx) => {
        const { rollouts } = await lockInOrder(tx, {
          rollouts: () => this.rollouts.lock(tx, [id], true),
        });
        if (rollouts[0]) await this.settleIn(tx, rollouts[0]);
      });
    }
    for (const { id, platformIds } of await this.rollouts.active(this.db.pool)) {
      if (await this.db.run((tx) => this.advance(tx, id, platformIds))) changed++;
    }
    return changed;
  }

  /** Evaluates one rollout's gates; true when something changed. */
  private async advance(tx: Tx, id: string, platformIds: string[]): Promise<boolean> {
    const { rollouts } = await lockInOrder(tx, {
      platforms: { ids: platformIds, mode: 'shared' },
      rollouts: () => this.rollouts.lock(tx, [id], true),
    });
    const r = rollouts[0];
    if (!r || !ACTIVE_STATES.includes(r.state)) return false;
    const waves = (await this.rollouts.waves(tx, [id])).get(id) ?? [];
    if (await this.checkErrors(tx, r, waves)) return true;
    // Every task cancelled another way (a batch cancel, single cancels): nothing is left to gate.
    if (waves.every((w) => w.counts.cancelled === totalOf(w.counts))) {
      await this.end(tx, r, 'cancelled', 'every task of the rollout was cancelled');
      return true;
    }
    const now = this.clock.now();
    let changed = false;
    if (r.state === 'scheduled' && waves.some((w) => w.counts.running + finishedOf(w) > 0)) {
      await this.rollouts.setState(tx, id, 'running');
      changed = true;
    }
    const last = waves.length - 1;
    for (const w of waves) {
      if (w.state === 'passed') continue;
      if (w.state === 'held') {
        const passedAt = waves[w.index - 1]?.passedAt ?? now;
        const opensAt = new Date(passedAt.getTime() + r.soakMinutes * 60_000);
        if (now >= opensAt) {
          await this.open(tx, r, w.index, now);
          return true;
        }
        return changed;
      }
      // open (a tripped wave is open again once resumed)
      if (successReached(r.successThreshold, w.counts)) {
        await this.rollouts.setWave(tx, id, w.index, 'passed', now);
        afterCommit(tx, () => this.metrics.opened.inc({ gate: 'success' }));
        w.state = 'passed';
        w.passedAt = now;
        changed = true;
        continue;
      }
      if (unfinishedOf(w.counts) > 0) return changed;
      const reason = `wave ${w.index + 1} finished with ${successPercent(w.counts)}% succeeded, below the success threshold of ${r.successThreshold}%`;
      await this.rollouts.setWave(tx, id, w.index, 'tripped', now);
      afterCommit(tx, () =>
        this.metrics.tripped.inc({ gate: 'success', action: w.index === last ? 'fail' : 'pause' }),
      );
      if (w.index === last) await this.end(tx, r, 'failed', reason);
      else await this.pauseIn(tx, r, reason, null);
      return true;
    }
    // Every wave passed: the rollout ends when its last task has.
    if (waves.every((w) => unfinishedOf(w.counts) === 0)) {
      await this.end(tx, r, 'succeeded', null);
      return true;
    }
    return changed;
  }

  private async end(
    tx: Tx,
    r: Rollout,
    state: 'succeeded' | 'failed' | 'cancelled',
    reason: string | null,
  ): Promise<void> {
    await this.rollouts.setState(tx, r.id, state, { pausedReason: reason, finished: true });
    // A failed rollout can be reopened by a retry and fail again: each failure is its own e-mail.
    const key = state === 'failed' ? `failed:${r.updatedAt.getTime()}` : state;
    await this.notices.forRollout(tx, 'rollout.completed', r.id, { state, reason, key });
    await this.audit.record(tx, null, {
      action: `rollout.${state}`,
      entityType: 'rollout',
      entityId: r.id,
      before: { state: r.state },
      after: { state, reason },
    });
  }

  /**
   * Opens waves: their held tasks are scheduled, each taking its time from now (immediate: now;
   * maintenance_window: the tenant's first free window from now; custom: the later of its time and
   * now; immediate and custom moved past platform maintenance and blackouts) through TaskChanges, which tells the recipients of their earlier notices. `quiet`: no
   * notice of the move (a confirmed rollout, whose tasks nobody was told of yet).
   */
  async open(
    tx: Tx,
    r: Rollout,
    index: number,
    now: Date,
    options: { quiet?: boolean } = {},
  ): Promise<void> {
    await this.rollouts.setWave(tx, r.id, index, 'open', now);
    await this.releaseHeld(tx, r, [index], now, options);
    afterCommit(tx, () => this.metrics.opened.inc({ gate: index === 0 ? 'start' : 'wave' }));
    await this.audit.record(tx, null, {
      action: 'rollout.wave_open',
      entityType: 'rollout',
      entityId: r.id,
      after: { wave: index },
    });
  }

  /** Schedules the held tasks of these waves from `now` (see `open`). */
  async releaseHeld(
    tx: Tx,
    r: Rollout,
    waves: number[],
    now: Date,
    options: { quiet?: boolean } = {},
  ): Promise<void> {
    const held = await lockInOrder(tx, {
      tasks: () => this.rollouts.lockHeld(tx, r.id, waves),
    }).then((l) => l.tasks);
    if (held.length === 0) return;
    const tasks = held.map(movingTask);
    let placed: PlacedMoves;
    if (r.mode === 'maintenance_window') {
      placed = await this.placement.placeMoves(tx, tasks, now);
    } else {
      // Immediate and custom: at that time, or at the first instant after the blackouts and
      // platform maintenance it would overlap (a platform admin's forced rollout runs inside
      // blackouts, as a forced task does).
      const runAt = r.mode === 'custom' && r.runAt && r.runAt > now ? r.runAt : now;
      const overrides = overriddenBlocks({
        mode: r.mode,
        forced: r.forced,
        createdByRole: r.createdByRole,
      });
      placed = await this.placement.placeInstants(
        tx,
        tasks.map((t) => ({ ...t, runAt, overrides })),
        now,
      );
    }
    const moves: TaskMove[] = placed.placed.map((p) => ({ ...p, mode: r.mode }));
    const unplaced = placed.unplaced.map((u) => u.id);
    // One statement schedules them; only those whose time changed are told (their sequence
    // rises): the others keep the time their recipients were told (with the rollout, or by a move
    // out of a blackout or maintenance), so no second e-mail announces the same time.
    await this.changes.release(
      tx,
      moves,
      options.quiet
        ? null
        : { reason: defaultReason({ code: 'rollout_wave_opened', wave: Math.min(...waves) + 1 }) },
    );
    await this.changes.cancel(tx, unplaced, {
      reason: defaultReason({ code: 'rollout_no_window' }),
    });
    if (moves.length > 0) await this.tasks.wakeDispatchers(tx, r.batchId);
  }
}

function finishedOf(w: Wave): number {
  return w.counts.succeeded + w.counts.failed + w.counts.cancelled;
}
