import type { NoticeEvent } from './notice-events';

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'dead'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];
export type RecipientKind = 'partner' | 'customer';

/** One outbox row as the sender and the admin API see it. */
export interface OutboxRow {
  id: string;
  event: NoticeEvent;
  template: string;
  recipient: string;
  recipientKind: RecipientKind;
  locale: string;
  timezone: string;
  payload: Record<string, unknown>;
  dedupeKey: string;
  taskId: string | null;
  batchId: string | null;
  partnerId: string | null;
  groupKey: string | null;
  status: OutboxStatus;
  attempts: number;
  resends: number;
  nextAttemptAt: Date;
  lastError: string | null;
  messageId: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

/**
 * One e-mail to send: a single row, or every row of a group claimed together (a digest).
 * `first` is the group's oldest row; the payloads of the others are read in pages when rendered.
 */
export interface ClaimedMessage {
  /** The lease owner written on the rows: only this claim may complete them. */
  token: string;
  /** After this, another sender may take the rows over. */
  leaseExpiresAt: Date;
  first: OutboxRow;
  /** Every row of the e-mail, ascending. */
  ids: string[];
  /** The highest attempt count among the rows, this attempt included. */
  attempts: number;
}

export const OUTBOX_COLUMNS = `o.id, o.event, o.template, o.recipient, o.recipient_kind, o.locale, o.timezone,
  o.payload, o.dedupe_key, o.task_id, o.batch_id, o.partner_id, o.group_key, o.status, o.attempts,
  o.resends, o.next_attempt_at, o.last_error, o.message_id, o.created_at, o.sent_at`;

export function toOutboxRow(r: Record<string, unknown>): OutboxRow {
  return {
    id: r.id as string,
    event: r.event as NoticeEvent,
    template: r.template as string,
    recipient: r.recipient as string,
    recipientKind: r.recipient_kind as RecipientKind,
    locale: r.locale as string,
    timezone: r.timezone as string,
    payload: r.payload as Record<string, unknown>,
    dedupeKey: r.dedupe_key as string,
    taskId: (r.task_id as string | null) ?? null,
    batchId: (r.batch_id as string | null) ?? null,
    partnerId: (r.partner_id as string | null) ?? null,
    groupKey: (r.group_key as string | null) ?? null,
    status: r.status as OutboxStatus,
    attempts: r.attempts as number,
    resends: r.resends as number,
    nextAttemptAt: r.next_attempt_at as Date,
    lastError: (r.last_error as string | null) ?? null,
    messageId: (r.message_id as string | null) ?? null,
    createdAt: r.created_at as Date,
    sentAt: (r.sent_at as Date | null) ?? null,
  };
}
