import { performance } from 'node:perf_hooks';
import type { ClaimedTask } from './claimed-task';
import type { Claim } from './claimer.service';
import type { AbortAnswer, Executor, StepRequest, StopReason } from './executors/executor';
import { RunStopped } from './executors/executor';
import { type PlannedStep, planRollback, planSteps } from './step-plan';

/** The step a run is performing right now. */
export interface CurrentStep {
  step: PlannedStep;
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
  private readonly halt = new AbortController();
  private phase = new AbortController();
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
    return this.halt.signal;
  }

  /** Aborted on lease loss, shutdown, or cancellation of the current phase. */
  get signal(): AbortSignal {
    return this.phase.signal;
  }

  get haltReason(): StopReason | null {
    return this.halt.signal.aborted ? (this.halt.signal.reason as StopReason) : null;
  }

  stop(reason: Exclude<StopReason, 'cancel'>): void {
    if (this.halt.signal.aborted) return;
    this.halt.abort(reason);
    this.phase.abort(reason);
  }

  /** Aborts the current phase only (the run goes on to end as cancelled). */
  cancelPhase(): void {
    if (!this.phase.signal.aborted) this.phase.abort('cancel');
  }

  /** The run is ending (cancelled or failed): a cancel request no longer stops anything. */
  get ending(): boolean {
    return this.endingPhase;
  }

  /** A new phase after a cancellation or a failure (compensations, the last writes). */
  nextPhase(): void {
    if (this.halt.signal.aborted) throw new RunStopped(this.halt.signal.reason as StopReason);
    this.endingPhase = true;
    if (this.phase.signal.aborted) this.phase = new AbortController();
  }

  /** Throws RunStopped when the lease can no longer be trusted or the run was stopped. */
  check(): void {
    if (performance.now() > this.leaseDeadline) this.stop('lease-lost');
    if (this.phase.signal.aborted) throw new RunStopped(this.phase.signal.reason as StopReason);
    if (this.cancelRequested) throw new RunStopped('cancel');
  }

  /** `promise`, unless the run halts first (then RunStopped). */
  async unlessHalted<T>(promise: Promise<T>): Promise<T> {
    const signal = this.halt.signal;
    if (signal.aborted) throw new RunStopped(signal.reason as StopReason);
    let onAbort: () => void = () => undefined;
    const halted = new Promise<never>((_, reject) => {
      onAbort = () => reject(new RunStopped(signal.reason as StopReason));
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([promise, halted]);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
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
