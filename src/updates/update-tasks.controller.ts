import { Body, Controller, Get, Header, HttpCode, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { type Caller, scopeOf } from '../auth/caller';
import { CurrentCaller } from '../auth/decorators';
import { Page, pageRequest } from '../common/pagination';
import { UuidParam } from '../common/params';
import { ScheduleResponse, ScheduleUpdatesDto } from './dto/schedule-updates.dto';
import { CancelTaskDto, ListTasksQuery, RescheduleTaskDto, TaskResponse } from './dto/task.dto';
import { SchedulingService } from './scheduling.service';
import { TaskActionsService } from './task-actions.service';

@ApiTags('update-tasks')
@ApiBearerAuth()
@Controller('update-tasks')
export class UpdateTasksController {
  constructor(
    private readonly scheduling: SchedulingService,
    private readonly actions: TaskActionsService,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: ScheduleResponse })
  @ApiOkResponse({ type: ScheduleResponse, description: 'dryRun: what would be created' })
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
  list(
    @CurrentCaller() caller: Caller,
    @Query() query: ListTasksQuery,
  ): Promise<Page<TaskResponse>> {
    const { limit: _limit, cursor: _cursor, from, to, ...filter } = query;
    return this.actions.list(
      scopeOf(caller),
      { ...filter, from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined },
      pageRequest(query, 'id'),
    );
  }

  @Get(':id')
  get(@CurrentCaller() caller: Caller, @UuidParam() id: string): Promise<TaskResponse> {
    return this.actions.get(scopeOf(caller), id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  cancel(
    @CurrentCaller() caller: Caller,
    @UuidParam() id: string,
    @Body() dto: CancelTaskDto,
  ): Promise<TaskResponse> {
    return this.actions.cancel(caller, id, dto);
  }

  @Get(':id/log')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @ApiProduces('text/plain')
  @ApiOkResponse({
    description: "The task's step log (time, attempt, step, message)",
    type: String,
  })
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
  @ApiOkResponse({ type: TaskResponse, description: 'failed → scheduled, due now (a new run)' })
  retry(@CurrentCaller() caller: Caller, @UuidParam() id: string): Promise<TaskResponse> {
    return this.actions.retry(caller, id);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @ApiOkResponse({
    type: TaskResponse,
    description: 'A running task whose lease is gone continues',
  })
  resume(@CurrentCaller() caller: Caller, @UuidParam() id: string): Promise<TaskResponse> {
    return this.actions.resume(caller, id);
  }

  @Post(':id/reschedule')
  @HttpCode(200)
  reschedule(
    @CurrentCaller() caller: Caller,
    @UuidParam() id: string,
    @Body() dto: RescheduleTaskDto,
  ): Promise<TaskResponse> {
    return this.actions.reschedule(caller, id, dto);
  }
}
