import { describe, expect, it } from 'vitest';
import { IDLE_MS, LIVE_MS, taskRefreshInterval } from './polling';

describe('live task lists', () => {
  const now = new Date('2027-01-05T10:00:00Z');
  it('refresh every 2 s while a task runs or is due', () => {
    expect(taskRefreshInterval([{ status: 'running', runAt: '2027-01-05T09:00:00Z' }], now)).toBe(
      LIVE_MS,
    );
    expect(taskRefreshInterval([{ status: 'scheduled', runAt: '2027-01-05T10:00:00Z' }], now)).toBe(
      LIVE_MS,
    );
    expect(LIVE_MS).toBeLessThanOrEqual(2_000);
  });
  it('relax when nothing moves', () => {
    expect(taskRefreshInterval([{ status: 'scheduled', runAt: '2027-01-06T02:00:00Z' }], now)).toBe(
      IDLE_MS,
    );
    expect(taskRefreshInterval([{ status: 'succeeded', runAt: '2027-01-05T09:00:00Z' }], now)).toBe(
      IDLE_MS,
    );
    expect(taskRefreshInterval([], now)).toBe(IDLE_MS);
  });
});
