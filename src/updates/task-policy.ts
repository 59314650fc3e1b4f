import { type Caller, isPlatformAdmin } from '../auth/caller';
import type { TaskStatus, UpdateTask } from './update-task';

export const TASK_ACTIONS = ['cancel', 'reschedule', 'retry', 'resume'] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

/** The statuses each action applies to. */
const APPLIES_TO: Record<TaskAction, TaskStatus[]> = {
  cancel: ['scheduled', 'running'],
  reschedule: ['scheduled'],
  retry: ['failed'],
  resume: ['running'],
};

/**
 * Why the caller's role may not take `action` on `task`, or null when it may: a forced task is the
 * platform admins' to change, and resuming a task whose runner stopped is theirs too.
 */
export function roleRefusal(caller: Caller, task: UpdateTask, action: TaskAction): string | null {
  if (isPlatformAdmin(caller)) return null;
  if (action === 'resume') return 'only platform admins resume a task';
  if (task.forced) return `Task ${task.id} is forced: only platform admins can ${action} it`;
  return null;
}

/**
 * The actions the console offers on a task: those its status allows and the caller's role may
 * take. (Resuming also needs the task's lease to be gone; the API answers 409 while it is not.)
 */
export function offeredActions(caller: Caller, task: UpdateTask): TaskAction[] {
  return TASK_ACTIONS.filter(
    (action) =>
      APPLIES_TO[action].includes(task.status) && roleRefusal(caller, task, action) === null,
  );
}
