import { LOCALES } from '../common/locale';
import { defaultReason, englishReason, type DefaultReason, reasonText } from './reasons';

const ALL: DefaultReason[] = [
  { code: 'cancelled_by', actor: 'ACME automation' },
  { code: 'batch_cancelled_by', actor: 'ACME automation' },
  { code: 'rescheduled_by', actor: 'ACME automation' },
  { code: 'window_changed_by', actor: 'ACME automation' },
  { code: 'window_expired_moved' },
  { code: 'window_expired_cancelled' },
  {
    code: 'platform_maintenance',
    startsAt: '2027-03-06T21:00:00.000Z',
    endsAt: '2027-03-07T03:00:00.000Z',
    message: 'Database upgrade',
  },
];

describe('reasons nobody typed', () => {
  it('are said in every language, with nothing of the English left in German or Italian', () => {
    for (const reason of ALL) {
      const stored = defaultReason(reason);
      const english = reasonText(stored, 'en') as string;
      for (const locale of LOCALES) {
        const text = reasonText(stored, locale, 'Europe/Rome') as string;
        expect(text).not.toContain('\u2063');
        if (locale !== 'en') {
          expect(text).not.toEqual(english);
          expect(text).not.toMatch(/\b(cancelled|rescheduled|changed|window|update|by)\b/);
        }
      }
    }
  });

  it('quote the actor and the maintenance message as given, with times in the reader’s zone', () => {
    const stored = defaultReason(ALL[6]);
    expect(reasonText(stored, 'de', 'Europe/Berlin')).toBe(
      'Plattform-Wartung Samstag, 6. März 2027 um 22:00 (UTC+01:00) – Sonntag, 7. März 2027 um 04:00 (UTC+01:00): Database upgrade',
    );
    expect(reasonText(defaultReason(ALL[0]), 'it')).toBe('annullato da ACME automation');
  });

  it('leave a reason typed by an admin as it is, and unknown languages in English', () => {
    expect(reasonText('Kunde im Urlaub', 'it')).toBe('Kunde im Urlaub');
    expect(reasonText(null, 'de')).toBeNull();
    expect(reasonText(defaultReason(ALL[2]), 'fr')).toBe('rescheduled by ACME automation');
    expect(englishReason(defaultReason(ALL[3]))).toBe(
      "the tenant's maintenance window was changed by ACME automation",
    );
  });
});
