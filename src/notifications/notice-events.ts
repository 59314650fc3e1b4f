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
] as const;
export type NoticeEvent = (typeof NOTICE_EVENTS)[number];

export type TaskNoticeEvent = Extract<NoticeEvent, `task.${string}`>;
export type MaintenanceNoticeEvent = Extract<NoticeEvent, `maintenance.${string}`>;
export type RolloutNoticeEvent = Extract<NoticeEvent, `rollout.${string}`>;

export function isTaskNoticeEvent(event: NoticeEvent): event is TaskNoticeEvent {
  return event.startsWith('task.');
}

/** The task event of an outbox row that is about a task (throws for a maintenance notice). */
export function taskEventOf(event: NoticeEvent): TaskNoticeEvent {
  if (!isTaskNoticeEvent(event)) throw new Error(`${event} is not about a task`);
  return event;
}
