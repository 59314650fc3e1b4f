import { performance } from 'node:perf_hooks';
import type { ClaimedTask } from './claimed-task';
import type { Claim } from './claimer.service';
import type { AbortAnswer, Executor, StepRequest, StopReason } from './executors/executor';
import { RunStopped } from './executors/executor';
import { type PlannedStep, planRollback, planSteps, type StepName } from './step-plan';

/** The step a run is performing right now. */
export interface CurrentStep {
  step: PlannedStep;
  /** The step's key (what remainingMs looks for). */
  key: string;
  request: StepRequest;
  startedAt: number;
}

/**
 * One claimed task being run by this process. Two signals stop it: `halted` (lease lost or the
 * process shutting down: stop at once and write nothing more) and `stopped` for the current phase,
 * which a cancellation aborts as well (the run then asks the executor to abort and ends cancelled).
 */
export class TaskRun {
  readonly plan: PlannedStep[];
  readonly done: Set<string>;
  /** An automatic rollback restored the nodes this run had updated. */
  rolledBack = false;
  /** performance.now() after which this process may no longer assume it holds the lease. */
  leaseDeadline: number;
  current: CurrentStep | null = null;
  executor: Executor | null = null;
  cancelRequested: boolean;
  /** The reason given with the cancel request (read again when the run ends cancelled). */
  cancelReason: string | null;
  abortAnswer: AbortAnswer | null = null;
  /** Settles when the runner is done with the task. */
  finished: Promise<void> = Promise.resolve();
  /** The journal's promise for this run's latest writes (one per segment of writes). */
  lastWrite: Promise<unknown> | null = null;
  /** When the last executor report this run used was received. */
  lastReportAt: string | null = null;
  /** What every step request of this run shares (made by the runner at its first step). */
  requestShared: Pick<StepRequest, 'tenant' | 'path'> | null = null;
  /** The expected duration of a step of this run's platform (the runner's, made once per run). */
  expectedMs: ((name: StepName) => number) | null = null;
  /** Why the run halted (lease lost, shutdown); null while it may go on. */
  private halted: StopReason | null = null;
  /** Why the current phase was stopped (a halt, or a cancellation); null while it goes on. */
  private phaseStopped: StopReason | null = null;
  /**
   * The signals are made when something asks for one (an executor that waits, a step that sends a
   * request): a run whose steps take no time needs none, and an AbortSignal is costly to make.
   */
  private halt: AbortController | null = null;
  private phase: AbortController | null = null;
  /** The runs' waits in unlessHalted: rejected when the run halts. */
  private haltWaiters: Set<(reason: StopReason) => void> | null = null;
  private endingPhase = false;
  private reportListeners = new Set<() => void>();

  constructor(
    readonly task: ClaimedTask,
    leaseValidMs: number,
    /** Who claimed it and how: the first line of this attempt's log. */
    readonly claim?: Pick<Claim, 'at' | 'message'>,
  ) {
    this.plan =
      task.kind === 'rollback'
        ? planRollback(task.nodes)
        : planSteps({
            nodes: task.nodes,
            steps: task.updateSteps,
            fromVersion: task.fromVersion,
            path: task.path,
          });
    this.done = new Set(task.doneSteps);
    this.cancelRequested = task.cancelRequested;
    this.cancelReason = task.cancelReason;
    this.leaseDeadline = performance.now() + leaseValidMs;
  }

  /** The snapshot this run restores on a node (for a rollback task) or took there (its own). */
  snapshotOf(node: string | null) {
    return [...this.task.snapshots].reverse().find((s) => s.node === node) ?? null;
  }

  get id(): string {
    return this.task.id;
  }

  /** Aborted on lease loss or shutdown. */
  get haltSignal(): AbortSignal {
    this.halt ??= aborted(this.halted);
    return this.halt.signal;
  }

  /** Aborted on lease loss, shutdown, or cancellation of the current phase. */
  get signal(): AbortSignal {
    this.phase ??= aborted(this.phaseStopped);
    return this.phase.signal;
  }

  get haltReason(): StopReason | null {
    return this.halted;
  }

  stop(reason: Exclude<StopReason, 'cancel'>): void {
    if (this.halted) return;
    this.halted = reason;
    this.halt?.abort(reason);
    const waiters = this.haltWaiters;
    this.haltWaiters = null;
    if (waiters) for (const reject of waiters) reject(reason);
    this.stopPhase(reason);
  }

  /** Aborts the current phase only (the run goes on to end as cancelled). */
  cancelPhase(): void {
    this.stopPhase('cancel');
  }

  private stopPhase(reason: StopReason): void {
    if (this.phaseStopped) return;
    this.phaseStopped = reason;
    this.phase?.abort(reason);
  }

  /** The run is ending (cancelled or failed): a cancel request no longer stops anything. */
  get ending(): boolean {
    return this.endingPhase;
  }

  /** A new phase after a cancellation or a failure (compensations, the last writes). */
  nextPhase(): void {
    if (this.halted) throw new RunStopped(this.halted);
    this.endingPhase = true;
    if (this.phaseStopped) {
      this.phaseStopped = null;
      this.phase = null;
    }
  }

  /** Throws RunStopped if the current phase was stopped (what its signal would say). */
  throwIfPhaseStopped(): void {
    if (this.phaseStopped) throw new RunStopped(this.phaseStopped);
  }

  /** Throws RunStopped when the lease can no longer be trusted or the run was stopped. */
  check(): void {
    if (performance.now() > this.leaseDeadline) this.stop('lease-lost');
    if (this.phaseStopped) throw new RunStopped(this.phaseStopped);
    if (this.cancelRequested) throw new RunStopped('cancel');
  }

  /** `promise`, unless the run halts first (then RunStopped). */
  unlessHalted<T>(promise: Promise<T>): Promise<T> {
    if (this.halted) return Promise.reject(new RunStopped(this.halted));
    return new Promise<T>((resolve, reject) => {
      const onHalt = (reason: StopReason) => reject(new RunStopped(reason));
      (this.haltWaiters ??= new Set()).add(onHalt);
      promise.then(
        (value) => {
          this.haltWaiters?.delete(onHalt);
          resolve(value);
        },
        (error: unknown) => {
          this.haltWaiters?.delete(onHalt);
          reject(error);
        },
      );
    });
  }

  /** Called when a callback stored a new executor report for this task. */
  reportArrived(): void {
    for (const listener of this.reportListeners) listener();
  }

  onReport(listener: () => void): () => void {
    this.reportListeners.add(listener);
    return () => this.reportListeners.delete(listener);
  }
}

/** A controller for a signal asked for after the fact: aborted already if the run was stopped. */
function aborted(reason: StopReason | null): AbortController {
  const controller = new AbortController();
  if (reason) controller.abort(reason);
  return controller;
}
