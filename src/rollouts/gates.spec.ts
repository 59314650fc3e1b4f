import { BadRequestError } from '../common/errors';
import {
  amountOf,
  assignWaves,
  type Counts,
  errorTrip,
  percentOf,
  successReached,
  waveSpecs,
} from './gates';

const tenants = (n: number, tags: (i: number) => string[] = () => []) =>
  Array.from({ length: n }, (_, i) => ({ tags: tags(i) }));
const sizes = (waves: number[]) =>
  waves.reduce<number[]>((s, w) => {
    s[w] = (s[w] ?? 0) + 1;
    return s;
  }, []);
const counts = (c: Partial<Counts>): Counts => ({
  held: 0,
  scheduled: 0,
  running: 0,
  succeeded: 0,
  failed: 0,
  cancelled: 0,
  ...c,
});

describe('rollout arithmetic', () => {
  it('rounds percents up: 0.5% of 150 is 1, 10% of 30 is 3, 33.33% of 3 is 1', () => {
    expect(percentOf(0.5, 150)).toBe(1);
    expect(percentOf(10, 30)).toBe(3);
    expect(percentOf(33.33, 3)).toBe(1);
    expect(percentOf(100, 7)).toBe(7);
    expect(amountOf({ percent: 1 }, 0)).toBe(1);
  });

  it('splits by percent of the tenants not placed yet; leftovers join the last wave', () => {
    expect(sizes(assignWaves([{ percent: 10 }, { percent: 100 }], tenants(100)))).toEqual([10, 90]);
    expect(sizes(assignWaves([{ percent: 10 }, { percent: 50 }], tenants(100)))).toEqual([10, 90]);
    expect(sizes(assignWaves([{ percent: 0.5 }, { percent: 100 }], tenants(150)))).toEqual([
      1, 149,
    ]);
    expect(sizes(assignWaves([{ count: 1 }, { count: 5 }], tenants(1 + 5 + 3)))).toEqual([1, 8]);
    // a wave of one tenant
    expect(assignWaves([{ percent: 50 }], tenants(1))).toEqual([0]);
  });

  it('takes tagged tenants first, in creation order otherwise', () => {
    const t = tenants(6, (i) => (i % 3 === 0 ? ['ring:canary'] : []));
    expect(assignWaves([{ tags: ['ring:canary'] }, { count: 2 }, { percent: 100 }], t)).toEqual([
      0, 1, 1, 0, 2, 2,
    ]);
  });

  it('refuses a wave that takes no tenant, naming it', () => {
    const refuse = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as BadRequestError).details;
      }
      throw new Error('not refused');
    };
    expect(refuse(() => assignWaves([{ percent: 100 }, { count: 1 }], tenants(3)))).toEqual([
      expect.objectContaining({ field: 'waves[1]' }),
    ]);
    expect(refuse(() => assignWaves([{ tags: ['ring:none'] }], tenants(3)))).toEqual([
      expect.objectContaining({ field: 'waves[0]' }),
    ]);
    expect(refuse(() => waveSpecs([{ percent: 5, count: 2 }, {}]))).toEqual([
      expect.objectContaining({ field: 'waves[0]' }),
      expect.objectContaining({ field: 'waves[1]' }),
    ]);
  });

  it('passes the success gate at the threshold; cancelled tasks do not count', () => {
    expect(successReached(95, counts({ succeeded: 19, running: 1 }))).toBe(true);
    expect(successReached(95, counts({ succeeded: 18, failed: 2 }))).toBe(false);
    expect(successReached(100, counts({ succeeded: 3, cancelled: 2 }))).toBe(true);
    expect(successReached(100, counts({ cancelled: 2 }))).toBe(true);
  });

  it('trips the error gate at the failure that reaches the threshold', () => {
    const facts = (failed: number, base = 0) => ({
      threshold: { count: 3 },
      rolloutFailedBase: base,
      rolloutTotal: 100,
      rolloutFailed: failed,
      waves: [{ index: 0, total: 100, failed, failedBase: base }],
    });
    expect(errorTrip(facts(2))).toBeNull();
    expect(errorTrip(facts(3))).toMatchObject({ wave: null });
    expect(errorTrip(facts(4, 2))).toBeNull();
    // 10% of a wave of 5 is 1 (rounded up): the first failure of that wave trips it
    expect(
      errorTrip({
        threshold: { percent: 10 },
        rolloutFailedBase: 0,
        rolloutTotal: 105,
        rolloutFailed: 1,
        waves: [
          { index: 0, total: 5, failed: 1, failedBase: 0 },
          { index: 1, total: 100, failed: 0, failedBase: 0 },
        ],
      }),
    ).toMatchObject({ wave: 0 });
  });
});
