import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { type Caller, isPlatformAdmin, type Scope, scopeOf } from '../auth/caller';
import { Clock } from '../common/clock';
import { ApiError, ConflictError, ForbiddenError, NotFoundError } from '../common/errors';
import { Page, PageRequest, toPage } from '../common/pagination';
import { NoticesRepository } from '../notifications/notices.repository';
import { CancelTaskDto, RescheduleTaskDto, TaskResponse } from './dto/task.dto';
import { buildPlanRequest, PlanContextLoader, toFacts } from './plan-inputs';
import { lockPlatforms } from './platform-lock';
import { createPlanner } from './planning';
import type { UpdateTask } from './update-task';
import { TaskFilter, UpdateTasksRepository } from './update-tasks.repository';

/** Reading one task or many, and the admin actions on a scheduled task. */
@Injectable()
export class TaskActionsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly tasks: UpdateTasksRepository,
    private readonly inputs: PlanContextLoader,
    private readonly notices: NoticesRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async get(scope: Scope, id: string): Promise<TaskResponse> {
    return TaskResponse.from(await this.mustFind(this.ds.manager, scope, id));
  }

  async list(scope: Scope, filter: TaskFilter, page: PageRequest): Promise<Page<TaskResponse>> {
    const rows = await this.tasks.list(scope, filter, page);
    return toPage(rows, page.limit, TaskResponse.from, (t) => t.id);
  }

  /** Forced tasks can be cancelled only by platform admins. The original recipients are told. */
  async cancel(caller: Caller, id: string, dto: CancelTaskDto): Promise<TaskResponse> {
    return this.ds.transaction(async (em) => {
      const task = await this.mustFind(em, scopeOf(caller), id, true);
      this.assertMayChange(caller, task, 'cancel');
      if (task.status !== 'scheduled') {
        throw new ConflictError(
          `Task ${id} is ${task.status}: only a scheduled task can be cancelled`,
        );
      }
      const reason = dto.reason ?? `cancelled by ${caller.name}`;
      await this.tasks.cancelScheduled(em, [id], reason);
      await this.notices.forTasks(em, 'task.cancelled', { taskIds: [id] }, { reason });
      return this.audited(em, caller, 'update_task.cancel', task);
    });
  }

  /** A new time under the same rules as creation (window, maintenance, versions). */
  async reschedule(caller: Caller, id: string, dto: RescheduleTaskDto): Promise<TaskResponse> {
    const now = this.clock.now();
    return this.ds.transaction(async (em) => {
      const scope = scopeOf(caller);
      const task = await this.mustFind(em, scope, id, true);
      this.assertMayChange(caller, task, 'reschedule');
      if (task.status !== 'scheduled') {
        throw new ConflictError(
          `Task ${id} is ${task.status}: only a scheduled task can be rescheduled`,
        );
      }
      const request = buildPlanRequest(
        caller,
        {
          ...dto,
          expectedDurationMinutes: dto.expectedDurationMinutes ?? task.expectedDurationMinutes,
          targetVersion: task.targetVersion,
          forced: task.forced,
          redeploy: task.redeploy,
          allowDowngrade: task.allowDowngrade,
        },
        now,
      );
      const [facts] = await this.tasks.tenantFacts(em, { tenantIds: [task.tenantId] }, scope);
      await lockPlatforms(em, [task.platformId], false);
      const { context } = await this.inputs.load(em, [task.platformId], task.targetVersion, now);
      // The task being moved is the tenant's open task: it does not block itself.
      const plan = createPlanner(request, context)({ ...toFacts(facts), openTaskId: null });
      if (plan.refused) {
        throw new ApiError(plan.status, `Task ${id} cannot be rescheduled: ${plan.reason}`, [
          { field: dto.mode === 'custom' ? 'runAt' : 'mode', code: plan.code, reason: plan.reason },
        ]);
      }
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

  /** Partner admins act on their own tasks, but a forced task is the platform admins' to change. */
  private assertMayChange(caller: Caller, task: UpdateTask, action: string): void {
    if (task.forced && !isPlatformAdmin(caller)) {
      throw new ForbiddenError(`Task ${task.id} is forced: only platform admins can ${action} it`);
    }
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
    return TaskResponse.from(after);
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
