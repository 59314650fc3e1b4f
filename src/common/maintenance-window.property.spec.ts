/**
 * Property tests: the window functions against a brute-force oracle that scans time minute by
 * minute. The oracle shares nothing with the implementation: crons are generated as sets of
 * allowed values (rendered to text for the code under test), wall-clock times come from Intl,
 * and the DST rule is applied literally (first occurrence; skipped times at the pre-gap offset).
 */
import fc from 'fast-check';
import { IANAZone } from 'luxon';
import {
  cronError,
  MaintenanceWindow,
  nextWindowStart,
  windowContaining,
} from './maintenance-window';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const ZONES = [
  'Europe/Rome',
  'America/New_York',
  'America/Santiago',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Asia/Kolkata',
  'UTC',
  'Europe/London',
  'America/Sao_Paulo',
];
const YEARS_START = Date.UTC(2026, 0, 1);
const YEARS_END = Date.UTC(2029, 0, 1);

// ---- generated crons: value sets plus their rendering -------------------------------------------

interface CronField {
  text: string;
  values: Set<number>;
  star: boolean;
}
interface GeneratedCron {
  text: string;
  minute: CronField;
  hour: CronField;
  dayOfMonth: CronField;
  month: CronField;
  dayOfWeek: CronField;
}
interface Domain {
  lo: number;
  hi: number;
  names?: string[];
  wrap?: number; // day of week: 7 is Sunday again
  maxStarStep?: number;
}
interface TermChoice {
  kind: 'value' | 'range' | 'steppedRange' | 'starStep';
  a: number;
  b: number;
  step: number;
  nameStyle: number;
}

const MINUTES: Domain = { lo: 0, hi: 59 };
const HOURS: Domain = { lo: 0, hi: 23 };
const DAYS_OF_MONTH: Domain = { lo: 1, hi: 31 };
const MONTH_NAMES = ',JAN,FEB,MAR,APR,MAY,JUN,JUL,AUG,SEP,OCT,NOV,DEC'.split(',');
const MONTHS: Domain = { lo: 1, hi: 12, names: MONTH_NAMES };
const DAY_NAMES = 'SUN,MON,TUE,WED,THU,FRI,SAT'.split(',');
// `*/7` is 0,7: cron-parser rejects the duplicate Sunday, so stars step by at most 6.
const DAYS_OF_WEEK: Domain = { lo: 0, hi: 7, names: DAY_NAMES, wrap: 7, maxStarStep: 6 };

function inclusiveRange(lo: number, hi: number, step: number): number[] {
  const values: number[] = [];
  for (let v = lo; v <= hi; v += step) values.push(v);
  return values;
}

function render(domain: Domain, value: number, nameStyle: number): string {
  const name = domain.names?.[value];
  if (!name || nameStyle === 0) return String(value);
  return nameStyle === 1 ? name : name.toLowerCase();
}

function term(domain: Domain, { kind, a, b, step, nameStyle }: TermChoice) {
  const [lo, hi] = a < b ? [a, b] : [b, a];
  const name = (v: number) => render(domain, v, nameStyle);
  if (kind === 'starStep') {
    const s = Math.min(step, domain.maxStarStep ?? step);
    return { text: `*/${s}`, values: inclusiveRange(domain.lo, domain.hi, s) };
  }
  if (kind === 'value' || lo === hi) return { text: name(a), values: [a] };
  if (kind === 'range')
    return { text: `${name(lo)}-${name(hi)}`, values: inclusiveRange(lo, hi, 1) };
  return { text: `${name(lo)}-${name(hi)}/${step}`, values: inclusiveRange(lo, hi, step) };
}

function termArb(domain: Domain, kinds: TermChoice['kind'][]): fc.Arbitrary<TermChoice> {
  const value = fc.integer({ min: domain.lo, max: domain.hi });
  const step = fc.integer({ min: 1, max: domain.hi - domain.lo });
  return fc.record({
    kind: fc.constantFrom(...kinds),
    a: value,
    b: value,
    step,
    nameStyle: fc.nat(2),
  });
}

/** Joins terms into a list, dropping any that repeat a value (cron-parser rejects duplicates). */
function listField(domain: Domain, choices: TermChoice[]): CronField {
  const values = new Set<number>();
  const texts: string[] = [];
  for (const choice of choices) {
    const { text, values: raw } = term(domain, choice);
    const wrapped = raw.map((v) => (domain.wrap ? v % domain.wrap : v));
    if (wrapped.some((v) => values.has(v))) continue;
    wrapped.forEach((v) => values.add(v));
    texts.push(text);
  }
  return { text: texts.join(','), values, star: false };
}

function starField(domain: Domain): CronField {
  const all = inclusiveRange(domain.lo, domain.hi, 1).map((v) =>
    domain.wrap ? v % domain.wrap : v,
  );
  return { text: '*', values: new Set(all), star: true };
}

function listArb(domain: Domain, kinds: TermChoice['kind'][]): fc.Arbitrary<CronField> {
  const choices = fc.array(termArb(domain, kinds), { minLength: 1, maxLength: 3 });
  return choices.map((list) => listField(domain, list));
}

/** `*` with odds starWeight : 1, otherwise a list of values, ranges and steps. */
function fieldArb(domain: Domain, starWeight: number): fc.Arbitrary<CronField> {
  return fc.oneof(
    { arbitrary: fc.constant(starField(domain)), weight: starWeight },
    { arbitrary: listArb(domain, ['value', 'range', 'steppedRange', 'starStep']), weight: 1 },
  );
}

function cronArb(minute = fieldArb(MINUTES, 1)): fc.Arbitrary<GeneratedCron> {
  return fc
    .record({
      minute,
      hour: fieldArb(HOURS, 1),
      dayOfMonth: fieldArb(DAYS_OF_MONTH, 2),
      month: fieldArb(MONTHS, 5),
      dayOfWeek: fieldArb(DAYS_OF_WEEK, 1),
    })
    .map((f) => ({
      ...f,
      text: [f.minute, f.hour, f.dayOfMonth, f.month, f.dayOfWeek].map((x) => x.text).join(' '),
    }));
}

/** A few start times an hour at most, so that walking 10 days of starts stays quick. */
const sparseMinutes = listArb(MINUTES, ['value']);

// ---- instants near DST transitions ---------------------------------------------------------------

interface Transition {
  at: number;
  springForward: boolean;
}

/** Offset changes of `zone` in 2026-2028, found with luxon (daily samples, then bisection). */
function transitionsOf(zone: string): Transition[] {
  const iana = IANAZone.create(zone);
  const found: Transition[] = [];
  for (let t = YEARS_START; t < YEARS_END; t += DAY) {
    if (iana.offset(t) === iana.offset(t + DAY)) continue;
    let [lo, hi] = [t, t + DAY];
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
      if (iana.offset(mid) === iana.offset(lo)) lo = mid;
      else hi = mid;
    }
    found.push({ at: hi, springForward: iana.offset(hi) > iana.offset(lo) });
  }
  return found;
}
const TRANSITIONS = new Map(ZONES.map((zone) => [zone, transitionsOf(zone)]));

/** An instant within `spread` of one of `transitions`, sometimes rounded to the minute. */
function instantNear(
  transitions: Transition[],
  spread: fc.Arbitrary<number>,
): fc.Arbitrary<number> {
  const base = transitions.length
    ? fc.tuple(fc.constantFrom(...transitions), spread).map(([t, d]) => t.at + d)
    : fc.integer({ min: YEARS_START, max: YEARS_END });
  return fc
    .tuple(base, fc.boolean())
    .map(([t, onMinute]) => (onMinute ? Math.floor(t / MINUTE) * MINUTE : t));
}

/** A zone and an instant within 2 days of one of its DST transitions (anywhere if it has none). */
const zoneAndInstantArb = fc.constantFrom(...ZONES).chain((zone) => {
  const spread = fc.integer({ min: -2 * DAY, max: 2 * DAY });
  return fc.tuple(fc.constant(zone), instantNear(TRANSITIONS.get(zone)!, spread));
});

/**
 * A zone and an instant within 2 hours of one of its spring-forward gaps. There a shifted wall
 * time can map after a later, real one: in Lord Howe's 30-minute gap, 02:20 becomes 02:50 while
 * 02:40 stays 02:40.
 */
const zoneAndInstantNearGapArb = fc
  .constantFrom(...ZONES.filter((zone) => TRANSITIONS.get(zone)!.length > 0))
  .chain((zone) => {
    const gaps = TRANSITIONS.get(zone)!.filter((t) => t.springForward);
    const spread = fc.integer({ min: -2 * HOUR, max: 2 * HOUR });
    return fc.tuple(fc.constant(zone), instantNear(gaps, spread));
  });

// ---- the oracle ----------------------------------------------------------------------------------

const LONGEST_MONTH = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether some date matches: with only day-of-month restricted, it must exist in a listed month. */
function everMatches(cron: GeneratedCron): boolean {
  if (cron.dayOfMonth.star || !cron.dayOfWeek.star) return true;
  const months = [...cron.month.values];
  return [...cron.dayOfMonth.values].some((day) => months.some((m) => day <= LONGEST_MONTH[m]));
}

function wallMatches(cron: GeneratedCron, wall: number): boolean {
  const minutes = Math.floor(wall / MINUTE);
  const [minute, hour] = [minutes % 60, Math.floor(minutes / 60) % 24];
  // Cheap checks first: most minutes fail here.
  if (!cron.minute.values.has(minute) || !cron.hour.values.has(hour)) return false;
  const d = new Date(wall);
  if (!cron.month.values.has(d.getUTCMonth() + 1)) return false;
  const dayOfMonth = cron.dayOfMonth.values.has(d.getUTCDate());
  const dayOfWeek = cron.dayOfWeek.values.has(d.getUTCDay());
  const bothRestricted = !cron.dayOfMonth.star && !cron.dayOfWeek.star;
  return bothRestricted ? dayOfMonth || dayOfWeek : dayOfMonth && dayOfWeek;
}

/** UTC offset (ms) from Intl, sampled hourly and computed minute by minute where it changes. */
function offsetFinder(zone: string): (t: number) => number {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  });
  const exact = (t: number) => {
    const p = Object.fromEntries(
      format.formatToParts(t).map((part) => [part.type, Number(part.value)]),
    );
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - t;
  };
  const sampled = new Map<number, number>();
  const sample = (t: number) => {
    if (!sampled.has(t)) sampled.set(t, exact(t));
    return sampled.get(t)!;
  };
  return (t) => {
    const hour = Math.floor(t / HOUR) * HOUR;
    return t === hour || sample(hour) === sample(hour + HOUR) ? sample(hour) : exact(t);
  };
}

/**
 * Every window start in (from, to], by scanning UTC minutes. A start fires at minute m when the
 * wall time there matches and has not been seen before (first occurrence); when the clock jumps
 * forward, each skipped matching wall time fires at "wall time − offset before the jump".
 * The scan begins a few hours early (more than any clock change in ZONES, at most an hour) to
 * know which wall times were already seen. With `firstOnly` it stops once no later minute can
 * fire before the earliest start found.
 */
function oracleStarts(
  cron: GeneratedCron,
  zone: string,
  from: number,
  to: number,
  firstOnly = false,
) {
  const offsetAt = offsetFinder(zone);
  const fired: number[] = [];
  const seen = new Set<number>();
  const fire = (t: number) => t > from && t <= to && !fired.includes(t) && fired.push(t);
  let previous: { wall: number; offset: number } | null = null;
  for (let m = Math.floor((from - 3 * HOUR) / MINUTE) * MINUTE; m <= to; m += MINUTE) {
    if (firstOnly && fired.some((t) => t <= m)) break;
    const offset = offsetAt(m);
    const wall = m + offset;
    for (let skipped = (previous?.wall ?? wall) + MINUTE; skipped < wall; skipped += MINUTE) {
      if (wallMatches(cron, skipped)) fire(skipped - previous!.offset);
    }
    if (wallMatches(cron, wall) && !seen.has(wall)) fire(m);
    seen.add(wall);
    previous = { wall, offset };
  }
  return fired.sort((a, b) => a - b);
}

// ---- properties ----------------------------------------------------------------------------------

function windowOf(cron: GeneratedCron, timezone: string, durationMinutes = 60): MaintenanceWindow {
  return { cron: cron.text, timezone, durationMinutes };
}
const iso = (t: number | undefined) => (t === undefined ? 'none' : new Date(t).toISOString());

/** Window starts in (from, to], each found by asking for the next start after the previous one. */
function successiveStarts(w: MaintenanceWindow, from: number, to: number): number[] {
  const starts: number[] = [];
  for (let t = nextWindowStart(w, new Date(from)).getTime(); t <= to;) {
    starts.push(t);
    t = nextWindowStart(w, new Date(t)).getTime();
  }
  return starts;
}

/** Compares nextWindowStart with the oracle's first start, when there is one within 8 days. */
function nextStartMatchesOracle(cron: GeneratedCron, [zone, after]: [string, number]): void {
  const [expected] = oracleStarts(cron, zone, after, after + 8 * DAY, true);
  fc.pre(expected !== undefined);
  const actual = nextWindowStart(windowOf(cron, zone), new Date(after)).getTime();
  const context = `${cron.text} ${zone} after ${iso(after)}`;
  expect(`${context}: ${iso(actual)}`).toBe(`${context}: ${iso(expected)}`);
}

describe('window functions against a minute-by-minute oracle', () => {
  it('finds DST transitions to test around', () => {
    expect(TRANSITIONS.get('Europe/Rome')).toContainEqual({
      at: Date.UTC(2027, 2, 28, 1),
      springForward: true,
    });
    expect(TRANSITIONS.get('Australia/Lord_Howe')).toHaveLength(6);
    expect(TRANSITIONS.get('America/Sao_Paulo')).toEqual([]);
  });

  it('nextWindowStart is the earliest oracle start after `after`', () => {
    fc.assert(fc.property(cronArb(), zoneAndInstantArb, nextStartMatchesOracle), { numRuns: 300 });
  });

  it('nextWindowStart is the earliest oracle start after `after`, close to spring-forward gaps', () => {
    fc.assert(fc.property(cronArb(), zoneAndInstantNearGapArb, nextStartMatchesOracle), {
      numRuns: 300,
    });
  });

  it('successive calls over 10 days across a transition give every oracle start once, in order', () => {
    fc.assert(
      fc.property(cronArb(sparseMinutes), zoneAndInstantArb, (cron, [zone, middle]) => {
        fc.pre(everMatches(cron));
        const [from, to] = [middle - 5 * DAY, middle + 5 * DAY];
        const expected = oracleStarts(cron, zone, from, to);
        const actual = successiveStarts(windowOf(cron, zone), from, to);
        expect(actual.every((t, i) => i === 0 || t > actual[i - 1])).toBe(true);
        expect({ cron: cron.text, zone, starts: actual.map(iso) }).toEqual({
          cron: cron.text,
          zone,
          starts: expected.map(iso),
        });
      }),
      { numRuns: 40 },
    );
  });

  it('windowContaining returns the latest oracle start in (at - duration, at]', () => {
    const duration = fc.integer({ min: 15, max: 1440 });
    fc.assert(
      fc.property(cronArb(), zoneAndInstantArb, duration, (cron, [zone, at], minutes) => {
        fc.pre(everMatches(cron));
        const latest = oracleStarts(cron, zone, at - minutes * MINUTE, at).pop();
        const slot = windowContaining(windowOf(cron, zone, minutes), new Date(at));
        expect(`${cron.text} ${zone} at ${iso(at)}: ${iso(slot?.start.getTime())}`).toBe(
          `${cron.text} ${zone} at ${iso(at)}: ${iso(latest)}`,
        );
        if (slot) expect(slot.end.getTime() - slot.start.getTime()).toBe(minutes * MINUTE);
      }),
      { numRuns: 150 },
    );
  });

  it('cronError rejects exactly the generated crons that can never match', () => {
    fc.assert(
      fc.property(cronArb(), (cron) => {
        expect({ cron: cron.text, valid: cronError(cron.text) === null }).toEqual({
          cron: cron.text,
          valid: everMatches(cron),
        });
      }),
      { numRuns: 1000 },
    );
  });
});
