import { CronExpressionParser } from 'cron-parser';
import { IANAZone } from 'luxon';

/** A tenant's recurring maintenance window: starts at each cron match, in wall-clock time of `timezone`. */
export interface MaintenanceWindow {
  cron: string;
  durationMinutes: number;
  timezone: string;
}

/** Half-open interval [start, end). */
export interface TimeSlot {
  start: Date;
  end: Date;
}

export type WindowField = 'cron' | 'durationMinutes' | 'timezone';

export interface WindowFieldError {
  field: WindowField;
  reason: string;
}

export class InvalidMaintenanceWindowError extends Error {
  constructor(
    readonly field: WindowField,
    readonly reason: string,
  ) {
    super(`invalid maintenance window ${field}: ${reason}`);
    this.name = 'InvalidMaintenanceWindowError';
  }
}

export const MIN_WINDOW_MINUTES = 15;
export const MAX_WINDOW_MINUTES = 1440;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** A valid expression matches at least every 8 years (29 February skips 2100). */
const SEARCH_HORIZON_DAYS = 366 * 9;
const NEVER_MATCHES = 'never matches: no date satisfies all of its fields';
const TIME_ZONE_REASON = 'must be an IANA time zone name such as Europe/Rome';
const FIELD_COUNT_REASON = 'must have 5 fields: minute hour day-of-month month day-of-week';
const FIELD_NAMES = ['minute', 'hour', 'day-of-month', 'month', 'day-of-week'];
const MONTH_NAMES = /jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/gi;
const DAY_NAMES = /sun|mon|tue|wed|thu|fri|sat/gi;
/** Any date: every valid expression matches within the search horizon from anywhere. */
const NEVER_MATCHES_PROBE = Date.UTC(2000, 0, 1);

/** isValidZone costs ~0.1 ms (it builds an Intl formatter); bulk imports validate thousands. */
const knownTimeZones = new Set<string>();
const KNOWN_TIME_ZONES_LIMIT = 2000; // names match case-insensitively, so bound what callers add

/** A cron expression expanded to lookup tables over wall-clock fields. */
interface CronSchedule {
  minutes: number[];
  hours: number[];
  daysOfMonth: boolean[];
  months: boolean[];
  daysOfWeek: boolean[];
  dayOfMonthRestricted: boolean;
  dayOfWeekRestricted: boolean;
}

interface CompiledWindow {
  schedule: CronSchedule;
  zone: IANAZone;
  durationMs: number;
}

export function cronError(expr: string): string | null {
  try {
    nextMatchingWallTime(compileCron(expr), NEVER_MATCHES_PROBE);
    return null;
  } catch (error) {
    if (error instanceof InvalidMaintenanceWindowError) return error.reason;
    throw error;
  }
}

export function isValidTimeZone(tz: string): boolean {
  if (knownTimeZones.has(tz)) return true;
  const valid = typeof tz === 'string' && IANAZone.isValidZone(tz);
  if (valid && knownTimeZones.size < KNOWN_TIME_ZONES_LIMIT) knownTimeZones.add(tz);
  return valid;
}

export function windowError(w: MaintenanceWindow): WindowFieldError[] {
  const errors: WindowFieldError[] = [];
  const cron = typeof w.cron === 'string' ? cronError(w.cron) : 'must be a string';
  if (cron !== null) errors.push({ field: 'cron', reason: cron });
  const duration = durationError(w.durationMinutes);
  if (duration !== null) errors.push({ field: 'durationMinutes', reason: duration });
  if (!isValidTimeZone(w.timezone)) errors.push({ field: 'timezone', reason: TIME_ZONE_REASON });
  return errors;
}

export function nextWindowStart(w: MaintenanceWindow, after: Date): Date {
  return new Date(earliestStartAfter(compileWindow(w), epochMs(after)));
}

export function nextWindow(w: MaintenanceWindow, after: Date): TimeSlot {
  const window = compileWindow(w);
  return slotAt(earliestStartAfter(window, epochMs(after)), window.durationMs);
}

/** The window open at `at` (the latest-starting one if windows overlap), or null. */
export function windowContaining(w: MaintenanceWindow, at: Date): TimeSlot | null {
  const window = compileWindow(w);
  const time = epochMs(at);
  const start = latestStartIn(window, time - window.durationMs, time);
  return start === null ? null : slotAt(start, window.durationMs);
}

export function slotsOverlap(a: TimeSlot, b: TimeSlot): boolean {
  return a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime();
}

function durationError(minutes: number): string | null {
  const inRange = minutes >= MIN_WINDOW_MINUTES && minutes <= MAX_WINDOW_MINUTES;
  return Number.isInteger(minutes) && inRange
    ? null
    : `must be a whole number of minutes from ${MIN_WINDOW_MINUTES} to ${MAX_WINDOW_MINUTES}`;
}

function compileWindow(w: MaintenanceWindow): CompiledWindow {
  const schedule = compileCron(w.cron);
  const duration = durationError(w.durationMinutes);
  if (duration !== null) throw new InvalidMaintenanceWindowError('durationMinutes', duration);
  const zone = IANAZone.create(w.timezone); // cached by luxon, with its validity
  if (!zone.isValid) {
    throw new InvalidMaintenanceWindowError('timezone', `unknown time zone "${w.timezone}"`);
  }
  return { schedule, zone, durationMs: w.durationMinutes * MINUTE_MS };
}

function epochMs(date: Date): number {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new RangeError('invalid date');
  return ms;
}

function slotAt(start: number, durationMs: number): TimeSlot {
  return { start: new Date(start), end: new Date(start + durationMs) };
}

// ---- cron expressions -------------------------------------------------------------------------

function compileCron(expr: string): CronSchedule {
  const fields = expr.trim().split(/\s+/);
  if (fields.length !== 5) throw new InvalidMaintenanceWindowError('cron', FIELD_COUNT_REASON);
  fields.forEach(rejectUnsupportedSyntax);
  const parsed = parseWithCronParser(fields.join(' '));
  return {
    minutes: numbers(parsed.minute.values),
    hours: numbers(parsed.hour.values),
    daysOfMonth: lookupTable(parsed.dayOfMonth.values, 32),
    months: lookupTable(parsed.month.values, 13),
    daysOfWeek: lookupTable(parsed.dayOfWeek.values, 7), // 7 wraps to 0: both mean Sunday
    dayOfMonthRestricted: !parsed.dayOfMonth.isWildcard,
    dayOfWeekRestricted: !parsed.dayOfWeek.isWildcard,
  };
}

/** cron-parser also accepts Quartz/Jenkins extensions (L, #, H, ?); we keep to the classic syntax. */
function rejectUnsupportedSyntax(field: string, index: number): void {
  const names = index === 3 ? MONTH_NAMES : index === 4 ? DAY_NAMES : null;
  const withoutNames = names ? field.replace(names, '0') : field;
  if (!/^[\d*,/-]+$/.test(withoutNames)) {
    const reason = `${FIELD_NAMES[index]} field "${field}" may only use numbers, names (JAN, SUN), *, ",", "-" and "/"`;
    throw new InvalidMaintenanceWindowError('cron', reason);
  }
}

function parseWithCronParser(expr: string) {
  try {
    return CronExpressionParser.parse(expr).fields;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // cron-parser's wording for a day of month that none of the listed months has (`0 0 31 2 *`)
    const reason = message === 'Invalid explicit day of month definition' ? NEVER_MATCHES : message;
    throw new InvalidMaintenanceWindowError('cron', reason);
  }
}

function numbers(values: readonly (number | string)[]): number[] {
  return values.map(Number).sort((a, b) => a - b);
}

function lookupTable(values: readonly (number | string)[], size: number): boolean[] {
  const table = new Array<boolean>(size).fill(false);
  for (const value of values) table[Number(value) % size] = true;
  return table;
}

/** The first wall-clock minute at or after `from` (both as UTC-based "floating" epoch ms) that matches. */
function nextMatchingWallTime(schedule: CronSchedule, from: number): number {
  const first = Math.ceil(from / MINUTE_MS) * MINUTE_MS;
  const firstDay = Math.floor(first / DAY_MS) * DAY_MS;
  for (let day = firstDay; day < firstDay + SEARCH_HORIZON_DAYS * DAY_MS; day += DAY_MS) {
    if (!dayMatches(schedule, new Date(day))) continue;
    const fromMinute = day === firstDay ? (first - day) / MINUTE_MS : 0;
    const minute = firstMatchingMinuteOfDay(schedule, fromMinute);
    if (minute !== null) return day + minute * MINUTE_MS;
  }
  throw new InvalidMaintenanceWindowError('cron', NEVER_MATCHES);
}

function dayMatches(schedule: CronSchedule, day: Date): boolean {
  if (!schedule.months[day.getUTCMonth() + 1]) return false;
  const dayOfMonth = schedule.daysOfMonth[day.getUTCDate()];
  const dayOfWeek = schedule.daysOfWeek[day.getUTCDay()];
  // Classic cron: when both day fields are restricted, a day matching either one is enough.
  if (schedule.dayOfMonthRestricted && schedule.dayOfWeekRestricted) return dayOfMonth || dayOfWeek;
  return dayOfMonth && dayOfWeek;
}

function firstMatchingMinuteOfDay(schedule: CronSchedule, fromMinute: number): number | null {
  for (const hour of schedule.hours) {
    for (const minute of schedule.minutes) {
      if (hour * 60 + minute >= fromMinute) return hour * 60 + minute;
    }
  }
  return null;
}

// ---- wall-clock time to instants --------------------------------------------------------------

/**
 * Earliest window start strictly after `after`. Candidates are matching wall-clock times, each
 * mapped to an instant with `instantOf`. The mapping is monotonic except in a spring-forward gap,
 * where a shifted wall time lands after the first wall times past the gap (02:50 → 03:50 comes
 * after 03:10). So the search starts a just-passed gap's length before the clock reading at
 * `after`, and stops only once candidates reach the clock reading at the best start found: no
 * later wall time can map before it.
 */
function earliestStartAfter({ schedule, zone }: CompiledWindow, after: number): number {
  const offsetNow = offsetMs(zone, after);
  // Wall times skipped by a gap in the last day may still map after `after`.
  const recentGap = Math.max(0, offsetNow - offsetMs(zone, after - DAY_MS));
  let wall = after + offsetNow - recentGap;
  let best = Infinity;
  let bestWallClock = Infinity;
  for (;;) {
    const candidate = nextMatchingWallTime(schedule, wall);
    if (candidate >= bestWallClock) return best;
    const start = instantOf(zone, candidate);
    if (start > after && start < best) {
      best = start;
      bestWallClock = wallClockAt(zone, start);
    }
    wall = candidate + MINUTE_MS;
  }
}

/**
 * Latest window start in (from, to], or null. earliestStartAfter is monotonic in `after`, and
 * starts are whole minutes apart, so bisecting down to under a minute leaves a single start.
 */
function latestStartIn(window: CompiledWindow, from: number, to: number): number | null {
  let latest = earliestStartAfter(window, from);
  if (latest > to) return null;
  let upper = to; // invariant: the answer lies in [latest, upper]
  for (let probe = latest; upper - latest >= MINUTE_MS;) {
    const start = earliestStartAfter(window, probe);
    if (start <= to) latest = start;
    else upper = probe;
    probe = latest + Math.floor((upper - latest) / 2);
  }
  return latest;
}

/**
 * RFC 5545 §3.3.5: a wall time skipped by a spring-forward gap takes the offset in force before
 * the gap (it moves forward by the gap's length); a wall time repeated by a fall-back means its
 * first occurrence. Assumes at most one offset change within a day either side (true of tzdata
 * 2025c for 2025-2028: changes are at least 35 days apart). luxon picks the second occurrence of
 * a repeated time in some zones (Europe/Rome) and the first in others, so we do not rely on it.
 */
function instantOf(zone: IANAZone, wall: number): number {
  const offsetBefore = offsetMs(zone, wall - DAY_MS);
  const offsetAfter = offsetMs(zone, wall + DAY_MS);
  const early = wall - offsetBefore;
  if (offsetBefore === offsetAfter || offsetMs(zone, early) === offsetBefore) return early;
  const late = wall - offsetAfter;
  return offsetMs(zone, late) === offsetAfter ? late : early;
}

/** The wall-clock reading at `at`, as a UTC-based "floating" epoch ms. */
function wallClockAt(zone: IANAZone, at: number): number {
  return at + offsetMs(zone, at);
}

function offsetMs(zone: IANAZone, at: number): number {
  return zone.offset(at) * MINUTE_MS;
}
