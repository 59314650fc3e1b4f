import {
  cronError,
  InvalidMaintenanceWindowError,
  isValidTimeZone,
  MaintenanceWindow,
  nextWindow,
  nextWindowStart,
  slotsOverlap,
  TimeSlot,
  windowContaining,
  windowError,
} from './maintenance-window';

function window(cron: string, timezone: string, durationMinutes = 240): MaintenanceWindow {
  return { cron, timezone, durationMinutes };
}

/** The next `count` window starts after `from`, each call starting from the previous result. */
function startsAfter(w: MaintenanceWindow, from: string, count: number): string[] {
  const starts: string[] = [];
  let after = new Date(from);
  for (let i = 0; i < count; i++) {
    after = nextWindowStart(w, after);
    starts.push(after.toISOString());
  }
  return starts;
}

function slot(start: string, end: string): TimeSlot {
  return { start: new Date(start), end: new Date(end) };
}

describe('ordinary weekly window: Sundays 02:00 Europe/Rome, 4 hours', () => {
  const sundayNights = window('0 2 * * SUN', 'Europe/Rome');

  it('starts at 01:00Z in winter (CET, +01:00)', () => {
    expect(nextWindow(sundayNights, new Date('2027-01-05T12:00:00Z'))).toEqual(
      slot('2027-01-10T01:00:00Z', '2027-01-10T05:00:00Z'),
    );
  });

  it('starts at 00:00Z in summer (CEST, +02:00)', () => {
    expect(nextWindow(sundayNights, new Date('2027-07-01T12:00:00Z'))).toEqual(
      slot('2027-07-04T00:00:00Z', '2027-07-04T04:00:00Z'),
    );
  });

  it('returns a start strictly after `after`, so a start is never returned twice', () => {
    expect(nextWindowStart(sundayNights, new Date('2027-01-10T01:00:00Z'))).toEqual(
      new Date('2027-01-17T01:00:00Z'),
    );
    expect(nextWindowStart(sundayNights, new Date('2027-01-10T00:59:59.999Z'))).toEqual(
      new Date('2027-01-10T01:00:00Z'),
    );
  });
});

describe('spring forward (clock jumps 02:00 → 03:00)', () => {
  it('Europe/Rome 2027-03-28: 02:30 does not exist, the window starts once at 03:30 CEST = 01:30Z', () => {
    expect(startsAfter(window('30 2 * * *', 'Europe/Rome'), '2027-03-27T12:00:00Z', 2)).toEqual([
      '2027-03-28T01:30:00.000Z',
      '2027-03-29T00:30:00.000Z',
    ]);
  });

  it('Europe/Rome: with `30 2,3 * * *` the shifted 02:30 and the real 03:30 are one start', () => {
    expect(startsAfter(window('30 2,3 * * *', 'Europe/Rome'), '2027-03-27T12:00:00Z', 3)).toEqual([
      '2027-03-28T01:30:00.000Z',
      '2027-03-29T00:30:00.000Z',
      '2027-03-29T01:30:00.000Z',
    ]);
  });

  it('Europe/Rome: a shifted start is found even when asked from just after the gap', () => {
    const justAfterGap = new Date('2027-03-28T01:10:00Z'); // 03:10 CEST
    expect(nextWindowStart(window('50 2 * * *', 'Europe/Rome'), justAfterGap)).toEqual(
      new Date('2027-03-28T01:50:00Z'),
    );
  });

  it('Australia/Lord_Howe 2026-10-04 (gap 02:00-02:30): shifted 02:20 comes after the real 02:40', () => {
    expect(
      startsAfter(window('20,40 2 * * *', 'Australia/Lord_Howe'), '2026-10-03T00:00:00Z', 3),
    ).toEqual(['2026-10-03T15:40:00.000Z', '2026-10-03T15:50:00.000Z', '2026-10-04T15:20:00.000Z']);
  });

  it('America/New_York 2027-03-14: 02:30 becomes 03:30 EDT = 07:30Z', () => {
    expect(
      startsAfter(window('30 2 * * *', 'America/New_York'), '2027-03-13T12:00:00Z', 2),
    ).toEqual(['2027-03-14T07:30:00.000Z', '2027-03-15T06:30:00.000Z']);
  });

  it('America/Santiago 2026-09-06: midnight does not exist, 00:00 becomes 01:00 -03 = 04:00Z', () => {
    expect(
      startsAfter(window('0 0 * * SUN', 'America/Santiago'), '2026-09-01T00:00:00Z', 2),
    ).toEqual(['2026-09-06T04:00:00.000Z', '2026-09-13T03:00:00.000Z']);
  });

  it('Australia/Lord_Howe 2026-10-04: the clock moves 30 minutes, 02:15 becomes 02:45 +11:00', () => {
    expect(
      startsAfter(window('15 2 * * *', 'Australia/Lord_Howe'), '2026-10-03T00:00:00Z', 2),
    ).toEqual(['2026-10-03T15:45:00.000Z', '2026-10-04T15:15:00.000Z']);
  });

  it('Pacific/Chatham 2026-09-27: 02:50 (gap 02:45-03:45) becomes 03:50 +13:45', () => {
    expect(startsAfter(window('50 2 * * *', 'Pacific/Chatham'), '2026-09-26T00:00:00Z', 2)).toEqual(
      ['2026-09-26T14:05:00.000Z', '2026-09-27T13:05:00.000Z'],
    );
  });
});

describe('fall back (a wall-clock hour happens twice)', () => {
  it('Europe/Rome 2027-10-31: 02:30 starts once, at its first occurrence (CEST, 00:30Z)', () => {
    expect(startsAfter(window('30 2 * * *', 'Europe/Rome'), '2027-10-30T12:00:00Z', 2)).toEqual([
      '2027-10-31T00:30:00.000Z',
      '2027-11-01T01:30:00.000Z',
    ]);
  });

  it('Europe/Rome: asked during the second 02:xx, the repeated 02:30 is not a start', () => {
    const inSecondOccurrence = new Date('2027-10-31T01:15:00Z'); // 02:15 CET
    expect(nextWindowStart(window('30 2 * * *', 'Europe/Rome'), inSecondOccurrence)).toEqual(
      new Date('2027-11-01T01:30:00Z'),
    );
  });

  it('America/New_York 2027-11-07: 01:30 starts at its first occurrence (EDT, 05:30Z)', () => {
    expect(
      startsAfter(window('30 1 * * *', 'America/New_York'), '2027-11-06T12:00:00Z', 2),
    ).toEqual(['2027-11-07T05:30:00.000Z', '2027-11-08T06:30:00.000Z']);
  });

  it('America/Santiago 2027-04-04: 23:30 on the 3rd happens twice and starts at 23:30 -03', () => {
    expect(
      startsAfter(window('30 23 * * *', 'America/Santiago'), '2027-04-03T12:00:00Z', 2),
    ).toEqual(['2027-04-04T02:30:00.000Z', '2027-04-05T03:30:00.000Z']);
  });

  it('Australia/Lord_Howe 2027-04-04: 01:45 repeats after 30 minutes and starts at +11:00', () => {
    expect(
      startsAfter(window('45 1 * * *', 'Australia/Lord_Howe'), '2027-04-03T00:00:00Z', 2),
    ).toEqual(['2027-04-03T14:45:00.000Z', '2027-04-04T15:15:00.000Z']);
  });
});

describe('zones without DST and with large offsets', () => {
  it('Pacific/Kiritimati (+14:00): Monday 01:00 is Sunday 11:00Z', () => {
    expect(
      startsAfter(window('0 1 * * MON', 'Pacific/Kiritimati'), '2027-01-01T00:00:00Z', 1),
    ).toEqual(['2027-01-03T11:00:00.000Z']);
  });

  it('Asia/Kolkata (+05:30)', () => {
    expect(startsAfter(window('0 3 1 * *', 'Asia/Kolkata'), '2027-01-15T00:00:00Z', 1)).toEqual([
      '2027-01-31T21:30:00.000Z',
    ]);
  });
});

describe('windowContaining', () => {
  const sundayNights = window('0 2 * * SUN', 'Europe/Rome'); // 2027-01-10 01:00Z – 05:00Z
  const open = slot('2027-01-10T01:00:00Z', '2027-01-10T05:00:00Z');
  const at = (iso: string) => windowContaining(sundayNights, new Date(iso));

  it('returns the open window from its start up to, not including, its end', () => {
    expect(at('2027-01-10T01:00:00Z')).toEqual(open);
    expect(at('2027-01-10T03:00:00Z')).toEqual(open);
    expect(at('2027-01-10T04:59:59.999Z')).toEqual(open);
  });

  it('returns null before the start, at the end and between windows', () => {
    expect(at('2027-01-10T00:59:59.999Z')).toBeNull();
    expect(at('2027-01-10T05:00:00Z')).toBeNull();
    expect(at('2027-01-13T12:00:00Z')).toBeNull();
  });

  it('returns the latest-starting window when windows overlap', () => {
    const everyTwoHours = window('0 */2 * * *', 'UTC', 240);
    expect(windowContaining(everyTwoHours, new Date('2027-01-01T05:30:00Z'))).toEqual(
      slot('2027-01-01T04:00:00Z', '2027-01-01T08:00:00Z'),
    );
    expect(windowContaining(everyTwoHours, new Date('2027-01-01T06:00:00Z'))).toEqual(
      slot('2027-01-01T06:00:00Z', '2027-01-01T10:00:00Z'),
    );
  });

  it('finds a window shifted by a spring-forward gap', () => {
    const halfPastTwo = window('30 2 * * *', 'Europe/Rome', 60);
    expect(windowContaining(halfPastTwo, new Date('2027-03-28T02:00:00Z'))).toEqual(
      slot('2027-03-28T01:30:00Z', '2027-03-28T02:30:00Z'),
    );
  });
});

describe('slotsOverlap', () => {
  const nineToTen = slot('2027-01-01T09:00:00Z', '2027-01-01T10:00:00Z');

  it('treats slots as half-open: touching slots do not overlap', () => {
    expect(slotsOverlap(nineToTen, slot('2027-01-01T10:00:00Z', '2027-01-01T11:00:00Z'))).toBe(
      false,
    );
    expect(slotsOverlap(slot('2027-01-01T08:00:00Z', '2027-01-01T09:00:00Z'), nineToTen)).toBe(
      false,
    );
  });

  it('detects partial and full overlap in either order', () => {
    const halfPastNine = slot('2027-01-01T09:30:00Z', '2027-01-01T10:30:00Z');
    expect(slotsOverlap(nineToTen, halfPastNine)).toBe(true);
    expect(slotsOverlap(halfPastNine, nineToTen)).toBe(true);
    expect(slotsOverlap(nineToTen, slot('2027-01-01T09:10:00Z', '2027-01-01T09:20:00Z'))).toBe(
      true,
    );
  });
});

describe('cronError', () => {
  it.each([
    '0 2 * * SUN',
    '*/15 1-5 1,15 JAN-JUN mon-fri',
    '0 0 29 2 *',
    '30 2 * * 7',
    '0 0 5-25/5 * *',
  ])('accepts %s', (expr) => expect(cronError(expr)).toBeNull());

  it.each([
    ['0 2 * * * *', 'must have 5 fields: minute hour day-of-month month day-of-week'],
    ['0 0 2 * * SUN 2027', 'must have 5 fields: minute hour day-of-month month day-of-week'],
    ['@weekly', 'must have 5 fields: minute hour day-of-month month day-of-week'],
    ['0 0 31 2 *', 'never matches'],
    ['0 0 31 4,6,9,11 *', 'never matches'],
    ['61 2 * * *', '61'],
    ['0 2 * * XYZ', 'day-of-week field "XYZ"'],
    ['0 2 * * 1#2', 'day-of-week field "1#2"'],
    ['0 2 L * *', 'day-of-month field "L"'],
    ['H 2 * * *', 'minute field "H"'],
  ])('rejects %s: %s', (expr, reason) => {
    expect(cronError(expr)).toEqual(expect.stringContaining(reason));
  });

  it('rejects garbage with a reason', () => {
    expect(cronError('every sunday at 2')).toEqual(expect.any(String));
    expect(cronError('')).toEqual(expect.any(String));
  });
});

describe('isValidTimeZone', () => {
  it.each(['Europe/Rome', 'America/New_York', 'Australia/Lord_Howe', 'UTC'])('accepts %s', (tz) =>
    expect(isValidTimeZone(tz)).toBe(true),
  );

  it.each(['+02:00', 'UTC+2', 'Mars/Olympus_Mons', 'garbage', ''])('rejects %p', (tz) =>
    expect(isValidTimeZone(tz)).toBe(false),
  );
});

describe('windowError', () => {
  it('accepts a valid window, durations 15 and 1440 included', () => {
    expect(windowError(window('0 2 * * SUN', 'Europe/Rome', 15))).toEqual([]);
    expect(windowError(window('0 2 * * SUN', 'Europe/Rome', 1440))).toEqual([]);
  });

  it('reports every invalid field', () => {
    expect(windowError(window('0 2 * * * *', '+02:00', 14)).map((e) => e.field)).toEqual([
      'cron',
      'durationMinutes',
      'timezone',
    ]);
  });

  it.each([14, 1441, 30.5, Number.NaN])('rejects a duration of %p minutes', (minutes) => {
    expect(windowError(window('0 2 * * SUN', 'UTC', minutes))).toEqual([
      { field: 'durationMinutes', reason: expect.stringContaining('15 to 1440') },
    ]);
  });

  it('is what the scheduling functions enforce', () => {
    const call = () => nextWindowStart(window('0 0 31 2 *', 'UTC'), new Date());
    expect(call).toThrow(InvalidMaintenanceWindowError);
    expect(call).toThrow('invalid maintenance window cron: never matches');
    expect(() => nextWindow(window('0 2 * * SUN', 'Nowhere/Town'), new Date())).toThrow(
      InvalidMaintenanceWindowError,
    );
  });
});
