import { Clock } from '../common/clock';
import { RecentGroups } from './recent-groups';

class HandClock extends Clock {
  constructor(public at: number) {
    super();
  }
  now(): Date {
    return new Date(this.at);
  }
}

describe('RecentGroups (a dry run over a large scope)', () => {
  const start = Date.parse('2027-01-04T10:00:00Z');

  function setup(maxAgeMs = 30_000) {
    const clock = new HandClock(start);
    const recent = new RecentGroups<{ tenants: number }>(clock, maxAgeMs, 1000);
    let counted = 0;
    const count = (tenants: number) => async () => {
      counted++;
      return [{ tenants: tenants - 1 }, { tenants: 1 }];
    };
    return { clock, recent, count, counted: () => counted };
  }

  it('answers a large scope from its last count while that count is younger than the bound', async () => {
    const { clock, recent, count, counted } = setup();
    await recent.read('partner A', count(5000));
    clock.at += 29_999;
    expect(await recent.read('partner A', count(6000))).toEqual([
      { tenants: 4999 },
      { tenants: 1 },
    ]);
    expect(counted()).toBe(1);
  });

  it('counts again once the last count is as old as the bound: staleness never exceeds it', async () => {
    const { clock, recent, count, counted } = setup();
    await recent.read('partner A', count(5000));
    clock.at += 30_000;
    expect(await recent.read('partner A', count(6000))).toEqual([
      { tenants: 5999 },
      { tenants: 1 },
    ]);
    expect(counted()).toBe(2);
  });

  it('always counts a small scope afresh', async () => {
    const { recent, count, counted } = setup();
    await recent.read('tenant list', count(999));
    await recent.read('tenant list', count(999));
    expect(counted()).toBe(2);
  });

  it('keeps each scope apart', async () => {
    const { recent, count, counted } = setup();
    await recent.read('partner A', count(5000));
    expect(await recent.read('partner B', count(7000))).toEqual([
      { tenants: 6999 },
      { tenants: 1 },
    ]);
    expect(counted()).toBe(2);
  });

  it('forgets every count when this process writes tasks, and keeps nothing with a bound of 0', async () => {
    const { recent, count, counted } = setup();
    await recent.read('partner A', count(5000));
    recent.clear();
    await recent.read('partner A', count(5000));
    expect(counted()).toBe(2);

    const off = setup(0);
    await off.recent.read('partner A', off.count(5000));
    await off.recent.read('partner A', off.count(5000));
    expect(off.counted()).toBe(2);
  });
});
