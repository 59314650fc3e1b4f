import { describe, expect, it } from 'vitest';
import { formattingLocale } from './preferences';

describe('formatting locale', () => {
  it("uses the browser's variant of the chosen language", () => {
    expect(formattingLocale('en', ['en-GB', 'de-DE'])).toBe('en-GB');
    expect(formattingLocale('de', ['en-GB', 'de-CH'])).toBe('de-CH');
    expect(formattingLocale('it', ['en-GB'])).toBe('it');
  });
});
