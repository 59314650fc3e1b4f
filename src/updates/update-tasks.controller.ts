import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
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
