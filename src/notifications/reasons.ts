import type { Locale } from '../common/locale';
import { longDateTime, supportedLocale } from './format';

/**
 * Why a task was cancelled or moved when nobody typed a reason. Stored as a code with its facts
 * (in the task's cancel_reason and the notice's payload) and put into words only when read, in the
 * reader's language: e-mails and calendar entries in the recipient's, the API and the step log in
 * English. A reason typed by an admin is stored and shown as given.
 */
export type DefaultReason =
  | { code: 'cancelled_by'; actor: string }
  | { code: 'batch_cancelled_by'; actor: string }
  | { code: 'rescheduled_by'; actor: string }
  | { code: 'postponed_by_customer' }
  | { code: 'window_changed_by'; actor: string }
  | { code: 'window_expired_moved' }
  | { code: 'window_expired_cancelled' }
  | { code: 'platform_maintenance'; startsAt: string; endsAt: string; message: string }
  | { code: 'blackout'; startsAt: string; endsAt: string; reason: string }
  | { code: 'rollout_stopped'; why: string }
  | { code: 'rollout_cancelled_by'; actor: string }
  | { code: 'rollout_wave_opened'; wave: number }
  | { code: 'rollout_no_window' }
  | { code: 'rollout_not_confirmed'; cancelAt: string };

type Code = DefaultReason['code'];
type Phrase<C extends Code> = (
  reason: Extract<DefaultReason, { code: C }>,
  when: (iso: string) => string,
) => string;
type Phrases = { [C in Code]: Phrase<C> };

/** Every reason in every language: a missing translation does not compile. */
const PHRASES: Record<Locale, Phrases> = {
  en: {
    cancelled_by: (r) => `cancelled by ${r.actor}`,
    batch_cancelled_by: (r) => `the whole update batch was cancelled by ${r.actor}`,
    rescheduled_by: (r) => `rescheduled by ${r.actor}`,
    postponed_by_customer: () => 'postponed by the customer',
    window_changed_by: (r) => `the tenant's maintenance window was changed by ${r.actor}`,
    window_expired_moved: () =>
      'the update could not start within its maintenance window and moves to the next one',
    window_expired_cancelled: () =>
      'the update could not start within its maintenance window and no free window follows',
    platform_maintenance: (r, when) =>
      `platform maintenance ${when(r.startsAt)} – ${when(r.endsAt)}: ${r.message}`,
    blackout: (r, when) => `no updates ${when(r.startsAt)} – ${when(r.endsAt)}: ${r.reason}`,
    rollout_stopped: (r) => `the rollout was stopped: ${r.why}`,
    rollout_cancelled_by: (r) => `the rollout was cancelled by ${r.actor}`,
    rollout_wave_opened: (r) => `wave ${r.wave} of the rollout opened`,
    rollout_no_window: () =>
      'the rollout reached this tenant and no free maintenance window follows',
    rollout_not_confirmed: (r, when) =>
      `the rollout was not confirmed with its code by ${when(r.cancelAt)}`,
  },
  de: {
    cancelled_by: (r) => `abgesagt von ${r.actor}`,
    batch_cancelled_by: (r) => `die ganze Update-Serie wurde von ${r.actor} abgesagt`,
    rescheduled_by: (r) => `verschoben von ${r.actor}`,
    postponed_by_customer: () => 'vom Kunden verschoben',
    window_changed_by: (r) => `das Wartungsfenster des Systems wurde von ${r.actor} geändert`,
    window_expired_moved: () =>
      'das Update konnte nicht innerhalb seines Wartungsfensters beginnen und wird in das nächste verschoben',
    window_expired_cancelled: () =>
      'das Update konnte nicht innerhalb seines Wartungsfensters beginnen, und es folgt kein freies Wartungsfenster',
    platform_maintenance: (r, when) =>
      `Plattform-Wartung ${when(r.startsAt)} – ${when(r.endsAt)}: ${r.message}`,
    blackout: (r, when) =>
      `Sperrzeit für Updates ${when(r.startsAt)} – ${when(r.endsAt)}: ${r.reason}`,
    rollout_stopped: (r) => `das Rollout wurde gestoppt: ${r.why}`,
    rollout_cancelled_by: (r) => `das Rollout wurde von ${r.actor} abgesagt`,
    rollout_wave_opened: (r) => `Welle ${r.wave} des Rollouts wurde geöffnet`,
    rollout_no_window: () =>
      'das Rollout hat dieses System erreicht, und es folgt kein freies Wartungsfenster',
    rollout_not_confirmed: (r, when) =>
      `das Rollout wurde nicht bis ${when(r.cancelAt)} mit seinem Code bestätigt`,
  },
  it: {
    cancelled_by: (r) => `annullato da ${r.actor}`,
    batch_cancelled_by: (r) => `l'intero lotto di aggiornamenti è stato annullato da ${r.actor}`,
    rescheduled_by: (r) => `riprogrammato da ${r.actor}`,
    postponed_by_customer: () => 'rinviato dal cliente',
    window_changed_by: (r) =>
      `la finestra di manutenzione del sistema è stata modificata da ${r.actor}`,
    window_expired_moved: () =>
      "l'aggiornamento non è potuto iniziare entro la sua finestra di manutenzione e passa alla successiva",
    window_expired_cancelled: () =>
      "l'aggiornamento non è potuto iniziare entro la sua finestra di manutenzione e non segue alcuna finestra libera",
    platform_maintenance: (r, when) =>
      `manutenzione della piattaforma ${when(r.startsAt)} – ${when(r.endsAt)}: ${r.message}`,
    blackout: (r, when) =>
      `periodo senza aggiornamenti ${when(r.startsAt)} – ${when(r.endsAt)}: ${r.reason}`,
    rollout_stopped: (r) => `il rollout è stato interrotto: ${r.why}`,
    rollout_cancelled_by: (r) => `il rollout è stato annullato da ${r.actor}`,
    rollout_wave_opened: (r) => `si è aperta l'ondata ${r.wave} del rollout`,
    rollout_no_window: () =>
      'il rollout ha raggiunto questo sistema e non segue alcuna finestra di manutenzione libera',
    rollout_not_confirmed: (r, when) =>
      `il rollout non è stato confermato con il suo codice entro ${when(r.cancelAt)}`,
  },
};

/**
 * Marks a stored default reason. An admin cannot type it: a cancel reason that starts with it is
 * refused (CancelTaskDto), so typed text is never taken for a code.
 */
export const REASON_MARK = '\u2063reason:';

/** A default reason as it is stored. */
export function defaultReason(reason: DefaultReason): string {
  return `${REASON_MARK}${JSON.stringify(reason)}`;
}

function decode(stored: string): DefaultReason | null {
  if (!stored.startsWith(REASON_MARK)) return null;
  try {
    const reason = JSON.parse(stored.slice(REASON_MARK.length)) as DefaultReason;
    return reason.code in PHRASES.en ? reason : null;
  } catch {
    return null;
  }
}

/** A stored reason in the reader's words: a typed one as given, a default one translated. */
export function reasonText(stored: string | null, locale: string, zone = 'UTC'): string | null {
  if (stored === null) return null;
  const reason = decode(stored);
  if (!reason) return stored;
  const l = supportedLocale(locale);
  const phrase = PHRASES[l][reason.code] as Phrase<Code>;
  return phrase(reason as never, (iso) => longDateTime(iso, zone, l));
}

/** For the API and the step log, which speak English. */
export const englishReason = (stored: string | null): string | null => reasonText(stored, 'en');
