import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Caller, scopeOf } from '../auth/caller';
import { CurrentCaller, PlatformAdminOnly, Public } from '../auth/decorators';
import { Page, pageRequest } from '../common/pagination';
import { UuidParam } from '../common/params';
import {
  AnnouncementResponse,
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
  create(
    @CurrentCaller() caller: Caller,
    @UuidParam('platformId') platformId: string,
    @Body() dto: CreateMaintenanceDto,
  ): Promise<CreatedMaintenanceResponse> {
    return this.maintenance.create(caller, platformId, dto);
  }

  @Get()
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
  list(): Promise<{ items: AnnouncementResponse[] }> {
    return this.maintenance.announcements();
  }
}
