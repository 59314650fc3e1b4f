import { BadRequestError, type ErrorDetail } from '../common/errors';
import type { TaskStatus } from '../updates/task-status';
import type { TagQuestion, WavePlan, WaveStep } from '../updates/tenant-groups.repository';

/**
 * The arithmetic of rollouts, pure (docs/rollouts.md states it with examples): how tenants split
 * into waves, and when a wave's success gate opens and the error gate trips.
 */

export const MAX_WAVES = 20;
export const ON_ERROR = ['pause', 'stop'] as const;
export type OnError = (typeof ON_ERROR)[number];

export const ROLLOUT_STATES = [
  'awaiting_confirmation',
  'scheduled',
  'running',
  'paused',
  'succeeded',
  'failed',
  'stopped',
  'cancelled',
] as const;
export type RolloutState = (typeof ROLLOUT_STATES)[number];
/** States in which nothing changes any more. */
export const ENDED_STATES: readonly RolloutState[] = [
  'succeeded',
  'failed',
  'stopped',
  'cancelled',
];
/** States in which the gates are evaluated (tasks may run). */
export const ACTIVE_STATES: readonly RolloutState[] = ['scheduled', 'running'];

export const WAVE_STATES = ['held', 'open', 'passed', 'tripped'] as const;
export type WaveState = (typeof WAVE_STATES)[number];

/** How a wave picks its tenants among those not placed in an earlier wave. */
export type WaveSpec = { name?: string } & (
  | { percent: number; count?: undefined; tags?: undefined }
  | { count: number; percent?: undefined; tags?: undefined }
  | { tags: string[]; percent?: undefined; count?: undefined }
);

/** A count, or a percent (two decimals at most). */
export type Amount =
  { count: number; percent?: undefined } | { percent: number; count?: undefined };

/** Percent of `total`, rounded up: 0.5% of 150 is 1 (0.75 rounded up). Exact for two decimals. */
export function percentOf(percent: number, total: number): number {
  return Math.ceil((Math.round(percent * 100) * total) / 10_000);
}

/** A threshold of failures or running tasks: the count, or the percent of `total` (at least 1). */
export function amountOf(amount: Amount, total: number): number {
  if (amount.count !== undefined) return amount.count;
  return Math.max(1, percentOf(amount.percent, total));
}

/** Checks that each wave names exactly one way to pick its tenants. */
export function waveSpecs(
  waves: { name?: string; percent?: number; count?: number; tags?: string[] }[] | undefined,
): WaveSpec[] {
  if (!waves) return [{ percent: 100 }];
  const details: ErrorDetail[] = [];
  const specs = waves.map((w, i): WaveSpec => {
    const given = (['percent', 'count', 'tags'] as const).filter((k) => w[k] !== undefined);
    if (given.length !== 1) {
      details.push({
        field: `waves[${i}]`,
        reason:
          given.length === 0
            ? 'needs one of percent, count, tags'
            : `give only one of ${given.join(', ')}`,
      });
    }
    const name = w.name;
    if (w.percent !== undefined) return { name, percent: w.percent };
    if (w.count !== undefined) return { name, count: w.count };
    return { name, tags: w.tags ?? [] };
  });
  if (details.length)
    throw new BadRequestError(`${details[0].field} ${details[0].reason}`, details);
  return specs;
}

/** Checks that a threshold names exactly one of count and percent. */
export function amount(
  field: string,
  given: { count?: number; percent?: number } | undefined,
): Amount | null {
  if (!given) return null;
  if ((given.count === undefined) === (given.percent === undefined)) {
    const reason = 'needs exactly one of count, percent';
    throw new BadRequestError(`${field} ${reason}`, [{ field, reason }]);
  }
  return given.count !== undefined ? { count: given.count } : { percent: given.percent as number };
}

/**
 * The wave arithmetic, in one place for SQL and memory alike. Each wave takes from the tenants that
 * no earlier wave took: a percent of them (rounded up), a count of them (the first in creation
 * order), or every one having all its tags. Tenants left after the last wave join it. A wave that
 * takes no tenant is refused (400 naming it), so a rollout never has an empty wave.
 *
 * Percent and count waves need only the number of tenants left; for a tag wave the generator asks
 * (yields) how many of the tenants that the steps so far did not take have its tags, and goes on
 * with the answer. `total` is the number of tenants in the rollout.
 */
export function* waveArithmetic(
  specs: WaveSpec[],
  total: number,
): Generator<TagQuestion, WavePlan, number> {
  const steps: WaveStep[] = [];
  const sizes: number[] = [];
  let left = total;
  for (const [i, spec] of specs.entries()) {
    let taken: number;
    if (spec.tags) {
      taken = left === 0 ? 0 : yield { steps: [...steps], tags: spec.tags };
      steps.push({ tags: spec.tags });
    } else {
      taken = Math.min(left, spec.count ?? percentOf(spec.percent, left));
      steps.push({ take: taken });
    }
    if (taken === 0) {
      const reason =
        left === 0
          ? 'takes no tenant: the waves before it took every tenant of the scope'
          : `takes no tenant: no tenant left in the scope has the tags ${(spec.tags ?? []).join(', ')}`;
      throw new BadRequestError(`waves[${i}] ${reason}`, [{ field: `waves[${i}]`, reason }]);
    }
    sizes.push(taken);
    left -= taken;
  }
  sizes[sizes.length - 1] += left;
  return { steps, sizes };
}

/** The wave plan, asking `tagged` (e.g. a count in SQL) what the arithmetic needs to know. */
export async function planWaves(
  specs: WaveSpec[],
  total: number,
  tagged: (question: TagQuestion) => Promise<number>,
): Promise<WavePlan> {
  const arithmetic = waveArithmetic(specs, total);
  let next = arithmetic.next();
  while (!next.done) next = arithmetic.next(await tagged(next.value));
  return next.value;
}

/** Applies steps to tenants in memory, as the task INSERT does in SQL: each tenant's wave, -1 if none. */
function applySteps(steps: WaveStep[], tenants: { tags: string[] }[]): number[] {
  const wave = new Array<number>(tenants.length).fill(-1);
  steps.forEach((step, i) => {
    let taken = 0;
    tenants.forEach((t, k) => {
      if (wave[k] !== -1) return;
      if (step.tags ? step.tags.every((tag) => t.tags.includes(tag)) : taken < step.take) {
        wave[k] = i;
        taken++;
      }
    });
  });
  return wave;
}

/**
 * The wave of each tenant (tenants in creation order), in memory: the arithmetic of
 * `waveArithmetic` with its steps applied as SQL applies them (docs/rollouts.md's examples).
 */
export function assignWaves(specs: WaveSpec[], tenants: { tags: string[] }[]): number[] {
  const arithmetic = waveArithmetic(specs, tenants.length);
  let next = arithmetic.next();
  while (!next.done) {
    const { steps, tags } = next.value;
    const left = applySteps(steps, tenants);
    const n = tenants.filter((t, k) => left[k] === -1 && tags.every((tag) => t.tags.includes(tag)));
    next = arithmetic.next(n.length);
  }
  const last = specs.length - 1;
  return applySteps(next.value.steps, tenants).map((w) => (w === -1 ? last : w));
}

/** A wave's tasks per status. */
export type Counts = Record<TaskStatus, number>;

export function totalOf(c: Counts): number {
  return c.held + c.scheduled + c.running + c.succeeded + c.failed + c.cancelled;
}

/** Tasks that count towards the success gate: every task but the cancelled ones. */
export function countedOf(c: Counts): number {
  return totalOf(c) - c.cancelled;
}

/** Open tasks: not finished. */
export function unfinishedOf(c: Counts): number {
  return c.held + c.scheduled + c.running;
}

/**
 * The success gate: at least `threshold` percent of the wave's counted tasks succeeded
 * (succeeded × 100 ≥ threshold × counted; a wave whose every task was cancelled passes).
 */
export function successReached(threshold: number, c: Counts): boolean {
  return c.succeeded * 100 >= threshold * countedOf(c);
}

/** Percent of the counted tasks that succeeded, rounded down (for the words). */
export function successPercent(c: Counts): number {
  const counted = countedOf(c);
  return counted === 0 ? 100 : Math.floor((c.succeeded * 100) / counted);
}

export interface ErrorGate {
  threshold: Amount;
  /** Failures before the last resume, per wave and in all: not counted again. */
  failedBase: number;
}

export interface GateFacts {
  threshold: Amount | null;
  rolloutFailedBase: number;
  rolloutTotal: number;
  rolloutFailed: number;
  waves: { index: number; total: number; failed: number; failedBase: number }[];
}

/**
 * Where the error gate trips, or null: at the failure that reaches the threshold (`count: 3` trips
 * at the third failure). A count is over the whole rollout; a percent trips a wave whose failures
 * reach that percent of its tasks, or the rollout when all its failures reach that percent of all
 * its tasks (rounded up, at least one). Failures before the last resume are not counted again.
 */
export function errorTrip(g: GateFacts): { wave: number | null; reason: string } | null {
  if (!g.threshold) return null;
  const failed = g.rolloutFailed - g.rolloutFailedBase;
  const limit = amountOf(g.threshold, g.rolloutTotal);
  if (g.threshold.percent !== undefined) {
    for (const w of g.waves) {
      const waveLimit = amountOf(g.threshold, w.total);
      const waveFailed = w.failed - w.failedBase;
      if (waveFailed >= waveLimit) {
        return {
          wave: w.index,
          reason: `${waveFailed} of the ${w.total} tasks of wave ${w.index + 1} failed, reaching the error threshold of ${g.threshold.percent}% (${waveLimit})`,
        };
      }
    }
  }
  if (failed >= limit) {
    const what =
      g.threshold.percent !== undefined
        ? `${g.threshold.percent}% of ${g.rolloutTotal} (${limit})`
        : String(limit);
    return {
      wave: null,
      reason: `${failed} tasks failed, reaching the error threshold of ${what}`,
    };
  }
  return null;
}
