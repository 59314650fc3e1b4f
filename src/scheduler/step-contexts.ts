import { Injectable } from '@nestjs/common';
import {
  RunStopped,
  type StepContext,
  type StopReason,
  throwIfStopped,
} from './executors/executor';
import { RunControlRepository, type StoredReport } from './run-control.repository';
import type { TaskRun } from './task-run';

/** What a running step gets from the runner: its stop signal, progress, and executor reports. */
@Injectable()
export class StepContexts {
  constructor(private readonly control: RunControlRepository) {}

  for(run: TaskRun, progress: StepContext['progress']): StepContext {
    return new RunStepContext(run, progress, (ms) => this.waitForReport(run, ms));
  }

  /**
   * Waits until a callback stores a report for this task (its replica is told by NOTIFY) or `ms`
   * pass, then reads the stored report: it counts if it is about the current step and newer than
   * the last one used. Reading after the timeout too covers a notification missed while the
   * listener reconnected.
   */
  private waitForReport(run: TaskRun, ms: number): Promise<StoredReport | null> {
    const signal = run.signal;
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(new RunStopped(signal.reason as StopReason));
      let settled = false;
      const finish = () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        unsubscribe();
        signal.removeEventListener('abort', onAbort);
      };
      const read = () => {
        if (settled) return;
        finish();
        // A database hiccup only costs the shortcut: the executor then polls.
        this.read(run).then(resolve, () => resolve(null));
      };
      const onAbort = () => {
        if (settled) return;
        finish();
        reject(new RunStopped(signal.reason as StopReason));
      };
      const timer = setTimeout(read, ms);
      const unsubscribe = run.onReport(read);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  private async read(run: TaskRun): Promise<StoredReport | null> {
    const report = await this.control.readReport(run.id);
    const current = run.current;
    if (!report || !current) return null;
    if (report.run !== run.task.run || report.stepKey !== current.step.key) return null;
    if (report.receivedAt === run.lastReportAt) return null;
    run.lastReportAt = report.receivedAt;
    return report;
  }
}

/** One step's context (one object per step: a run's steps may be many and short). */
class RunStepContext implements StepContext {
  private last: { percent: number | null; message?: string } | null = null;
  private stepSignal: AbortSignal | null = null;

  constructor(
    private readonly run: TaskRun,
    private readonly report: StepContext['progress'],
    readonly waitForReport: StepContext['waitForReport'],
  ) {}

  /** Asked for by executors that wait or send requests (made once per phase of the run). */
  get signal(): AbortSignal {
    return (this.stepSignal ??= this.run.signal);
  }

  throwIfStopped(): void {
    if (this.stepSignal) throwIfStopped(this.stepSignal);
    else this.run.throwIfPhaseStopped();
  }

  /** Passes on what changed: the same percent and message again are not written again. */
  progress(percent: number | null, message?: string): void {
    const last = this.last;
    if (last && last.percent === percent && last.message === message) return;
    const newMessage = message !== undefined && message !== last?.message ? message : undefined;
    this.last = { percent, message };
    this.report(percent, newMessage);
  }
}
