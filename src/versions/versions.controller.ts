import { ApiPageResponse } from '../common/api-page';
import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Caller, scopeOf } from '../auth/caller';
import { CurrentCaller, PlatformAdminOnly } from '../auth/decorators';
import { Page, pageRequest } from '../common/pagination';
import { UuidParam } from '../common/params';
import {
  CreateVersionDto,
  ListVersionsQuery,
  UpdateVersionDto,
  VersionResponse,
} from './dto/version.dto';
import { VersionsService } from './versions.service';

@ApiTags('versions')
@ApiBearerAuth()
@Controller('platforms/:platformId/versions')
export class VersionsController {
  constructor(private readonly versions: VersionsService) {}

  @Post()
  @PlatformAdminOnly()
  @ApiCreatedResponse({ type: VersionResponse })
  create(
    @CurrentCaller() caller: Caller,
    @UuidParam('platformId') platformId: string,
    @Body() dto: CreateVersionDto,
  ): Promise<VersionResponse> {
    return this.versions.create(caller, platformId, dto);
  }

  @Get()
  @ApiPageResponse(VersionResponse)
  list(
    @CurrentCaller() caller: Caller,
    @UuidParam('platformId') platformId: string,
    @Query() query: ListVersionsQuery,
  ): Promise<Page<VersionResponse>> {
    return this.versions.list(scopeOf(caller), platformId, query.channel, pageRequest(query));
  }

  @Get(':version')
  @ApiOkResponse({ type: VersionResponse })
  get(
    @CurrentCaller() caller: Caller,
    @UuidParam('platformId') platformId: string,
    @Param('version') version: string,
  ): Promise<VersionResponse> {
    return this.versions.get(scopeOf(caller), platformId, version);
  }

  @Patch(':version')
  @PlatformAdminOnly()
  @ApiOkResponse({ type: VersionResponse })
  update(
    @CurrentCaller() caller: Caller,
    @UuidParam('platformId') platformId: string,
    @Param('version') version: string,
    @Body() dto: UpdateVersionDto,
  ): Promise<VersionResponse> {
    return this.versions.update(caller, platformId, version, dto);
  }
}
