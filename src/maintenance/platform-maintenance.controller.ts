import { Body, Controller, Delete, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { type Caller, scopeOf } from '../auth/caller';
import { CurrentCaller, PlatformAdminOnly, Public } from '../auth/decorators';
import { Page, pageRequest } from '../common/pagination';
import { UuidParam } from '../common/params';
import { ApiErrors, ApiPage } from '../openapi/decorators';
import {
  AnnouncementList,
  CreatedMaintenanceResponse,
  CreateMaintenanceDto,
  ListMaintenanceQuery,
  MaintenanceResponse,
} from './dto/maintenance.dto';
import { PlatformMaintenanceService } from './platform-maintenance.service';

@ApiTags('maintenance')
@Controller('platforms/:platformId/maintenance')
export class PlatformMaintenanceController {
  constructor(private readonly maintenance: PlatformMaintenanceService) {}

  @Post()
  @PlatformAdminOnly()
  @ApiOperation({
    summary: 'Announce platform maintenance',
    description:
      'No update may run during [startsAt, endsAt). Scheduled updates that overlap the period are ' +
      'cancelled or moved to their next free window (`conflictPolicy`; forced ones are always ' +
      'moved), and whoever was told about them is told again. Every partner contact of the ' +
      'platform receives the announcement.',
  })
  @ApiBody({
    type: CreateMaintenanceDto,
    examples: {
      reschedule: {
        summary: 'A night of maintenance; overlapping updates move',
        value: {
          startsAt: '2027-03-06T22:00:00+01:00',
          endsAt: '2027-03-07T04:00:00+01:00',
          message: 'Database cluster upgrade. The portal stays available.',
          conflictPolicy: 'reschedule',
        },
      },
    },
  })
  @ApiCreatedResponse({
    type: CreatedMaintenanceResponse,
    description: 'The period, with how many updates it cancelled or moved',
  })
  @ApiOkResponse({
    type: CreatedMaintenanceResponse,
    description: '`dryRun`: what announcing would do to scheduled updates; nothing was written',
  })
  @ApiErrors(404)
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
  @ApiOperation({
    summary: 'List a platform’s maintenance periods',
    description:
      'Current and upcoming periods (`includePast=true` adds ended ones). A partner admin may read ' +
      'its own platform’s.',
  })
  @ApiPage(MaintenanceResponse)
  @ApiErrors(404)
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
  @ApiOperation({
    summary: 'Withdraw platform maintenance',
    description:
      'Partner contacts are told. Updates the period cancelled stay cancelled; moved ones stay ' +
      'where they were moved.',
  })
  @ApiNoContentResponse({ description: 'Withdrawn' })
  @ApiErrors({ 404: 'The platform or the period is unknown' })
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
  @ApiOperation({
    summary: 'Current and upcoming platform maintenance',
    description:
      'Every platform’s current and upcoming maintenance with its message, soonest first, for a ' +
      'status page or a sign-in screen. No API key needed.',
  })
  @ApiOkResponse({ type: AnnouncementList, description: 'The announcements' })
  list(): Promise<AnnouncementList> {
    return this.maintenance.announcements();
  }
}
