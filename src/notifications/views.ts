import type { Locale } from '../common/locale';
import type { BatchSummary, TaskFacts } from './digest.repository';
import { longDateTime, shortDateTime } from './format';
import type { TaskNoticeEvent } from './notice-events';
import { reasonText } from './reasons';

/**
 * What each template may use. Every event gets its own shape, and templates are compiled in strict
 * mode: a template that uses a variable its event does not provide fails to render (and the unit
 * test that renders every template with a sample of its event in every locale).
 */
export interface Reader {
  locale: Locale;
  timezone: string;
}

function taskBase(f: TaskFacts, r: Reader) {
  return {
    tenantName: f.tenantName,
    fromVersion: f.fromVersion,
    targetVersion: f.targetVersion,
    runAt: longDateTime(f.runAt, r.timezone, r.locale),
    windowEnd: longDateTime(f.windowEnd, r.timezone, r.locale),
    timezone: r.timezone,
    forced: f.forced,
  };
}

/**
 * The view of a single-task e-mail (and of its calendar entry). `selfServiceUrl`: the customer's
 * link to its page (customers' e-mails about a planned update; null for anyone else).
 */
export function taskView(
  event: TaskNoticeEvent,
  f: TaskFacts,
  r: Reader,
  selfServiceUrl: string | null = null,
): object {
  const base = taskBase(f, r);
  switch (event) {
    case 'task.scheduled':
      return { ...base, immediate: f.mode === 'immediate', selfServiceUrl };
    case 'task.rescheduled':
      return { ...base, reason: reasonText(f.reason, r.locale, r.timezone), selfServiceUrl };
    case 'task.cancelled':
      return { ...base, reason: reasonText(f.reason, r.locale, r.timezone) };
    case 'task.failed':
      return { ...base, error: f.error ?? reasonText(f.reason, r.locale, r.timezone) ?? '' };
    case 'task.started':
    case 'task.succeeded':
      return base;
  }
}

export interface TaskRowView {
  tenantName: string;
  fromVersion: string;
  targetVersion: string;
  runAt: string;
  windowEnd: string;
  forced: boolean;
  cancelled: boolean;
  /** The reason of a cancellation or move, or a failure's error. */
  note: string | null;
}

/** A task's line in a list: the reason of its cancellation or move, or its failure's error. */
export function noteOf(f: TaskFacts, r: Reader): string | null {
  const reason = reasonText(f.reason, r.locale, r.timezone);
  return f.status === 'failed' ? (f.error ?? reason) : reason;
}

export function taskRow(f: TaskFacts, r: Reader): TaskRowView {
  return {
    tenantName: f.tenantName,
    fromVersion: f.fromVersion,
    targetVersion: f.targetVersion,
    runAt: shortDateTime(f.runAt, r.timezone, r.locale),
    windowEnd: shortDateTime(f.windowEnd, r.timezone, r.locale),
    forced: f.forced,
    cancelled: f.status === 'cancelled',
    note: noteOf(f, r),
  };
}

export interface Listing {
  /** The tasks are listed in the body (up to the listing limit); otherwise only summarised. */
  listed: boolean;
  tasks: TaskRowView[];
  /** File name of the CSV attachment with every task, or null. */
  attachment: string | null;
}

/** A partner's digest of a new batch: its tasks as they are now. */
export function batchDigestView(
  payload: Record<string, unknown>,
  summary: BatchSummary,
  listing: Listing,
  r: Reader,
): object {
  const when = (value: string | null) => (value ? longDateTime(value, r.timezone, r.locale) : '');
  return {
    partnerName: String(payload.partnerName ?? ''),
    targetVersion: String(payload.targetVersion ?? ''),
    timezone: r.timezone,
    total: summary.total,
    one: summary.total === 1,
    cancelled: summary.cancelled,
    firstRunAt: when(summary.firstRunAt),
    lastWindowEnd: when(summary.lastWindowEnd),
    ...listing,
  };
}

/** Several task notices of one event to one partner contact, merged into one e-mail. */
export function eventDigestView(
  event: TaskNoticeEvent,
  count: number,
  reason: string | null,
  listing: Listing,
  r: Reader,
): object {
  return {
    scheduled: event === 'task.scheduled',
    rescheduled: event === 'task.rescheduled',
    cancelled: event === 'task.cancelled',
    started: event === 'task.started',
    succeeded: event === 'task.succeeded',
    failed: event === 'task.failed',
    count,
    reason,
    timezone: r.timezone,
    ...listing,
  };
}

const OUTCOMES: Record<string, Record<string, string>> = {
  en: { succeeded: 'succeeded', failed: 'failed', cancelled: 'cancelled' },
  de: { succeeded: 'erfolgreich', failed: 'fehlgeschlagen', cancelled: 'abgesagt' },
  it: { succeeded: 'riuscito', failed: 'fallito', cancelled: 'annullato' },
};

/** A rollout paused, stopped or ended (the payload written with the change). */
export function rolloutView(payload: Record<string, unknown>, r: Reader): object {
  const state = String(payload.state ?? '');
  return {
    rolloutId: String(payload.rolloutId ?? ''),
    targetVersion: String(payload.targetVersion ?? ''),
    partnerName: String(payload.partnerName ?? ''),
    outcome: (OUTCOMES[r.locale] ?? OUTCOMES.en)[state] ?? state,
    reason: typeof payload.reason === 'string' && payload.reason ? payload.reason : null,
    total: Number(payload.total ?? 0),
    succeeded: Number(payload.succeeded ?? 0),
    failed: Number(payload.failed ?? 0),
    cancelled: Number(payload.cancelled ?? 0),
  };
}

const CONFIRMATION_REASONS: Record<string, Record<string, string>> = {
  en: {
    downgrade: 'it downgrades tenants',
    forced: 'it is forced',
    platform_scope: 'it updates a whole platform',
    tenants_over: 'it updates many tenants',
  },
  de: {
    downgrade: 'es führt Systeme auf eine ältere Version zurück',
    forced: 'es ist erzwungen',
    platform_scope: 'es aktualisiert eine ganze Plattform',
    tenants_over: 'es aktualisiert viele Systeme',
  },
  it: {
    downgrade: 'riporta dei sistemi a una versione precedente',
    forced: 'è forzato',
    platform_scope: "aggiorna un'intera piattaforma",
    tenants_over: 'aggiorna molti sistemi',
  },
};

/** The one-time code of a rollout (its payload holds the code until the e-mail is sent). */
export function confirmationView(payload: Record<string, unknown>, r: Reader): object | null {
  if (typeof payload.code !== 'string') return null;
  const words = CONFIRMATION_REASONS[r.locale] ?? CONFIRMATION_REASONS.en;
  const reasons = Array.isArray(payload.reasons) ? payload.reasons.map(String) : [];
  return {
    code: payload.code,
    rolloutId: String(payload.rolloutId ?? ''),
    ownerName: String(payload.ownerName ?? ''),
    targetVersion: String(payload.targetVersion ?? ''),
    tenants: Number(payload.tenants ?? 0),
    expiresAt: longDateTime(String(payload.expiresAt), r.timezone, r.locale),
    timezone: r.timezone,
    reasons: reasons.map((x) => words[x] ?? x).join('; '),
  };
}

/** A webhook endpoint disabled after failing too long (the payload written with the change). */
export function webhookDisabledView(payload: Record<string, unknown>, r: Reader): object {
  const when = (value: unknown) =>
    typeof value === 'string' && value ? longDateTime(value, r.timezone, r.locale) : '';
  return {
    endpointId: String(payload.endpointId ?? ''),
    url: String(payload.url ?? ''),
    description: typeof payload.description === 'string' ? payload.description : null,
    partnerName: String(payload.partnerName ?? ''),
    failingSince: when(payload.failingSince),
    disabledAt: when(payload.disabledAt),
    hours: Number(payload.hours ?? 0),
    timezone: r.timezone,
  };
}

export function maintenanceView(payload: Record<string, unknown>, r: Reader): object {
  return {
    platformName: String(payload.platformName ?? ''),
    partnerName: String(payload.partnerName ?? ''),
    startsAt: longDateTime(String(payload.startsAt), r.timezone, r.locale),
    endsAt: longDateTime(String(payload.endsAt), r.timezone, r.locale),
    message: String(payload.message ?? ''),
    timezone: r.timezone,
  };
}
