/** Every event that e-mails someone. The template of an outbox row is named after its event. */
export const NOTICE_EVENTS = [
  'task.scheduled',
  'task.rescheduled',
  'task.cancelled',
  'task.started',
  'task.succeeded',
  'task.failed',
  'maintenance.announced',
  'maintenance.withdrawn',
  'rollout.paused',
  'rollout.stopped',
  'rollout.completed',
  'rollout.confirmation',
  'webhook.disabled',
] as const;
export type NoticeEvent = (typeof NOTICE_EVENTS)[number];

export type TaskNoticeEvent = Extract<NoticeEvent, `task.${string}`>;
export type MaintenanceNoticeEvent = Extract<NoticeEvent, `maintenance.${string}`>;
/** A rollout's change, told to its partners' contacts (the one-time code is not one of them). */
export type RolloutNoticeEvent = Exclude<
  Extract<NoticeEvent, `rollout.${string}`>,
  'rollout.confirmation'
>;

export function isTaskNoticeEvent(event: NoticeEvent): event is TaskNoticeEvent {
  return event.startsWith('task.');
}

/** The task event of an outbox row that is about a task (throws for a maintenance notice). */
export function taskEventOf(event: NoticeEvent): TaskNoticeEvent {
  if (!isTaskNoticeEvent(event)) throw new Error(`${event} is not about a task`);
  return event;
}

/** E-mails that are no webhook event: a rollout's one-time code, an endpoint disabled. */
type MailOnlyEvent = 'rollout.confirmation' | 'webhook.disabled';
const MAIL_ONLY: readonly NoticeEvent[] = ['rollout.confirmation', 'webhook.disabled'];

/**
 * The events a webhook endpoint may subscribe to (docs/webhooks.md): every event that e-mails
 * someone, sent whether or not anyone is e-mailed about it — except the one-time code of a
 * rollout, which only its licence contact may read, and the e-mail that an endpoint was disabled
 * (it could not be delivered to that endpoint anyway).
 */
export const WEBHOOK_EVENTS = [
  ...NOTICE_EVENTS.filter((e): e is Exclude<NoticeEvent, MailOnlyEvent> => !MAIL_ONLY.includes(e)),
  'task.postponed',
  'blackout.created',
  'blackout.deleted',
  'rollout.resumed',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** A blackout set or removed: sent to webhooks only (the moves it causes are task events). */
export type BlackoutWebhookEvent = Extract<WebhookEvent, `blackout.${string}`>;

/** A rollout's change sent to webhooks: those e-mailed, and a resume (which e-mails nobody). */
export type RolloutWebhookEvent = RolloutNoticeEvent | 'rollout.resumed';

/** Task events sent to webhooks: those that e-mail someone, and a customer's postpone. */
export type TaskWebhookEvent = TaskNoticeEvent | 'task.postponed';

/** The event of a test delivery (`POST /webhooks/{id}/ping`); not subscribed to, always sent. */
export const WEBHOOK_PING = 'webhook.ping';

/** The version of the webhook bodies (`version` in every body); raised when a field changes meaning. */
export const WEBHOOK_PAYLOAD_VERSION = 1;
