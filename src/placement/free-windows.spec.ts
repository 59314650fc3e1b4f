import fc from 'fast-check';
import { nextWindow } from '../common/maintenance-window';
import {
  type BlockingPeriod,
  freeWindows,
  NOTHING_BLOCKS,
  periodsBlocker,
  updateSlot,
} from './placement';

const DAY = 86_400_000;
const window = { cron: '0 2 * * *', durationMinutes: 240, timezone: 'Europe/Rome' };
const after = new Date('2027-03-20T10:00:00Z');

const period = (startsAt: Date, endsAt: Date, code: BlockingPeriod['code']): BlockingPeriod => ({
  code,
  id: `${code}-${startsAt.toISOString()}`,
  startsAt,
  endsAt,
  description: code,
});

describe('freeWindows: the windows a customer may postpone to', () => {
  it('lists the next windows after the given time, earliest first, up to the count', () => {
    const found = freeWindows(
      window,
      after,
      new Date(after.getTime() + 30 * DAY),
      60,
      NOTHING_BLOCKS,
      3,
    );
    expect(found.map((s) => s.start.toISOString())).toEqual([
      '2027-03-21T01:00:00.000Z',
      '2027-03-22T01:00:00.000Z',
      '2027-03-23T01:00:00.000Z',
    ]);
  });

  it('leaves out windows that maintenance or a blackout blocks, and stops at the horizon', () => {
    const blocker = periodsBlocker([
      period(
        new Date('2027-03-21T00:00:00Z'),
        new Date('2027-03-21T02:00:00Z'),
        'maintenance_overlap',
      ),
      period(
        new Date('2027-03-22T00:00:00Z'),
        new Date('2027-03-24T00:00:00Z'),
        'blackout_overlap',
      ),
    ]);
    const found = freeWindows(window, after, new Date('2027-03-25T01:00:00Z'), 60, blocker, 10);
    expect(found.map((s) => s.start.toISOString())).toEqual([
      '2027-03-24T01:00:00.000Z',
      '2027-03-25T01:00:00.000Z',
    ]);
  });

  it('property: exactly the unblocked windows in range, in order (against walking every window)', () => {
    const arbPeriod = fc
      .record({
        offsetHours: fc.integer({ min: 0, max: 24 * 20 }),
        hours: fc.integer({ min: 1, max: 24 * 4 }),
        blackout: fc.boolean(),
      })
      .map(({ offsetHours, hours, blackout }) => {
        const start = new Date(after.getTime() + offsetHours * 3_600_000);
        return period(
          start,
          new Date(start.getTime() + hours * 3_600_000),
          blackout ? 'blackout_overlap' : 'maintenance_overlap',
        );
      });
    fc.assert(
      fc.property(
        fc.array(arbPeriod, { maxLength: 5 }),
        fc.integer({ min: 1, max: 21 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 15, max: 240 }),
        (periods, days, count, expected) => {
          const blocker = periodsBlocker(periods);
          const until = new Date(after.getTime() + days * DAY);
          const walked = [];
          for (let slot = nextWindow(window, after); slot.start <= until;) {
            if (!blocker.firstOverlap(updateSlot(slot.start, expected))) walked.push(slot);
            slot = nextWindow(window, slot.start);
          }
          const found = freeWindows(window, after, until, expected, blocker, count);
          expect(found).toEqual(walked.slice(0, count));
        },
      ),
      { numRuns: 200 },
    );
  });
});
