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
  /** What a notice that is not about a task says (maintenance, a batch digest); null for task notices. */
  payload: Record<string, unknown> | null;
  /** A task notice: the task's notice sequence at the event (its calendar SEQUENCE). */
  sequence: number | null;
  /** A task notice: why (the reason of a move or cancel, the error of a failure). */
  reason: string | null;
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
  o.payload, o.sequence, o.reason, o.dedupe_key, o.task_id, o.batch_id, o.partner_id, o.group_key, o.status, o.attempts,
  o.resends, o.next_attempt_at, o.last_error, o.message_id, o.created_at, o.sent_at`;

/** An outbox_email row as OUTBOX_COLUMNS reads it. */
export interface OutboxEmailRow {
  id: string;
  event: NoticeEvent;
  template: string;
  recipient: string;
  recipient_kind: RecipientKind;
  locale: string;
  timezone: string;
  payload: Record<string, unknown> | null;
  sequence: number | null;
  reason: string | null;
  dedupe_key: string;
  task_id: string | null;
  batch_id: string | null;
  partner_id: string | null;
  group_key: string | null;
  status: OutboxStatus;
  attempts: number;
  resends: number;
  next_attempt_at: Date;
  last_error: string | null;
  message_id: string | null;
  created_at: Date;
  sent_at: Date | null;
}

export function toOutboxRow(r: OutboxEmailRow): OutboxRow {
  return {
    id: r.id,
    event: r.event,
    template: r.template,
    recipient: r.recipient,
    recipientKind: r.recipient_kind,
    locale: r.locale,
    timezone: r.timezone,
    payload: r.payload,
    sequence: r.sequence,
    reason: r.reason,
    dedupeKey: r.dedupe_key,
    taskId: r.task_id,
    batchId: r.batch_id,
    partnerId: r.partner_id,
    groupKey: r.group_key,
    status: r.status,
    attempts: r.attempts,
    resends: r.resends,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    messageId: r.message_id,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  };
}
