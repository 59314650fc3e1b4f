import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { performance } from 'node:perf_hooks';
import type { Counter } from 'prom-client';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { TASKS_DUE_CHANNEL } from '../updates/task-channels';
import { type Claim, Claimer } from './claimer.service';
import { ClaimsRepository } from './claims.repository';
import { within } from './executors/executor';
import { LeaseOwner } from './lease-owner';
import { RunJournal } from './run-journal';
import { StepDurations } from './step-durations';
import { TaskListener } from './task-listener';
import { TaskRun } from './task-run';
import { TaskRunner } from './task-runner';

const TICK = 'scheduler-tick';
const RENEW = 'scheduler-lease-renewal';

type WakeReason = 'start' | 'notify' | 'tick' | 'listen' | 'freed';

/**
 * Claims due tasks and runs them, up to SCHEDULER_CONCURRENCY at once in this process and
 * SCHEDULER_PLATFORM_CONCURRENCY per platform across every process. Woken at once by NOTIFY on
 * update_tasks_due (immediate tasks, hand-backs), by every finished run, and by a tick
 * (SCHEDULER_TICK_MS ≤ 1 s) for everything else: tasks that became due, leases that expired.
 * Renews its leases every third of LEASE_SECONDS. On shutdown: stops claiming, lets runs finish
 * for SHUTDOWN_TIMEOUT_MS, then hands the leases of the others back.
 */
@Injectable()
export class Dispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(Dispatcher.name);
  private readonly runs = new Map<string, TaskRun>();
  private started = false;
  private stopping = false;
  private claiming: Promise<void> | null = null;
  /** Claims whose tasks are being read (their slots are taken): the next claim does not wait. */
  private readonly loading = new Set<Promise<void>>();
  private loadingTasks = 0;
  /** When the last claim looked for lapsed leases (performance.now()). */
  private lapsedCheckedAt = -Infinity;
  private wakeAgain = false;
  private renewing = false;
  /** false after a claim found less than it asked for: finished runs then wait for a tick or NOTIFY. */
  private maybeMoreDue = true;
  /** Claims take at most half the capacity, so that claiming, running and writing results overlap. */
  private readonly chunk: number;
  private readonly wakeups: Counter<'reason'>;
  private readonly claimed: Counter<never>;

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly claimer: Claimer,
    private readonly claims: ClaimsRepository,
    private readonly runner: TaskRunner,
    private readonly journal: RunJournal,
    private readonly listener: TaskListener,
    private readonly durations: StepDurations,
    private readonly owner: LeaseOwner,
    private readonly registry: SchedulerRegistry,
    metrics: MetricsService,
  ) {
    this.chunk = Math.max(1, Math.ceil(config.schedulerConcurrency / 2));
    this.wakeups = metrics.counter('scheduler_wakeups_total', 'Dispatcher wake-ups by reason', [
      'reason',
    ]);
    this.claimed = metrics.counter(
      'scheduler_tasks_claimed_total',
      'Tasks claimed by this process',
    );
    metrics.gauge('scheduler_running_tasks', 'Updates this process runs now', [], async (g) =>
      g.set(this.runs.size),
    );
  }

  get leaseOwner(): string {
    return this.owner.id;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.schedulerEnabled) return;
    this.started = true;
    await this.durations.load();
    this.listener.start({
      due: () => this.wake('notify'),
      connected: () => this.wake('listen'),
      signal: (kind, taskId) => this.signal(kind, taskId),
    });
    this.registry.addInterval(
      TICK,
      setInterval(() => this.wake('tick'), this.config.schedulerTickMs),
    );
    this.registry.addInterval(
      RENEW,
      setInterval(() => void this.renewLeases(), (this.config.leaseSeconds * 1000) / 3),
    );
    this.logger.log(
      { owner: this.owner.id, concurrency: this.config.schedulerConcurrency },
      'dispatcher started',
    );
    this.wake('start');
  }

  /** Looks for work now, or right after the claim in progress. */
  wake(reason: WakeReason): void {
    if (this.stopping || !this.started) return;
    this.wakeups.inc({ reason });
    if (reason !== 'freed') this.maybeMoreDue = true;
    // A run that ends while a claim is in flight asks for no claim of its own: that claim goes on
    // while it fills what it asked for (and counts the slot freed), and a claim that found less
    // than it asked for leaves nothing due that a freed slot could take (a platform at its limit
    // is looked at again at the next tick, as after any claim).
    else if (!this.maybeMoreDue || this.free() < this.chunk || this.claiming) return;
    if (this.claiming) {
      this.wakeAgain = true;
      return;
    }
    this.claiming = this.claimWhileFree().finally(() => (this.claiming = null));
  }

  private async claimWhileFree(): Promise<void> {
    do {
      this.wakeAgain = false;
      try {
        while (!this.stopping && this.free() > 0) {
          const capacity = Math.min(this.free(), this.chunk);
          // Lapsed leases (a replica died, a lease was released) are looked for at most once per
          // tick: claims woken by NOTIFY or by finished runs take due tasks only, one statement less.
          const lapsed = performance.now() - this.lapsedCheckedAt >= this.config.schedulerTickMs;
          if (lapsed) this.lapsedCheckedAt = performance.now();
          const claims = await this.claimer.claim({
            lapsed,
            owner: this.owner.id,
            leaseSeconds: this.config.leaseSeconds,
            now: this.clock.now(),
            capacity,
            platformLimit: this.config.schedulerPlatformConcurrency,
          });
          this.maybeMoreDue = claims.length === capacity;
          if (claims.length > 0) this.start(claims);
          if (claims.length < capacity) break;
        }
      } catch (error) {
        this.logger.error({ err: error }, 'claiming tasks failed; trying again at the next tick');
        return;
      }
    } while (this.wakeAgain && !this.stopping);
  }

  private free(): number {
    return this.config.schedulerConcurrency - this.runs.size - this.loadingTasks;
  }

  /** Reads the claimed tasks and starts their runs, while the next claim goes on. */
  private start(claims: Claim[]): void {
    this.claimed.inc(claims.length);
    this.loadingTasks += claims.length;
    const loaded = this.load(claims)
      // If loading fails, the leases lapse and the tasks are recovered (here or elsewhere).
      .catch((error: unknown) =>
        this.logger.error({ err: error }, 'reading claimed tasks failed; their leases will lapse'),
      )
      .finally(() => {
        this.loadingTasks -= claims.length;
        this.loading.delete(loaded);
      });
    this.loading.add(loaded);
  }

  private async load(claims: Claim[]): Promise<void> {
    const leaseValidMs = (this.config.leaseSeconds * 1000 * 2) / 3;
    // A due task that starts afresh came with the claim; the others (resumed, rollbacks) are read.
    const ready = claims.flatMap((c) => (c.task ? [c.task] : []));
    const unread = claims.filter((c) => !c.task).map((c) => c.id);
    const tasks = unread.length > 0 ? [...ready, ...(await this.claims.load(unread))] : ready;
    const opening = new Map(claims.map((c) => [c.id, c]));
    for (const task of tasks) {
      const run = new TaskRun(task, leaseValidMs, opening.get(task.id));
      this.runs.set(task.id, run);
      run.finished = this.runner.run(run).finally(() => {
        this.runs.delete(task.id);
        this.wake('freed');
      });
    }
  }

  private signal(kind: string, taskId: string): void {
    const run = this.runs.get(taskId);
    if (!run) return;
    if (kind === 'cancel') void this.runner.requestCancel(run);
    else if (kind === 'report') run.reportArrived();
  }

  /** Extends every lease this process holds; a run whose lease is gone or too old stops. */
  private async renewLeases(): Promise<void> {
    if (this.renewing) return; // a slow database: the renewal before this one is still going
    this.renewing = true;
    try {
      await this.renewHeldLeases();
    } finally {
      this.renewing = false;
    }
  }

  private async renewHeldLeases(): Promise<void> {
    const ids = [...this.runs.keys()];
    if (ids.length > 0) {
      const sentAt = performance.now();
      try {
        const held = new Map(
          (await this.claims.renew(this.owner.id, ids, this.config.leaseSeconds)).map((h) => [
            h.id,
            h,
          ]),
        );
        for (const id of ids) {
          const run = this.runs.get(id);
          const lease = held.get(id);
          if (!run) continue;
          if (!lease) {
            this.logger.warn({ taskId: id }, 'lease lost: another process owns the task now');
            run.stop('lease-lost');
            continue;
          }
          run.leaseDeadline = sentAt + (this.config.leaseSeconds * 1000 * 2) / 3;
          if (lease.cancelRequested && !run.cancelRequested) void this.runner.requestCancel(run);
        }
      } catch (error) {
        this.logger.warn({ err: error, tasks: ids.length }, 'renewing leases failed');
      }
    }
    for (const run of this.runs.values()) {
      if (performance.now() > run.leaseDeadline) {
        this.logger.warn({ taskId: run.id }, 'lease not renewed in time: stopping the run');
        run.stop('lease-lost');
      }
    }
  }

  /** SIGTERM/SIGINT (main.ts calls app.close()): drain, then hand back what did not finish. */
  async beforeApplicationShutdown(): Promise<void> {
    if (!this.started || this.stopping) return;
    this.stopping = true;
    this.stopInterval(TICK);
    await this.claiming;
    await Promise.all([...this.loading]);
    const draining = [...this.runs.values()];
    if (draining.length > 0) {
      this.logger.log(
        { running: draining.length, timeoutMs: this.config.shutdownTimeoutMs },
        'shutting down: letting running updates finish',
      );
      await within(Promise.all(draining.map((r) => r.finished)), this.config.shutdownTimeoutMs);
    }
    const left = [...this.runs.values()];
    for (const run of left) run.stop('shutdown');
    await Promise.all(left.map((r) => r.finished));
    await within(this.journal.idle(), 5_000);
    this.stopInterval(RENEW);
    try {
      const handed = await this.claims.handBack(
        this.owner.id,
        left.map((r) => r.id),
        TASKS_DUE_CHANNEL,
      );
      if (handed > 0) this.logger.log({ tasks: handed }, 'handed leases back');
    } catch (error) {
      this.logger.error({ err: error }, 'handing leases back failed: they expire instead');
    }
    await this.listener.stop();
  }

  private stopInterval(name: string): void {
    if (this.registry.doesExist('interval', name)) this.registry.deleteInterval(name);
  }
}
