import { describe, expect, it } from 'vitest';
import { pickLanguage } from './language';

describe('the console’s language', () => {
  it('follows the browser by default', () => {
    expect(pickLanguage(null, ['de-AT', 'en-US'])).toBe('de');
    expect(pickLanguage(null, ['fr-FR', 'it-CH', 'en'])).toBe('it');
    expect(pickLanguage(null, ['fr-FR', 'es'])).toBe('en');
    expect(pickLanguage(null, [])).toBe('en');
  });

  it('keeps the viewer’s own choice', () => {
    expect(pickLanguage('it', ['de-DE'])).toBe('it');
    expect(pickLanguage('xx', ['de-DE'])).toBe('de');
  });
});
