import { DateTime } from 'luxon';
import { DEFAULT_LOCALE, Locale, LOCALES } from '../common/locale';

/** The conventions each locale formats dates with (English: day month year, 24-hour clock). */
const INTL_LOCALE: Record<Locale, string> = { en: 'en-GB', de: 'de-DE', it: 'it-IT' };

export function supportedLocale(locale: string | null | undefined): Locale {
  return (LOCALES as readonly string[]).includes(locale ?? '')
    ? (locale as Locale)
    : DEFAULT_LOCALE;
}

const validZones = new Map<string, boolean>();

export function validZone(zone: string | null | undefined): string {
  if (!zone) return 'UTC';
  let valid = validZones.get(zone);
  if (valid === undefined) {
    valid = DateTime.now().setZone(zone).isValid;
    if (validZones.size < 5000) validZones.set(zone, valid);
  }
  return valid ? zone : 'UTC';
}

/**
 * Formatting a time in a zone costs Intl calls; the tasks of a batch share few start times, so
 * the texts are kept (up to a bound) by instant, zone, locale and style.
 */
const formatted = new Map<string, string>();
function memo(key: string, format: () => string): string {
  let text = formatted.get(key);
  if (text === undefined) {
    if (formatted.size >= 20_000) formatted.clear();
    text = format();
    formatted.set(key, text);
  }
  return text;
}

const instant = (value: string | Date) => (typeof value === 'string' ? value : value.toISOString());

function inZone(value: string | Date, zone: string, locale: Locale): DateTime {
  const dt = typeof value === 'string' ? DateTime.fromISO(value) : DateTime.fromJSDate(value);
  return dt.setZone(validZone(zone)).setLocale(INTL_LOCALE[locale]);
}

/** "UTC+02:00": the offset in force at that instant (it changes across daylight-saving time). */
function offset(dt: DateTime): string {
  return `UTC${dt.toFormat('ZZ')}`;
}

/** "Sunday 28 March 2027 at 03:30 (UTC+02:00)", in the recipient's zone and language. */
export function longDateTime(value: string | Date, zone: string, locale: Locale): string {
  return memo(`L${instant(value)}|${zone}|${locale}`, () => formatLong(value, zone, locale));
}

function formatLong(value: string | Date, zone: string, locale: Locale): string {
  const dt = inZone(value, zone, locale);
  const text = dt.toLocaleString({
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return `${text} (${offset(dt)})`;
}

/** "Sun 28/03/2027, 03:30 (UTC+02:00)": for tables. */
export function shortDateTime(value: string | Date, zone: string, locale: Locale): string {
  return memo(`S${instant(value)}|${zone}|${locale}`, () => formatShort(value, zone, locale));
}

function formatShort(value: string | Date, zone: string, locale: Locale): string {
  const dt = inZone(value, zone, locale);
  const text = dt.toLocaleString({
    weekday: 'short',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return `${text} (${offset(dt)})`;
}

/** ISO 8601 with the recipient's offset, for machine-readable attachments. */
export function isoInZone(value: string | Date, zone: string): string {
  return memo(`I${instant(value)}|${zone}`, () => formatIso(value, zone));
}

function formatIso(value: string | Date, zone: string): string {
  const dt = typeof value === 'string' ? DateTime.fromISO(value) : DateTime.fromJSDate(value);
  return dt.setZone(validZone(zone)).toISO({ suppressMilliseconds: true }) ?? '';
}
