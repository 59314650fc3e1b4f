import { Body, Controller, Get, Header, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Caller, scopeOf } from '../auth/caller';
import { CurrentCaller } from '../auth/decorators';
import { Page, pageRequest } from '../common/pagination';
import { UuidParam } from '../common/params';
import { ApiErrors, ApiPage } from '../openapi/decorators';
import { ScheduleResponse, ScheduleUpdatesDto } from './dto/schedule-updates.dto';
import {
  CancelTaskDto,
  ListTasksQuery,
  RescheduleTaskDto,
  RollbackTaskDto,
  TaskResponse,
} from './dto/task.dto';
import { RollbacksService } from './rollbacks.service';
import { SchedulingService } from './scheduling.service';
import { TaskActionsService } from './task-actions.service';

const REFUSED_PLAN = {
  409: 'The tenant has another open task, is locked or is being updated',
  422: 'The new time breaks a rule: overlaps platform maintenance, the version is no longer allowed …',
};

@ApiTags('update-tasks')
@Controller('update-tasks')
export class UpdateTasksController {
  constructor(
    private readonly scheduling: SchedulingService,
    private readonly actions: TaskActionsService,
    private readonly rollbacks: RollbacksService,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Schedule updates for one, some or all tenants',
    description:
      'Exactly one scope: `tenantIds`, `partnerId` (all of a partner’s tenants) or `platformId` ' +
      '(platform admins). `mode`: `immediate`, `maintenance_window` (each tenant’s next window) ' +
      'or `custom` (`runAt`). With `onConflict: "reject"` (default) any refused tenant means ' +
      'nothing is created and `details` lists every refused tenant; with `"skip"` the others are ' +
      'created and the refused ones listed in `skipped`. With `dryRun` the answer is 200, the ' +
      'same shape with `batchId: null`, and nothing is written.',
  })
  @ApiBody({
    type: ScheduleUpdatesDto,
    examples: {
      partnerWindow: {
        summary: 'All of a partner’s tenants in their maintenance windows, with e-mails',
        value: {
          partnerId: '0195f3c1-7a2b-7c3d-8e4f-5a6b7c8d9e0f',
          targetVersion: '14.0.0',
          mode: 'maintenance_window',
          notifyPartner: true,
          notifyCustomer: true,
        },
      },
      someNow: {
        summary: 'Two tenants right now',
        value: {
          tenantIds: [
            '0195f3c1-7a2b-7c3d-8e4f-5a6b7c8d9e10',
            '0195f3c1-7a2b-7c3d-8e4f-5a6b7c8d9e11',
          ],
          targetVersion: '14.0.0',
          mode: 'immediate',
        },
      },
      customDryRun: {
        summary: 'A dry run at a custom time, skipping refused tenants',
        value: {
          partnerId: '0195f3c1-7a2b-7c3d-8e4f-5a6b7c8d9e0f',
          targetVersion: '14.0.0',
          mode: 'custom',
          runAt: '2027-03-28T02:30:00+02:00',
          onConflict: 'skip',
          dryRun: true,
        },
      },
    },
  })
  @ApiCreatedResponse({ type: ScheduleResponse, description: 'The batch that was created' })
  @ApiOkResponse({ type: ScheduleResponse, description: 'dryRun: what would be created' })
  @ApiErrors(
    { 403: 'A partner admin asked for a test version or scheduled a whole platform' },
    { 404: 'The partner, platform or tenants are unknown or outside your scope' },
    { 409: 'With onConflict "reject": tenants already have an open task or are locked' },
    {
      422: 'With onConflict "reject": tenants were refused by a rule (unknown or prohibited version, downgrade without allowDowngrade, overlap with platform maintenance …), or the scope holds no tenants',
    },
  )
  async schedule(
    @CurrentCaller() caller: Caller,
    @Body() dto: ScheduleUpdatesDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ScheduleResponse> {
    const result = await this.scheduling.schedule(caller, dto);
    res.status(dto.dryRun ? 200 : 201);
    return result;
  }

  @Get()
  @ApiOperation({
    summary: 'List update tasks',
    description:
      'Oldest first (newest first with `order=desc`), filtered by status, tenant, partner, ' +
      'platform, batch or a `runAt` range. A ' +
      'partner admin sees its own tenants’ tasks only.',
  })
  @ApiPage(TaskResponse)
  list(
    @CurrentCaller() caller: Caller,
    @Query() query: ListTasksQuery,
  ): Promise<Page<TaskResponse>> {
    const { limit: _limit, cursor: _cursor, order, from, to, ...filter } = query;
    return this.actions.list(
      caller,
      { ...filter, from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined },
      pageRequest(query, 'id'),
      order,
    );
  }

  @Get(':id')
  @ApiOperation({
    summary: 'Get an update task',
    description: 'Its status, progress (step, percent, ETA), attempts and error.',
  })
  @ApiOkResponse({ type: TaskResponse, description: 'The task' })
  @ApiErrors(404)
  get(@CurrentCaller() caller: Caller, @UuidParam() id: string): Promise<TaskResponse> {
    return this.actions.get(caller, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel an update task',
    description:
      'A scheduled task is cancelled at once; a running one is asked to stop (the answer waits a ' +
      'few seconds for the executor). The recipients of its notices are told, with `reason` when ' +
      'given. Forced tasks can be cancelled by platform admins only.',
  })
  @ApiBody({
    type: CancelTaskDto,
    required: false,
    examples: { reason: { summary: 'With a reason', value: { reason: 'Customer asked to wait' } } },
  })
  @ApiOkResponse({ type: TaskResponse, description: 'The task, cancelled (or failed)' })
  @ApiErrors({ 403: 'The task is forced and the caller is not a platform admin' }, 404, {
    409: 'The task has already finished',
  })
  cancel(
    @CurrentCaller() caller: Caller,
    @UuidParam() id: string,
    @Body() dto: CancelTaskDto,
  ): Promise<TaskResponse> {
    return this.actions.cancel(caller, id, dto);
  }

  @Get(':id/log')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @ApiOperation({
    summary: 'Download a task’s step log',
    description: 'One line per event: time, attempt, step and message. Sent as a download.',
  })
  @ApiOkResponse({
    description: "The task's step log (time, attempt, step, message)",
    content: { 'text/plain': { schema: { type: 'string' } } },
  })
  @ApiErrors(404)
  async log(
    @CurrentCaller() caller: Caller,
    @UuidParam() id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const text = await this.actions.log(scopeOf(caller), id);
    res.setHeader('Content-Disposition', `attachment; filename="update-task-${id}.log"`);
    return text;
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Retry a failed task',
    description:
      'failed → scheduled, due now: a new run from the first step, under the rules of scheduling.',
  })
  @ApiOkResponse({ type: TaskResponse, description: 'The task, scheduled again' })
  @ApiErrors(
    { 403: 'The task is forced and the caller is not a platform admin' },
    404,
    { 409: 'The task has not failed, or the tenant has another open task' },
    { 422: REFUSED_PLAN[422] },
  )
  retry(@CurrentCaller() caller: Caller, @UuidParam() id: string): Promise<TaskResponse> {
    return this.actions.retry(caller, id);
  }

  @Post(':id/rollback')
  @ApiOperation({
    summary: 'Roll a task back to the snapshots it took',
    description:
      'For a succeeded or failed task whose snapshots still exist: a new task of kind `rollback` ' +
      'that restores them (precheck, then restore, reboot, verify node by node; failover frozen ' +
      'on an HA tenant), scheduled like any update (immediate, maintenance_window or custom), with ' +
      'its notices. Afterwards the tenant runs the snapshots’ version. Platform admins; partner ' +
      'admins for their own tasks that are not forced.',
  })
  @ApiBody({
    type: RollbackTaskDto,
    examples: {
      now: { summary: 'At once', value: { mode: 'immediate' } },
      window: { summary: 'In the tenant’s next window', value: { mode: 'maintenance_window' } },
    },
  })
  @ApiCreatedResponse({ type: TaskResponse, description: 'The rollback task' })
  @ApiErrors(
    { 403: 'The task is forced and the caller is not a platform admin' },
    404,
    {
      409:
        'The task is not succeeded or failed, is itself a rollback, its snapshots are gone (the ' +
        'error names the snapshot), or the tenant has an open task',
    },
    { 422: REFUSED_PLAN[422] },
  )
  rollback(
    @CurrentCaller() caller: Caller,
    @UuidParam() id: string,
    @Body() dto: RollbackTaskDto,
  ): Promise<TaskResponse> {
    return this.rollbacks.rollback(caller, id, dto);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Resume a stuck running task',
    description:
      'A running task whose lease is gone (its process stopped) continues after its last ' +
      'completed step, in any process with a dispatcher.',
  })
  @ApiOkResponse({ type: TaskResponse, description: 'The task, resumed' })
  @ApiErrors({ 403: 'Only platform admins resume a task (it overrides a process’s lease)' }, 404, {
    409: 'The task is not running, or its lease is still held',
  })
  resume(@CurrentCaller() caller: Caller, @UuidParam() id: string): Promise<TaskResponse> {
    return this.actions.resume(caller, id);
  }

  @Post(':id/reschedule')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Move a scheduled task',
    description:
      'A new mode (and `runAt` for `custom`) under the same rules as scheduling. The recipients ' +
      'of its notices get a rescheduled notice and an updated calendar invitation.',
  })
  @ApiBody({
    type: RescheduleTaskDto,
    examples: {
      custom: {
        summary: 'To a custom time',
        value: { mode: 'custom', runAt: '2027-03-28T02:30:00+02:00' },
      },
      window: { summary: 'To the tenant’s next window', value: { mode: 'maintenance_window' } },
    },
  })
  @ApiOkResponse({ type: TaskResponse, description: 'The task at its new time' })
  @ApiErrors(
    { 403: 'The task is forced and the caller is not a platform admin' },
    404,
    { 409: 'The task is not scheduled, or ' + REFUSED_PLAN[409].toLowerCase() },
    { 422: REFUSED_PLAN[422] },
  )
  reschedule(
    @CurrentCaller() caller: Caller,
    @UuidParam() id: string,
    @Body() dto: RescheduleTaskDto,
  ): Promise<TaskResponse> {
    return this.actions.reschedule(caller, id, dto);
  }
}
