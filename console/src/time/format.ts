import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The browser's own time zone: the default for every time the console shows. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** `UTC+01:00` (or `UTC`) for `zone` at the instant `at`. */
export function utcOffset(zone: string, at: Date): string {
  const minutes = dayjs(at).tz(zone).utcOffset();
  if (minutes === 0) return 'UTC';
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `UTC${sign}${hh}:${mm}`;
}

export type TimeStyle = 'full' | 'date' | 'time';

/**
 * An instant as the viewer reads it: in `zone`, in the viewer's language, always with the UTC
 * offset ("5 Jan 2027, 02:00 (UTC+01:00)"), so that a time is never ambiguous.
 */
export function formatInstant(
  value: string | Date,
  locale: string,
  zone: string,
  style: TimeStyle = 'full',
): string {
  const at = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(at.getTime())) return String(value);
  const options: Intl.DateTimeFormatOptions =
    style === 'date'
      ? { dateStyle: 'medium', timeZone: zone }
      : style === 'time'
        ? { timeStyle: 'short', timeZone: zone }
        : { dateStyle: 'medium', timeStyle: 'short', timeZone: zone };
  const text = new Intl.DateTimeFormat(locale, options).format(at);
  return style === 'date' ? text : `${text} (${utcOffset(zone, at)})`;
}

const WALL = 'YYYY-MM-DD HH:mm:ss';

/**
 * A wall-clock time typed by the viewer ("2027-03-28 02:30:00", as the date pickers give it) in
 * `zone`, as ISO 8601 with that zone's offset. A time that does not exist (skipped by a DST change)
 * moves forward by the gap, as clocks do; a time that happens twice (the autumn change) is its
 * first occurrence, as the service reads maintenance windows.
 */
export function wallTimeToIso(wall: string, zone: string): string {
  const resolved = dayjs.tz(wall, WALL, zone);
  const hourBefore = resolved.subtract(1, 'hour').tz(zone);
  const first = hourBefore.format(WALL) === wall ? hourBefore : resolved;
  return first.format('YYYY-MM-DDTHH:mm:ssZ');
}

/** The wall-clock time ("YYYY-MM-DD HH:mm:ss") of an instant in `zone`, for a date picker. */
export function isoToWallTime(iso: string | Date, zone: string): string {
  return dayjs(iso).tz(zone).format(WALL);
}

/** Minutes from `now` until `eta`, never negative; null without an ETA. */
export function minutesUntil(eta: string | null | undefined, now: Date): number | null {
  if (!eta) return null;
  const ms = new Date(eta).getTime() - now.getTime();
  return Number.isNaN(ms) ? null : Math.max(0, Math.ceil(ms / 60_000));
}

export function allTimeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  const zones = intl.supportedValuesOf?.('timeZone') ?? [];
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}
