import { BoundedCount } from './bounded-count';
import { Clock } from './clock';

class FixedClock extends Clock {
  constructor(public at: Date) {
    super();
  }
  now(): Date {
    return this.at;
  }
}

describe('BoundedCount', () => {
  const start = new Date('2027-01-04T10:00:00Z');

  function counter() {
    const clock = new FixedClock(start);
    let computed = 0;
    let release: (() => void) | null = null;
    let hold = false;
    const count = new BoundedCount(
      async () => {
        computed++;
        if (hold) await new Promise<void>((resolve) => (release = resolve));
        return computed;
      },
      clock,
      30_000,
    );
    return {
      count,
      clock,
      computed: () => computed,
      holdNext: () => (hold = true),
      release: () => {
        hold = false;
        release?.();
      },
    };
  }

  it('computes once per interval; reads in between get the last value', async () => {
    const c = counter();
    expect(await c.count.read()).toBe(1);
    c.clock.at = new Date(start.getTime() + 29_999);
    expect(await c.count.read()).toBe(1);
    expect(c.computed()).toBe(1);
    c.clock.at = new Date(start.getTime() + 30_000);
    expect(await c.count.read()).toBe(2);
  });

  it('reads during a computation share it', async () => {
    const c = counter();
    c.holdNext();
    const reads = [c.count.read(), c.count.read(), c.count.read()];
    c.release();
    expect(await Promise.all(reads)).toEqual([1, 1, 1]);
    expect(c.computed()).toBe(1);
  });

  it('does not keep a failed computation', async () => {
    const clock = new FixedClock(start);
    let calls = 0;
    const count = new BoundedCount(
      async () => {
        calls++;
        if (calls === 1) throw new Error('database down');
        return 7;
      },
      clock,
      30_000,
    );
    await expect(count.read()).rejects.toThrow('database down');
    expect(await count.read()).toBe(7);
  });
});
