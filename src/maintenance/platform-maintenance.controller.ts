import { ApiPageResponse } from '../common/api-page';
import { Body, Controller, Delete, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { type Caller, scopeOf } from '../auth/caller';
import { CurrentCaller, PlatformAdminOnly, Public } from '../auth/decorators';
import { Page, pageRequest } from '../common/pagination';
import { UuidParam } from '../common/params';
import {
  AnnouncementsResponse,
  CreatedMaintenanceResponse,
  CreateMaintenanceDto,
  ListMaintenanceQuery,
  MaintenanceResponse,
} from './dto/maintenance.dto';
import { PlatformMaintenanceService } from './platform-maintenance.service';

@ApiTags('maintenance')
@ApiBearerAuth()
@Controller('platforms/:platformId/maintenance')
export class PlatformMaintenanceController {
  constructor(private readonly maintenance: PlatformMaintenanceService) {}

  @Post()
  @PlatformAdminOnly()
  @ApiCreatedResponse({ type: CreatedMaintenanceResponse })
  @ApiOkResponse({
    type: CreatedMaintenanceResponse,
    description: 'dryRun: what announcing would do to scheduled updates; nothing written',
  })
  async create(
    @CurrentCaller() caller: Caller,
    @UuidParam('platformId') platformId: string,
    @Body() dto: CreateMaintenanceDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CreatedMaintenanceResponse> {
    const result = await this.maintenance.create(caller, platformId, dto);
    res.status(dto.dryRun ? 200 : 201);
    return result;
  }

  @Get()
  @ApiPageResponse(MaintenanceResponse)
  list(
    @CurrentCaller() caller: Caller,
    @UuidParam('platformId') platformId: string,
    @Query() query: ListMaintenanceQuery,
  ): Promise<Page<MaintenanceResponse>> {
    return this.maintenance.list(
      scopeOf(caller),
      platformId,
      query.includePast ?? false,
      pageRequest(query),
    );
  }

  @Delete(':maintenanceId')
  @PlatformAdminOnly()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Withdrawn' })
  delete(
    @CurrentCaller() caller: Caller,
    @UuidParam('platformId') platformId: string,
    @UuidParam('maintenanceId') id: string,
  ): Promise<void> {
    return this.maintenance.delete(caller, platformId, id);
  }
}

/** Current and upcoming platform maintenance, for a status page or a login screen. No key needed. */
@ApiTags('maintenance')
@Public()
@Controller('announcements')
export class AnnouncementsController {
  constructor(private readonly maintenance: PlatformMaintenanceService) {}

  @Get()
  @ApiOkResponse({ type: AnnouncementsResponse })
  list(): Promise<AnnouncementsResponse> {
    return this.maintenance.announcements();
  }
}
