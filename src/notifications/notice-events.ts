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
] as const;
export type NoticeEvent = (typeof NOTICE_EVENTS)[number];

export type TaskNoticeEvent = Extract<NoticeEvent, `task.${string}`>;
export type MaintenanceNoticeEvent = Extract<NoticeEvent, `maintenance.${string}`>;
