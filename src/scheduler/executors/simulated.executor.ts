import { delay } from './executor';
import type {
  AbortAnswer,
  Executor,
  SnapshotDeleteRequest,
  StepRequest,
  StepResult,
  StepContext,
} from './executor';

export interface SimulationSettings {
  /** Every step takes this long (SIMULATED_STEP_MS) … */
  stepMs: number;
  /** … unless its name has its own duration (SIMULATED_STEP_DURATIONS, e.g. apply=2000). */
  durations: Record<string, number>;
  /** Per step name, the probability of a failure (SIMULATED_FAILURE_RATES, e.g. apply=0.1). */
  failureRates: Record<string, number>;
}

/**
 * The embedded executor for trying the product out: each step just takes its configured time.
 * It walks any step plan. Failures are injected per tenant (`simulate.failStep`: any step name
 * such as `apply` or `reboot`, which fails at its first occurrence, or a step key such as
 * `apply@node-b` or `reboot[13.5.0]@node-b`) or per step name at random. A backup answers a
 * snapshot id (`sim-<task>-<run>-<step key>`).
 * With every duration 0 it is a no-op executor (the dispatch benchmark uses it so).
 */
export class SimulatedExecutor implements Executor {
  readonly driver = 'simulated' as const;

  constructor(
    private readonly settings: SimulationSettings,
    private readonly random: () => number = Math.random,
  ) {}

  async runStep(request: StepRequest, context: StepContext): Promise<StepResult> {
    const ms = this.settings.durations[request.step] ?? this.settings.stepMs;
    if (ms > 0) await delay(ms, context.signal);
    else context.throwIfStopped();

    const failStep = request.simulate?.failStep;
    if (failStep === request.step || failStep === request.stepKey) {
      return {
        ok: false,
        message: `simulated failure at ${request.stepKey} (the tenant's simulate.failStep)`,
      };
    }
    const rate = this.settings.failureRates[request.step] ?? 0;
    if (rate > 0 && this.random() < rate) {
      return {
        ok: false,
        message: `simulated failure at ${request.stepKey} (SIMULATED_FAILURE_RATES ${request.step}=${rate})`,
      };
    }
    if (request.step === 'backup') {
      return { ok: true, snapshotId: `sim-${request.taskId}-${request.run}-${request.stepKey}` };
    }
    return { ok: true };
  }

  async deleteSnapshot(request: SnapshotDeleteRequest): Promise<StepResult> {
    return { ok: true, message: `the simulated executor deleted ${request.snapshotId}` };
  }

  async abort(request: StepRequest): Promise<AbortAnswer> {
    return {
      outcome: 'cancelled',
      message: `the simulated executor stopped ${request.stepKey}`,
    };
  }
}
