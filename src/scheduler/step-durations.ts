import { Injectable, Logger } from '@nestjs/common';
import { RunControlRepository } from './run-control.repository';
import type { StepName } from './step-plan';

/** Recent completed steps the averages start from. */
const SAMPLE = 5_000;
/** Weight of a new observation in the moving average. */
const ALPHA = 0.2;

/**
 * How long steps took before, per platform and step name: the ETA of a running update is the
 * expected duration of its remaining steps. Starts from the recent log of every replica, then
 * follows what this process sees (an exponential moving average).
 */
@Injectable()
export class StepDurations {
  private readonly logger = new Logger(StepDurations.name);
  /** Per platform, per step name (no key built per lookup: the ETA looks up every step). */
  private readonly means = new Map<string, Map<string, number>>();

  constructor(private readonly runs: RunControlRepository) {}

  async load(): Promise<void> {
    try {
      const rows = await this.runs.recentStepDurations(SAMPLE);
      for (const r of rows) this.of(r.platformId).set(r.step, r.meanMs);
    } catch (error) {
      this.logger.warn(
        { err: error },
        'could not read past step durations; ETAs start from defaults',
      );
    }
  }

  observe(platformId: string, step: StepName, ms: number): void {
    const means = this.of(platformId);
    const mean = means.get(step);
    means.set(step, mean === undefined ? ms : mean + ALPHA * (ms - mean));
  }

  /** The expected duration of a step, or `fallbackMs` if it was never seen on this platform. */
  expected(platformId: string, step: StepName, fallbackMs: number): number {
    return this.means.get(platformId)?.get(step) ?? fallbackMs;
  }

  private of(platformId: string): Map<string, number> {
    let means = this.means.get(platformId);
    if (!means) this.means.set(platformId, (means = new Map()));
    return means;
  }
}
