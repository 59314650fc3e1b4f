import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { type Caller, type Scope, scopeOf } from '../auth/caller';
import { Clock } from '../common/clock';
import { ApiError, ConflictError, ForbiddenError, NotFoundError } from '../common/errors';
import { Page, PageRequest, toPage } from '../common/pagination';
import { NoticesRepository } from '../notifications/notices.repository';
import { RunActions } from '../scheduler/run-actions.service';
import { RunControlRepository } from '../scheduler/run-control.repository';
import { CancelTaskDto, RescheduleTaskDto, TaskResponse } from './dto/task.dto';
import { buildPlanRequest, PlanContextLoader, RequestedUpdate, toFacts } from './plan-inputs';
import { lockPlatforms } from './platform-lock';
import { createPlanner } from './planning';
import { offeredActions, roleRefusal, type TaskAction } from './task-policy';
import type { UpdateTask } from './update-task';
import { TaskFilter, UpdateTasksRepository } from './update-tasks.repository';

/** Reading one task or many, its log, and the admin actions on a task. */
@Injectable()
export class TaskActionsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly tasks: UpdateTasksRepository,
    private readonly inputs: PlanContextLoader,
    private readonly notices: NoticesRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly runs: RunControlRepository,
    private readonly runActions: RunActions,
  ) {}

  async get(caller: Caller, id: string): Promise<TaskResponse> {
    const task = await this.mustFind(this.ds.manager, scopeOf(caller), id);
    return TaskResponse.from(task, offeredActions(caller, task));
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
   * Forced tasks can be cancelled only by platform admins. The original recipients are told. A
   * running task's runner asks the executor to abort; the task ends cancelled or failed with the
   * executor's answer (the reply waits a few seconds for it).
   */
  async cancel(caller: Caller, id: string, dto: CancelTaskDto): Promise<TaskResponse> {
    const reply = await this.ds.transaction(async (em) => {
      const task = await this.mustFind(em, scopeOf(caller), id, true);
      this.assertMayChange(caller, task, 'cancel');
      const reason = dto.reason ?? `cancelled by ${caller.name}`;
      if (task.status === 'running') {
        await this.runs.requestCancel(em, id, reason, caller.name);
        await this.audited(em, caller, 'update_task.cancel_running', task);
        return null;
      }
      if (task.status !== 'scheduled') {
        throw new ConflictError(
          `Task ${id} is ${task.status}: only a scheduled or running task can be cancelled`,
        );
      }
      await this.tasks.cancelScheduled(em, [id], reason);
      await this.notices.forTasks(em, 'task.cancelled', { taskIds: [id] }, { reason });
      return this.audited(em, caller, 'update_task.cancel', task);
    });
    if (reply) return reply;
    await this.runActions.awaitEnd(id);
    return this.get(caller, id);
  }

  /** failed → scheduled and due now: a new run from the first step, under the rules of scheduling. */
  async retry(caller: Caller, id: string): Promise<TaskResponse> {
    const now = this.clock.now();
    return this.ds.transaction(async (em) => {
      const task = await this.lockForPlanning(em, scopeOf(caller), id);
      this.assertMayChange(caller, task, 'retry');
      if (task.status !== 'failed') {
        throw new ConflictError(`Task ${id} is ${task.status}: only a failed task can be retried`);
      }
      await this.planAgain(em, caller, task, { mode: 'immediate' }, now, 'retried', null);
      await this.runs.retry(em, id, now, caller.name);
      return this.audited(em, caller, 'update_task.retry', task);
    });
  }

  /** A running task whose lease is gone (its replica stopped): any dispatcher resumes it now. */
  async resume(caller: Caller, id: string): Promise<TaskResponse> {
    return this.ds.transaction(async (em) => {
      const task = await this.mustFind(em, scopeOf(caller), id, true);
      if (task.status !== 'running') {
        throw new ConflictError(`Task ${id} is ${task.status}: only a running task can be resumed`);
      }
      const lease = await this.runs.lease(em, id);
      if (lease.live) {
        throw new ConflictError(
          `Task ${id} is being run by ${lease.owner} (lease until ${lease.expiresAt?.toISOString()}): only a task whose lease is gone can be resumed`,
        );
      }
      await this.runs.resume(em, id, caller.name);
      return this.audited(em, caller, 'update_task.resume', task);
    });
  }

  /** The task's step log as text. */
  async log(scope: Scope, id: string): Promise<string> {
    return this.runActions.logText(await this.mustFind(this.ds.manager, scope, id));
  }

  /** A new time under the same rules as creation (window, maintenance, versions). */
  async reschedule(caller: Caller, id: string, dto: RescheduleTaskDto): Promise<TaskResponse> {
    const now = this.clock.now();
    return this.ds.transaction(async (em) => {
      const scope = scopeOf(caller);
      const task = await this.lockForPlanning(em, scope, id);
      this.assertMayChange(caller, task, 'reschedule');
      if (task.status !== 'scheduled') {
        throw new ConflictError(
          `Task ${id} is ${task.status}: only a scheduled task can be rescheduled`,
        );
      }
      // The task being moved is the tenant's open task: it does not block itself.
      const { request, plan } = await this.planAgain(em, caller, task, dto, now, 'rescheduled', id);
      await this.tasks.move(em, [
        {
          id,
          mode: request.mode,
          runAt: plan.runAt,
          expiresAt: plan.expiresAt,
          expectedDurationMinutes: request.expectedDurationMinutes,
        },
      ]);
      await this.notices.forTasks(
        em,
        'task.rescheduled',
        { taskIds: [id] },
        { reason: `rescheduled by ${caller.name}` },
      );
      return this.audited(em, caller, 'update_task.reschedule', task);
    });
  }

  /**
   * Plans an existing task again under the rules of scheduling (window, maintenance, versions, one
   * open task per tenant); `openTaskId` is the tenant's open task that does not count as a conflict.
   */
  private async planAgain(
    em: EntityManager,
    caller: Caller,
    task: UpdateTask,
    asked: Pick<RequestedUpdate, 'mode' | 'runAt' | 'expectedDurationMinutes'>,
    now: Date,
    verb: string,
    openTaskId: string | null,
  ) {
    const request = buildPlanRequest(
      caller,
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
      em,
      { tenantIds: [task.tenantId] },
      scopeOf(caller),
    );
    await lockPlatforms(em, [task.platformId], false);
    const { context } = await this.inputs.load(em, [task.platformId], task.targetVersion, now);
    const own = facts.open_task_id === openTaskId ? null : facts.open_task_id;
    const plan = createPlanner(request, context)({ ...toFacts(facts), openTaskId: own });
    if (plan.refused) {
      throw new ApiError(plan.status, `Task ${task.id} cannot be ${verb}: ${plan.reason}`, [
        { field: asked.mode === 'custom' ? 'runAt' : 'mode', code: plan.code, reason: plan.reason },
      ]);
    }
    return { request, plan };
  }

  /** Partner admins act on their own tasks, but a forced task is the platform admins' to change. */
  private assertMayChange(caller: Caller, task: UpdateTask, action: TaskAction): void {
    const refusal = roleRefusal(caller, task, action);
    if (refusal) throw new ForbiddenError(refusal);
  }

  private async audited(
    em: EntityManager,
    caller: Caller,
    action: string,
    before: UpdateTask,
  ): Promise<TaskResponse> {
    const after = await this.mustFind(em, scopeOf(caller), before.id);
    await this.audit.record(em, caller, {
      action,
      entityType: 'update_task',
      entityId: before.id,
      before: TaskResponse.from(before),
      after: TaskResponse.from(after),
    });
    return TaskResponse.from(after, offeredActions(caller, after));
  }

  /**
   * Locks a task that is about to be planned again. The platform's scheduling lock comes first, as
   * in every path that moves tasks: announcing maintenance takes it exclusively before locking the
   * tasks it moves, so the other order could deadlock.
   */
  private async lockForPlanning(em: EntityManager, scope: Scope, id: string): Promise<UpdateTask> {
    const seen = await this.mustFind(em, scope, id);
    await lockPlatforms(em, [seen.platformId], false);
    return this.mustFind(em, scope, id, true);
  }

  private async mustFind(
    em: EntityManager,
    scope: Scope,
    id: string,
    forUpdate = false,
  ): Promise<UpdateTask> {
    const task = await this.tasks.find(scope, id, em, forUpdate);
    if (!task) throw new NotFoundError('Update task', id);
    return task;
  }
}
