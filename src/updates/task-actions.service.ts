import { Injectable } from '@nestjs/common';
import { setTimeout as delay } from 'node:timers/promises';
import { AuditService } from '../audit/audit.service';
import { type Caller, type Scope, scopeOf } from '../auth/caller';
import { Clock } from '../common/clock';
import { ApiError, ConflictError, NotFoundError } from '../common/errors';
import { bulkRefusal, type RowProblem } from '../common/row-errors';
import { Page, PageRequest, toPage } from '../common/pagination';
import { lockInOrder } from '../database/lock-order';
import { type Tx, Transactions } from '../database/transactions';
import { CancelTaskDto, RescheduleTaskDto, TaskResponse } from './dto/task.dto';
import { buildPlanRequest, PlanContextLoader, RequestedUpdate, toFacts } from './plan-inputs';
import { createPlanner } from './planning';
import { TaskChanges } from './task-changes.service';
import {
  type ActedOnKind,
  assertMayAct,
  assertMayActOnAll,
  offeredActions,
  type TaskAction,
} from './task-policy';
import { type LogLine, TaskRunsRepository } from './task-runs.repository';
import { isNotStarted } from './task-status';
import type { UpdateTask } from './update-task';
import { TaskFilter, UpdateTasksRepository } from './update-tasks.repository';
import { defaultReason } from '../notifications/reasons';
import { SnapshotResponse } from '../snapshots/dto/snapshot.dto';
import { SnapshotsRepository } from '../snapshots/snapshots.repository';

/** How long POST …/cancel on a running task waits for the executor's answer before replying. */
const CANCEL_WAIT_MS = 5_000;
const CANCEL_POLL_MS = 50;

/** Reading one task or many, its log, and the admin actions on a task (who may: task-policy.ts). */
@Injectable()
export class TaskActionsService {
  constructor(
    private readonly db: Transactions,
    private readonly tasks: UpdateTasksRepository,
    private readonly runs: TaskRunsRepository,
    private readonly inputs: PlanContextLoader,
    private readonly changes: TaskChanges,
    private readonly snapshots: SnapshotsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async get(caller: Caller, id: string): Promise<TaskResponse> {
    const task = await this.mustFind(this.db.pool, scopeOf(caller), id);
    const snapshots = await this.snapshots.ofTask(this.db.pool, id);
    return {
      ...TaskResponse.from(task, offeredActions(caller, task)),
      snapshots: snapshots.map(SnapshotResponse.from),
    };
  }

  async list(
    caller: Caller,
    filter: TaskFilter,
    page: PageRequest,
    order: 'asc' | 'desc' = 'asc',
  ): Promise<Page<TaskResponse>> {
    const rows = await this.tasks.list(scopeOf(caller), filter, page, order);
    const respond = (t: UpdateTask) => TaskResponse.from(t, offeredActions(caller, t));
    return toPage(rows, page.limit, respond, (t) => t.id);
  }

  /**
   * The original recipients are told. A running task's runner asks the executor to abort; the
   * task ends cancelled or failed with the executor's answer (the reply waits a few seconds for it).
   */
  async cancel(caller: Caller, id: string, dto: CancelTaskDto): Promise<TaskResponse> {
    const reply = await this.db.run(async (tx) => {
      const task = await this.lockTask(tx, caller, id, 'cancel');
      const reason = dto.reason ?? defaultReason({ code: 'cancelled_by', actor: caller.name });
      if (task.status === 'running') {
        await this.runs.requestCancel(tx, id, reason, caller.name);
        await this.audited(tx, caller, 'update_task.cancel_running', task);
        return null;
      }
      if (!isNotStarted(task.status)) {
        throw new ConflictError(
          `Task ${id} is ${task.status}: only a held, scheduled or running task can be cancelled`,
        );
      }
      await this.changes.cancel(tx, [id], { reason });
      return this.audited(tx, caller, 'update_task.cancel', task);
    });
    if (reply) return reply;
    await this.awaitEnd(id);
    return this.get(caller, id);
  }

  /** failed → scheduled and due now: a new run from the first step, under the rules of scheduling. */
  async retry(caller: Caller, id: string): Promise<TaskResponse> {
    const now = this.clock.now();
    return this.db.run(async (tx) => {
      const task = await this.lockForPlanning(tx, caller, id, 'retry');
      if (task.status !== 'failed') {
        throw new ConflictError(`Task ${id} is ${task.status}: only a failed task can be retried`);
      }
      await this.planAgain(tx, caller, task, { mode: 'immediate' }, now, 'retried', null);
      await this.runs.retry(tx, id, now, caller.name);
      return this.audited(tx, caller, 'update_task.retry', task);
    });
  }

  /**
   * Retries several failed tasks (a rollout wave's) under the rules of a single retry, all or
   * nothing: the caller holds the platforms' shared scheduling locks and the task rows. If the
   * policy refuses any task, the answer is 403 listing them; if any cannot be retried (no longer
   * failed, or scheduling refuses it now: another open task, a withdrawn version...), the answer
   * lists every one of them with its reason. Nothing is retried then.
   */
  async retryLocked(tx: Tx, caller: Caller, ids: string[], what: string): Promise<number> {
    const now = this.clock.now();
    const tasks: UpdateTask[] = [];
    for (const id of ids) tasks.push(await this.mustFind(tx, scopeOf(caller), id));
    assertMayActOnAll(caller, 'retry', kindsOf(tasks), what);
    const problems: RowProblem[] = [];
    for (const task of tasks) {
      if (task.status !== 'failed') {
        problems.push({
          status: 409,
          detail: { taskId: task.id, code: 'not_failed', reason: `is ${task.status}` },
        });
        continue;
      }
      try {
        await this.planAgain(tx, caller, task, { mode: 'immediate' }, now, 'retried', null);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        const detail = error.details[0];
        problems.push({
          status: error.status,
          detail: { taskId: task.id, code: detail?.code, reason: detail?.reason ?? error.message },
        });
      }
    }
    if (problems.length > 0) {
      throw bulkRefusal(
        `${what}: ${problems.length} of ${tasks.length} task(s) cannot be retried; nothing was retried`,
        problems,
      );
    }
    for (const task of tasks) await this.runs.retry(tx, task.id, now, caller.name);
    return tasks.length;
  }

  /** A running task whose lease is gone (its replica stopped): any dispatcher resumes it now. */
  async resume(caller: Caller, id: string): Promise<TaskResponse> {
    return this.db.run(async (tx) => {
      const task = await this.lockTask(tx, caller, id, 'resume');
      if (task.status !== 'running') {
        throw new ConflictError(`Task ${id} is ${task.status}: only a running task can be resumed`);
      }
      const lease = await this.runs.lease(tx, id);
      if (lease.live) {
        throw new ConflictError(
          `Task ${id} is being run by ${lease.owner} (lease until ${lease.expiresAt?.toISOString()}): only a task whose lease is gone can be resumed`,
        );
      }
      await this.runs.resume(tx, id, caller.name);
      return this.audited(tx, caller, 'update_task.resume', task);
    });
  }

  /** The task's whole step log as text, headed by what the task is and how it ended. */
  async log(scope: Scope, id: string): Promise<string> {
    const task = await this.mustFind(this.db.pool, scope, id);
    const lines = await this.runs.logLines(task.id);
    const head = [
      `Update task ${task.id}`,
      `Tenant:   ${task.tenantId}`,
      task.kind === 'rollback'
        ? `Rollback: ${task.fromVersion} -> ${task.targetVersion} (restores the snapshots of task ${task.rollbackOf})`
        : `Update:   ${task.path.join(' -> ')}${task.redeploy ? ' (redeploy)' : ''}`,
      `Status:   ${task.status} (attempts: ${task.attempts}, progress: ${task.progressPercent}%)`,
    ];
    if (task.error) head.push(`Error:    ${task.error}`);
    if (task.rolledBack)
      head.push('Rollback: automatic (rollbackOnFailure): the tenant was restored');
    if (task.cancelReason) head.push(`Cancel:   ${task.cancelReason}`);
    return `${head.join('\n')}\n\n${lines.map(formatLine).join('\n')}\n`;
  }

  /** A new time under the same rules as creation (window, what blocks time, versions). */
  async reschedule(caller: Caller, id: string, dto: RescheduleTaskDto): Promise<TaskResponse> {
    const now = this.clock.now();
    return this.db.run(async (tx) => {
      const task = await this.lockForPlanning(tx, caller, id, 'reschedule');
      if (task.status !== 'scheduled') {
        throw new ConflictError(
          `Task ${id} is ${task.status}: only a scheduled task can be rescheduled`,
        );
      }
      // The task being moved is the tenant's open task: it does not block itself.
      const { request, plan } = await this.planAgain(tx, caller, task, dto, now, 'rescheduled', id);
      await this.changes.move(
        tx,
        [
          {
            id,
            mode: request.mode,
            runAt: plan.runAt,
            expiresAt: plan.expiresAt,
            expectedDurationMinutes: request.expectedDurationMinutes,
          },
        ],
        { reason: defaultReason({ code: 'rescheduled_by', actor: caller.name }) },
      );
      return this.audited(tx, caller, 'update_task.reschedule', task);
    });
  }

  /**
   * Plans an existing task again under the rules of scheduling (window, what blocks time, versions,
   * one open task per tenant); `openTaskId` is the tenant's open task that does not count as a
   * conflict.
   */
  private async planAgain(
    tx: Tx,
    caller: Caller,
    task: UpdateTask,
    asked: Pick<RequestedUpdate, 'mode' | 'runAt' | 'expectedDurationMinutes'>,
    now: Date,
    verb: string,
    openTaskId: string | null,
  ) {
    // The forced rule follows whoever created the task, not the caller planning it again.
    const request = buildPlanRequest(
      await this.tasks.createdByRole(tx, task.id),
      {
        ...asked,
        expectedDurationMinutes: asked.expectedDurationMinutes ?? task.expectedDurationMinutes,
        targetVersion: task.targetVersion,
        forced: task.forced,
        redeploy: task.redeploy,
        allowDowngrade: task.allowDowngrade,
      },
      now,
    );
    const [facts] = await this.tasks.tenantFacts(
      tx,
      { tenantIds: [task.tenantId] },
      scopeOf(caller),
    );
    const { context } = await this.inputs.load(tx, [task.platformId], task.targetVersion, now);
    const own = facts.open_task_id === openTaskId ? null : facts.open_task_id;
    const plan = createPlanner(request, context)({ ...toFacts(facts), openTaskId: own });
    if (plan.refused) {
      throw new ApiError(plan.status, `Task ${task.id} cannot be ${verb}: ${plan.reason}`, [
        { field: asked.mode === 'custom' ? 'runAt' : 'mode', code: plan.code, reason: plan.reason },
      ]);
    }
    return { request, plan };
  }

  private async audited(
    tx: Tx,
    caller: Caller,
    action: string,
    before: UpdateTask,
  ): Promise<TaskResponse> {
    const after = await this.mustFind(tx, scopeOf(caller), before.id);
    await this.audit.record(tx, caller, {
      action,
      entityType: 'update_task',
      entityId: before.id,
      before: TaskResponse.from(before),
      after: TaskResponse.from(after),
    });
    return TaskResponse.from(after, offeredActions(caller, after));
  }

  /** Locks the task and checks that the caller may take the action (task-policy.ts). */
  private async lockTask(
    tx: Tx,
    caller: Caller,
    id: string,
    action: TaskAction,
  ): Promise<UpdateTask> {
    const { tasks: task } = await lockInOrder(tx, {
      tasks: () => this.mustFind(tx, scopeOf(caller), id, true),
    });
    assertMayAct(caller, action, task);
    return task;
  }

  /**
   * Locks a task that is about to be planned again: the platform's scheduling lock first, then the
   * task row (the order of database/lock-order.ts).
   */
  private async lockForPlanning(
    tx: Tx,
    caller: Caller,
    id: string,
    action: TaskAction,
  ): Promise<UpdateTask> {
    const seen = await this.mustFind(tx, scopeOf(caller), id);
    const { tasks: task } = await lockInOrder(tx, {
      platforms: { ids: [seen.platformId], mode: 'shared' },
      tasks: () => this.mustFind(tx, scopeOf(caller), id, true),
    });
    assertMayAct(caller, action, task);
    return task;
  }

  private async mustFind(tx: Tx, scope: Scope, id: string, forUpdate = false): Promise<UpdateTask> {
    const task = await this.tasks.find(scope, id, tx, forUpdate);
    if (!task) throw new NotFoundError('Update task', id);
    return task;
  }

  /**
   * After a cancel request on a running task: waits a little for its runner (in any replica) to get
   * the executor's answer and end the task, so that the reply shows the outcome when it is quick.
   */
  private async awaitEnd(taskId: string): Promise<void> {
    const until = Date.now() + CANCEL_WAIT_MS;
    while (Date.now() < until && (await this.runs.status(taskId)) === 'running') {
      await delay(CANCEL_POLL_MS);
    }
  }
}

function formatLine(l: LogLine): string {
  const step = l.step ? (l.node ? `${l.step} (${l.node})` : l.step) : '-';
  const mark = l.kind === 'warning' || l.kind === 'step_failed' ? '!' : ' ';
  return `${new Date(l.at).toISOString()} ${mark} attempt ${l.attempt}  ${step.padEnd(24)} ${l.message}`;
}

/** Tasks grouped as the policy treats them alike (one partner, forced or not). */
function kindsOf(tasks: UpdateTask[]): ActedOnKind[] {
  const kinds = new Map<string, ActedOnKind>();
  for (const t of tasks) {
    const key = `${t.partnerId}:${t.forced}`;
    const kind = kinds.get(key) ?? { partnerId: t.partnerId, forced: t.forced, count: 0, ids: [] };
    kind.count++;
    kind.ids.push(t.id);
    kinds.set(key, kind);
  }
  return [...kinds.values()];
}
