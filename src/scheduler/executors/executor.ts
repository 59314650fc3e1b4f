import type { TenantSimulation } from '../../tenants/tenant.entity';
import type { StepName } from '../step-plan';

/** One step of one run of one task, as an executor is asked to perform it. */
export interface StepRequest {
  taskId: string;
  /** 1, then +1 for each admin retry. With taskId and stepKey it names the operation. */
  run: number;
  attempt: number;
  step: StepName;
  node: string | null;
  stepKey: string;
  tenant: { id: string; name: string; nodes: string[] };
  platformId: string;
  /** The version the node runs before this step's hop (an update of several hops: the hop's). */
  fromVersion: string;
  /** The version this step installs, restores or verifies (on a path: the hop's). */
  targetVersion: string;
  /** Every version of the update in turn, the installed one first. */
  path: string[];
  /** restore: the executor's id of the snapshot to restore. */
  snapshotId: string | null;
  /** Reinstall even if the tenant already runs the target version. */
  redeploy: boolean;
  /** Simulated executor only (never sent anywhere). */
  simulate: TenantSimulation | null;
}

export type StepResult =
  | {
      ok: true;
      message?: string;
      /** backup: the executor's id of the snapshot taken. */ snapshotId?: string;
    }
  | { ok: false; message: string };

/** Deleting an expired (or early-deleted) snapshot at the deployment API. */
export interface SnapshotDeleteRequest {
  /** This service's id of the snapshot: with the action it names the operation. */
  id: string;
  snapshotId: string;
  tenant: { id: string; name: string };
  platformId: string;
  node: string | null;
  version: string;
  takenAt: string;
}

/** What the http executor reported about a step (callback), as stored on the task. */
export interface ExecutorReport {
  run: number;
  stepKey: string;
  status: 'running' | 'succeeded' | 'failed';
  percent?: number;
  message?: string;
}

/** What a running step can use from the runner. */
export interface StepContext {
  /** Aborted when the run stops: cancelled, lease lost, or shutting down. */
  readonly signal: AbortSignal;
  /** Throws RunStopped if the run was stopped (as throwIfStopped(signal), without needing one). */
  throwIfStopped(): void;
  /** The step's own progress (0..100) and what the executor says it is doing. */
  progress(percent: number | null, message?: string): void;
  /**
   * Resolves with the executor's report on this step as soon as a callback stores one, or with
   * null after `ms`. Rejects when the signal aborts.
   */
  waitForReport(ms: number): Promise<ExecutorReport | null>;
}

/** The executor's answer to "abort this step": how the task ends. */
export interface AbortAnswer {
  outcome: 'cancelled' | 'failed';
  message: string;
}

/** Does the work of a step. Implementations: simulated (default) and http. */
export interface Executor {
  readonly driver: 'simulated' | 'http';
  runStep(request: StepRequest, context: StepContext): Promise<StepResult>;
  abort(request: StepRequest): Promise<AbortAnswer>;
  deleteSnapshot(request: SnapshotDeleteRequest): Promise<StepResult>;
}

/** The reason a run was stopped from outside (its AbortSignal's reason). */
export type StopReason = 'cancel' | 'lease-lost' | 'shutdown';

export class RunStopped extends Error {
  constructor(readonly reason: StopReason) {
    super(`run stopped: ${reason}`);
  }
}

/** Throws RunStopped if the signal was aborted. */
export function throwIfStopped(signal: AbortSignal): void {
  if (signal.aborted) throw new RunStopped(signal.reason as StopReason);
}

/** Waits `ms`, or less if the signal aborts (then rejects with RunStopped). */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new RunStopped(signal.reason as StopReason));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new RunStopped(signal?.reason as StopReason));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** `promise`, or undefined once `ms` have passed (the timer does not outlive the race). */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
