import type { BlockCode } from '../placement/placement';
import type { Role } from '../auth/api-key.entity';
import { type ErrorDetail, ForbiddenError, NotFoundError } from '../common/errors';
import type { CustomerPostponePolicy } from '../platforms/customer-postpone';
import type { UpdateMode } from './update-mode';
import { NOT_STARTED_STATUSES, type TaskStatus } from './task-status';

/**
 * Who may do what to an update task — the one home of these rules (docs/scheduling.md, "Who may
 * act on a task"). The same decision is made for one task and for every task of a batch:
 *
 * - platform admins may take every action on every task;
 * - partner admins act only on their own partner's tasks (others' are "not found", never revealed),
 *   may cancel, reschedule, retry and roll them back unless they are forced (a forced task is the
 *   platform admins' to change), and may not resume a task at all (resuming overrides a replica's
 *   lease);
 * - a request that acts on several tasks (a batch cancel) is all or nothing: if the policy
 *   refuses any of them, the request is refused with the same status as for one task (403), every
 *   refused task is listed, and nothing is changed.
 */
export const TASK_ACTIONS = ['cancel', 'reschedule', 'retry', 'resume', 'rollback'] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

/** The statuses in which each action applies (in any other, the API answers 409). */
export const ACTION_APPLIES_TO: Record<TaskAction, readonly TaskStatus[]> = {
  cancel: [...NOT_STARTED_STATUSES, 'running'],
  reschedule: ['scheduled'],
  retry: ['failed'],
  resume: ['running'],
  rollback: ['succeeded', 'failed'],
};

/** What a partner admin may do to its own tasks, per action. */
const PARTNER_ADMIN_MAY: Record<TaskAction, 'unless_forced' | 'never'> = {
  cancel: 'unless_forced',
  reschedule: 'unless_forced',
  retry: 'unless_forced',
  resume: 'never',
  rollback: 'unless_forced',
};

export interface Actor {
  role: Role;
  /** Set for partner admins: the partner whose tasks they act on. */
  partnerId: string | null;
}

export interface ActedOn {
  id: string;
  partnerId: string;
  forced: boolean;
}

/**
 * Tasks of one request that the policy treats alike (one partner, forced or not): how many, and
 * the ids of the first of them (a refusal lists those).
 */
export interface ActedOnKind {
  partnerId: string;
  forced: boolean;
  count: number;
  ids: string[];
}

export type ActionRefusalCode = 'not_found' | 'forced_task' | 'platform_admin_only';

export interface ActionRefusal {
  status: 403 | 404;
  code: ActionRefusalCode;
  reason: string;
}

/** Why `actor` may not take `action` on `task`, or null when it may. */
export function actionRefusal(
  actor: Actor,
  action: TaskAction,
  task: ActedOn,
): ActionRefusal | null {
  if (actor.role === 'platform_admin') return null;
  if (actor.partnerId !== task.partnerId) {
    return { status: 404, code: 'not_found', reason: `Update task ${task.id} was not found` };
  }
  if (PARTNER_ADMIN_MAY[action] === 'never') {
    return {
      status: 403,
      code: 'platform_admin_only',
      reason: `only platform admins can ${action} a task`,
    };
  }
  if (task.forced && !mayChangeForced(actor)) {
    return {
      status: 403,
      code: 'forced_task',
      reason: `Task ${task.id} is forced: only platform admins can ${action} it`,
    };
  }
  return null;
}

/**
 * The actions an actor may take on a task now: its status allows them and the policy does not
 * refuse them (the console offers these and no others). Resuming also needs the task's lease to
 * be gone, which only the action itself can tell (409 while a replica still holds it).
 */
export function offeredActions(
  actor: Actor,
  task: ActedOn & { status: TaskStatus; kind?: 'update' | 'rollback' },
): TaskAction[] {
  return TASK_ACTIONS.filter(
    (action) =>
      ACTION_APPLIES_TO[action].includes(task.status) &&
      // A rollback took no snapshots: there is nothing to roll it back to.
      !(action === 'rollback' && task.kind === 'rollback') &&
      actionRefusal(actor, action, task) === null,
  );
}

/** Throws the policy's refusal as the API answers it (404 or 403). */
export function assertMayAct(
  actor: Actor,
  action: TaskAction,
  task: ActedOn,
  forbidden?: { message: string; details: ErrorDetail[] },
): void {
  const refusal = actionRefusal(actor, action, task);
  if (!refusal) return;
  if (refusal.status === 404) throw new NotFoundError('Update task', task.id);
  if (forbidden) throw new ForbiddenError(forbidden.message, forbidden.details);
  throw new ForbiddenError(
    refusal.code === 'forced_task' ? refusal.reason : `Task ${task.id}: ${refusal.reason}`,
    [{ taskId: task.id, code: refusal.code, reason: refusal.reason }],
  );
}

/**
 * The same decision for every task a request acts on (given as kinds of tasks the policy treats
 * alike, however many they are): throws 403 listing the refused tasks (the first ids of each
 * refused kind; nothing is changed), or returns when the actor may act on all of them.
 */
export function assertMayActOnAll(
  actor: Actor,
  action: TaskAction,
  kinds: ActedOnKind[],
  what: string,
): void {
  const total = kinds.reduce((n, k) => n + k.count, 0);
  let count = 0;
  const refused: { id: string; refusal: ActionRefusal }[] = [];
  for (const kind of kinds) {
    const refusals = kind.ids.flatMap((id) => {
      const refusal = actionRefusal(actor, action, {
        id,
        partnerId: kind.partnerId,
        forced: kind.forced,
      });
      return refusal ? [{ id, refusal }] : [];
    });
    if (refusals.length === 0) continue;
    count += kind.count;
    refused.push(...refusals);
  }
  if (refused.length === 0) return;
  refused.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const listed = refused.length < count ? ` (the first ${refused.length} are listed)` : '';
  throw new ForbiddenError(
    `${what}: ${count} of ${total} task(s) may not be ${pastTense(action)} by you (${refused[0].refusal.reason}); nothing was ${pastTense(action)}${listed}`,
    refused.map(({ id, refusal }) => ({ taskId: id, code: refusal.code, reason: refusal.reason })),
  );
}

/**
 * Who created an update: the role of the key that created its batch (`update_batch.created_by_role`,
 * also its rollout's `created_by_role`); null when unknown (a task without a batch). This is the
 * creator, never the caller who acts on the update later.
 */
export interface CreatedUpdate {
  createdByRole: Role | string | null;
}

/**
 * The update was created by a platform admin (its batch or rollout). Decides the forced rule
 * (`isPlatformAdminsForcedUpdate`) and whether the dispatcher installs a test version.
 */
export function createdByPlatformAdmin(update: CreatedUpdate): boolean {
  return update.createdByRole === 'platform_admin';
}

/**
 * The forced rule's subject — "a platform admin's forced update": the update is forced and a
 * platform admin created it (its batch or rollout). Who acts on it later does not change it: a
 * platform admin who reschedules or retries a partner admin's forced update does not make it one
 * (the update keeps the rules its creator gave it, when it is placed again, when a blackout or
 * maintenance is created over it, and in the dispatcher's pre-check alike). The different rule of
 * who may change a forced update is `mayChangeForced`.
 */
export function isPlatformAdminsForcedUpdate(update: CreatedUpdate & { forced: boolean }): boolean {
  return update.forced && createdByPlatformAdmin(update);
}

/**
 * Who may change (cancel, reschedule, retry, roll back; pause, resume, cancel a forced rollout) a
 * forced update: platform admins only, whoever created it. Decided by the caller's role, unlike
 * `isPlatformAdminsForcedUpdate`, which is decided by the creator's.
 */
export function mayChangeForced(actor: Pick<Actor, 'role'>): boolean {
  return actor.role === 'platform_admin';
}

/**
 * A platform admin's forced update (`isPlatformAdminsForcedUpdate`) runs on a tenant whose
 * `autoUpdateAllowed` is false; nothing else does (checked when scheduling, rescheduling or
 * retrying, and again in the pre-check).
 */
export function overridesAutoUpdateOptOut(update: CreatedUpdate & { forced: boolean }): boolean {
  return isPlatformAdminsForcedUpdate(update);
}

/**
 * Immediate and custom mode: a platform admin's forced update (`isPlatformAdminsForcedUpdate`: its
 * creator's role, not the caller's) may run inside a tenant's or partner's blackout; platform
 * maintenance blocks everyone. A maintenance-window update takes free windows, forced or not. The
 * same rule wherever such an update gets or keeps a time: scheduling, a reschedule or retry, a
 * rollback, a wave opening, and a new blackout, which leaves it where it is whether it is
 * scheduled or held (BlackoutsService, HeldTaskMoves).
 */
export function overriddenBlocks(
  update: CreatedUpdate & { mode: UpdateMode; forced: boolean },
): readonly BlockCode[] {
  if (update.mode === 'maintenance_window') return [];
  return isPlatformAdminsForcedUpdate(update) ? ['blackout_overlap'] : [];
}

function pastTense(action: TaskAction): string {
  if (action === 'rollback') return 'rolled back';
  return action === 'cancel' ? 'cancelled' : action === 'retry' ? 'retried' : `${action}d`;
}

/** A task as a customer's postpone sees it. */
export interface PostponedTask {
  status: TaskStatus;
  forced: boolean;
  /** The task's notice sequence now. */
  noticeSequence: number;
  /** Times the customer postponed it already. */
  customerPostpones: number;
  runAt: Date;
  /** The planned time when the customer first postponed it; null before. */
  announcedRunAt: Date | null;
}

export type PostponeRefusalCode =
  | 'stale_link'
  | 'not_scheduled'
  | 'forced_task'
  | 'postpone_not_allowed'
  | 'postpone_limit_reached';

export interface PostponeRefusal {
  status: 409 | 422;
  code: PostponeRefusalCode;
  reason: string;
}

/**
 * Why the customer may not postpone the task through a link of notice sequence `linkSequence`, or
 * null when it may: only through the link of the task's latest e-mail (an older one shows the task
 * but cannot act), only while the task is scheduled (never once started), never a forced update,
 * and at most `maxTimes` times.
 */
export function customerPostponeRefusal(
  task: PostponedTask,
  linkSequence: number,
  policy: CustomerPostponePolicy,
): PostponeRefusal | null {
  if (!ACTION_APPLIES_TO.reschedule.includes(task.status)) {
    return {
      status: 409,
      code: 'not_scheduled',
      reason: `the update is ${task.status}: only a scheduled update can be postponed`,
    };
  }
  if (linkSequence !== task.noticeSequence) {
    return {
      status: 409,
      code: 'stale_link',
      reason: 'the update was changed since this e-mail: use the link of the latest one',
    };
  }
  if (task.forced) {
    return { status: 422, code: 'forced_task', reason: 'a forced update cannot be postponed' };
  }
  if (!policy.allowed || policy.maxTimes === 0) {
    return {
      status: 422,
      code: 'postpone_not_allowed',
      reason: 'the provider does not let customers postpone updates',
    };
  }
  if (task.customerPostpones >= policy.maxTimes) {
    return {
      status: 422,
      code: 'postpone_limit_reached',
      reason: `the update was postponed ${task.customerPostpones} time(s) already, the most allowed`,
    };
  }
  return null;
}

const DAY_MS = 86_400_000;

/** The latest start a customer may postpone to: `maxDays` after the time first announced. */
export function postponeHorizon(task: PostponedTask, policy: CustomerPostponePolicy): Date {
  const from = task.announcedRunAt ?? task.runAt;
  return new Date(from.getTime() + policy.maxDays * DAY_MS);
}
