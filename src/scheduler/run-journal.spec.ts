import { isoNow } from './journal-segment';

describe('the time of a log line', () => {
  it('is what JSON.stringify writes for a Date of now (ISO 8601, UTC, milliseconds)', () => {
    const before = Date.now();
    const at = isoNow();
    const after = Date.now();
    expect(at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(JSON.stringify(new Date(at))).toBe(JSON.stringify(at));
    expect(Date.parse(at)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(at)).toBeLessThanOrEqual(after);
  });

  it('moves on with the clock (lines of one millisecond share the string)', async () => {
    const first = isoNow();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(Date.parse(isoNow())).toBeGreaterThan(Date.parse(first));
  });
});
