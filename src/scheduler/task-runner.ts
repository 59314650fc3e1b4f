import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { AppConfig } from '../config/app-config';
import { type Executor, RunStopped, type StepRequest, type StepResult } from './executors/executor';
import { Executors } from './executors/executors';
import { precheckProblem, rollbackPrecheckProblem } from './prechecks';
import { idempotencyKey } from './executors/http.executor';
import { RunControlRepository } from './run-control.repository';
import { type JournalEntry } from './journal-segment';
import { RunJournal } from './run-journal';
import { StepContexts } from './step-contexts';
import { StepDurations } from './step-durations';
import {
  automaticRollbackSteps,
  compensationSteps,
  describeStep,
  type PlannedStep,
  progressPercent,
  type StepName,
  remainingMs,
} from './step-plan';
import {
  endMessage,
  leavesMixedVersions,
  type Outcome,
  partialUpdate,
  startMessage,
} from './step-messages';
import type { CurrentStep, TaskRun } from './task-run';
import { englishReason } from '../notifications/reasons';

/**
 * Runs one claimed task: its steps in order (skipping those a previous attempt completed), each
 * logged with progress and ETA; then the result. On a failure or a cancellation, failover frozen
 * for an HA rollout is unfrozen again. A run halted (lease lost, shutdown) stops without writing.
 */
@Injectable()
export class TaskRunner {
  private readonly logger = new Logger(TaskRunner.name);

  constructor(
    private readonly config: AppConfig,
    private readonly executors: Executors,
    private readonly journal: RunJournal,
    private readonly durations: StepDurations,
    private readonly contexts: StepContexts,
    private readonly control: RunControlRepository,
  ) {}

  async run(run: TaskRun): Promise<void> {
    const t = run.task;
    if (run.claim) {
      this.write(run, { event: { kind: 'info', at: run.claim.at, message: run.claim.message } });
    }
    try {
      const executor = this.executors.for(t.executor);
      if ('problem' in executor) return await this.end(run, 'failed', executor.problem);
      run.executor = executor;
      if (t.runAttempts > this.config.maxAttempts) {
        const interrupted = t.runAttempts - 1;
        return await this.fail(
          run,
          `the update was interrupted ${interrupted} time(s) (its replica stopped before it finished) and MAX_ATTEMPTS is ${this.config.maxAttempts}`,
        );
      }
      if (run.cancelRequested) {
        // A step of an earlier attempt may still be running at the executor: ask it to abort.
        const next = run.plan.find((s) => !run.done.has(s.key));
        if (next && (t.runAttempts > 1 || run.done.size > 0)) {
          run.abortAnswer = await executor.abort(this.request(run, next)).catch((e: Error) => ({
            outcome: 'failed' as const,
            message: `the executor could not be asked to abort: ${e.message}`,
          }));
        }
        return await this.cancelled(run);
      }
      if (run.done.size > 0) {
        this.write(run, {
          event: { kind: 'info', message: `completed steps kept: ${[...run.done].join(', ')}` },
        });
      }
      for (const step of run.plan) {
        if (run.done.has(step.key)) continue;
        run.check();
        const result = await this.runStep(run, step);
        if (!result.ok) {
          return await this.fail(run, `${describeStep(step)} failed: ${result.message}`, step);
        }
      }
      await this.end(run, 'succeeded', null);
    } catch (error) {
      await this.stopped(run, error);
    }
  }

  /**
   * An admin asked to cancel: the executor is asked to abort the step in flight. A run that is
   * already ending (cancelled or failed: its compensations and last writes) is not stopped again;
   * a second request (the NOTIFY and a write's answer can both bring it) whose answer comes once
   * the run is ending stops nothing: it would abort the compensations, and the run would end
   * without writing its result.
   */
  async requestCancel(run: TaskRun): Promise<void> {
    if (run.ending || (run.cancelRequested && run.abortAnswer)) return;
    run.cancelRequested = true; // no further step starts
    const current = run.current;
    if (!current || !run.executor) return run.cancelPhase();
    const answer = await run.executor.abort(current.request).catch((error: Error) => ({
      outcome: 'failed' as const,
      message: `the executor could not be asked to abort: ${error.message}`,
    }));
    // The step may have ended meanwhile; only the step that was asked to abort is stopped.
    if (run.current === current && !run.ending) {
      run.abortAnswer = answer;
      run.cancelPhase();
    }
  }

  private async stopped(run: TaskRun, error: unknown): Promise<void> {
    try {
      if (error instanceof RunStopped && error.reason === 'cancel')
        return await this.cancelled(run);
      if (error instanceof RunStopped || run.haltReason) return; // the lease is someone else's now
      this.logger.error(
        { err: error, taskId: run.id, tenantId: run.task.tenantId },
        'update run crashed',
      );
      await this.fail(run, `internal error: ${(error as Error).message}`);
    } catch (inner) {
      if (!(inner instanceof RunStopped)) {
        this.logger.error({ err: inner, taskId: run.id }, 'ending the run failed');
      }
    }
  }

  private async cancelled(run: TaskRun): Promise<void> {
    run.nextPhase();
    // The cancel request came after the claim (NOTIFY, a renewal, a write): its reason is in the row.
    run.cancelReason =
      (await this.control.cancelReason(run.id).catch(() => null)) ?? run.cancelReason;
    const answer = run.abortAnswer ?? {
      outcome: 'cancelled' as const,
      message: run.current
        ? `${describeStep(run.current.step)} stopped`
        : 'cancelled between steps, nothing was in flight',
    };
    const said = run.abortAnswer ? `the executor answered ${answer.outcome}: ` : '';
    this.write(run, { event: { kind: 'warning', message: `cancel: ${said}${answer.message}` } });
    const extra = await this.compensate(run);
    if (answer.outcome === 'cancelled' && !extra) return this.end(run, 'cancelled', null);
    const error = answer.outcome === 'failed' ? `cancel failed: ${answer.message}` : 'cancelled';
    return this.end(run, 'failed', `${error}${extra}`);
  }

  private async fail(run: TaskRun, error: string, failed?: PlannedStep): Promise<void> {
    run.nextPhase();
    const nodes = run.task.nodes.map((n) => n.name);
    const touched = new Set(run.plan.filter((s) => run.done.has(s.key)).map((s) => s.node));
    const untouched = nodes.filter((n) => !touched.has(n) && n !== failed?.node);
    if (nodes.length > 1 && untouched.length > 0) {
      this.write(run, {
        event: {
          kind: 'info',
          message: `rollout stopped; nodes left untouched: ${untouched.join(', ')}`,
        },
      });
    }
    const rolledBack = failed ? await this.rollBackAutomatically(run) : '';
    const extra = await this.compensate(run);
    return this.end(run, 'failed', `${error}${rolledBack}${extra}`);
  }

  /**
   * `rollbackOnFailure`: the nodes this run had updated are restored from the snapshots it took,
   * rebooted and verified, in the same run. Returns what the error adds ("; rolled back …").
   */
  private async rollBackAutomatically(run: TaskRun): Promise<string> {
    const t = run.task;
    if (t.kind !== 'update' || !t.rollbackOnFailure || !run.executor) return '';
    const steps = automaticRollbackSteps(run.plan, run.done, t.fromVersion, t.targetVersion);
    if (steps.length === 0) return '';
    const nodes = [...new Set(steps.map((s) => s.node ?? 'the tenant'))].join(', ');
    this.write(run, {
      event: {
        kind: 'warning',
        message: `rollbackOnFailure: restoring ${nodes} to ${t.fromVersion} from the snapshots taken before the update`,
      },
    });
    for (const step of steps) {
      if (run.done.has(step.key)) continue;
      const result = await this.runStep(run, step);
      if (!result.ok) {
        return `; the automatic rollback failed: ${describeStep(step)} failed: ${result.message}`;
      }
    }
    run.rolledBack = true;
    this.write(run, {
      event: { kind: 'info', message: `rolled back: ${nodes} run ${t.fromVersion} again` },
    });
    return `; rolled back to ${t.fromVersion} (${nodes} restored from snapshots)`;
  }

  /** Unfreezes failover after a failed or cancelled HA rollout; returns what went wrong, if anything. */
  private async compensate(run: TaskRun): Promise<string> {
    let problems = '';
    for (const step of compensationSteps(run.plan, run.done)) {
      const result = run.executor
        ? await this.runStep(run, step)
        : { ok: false as const, message: 'no executor' };
      if (!result.ok) problems += `; then ${describeStep(step)} failed: ${result.message}`;
    }
    return problems;
  }

  /**
   * Logs the step's start, performs it, logs its end. Not an async function: one promise per step
   * (the executor's, then the end), none of its own.
   */
  private runStep(run: TaskRun, step: PlannedStep): Promise<StepResult> {
    const request = this.request(run, step);
    const startedAt = performance.now();
    const current = { step, key: step.key, request, startedAt };
    run.current = current;
    this.write(run, {
      event: {
        kind: 'step_started',
        step: step.name,
        node: step.node,
        message: startMessage(run, step),
      },
      progress: { step: describeStep(step), eta: this.eta(run) },
    });
    return this.perform(run, step, request).then((result) => this.stepEnded(run, current, result));
  }

  /** The step's end: recorded (done, its snapshot, its duration) and logged. */
  private stepEnded(run: TaskRun, current: CurrentStep, result: StepResult): StepResult {
    const t = run.task;
    const { step, request, startedAt } = current;
    const ms = Math.round(performance.now() - startedAt);
    // Recorded with the step's completion, in one transaction: a resumed run that finds the step
    // done finds its snapshot.
    const snapshot =
      result.ok && step.name === 'backup'
        ? {
            id: randomUUID(),
            externalId: result.snapshotId ?? idempotencyKey(request),
            taskId: t.id,
            run: t.run,
            stepKey: step.key,
            node: step.node,
            version: t.installedVersion,
            retentionDays: t.snapshotRetentionDays,
          }
        : undefined;
    if (snapshot) t.snapshots.push({ ...snapshot, state: 'available' });
    if (result.ok) {
      run.done.add(step.key);
      this.durations.observe(t.platformId, step.name, ms);
    }
    run.current = null;
    this.write(run, {
      event: {
        kind: result.ok ? 'step_completed' : 'step_failed',
        step: step.name,
        node: step.node,
        durationMs: ms,
        message: result.ok
          ? `${describeStep(step)} completed in ${ms} ms${result.message ? `: ${result.message}` : ''}`
          : `${describeStep(step)} failed after ${ms} ms: ${result.message}`,
      },
      progress: result.ok
        ? { percent: progressPercent(run.plan, run.done), eta: this.eta(run) }
        : undefined,
      done: result.ok ? step.key : undefined,
      snapshot,
    });
    return result;
  }

  /** The step's result (not an async function: the executor's promise is handed on as it is). */
  private perform(run: TaskRun, step: PlannedStep, request: StepRequest): Promise<StepResult> {
    const executor = run.executor as Executor;
    if (step.name === 'precheck') {
      const facts = { ...run.task, tenantState: run.task.tenantPriorState };
      const problem =
        run.task.kind === 'rollback'
          ? rollbackPrecheckProblem(facts, run.plan, (node) => run.snapshotOf(node))
          : precheckProblem(facts);
      if (problem) return Promise.resolve({ ok: false, message: problem });
    }
    if (step.name === 'restore' && !request.snapshotId) {
      return Promise.resolve({
        ok: false,
        message: `no snapshot of ${step.node ?? 'the tenant'} to restore`,
      });
    }
    return executor.runStep(
      request,
      this.contexts.for(run, (percent, message) => {
        this.write(run, {
          event: message ? { kind: 'info', step: step.name, node: step.node, message } : undefined,
          progress: {
            percent: progressPercent(run.plan, run.done, percent ?? 0),
            eta: this.eta(run),
          },
        });
      }),
    );
  }

  /**
   * Writes the result. A run that ends without success after it had updated a node (an apply
   * completed) fails, whatever stopped it, and marks the tenant failed: some of its nodes run the
   * target version, the others do not, and the tenant keeps its version until a retry finishes.
   */
  private async end(run: TaskRun, outcome: Outcome, problem: string | null): Promise<void> {
    const t = run.task;
    const partial = outcome === 'succeeded' || run.rolledBack ? null : partialUpdate(run);
    const mixed = outcome !== 'succeeded' && !run.rolledBack && leavesMixedVersions(run);
    const status = partial ? 'failed' : outcome;
    const cancelled = `cancelled: ${englishReason(run.cancelReason) ?? 'by an admin'}`;
    const error = partial ? `${problem ?? cancelled}; ${partial}` : problem;
    const message = endMessage(run, status, error, mixed);
    // One queue: the run's earlier writes commit first (or with it, in the same transaction).
    const ended = await run.unlessHalted(
      this.journal.complete({
        taskId: t.id,
        status,
        error,
        message,
        attempt: t.attempts,
        tenantFailed: mixed,
        rolledBack: run.rolledBack,
      }),
    );
    if (!ended)
      this.logger.warn({ taskId: t.id }, 'the lease was lost before the result was written');
  }

  private write(run: TaskRun, entry: Omit<JournalEntry, 'taskId' | 'attempt'>): void {
    const own = entry as JournalEntry; // a new literal per call: completed here, not copied
    own.taskId = run.id;
    own.attempt = run.task.attempts;
    const written = this.journal.write(own);
    // The writes of one segment share a promise: its outcome is handled once.
    if (written === run.lastWrite) return;
    run.lastWrite = written;
    void written.then((result) => {
      if (!result.held) run.stop('lease-lost');
      else if (result.cancelRequested && !run.cancelRequested) void this.requestCancel(run);
    });
  }

  /** When the run should end (epoch milliseconds). */
  private eta(run: TaskRun): number {
    if (!run.expectedMs) {
      const t = run.task;
      const fallback = (t.expectedDurationMinutes * 60_000) / run.plan.length;
      run.expectedMs = (name: StepName) => this.durations.expected(t.platformId, name, fallback);
    }
    const left = remainingMs(
      performance.now(),
      run.plan,
      run.done,
      run.expectedMs,
      run.current ?? undefined,
    );
    return Date.now() + left;
  }

  private request(run: TaskRun, step: PlannedStep): StepRequest {
    const t = run.task;
    // The same for every step of the run (executors only read them).
    const shared = (run.requestShared ??= {
      tenant: { id: t.tenantId, name: t.tenantName, nodes: t.nodes.map((n) => n.name) },
      path: [t.fromVersion, ...t.path],
    });
    return {
      taskId: t.id,
      run: t.run,
      attempt: t.attempts,
      step: step.name,
      node: step.node,
      stepKey: step.key,
      tenant: shared.tenant,
      platformId: t.platformId,
      fromVersion: step.fromVersion ?? t.fromVersion,
      targetVersion: step.version ?? t.targetVersion,
      path: shared.path,
      snapshotId: step.name === 'restore' ? (run.snapshotOf(step.node)?.externalId ?? null) : null,
      redeploy: t.redeploy,
      simulate: t.simulate,
    };
  }
}
