import { describe, expect, it } from 'vitest';
import { formatInstant, isoToWallTime, minutesUntil, utcOffset, wallTimeToIso } from './format';

describe('times in the viewer’s zone', () => {
  it('always shows the UTC offset, in summer and in winter', () => {
    expect(formatInstant('2027-01-05T01:00:00Z', 'en-GB', 'Europe/Rome')).toBe(
      '5 Jan 2027, 02:00 (UTC+01:00)',
    );
    expect(formatInstant('2027-07-05T01:00:00Z', 'en-GB', 'Europe/Rome')).toBe(
      '5 Jul 2027, 03:00 (UTC+02:00)',
    );
    expect(formatInstant('2027-07-05T01:00:00Z', 'en-GB', 'UTC')).toBe('5 Jul 2027, 01:00 (UTC)');
    expect(utcOffset('Asia/Kolkata', new Date('2027-01-01T00:00:00Z'))).toBe('UTC+05:30');
    expect(utcOffset('America/New_York', new Date('2027-01-01T00:00:00Z'))).toBe('UTC-05:00');
  });

  it('speaks the viewer’s language', () => {
    expect(formatInstant('2027-01-05T01:00:00Z', 'de', 'Europe/Berlin')).toBe(
      '05.01.2027, 02:00 (UTC+01:00)',
    );
    expect(formatInstant('2027-01-05T01:00:00Z', 'it', 'Europe/Rome', 'date')).toBe('5 gen 2027');
  });

  it('turns a wall-clock time in a zone into an instant with that offset', () => {
    expect(wallTimeToIso('2027-01-05 02:00:00', 'Europe/Rome')).toBe('2027-01-05T02:00:00+01:00');
    expect(wallTimeToIso('2027-07-05 02:00:00', 'Europe/Rome')).toBe('2027-07-05T02:00:00+02:00');
    expect(wallTimeToIso('2027-07-05 02:00:00', 'America/Los_Angeles')).toBe(
      '2027-07-05T02:00:00-07:00',
    );
  });

  it('moves a time skipped by the spring DST change forward by the gap', () => {
    // Europe/Rome skips 02:00–03:00 on 28 March 2027.
    const iso = wallTimeToIso('2027-03-28 02:30:00', 'Europe/Rome');
    expect(new Date(iso).toISOString()).toBe('2027-03-28T01:30:00.000Z');
    expect(isoToWallTime(iso, 'Europe/Rome')).toBe('2027-03-28 03:30:00');
  });

  it('takes the first of a time that the autumn DST change repeats', () => {
    // Europe/Rome goes from 03:00 back to 02:00 on 31 October 2027: 02:30 happens twice.
    expect(wallTimeToIso('2027-10-31 02:30:00', 'Europe/Rome')).toBe('2027-10-31T02:30:00+02:00');
    expect(wallTimeToIso('2027-10-31 03:30:00', 'Europe/Rome')).toBe('2027-10-31T03:30:00+01:00');
  });

  it('round-trips an instant through a date picker value', () => {
    const wall = isoToWallTime('2027-11-30T23:45:00Z', 'America/New_York');
    expect(wall).toBe('2027-11-30 18:45:00');
    expect(new Date(wallTimeToIso(wall, 'America/New_York')).toISOString()).toBe(
      '2027-11-30T23:45:00.000Z',
    );
  });

  it('counts the minutes until an ETA, never below zero', () => {
    const now = new Date('2027-01-05T10:00:00Z');
    expect(minutesUntil('2027-01-05T10:04:10Z', now)).toBe(5);
    expect(minutesUntil('2027-01-05T09:00:00Z', now)).toBe(0);
    expect(minutesUntil(null, now)).toBeNull();
  });
});
