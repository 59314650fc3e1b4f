import fc from 'fast-check';
import { DateTime } from 'luxon';
import { nextWindow, slotsOverlap, windowContaining } from '../common/maintenance-window';
import {
  type Blocker,
  type BlockingPeriod,
  combineBlockers,
  FREE_WINDOW_LOOKAHEAD,
  firstFreeWindow,
  MAX_REPEATING_DAYS,
  NOTHING_BLOCKS,
  occurrencesOverlapping,
  periodsBlocker,
  place,
  type PlacementAsk,
  type Recurrence,
  updateSlot,
  windowSlot,
} from './placement';

const HOUR = 3_600_000;
const window = { cron: '0 2 * * *', durationMinutes: 240, timezone: 'Europe/Rome' };
const utcWindow = { cron: '0 2 * * *', durationMinutes: 240, timezone: 'UTC' };
const now = new Date('2027-01-04T10:00:00Z');

const period = (id: string, startsAt: string, endsAt: string): BlockingPeriod => ({
  code: 'maintenance_overlap',
  id,
  startsAt: new Date(startsAt),
  endsAt: new Date(endsAt),
  description: `platform maintenance ${id}`,
});

const ask = (overrides: Partial<PlacementAsk> = {}): PlacementAsk => ({
  mode: 'maintenance_window',
  expectedDurationMinutes: 60,
  window,
  ifBlocked: 'refuse',
  ...overrides,
});

describe('window slots', () => {
  it('uses the open window when the update fits in what is left of it', () => {
    const inside = new Date('2027-01-05T03:30:00Z');
    expect(windowSlot(window, inside, 60)).toEqual({
      start: inside,
      end: new Date('2027-01-05T05:00:00Z'),
    });
    expect(windowSlot(window, inside, 120).start).toEqual(new Date('2027-01-06T01:00:00Z'));
  });

  it('finds the first window nothing blocks, skipping blocked ones', () => {
    const blocker = periodsBlocker([
      period('a', '2027-01-05T00:00:00Z', '2027-01-05T02:00:00Z'),
      period('b', '2027-01-06T04:00:00Z', '2027-01-06T05:00:00Z'),
    ]);
    expect(firstFreeWindow(window, now, 60, blocker)?.start).toEqual(
      new Date('2027-01-06T01:00:00Z'),
    );
    expect(firstFreeWindow(window, now, 200, blocker)?.start).toEqual(
      new Date('2027-01-07T01:00:00Z'),
    );
  });
});

describe('placing a task', () => {
  it("places a maintenance-window task in the tenant's next window, expiring at its end", () => {
    expect(place(ask(), NOTHING_BLOCKS, now)).toEqual({
      placed: true,
      runAt: new Date('2027-01-05T01:00:00Z'),
      expiresAt: new Date('2027-01-05T05:00:00Z'),
    });
  });

  it('places immediate and custom tasks at their time, without expiry', () => {
    expect(place(ask({ mode: 'immediate' }), NOTHING_BLOCKS, now)).toEqual({
      placed: true,
      runAt: now,
      expiresAt: null,
    });
    const at = new Date('2027-02-01T12:00:00Z');
    expect(place(ask({ mode: 'custom', runAt: at }), NOTHING_BLOCKS, now)).toMatchObject({
      runAt: at,
      expiresAt: null,
    });
  });

  it('refuses a window shorter than the update, and a blocked slot, naming what blocks it', () => {
    expect(place(ask({ expectedDurationMinutes: 241 }), NOTHING_BLOCKS, now)).toMatchObject({
      placed: false,
      code: 'window_too_short',
    });
    const blocker = periodsBlocker([period('m1', '2027-01-05T01:30:00Z', '2027-01-05T02:00:00Z')]);
    expect(place(ask(), blocker, now)).toMatchObject({
      placed: false,
      code: 'maintenance_overlap',
      reason: 'the update would overlap platform maintenance m1',
    });
    expect(
      place(ask({ mode: 'immediate' }), blocker, new Date('2027-01-05T01:00:00Z')),
    ).toMatchObject({ placed: false, code: 'maintenance_overlap' });
  });

  it('treats blocking periods as half-open: ending when the update starts is fine', () => {
    const blocker = periodsBlocker([period('m1', '2027-01-05T00:00:00Z', '2027-01-05T01:00:00Z')]);
    expect(place(ask(), blocker, now)).toMatchObject({ placed: true });
  });

  it('moves a task out of new maintenance to the first free window after it', () => {
    const maintenance = period('m', '2027-01-10T00:00:00Z', '2027-01-10T06:00:00Z');
    const moved = place(
      ask({ window: utcWindow, startsFrom: maintenance.endsAt, ifBlocked: 'next_free_window' }),
      periodsBlocker([maintenance]),
      now,
    );
    expect(moved).toEqual({
      placed: true,
      runAt: new Date('2027-01-11T02:00:00Z'),
      expiresAt: new Date('2027-01-11T06:00:00Z'),
    });
    const later = period('n', '2027-01-11T01:00:00Z', '2027-01-11T03:00:00Z');
    expect(
      place(
        ask({ window: utcWindow, startsFrom: maintenance.endsAt, ifBlocked: 'next_free_window' }),
        periodsBlocker([maintenance, later]),
        now,
      ),
    ).toMatchObject({ runAt: new Date('2027-01-12T02:00:00Z') });
  });

  it('reports no free window when everything ahead is blocked', () => {
    // Every window is blocked by a period of its own (one period is skipped in one step).
    const always: Blocker = {
      firstOverlap: (slot) => ({
        ...period('x', '2027-01-01T00:00:00Z', '2027-01-01T00:00:01Z'),
        startsAt: slot.start,
        endsAt: new Date(slot.start.getTime() + 1),
      }),
    };
    expect(place(ask({ ifBlocked: 'next_free_window' }), always, now)).toMatchObject({
      placed: false,
      code: 'no_free_window',
    });
  });

  it('moves an immediate or custom task the service schedules past the periods it overlaps', () => {
    const blackout: BlockingPeriod = {
      ...period('b', '2027-01-04T09:00:00Z', '2027-01-04T12:00:00Z'),
      code: 'blackout_overlap',
    };
    const blocker = periodsBlocker([
      blackout,
      // starts 30 minutes after the blackout: a 60-minute update at its end would overlap it
      period('m', '2027-01-04T12:30:00Z', '2027-01-04T14:00:00Z'),
    ]);
    const moved = ask({ mode: 'immediate', ifBlocked: 'next_free_window' });
    expect(place(moved, blocker, now)).toEqual({
      placed: true,
      runAt: new Date('2027-01-04T14:00:00Z'),
      expiresAt: null,
    });
    const custom = { ...moved, mode: 'custom' as const, runAt: new Date('2027-01-04T15:00:00Z') };
    expect(place(custom, blocker, now)).toMatchObject({ runAt: custom.runAt });
    // A forced update by a platform admin ignores the blackout, never the maintenance.
    expect(place({ ...moved, overrides: ['blackout_overlap'] }, blocker, now)).toMatchObject({
      runAt: now,
    });
    expect(
      place(
        { ...moved, expectedDurationMinutes: 180, overrides: ['blackout_overlap'] },
        blocker,
        now,
      ),
    ).toMatchObject({ runAt: new Date('2027-01-04T14:00:00Z') });
    // Asked for by a caller, the same time is refused.
    expect(place({ ...moved, ifBlocked: 'refuse' }, blocker, now)).toMatchObject({
      placed: false,
      code: 'blackout_overlap',
    });
  });

  it('combines blockers: the earliest-starting overlap of any source wins', () => {
    const a = periodsBlocker([period('a', '2027-01-05T01:30:00Z', '2027-01-05T03:00:00Z')]);
    const b = periodsBlocker([period('b', '2027-01-05T01:10:00Z', '2027-01-05T01:20:00Z')]);
    const slot = updateSlot(new Date('2027-01-05T01:00:00Z'), 120);
    expect(combineBlockers([a, b]).firstOverlap(slot)?.id).toBe('b');
    expect(combineBlockers([NOTHING_BLOCKS, a]).firstOverlap(slot)?.id).toBe('a');
  });
});

// ---- properties: placement against a direct reading of its rules --------------------------------

const WINDOWS = [
  { cron: '0 2 * * *', durationMinutes: 240, timezone: 'Europe/Rome' },
  { cron: '30 1 * * SUN', durationMinutes: 180, timezone: 'America/New_York' },
  { cron: '0 */6 * * *', durationMinutes: 120, timezone: 'UTC' },
  { cron: '15 3 1,15 * *', durationMinutes: 300, timezone: 'Australia/Lord_Howe' },
  { cron: '0 22 * * 1-5', durationMinutes: 90, timezone: 'Asia/Kolkata' },
];
const START = Date.UTC(2027, 0, 1);
const SPAN = 120 * 24 * HOUR;

const arbPeriods = fc.array(
  fc.record({
    offset: fc.integer({ min: 0, max: 40 * 24 }),
    hours: fc.integer({ min: 1, max: 96 }),
  }),
  { maxLength: 6 },
);
const arbCase: fc.Arbitrary<Case> = fc.record({
  window: fc.constantFrom(...WINDOWS),
  nowOffset: fc.integer({ min: 0, max: SPAN }),
  expected: fc.integer({ min: 15, max: 90 }),
  periods: arbPeriods,
  startsFromOffset: fc.option(fc.integer({ min: 0, max: 10 * 24 }), { nil: undefined }),
});

interface Case {
  window: (typeof WINDOWS)[number];
  nowOffset: number;
  expected: number;
  periods: { offset: number; hours: number }[];
  startsFromOffset: number | undefined;
}

function setUp(c: Case) {
  const now = new Date(START + c.nowOffset);
  const periods = c.periods.map((p, i) =>
    period(
      `p${i}`,
      new Date(now.getTime() + p.offset * HOUR).toISOString(),
      new Date(now.getTime() + (p.offset + p.hours) * HOUR).toISOString(),
    ),
  );
  const startsFrom =
    c.startsFromOffset === undefined
      ? undefined
      : new Date(now.getTime() + c.startsFromOffset * HOUR);
  return { now, periods, blocker: periodsBlocker(periods), startsFrom };
}

const isFree = (periods: BlockingPeriod[], start: Date, expected: number) =>
  !periods.some((p) =>
    slotsOverlap(updateSlot(start, expected), { start: p.startsAt, end: p.endsAt }),
  );

describe('placement properties', () => {
  it('a moved task lands on the earliest window nothing blocks, at or after where it starts looking', () => {
    fc.assert(
      fc.property(arbCase, (c) => {
        const { now, periods, blocker, startsFrom } = setUp(c);
        const result = place(
          ask({
            window: c.window,
            expectedDurationMinutes: c.expected,
            startsFrom,
            ifBlocked: 'next_free_window',
          }),
          blocker,
          now,
        );
        // Walk the windows one by one from where the placement starts looking.
        let slot = startsFrom
          ? nextWindow(c.window, new Date(startsFrom.getTime() - 1))
          : windowSlot(c.window, now, c.expected);
        for (let i = 0; i < 400; i++) {
          if (isFree(periods, slot.start, c.expected)) break;
          slot = nextWindow(c.window, slot.start);
        }
        expect(result.placed).toBe(true);
        if (!result.placed) return;
        expect(result.runAt).toEqual(slot.start);
        expect(result.expiresAt).toEqual(slot.end);
        expect(isFree(periods, result.runAt, c.expected)).toBe(true);
        // It is a window of the tenant's: its start, or now inside the open window.
        const containing = windowContaining(c.window, result.runAt);
        expect(containing?.end ?? null).toEqual(result.expiresAt);
      }),
      { numRuns: 300 },
    );
  });

  it('a requested time is placed exactly when nothing blocks it, else refused with the earliest blocking period', () => {
    fc.assert(
      fc.property(
        arbCase,
        fc.constantFrom('immediate', 'custom', 'maintenance_window') as fc.Arbitrary<
          PlacementAsk['mode']
        >,
        fc.integer({ min: 0, max: 20 * 24 }),
        (c, mode, customOffset) => {
          const { now, periods, blocker } = setUp(c);
          const runAt = new Date(now.getTime() + customOffset * HOUR);
          const result = place(
            ask({ mode, runAt, window: c.window, expectedDurationMinutes: c.expected }),
            blocker,
            now,
          );
          const natural =
            mode === 'immediate'
              ? now
              : mode === 'custom'
                ? runAt
                : windowSlot(c.window, now, c.expected).start;
          const overlapping = periods
            .filter((p) => !isFree([p], natural, c.expected))
            .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
          if (overlapping.length === 0) {
            expect(result).toMatchObject({ placed: true, runAt: natural });
          } else {
            expect(result).toMatchObject({ placed: false, code: 'maintenance_overlap' });
            if (!result.placed) expect(result.blockedBy?.startsAt).toEqual(overlapping[0].startsAt);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('combining blockers is the same as one blocker of all their periods', () => {
    fc.assert(
      fc.property(arbCase, arbPeriods, (c, more) => {
        const { now, periods } = setUp(c);
        const others = setUp({ ...c, periods: more }).periods.map((p) => ({
          ...p,
          id: `q${p.id}`,
        }));
        const slot = updateSlot(new Date(now.getTime() + 5 * HOUR), c.expected);
        const combined = combineBlockers([periodsBlocker(periods), periodsBlocker(others)]);
        const single = periodsBlocker([...periods, ...others]);
        expect(combined.firstOverlap(slot)?.startsAt ?? null).toEqual(
          single.firstOverlap(slot)?.startsAt ?? null,
        );
      }),
      { numRuns: 200 },
    );
  });
});

// ---- repeating periods (blackouts): the shortcut to the right occurrence against a full walk ----

const REPEAT_ZONES = ['Europe/Rome', 'America/New_York', 'Australia/Lord_Howe', 'UTC'];
const arbRepeating = fc.record({
  every: fc.constantFrom('weekly', 'monthly', 'yearly') as fc.Arbitrary<Recurrence['every']>,
  timezone: fc.constantFrom(...REPEAT_ZONES),
  startOffset: fc.integer({ min: 0, max: 400 * 24 }),
  // A share of the longest allowed length, in thousandths.
  share: fc.integer({ min: 1, max: 1000 }),
});
type RepeatingCase = {
  every: Recurrence['every'];
  timezone: string;
  startOffset: number;
  share: number;
};

function repeating(c: RepeatingCase): BlockingPeriod {
  const startsAt = new Date(START + c.startOffset * HOUR);
  const length = Math.max(
    HOUR,
    Math.floor((MAX_REPEATING_DAYS[c.every] * 24 * HOUR * c.share) / 1000),
  );
  return {
    code: 'blackout_overlap',
    id: 'b',
    startsAt,
    endsAt: new Date(startsAt.getTime() + length),
    recurrence: { every: c.every, timezone: c.timezone },
    description: 'blackout b',
  };
}

/** Every occurrence from the first on, walked one by one (no shortcut), as long as they start before `until`. */
function walkOccurrences(p: BlockingPeriod, until: Date) {
  const r = p.recurrence as Recurrence;
  const unit = { weekly: 'weeks', monthly: 'months', yearly: 'years' }[r.every];
  const at = (d: Date, k: number) =>
    DateTime.fromJSDate(d, { zone: r.timezone })
      .plus({ [unit]: k })
      .toJSDate();
  const all: { start: Date; end: Date }[] = [];
  for (let k = 0; ; k++) {
    const o = { start: at(p.startsAt, k), end: at(p.endsAt, k) };
    if (o.start >= until) return all;
    all.push(o);
  }
}

describe('repeating periods', () => {
  it('finds exactly the occurrences that overlap a slot, and the blocker answers the earliest', () => {
    fc.assert(
      fc.property(
        arbRepeating,
        fc.integer({ min: 0, max: 5 * 365 * 24 }),
        fc.integer({ min: 1, max: 30 * 24 }),
        (c, slotOffset, slotHours) => {
          const p = repeating(c);
          const slot = {
            start: new Date(START + slotOffset * HOUR),
            end: new Date(START + (slotOffset + slotHours) * HOUR),
          };
          const expected = walkOccurrences(p, slot.end).filter((o) => slotsOverlap(o, slot));
          expect(occurrencesOverlapping(p, slot)).toEqual(expected);
          const hit = periodsBlocker([p]).firstOverlap(slot);
          expect(hit ? { start: hit.startsAt, end: hit.endsAt } : null).toEqual(
            expected[0] ?? null,
          );
          // Ignored codes do not block.
          expect(periodsBlocker([p]).firstOverlap(slot, ['blackout_overlap'])).toBeNull();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a maintenance-window task lands on the earliest window outside every occurrence', () => {
    fc.assert(
      fc.property(arbCase, arbRepeating, (c, r) => {
        const { now, blocker: maintenance, periods } = setUp(c);
        const blackout = repeating({ ...r, share: Math.min(r.share, 300) });
        const blocker = combineBlockers([maintenance, periodsBlocker([blackout])]);
        const result = place(
          ask({
            window: c.window,
            expectedDurationMinutes: c.expected,
            ifBlocked: 'next_free_window',
          }),
          blocker,
          now,
        );
        // Far enough for a year of weekly windows.
        const horizon = new Date(now.getTime() + 3000 * 24 * HOUR);
        const occurrences = walkOccurrences(blackout, horizon);
        const free = (start: Date) =>
          isFree(periods, start, c.expected) &&
          !occurrences.some((o) => slotsOverlap(o, updateSlot(start, c.expected)));
        // Walk every window (the placement jumps over a blocking period in one step, so it may
        // look further than FREE_WINDOW_LOOKAHEAD windows).
        let slot = windowSlot(c.window, now, c.expected);
        let i = 0;
        for (; i < 20 * FREE_WINDOW_LOOKAHEAD && !free(slot.start); i++)
          slot = nextWindow(c.window, slot.start);
        if (!result.placed) {
          // Nothing free within the look-ahead (a blackout that covers a weekly window every week).
          expect(i).toBeGreaterThanOrEqual(FREE_WINDOW_LOOKAHEAD);
          return;
        }
        expect(result.runAt).toEqual(slot.start);
        expect(free(result.runAt)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
