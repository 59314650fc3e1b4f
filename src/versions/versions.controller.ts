import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { type Caller, scopeOf } from '../auth/caller';
import { CurrentCaller, PlatformAdminOnly } from '../auth/decorators';
import { Page, pageRequest } from '../common/pagination';
import { UuidParam } from '../common/params';
import { ApiErrors, ApiPage } from '../openapi/decorators';
import {
  CreateVersionDto,
  ListVersionsQuery,
  UpdateVersionDto,
  VersionResponse,
} from './dto/version.dto';
import { VersionsService } from './versions.service';

const VERSION_PARAM = ApiParam({
  name: 'version',
  description: 'A semantic version such as 14.0.0',
  example: '14.0.0',
});

@ApiTags('versions')
@Controller('platforms/:platformId/versions')
export class VersionsController {
  constructor(private readonly versions: VersionsService) {}

  @Post()
  @PlatformAdminOnly()
  @ApiOperation({
    summary: 'Publish a software version',
    description:
      'Tenants of the platform may be updated to a published version. The channel says who may ' +
      'install it: `recommended` and `available` everyone, `test` platform admins only, ' +
      '`prohibited` nobody (scheduled tasks to it fail their pre-check).',
  })
  @ApiBody({
    type: CreateVersionDto,
    examples: {
      recommended: {
        summary: 'A recommended release',
        value: {
          version: '14.0.0',
          channel: 'recommended',
          releaseNotes: 'New call routing engine.',
        },
      },
      minimal: { summary: 'Only the version (channel available)', value: { version: '13.2.0' } },
    },
  })
  @ApiCreatedResponse({ type: VersionResponse, description: 'The published version' })
  @ApiErrors(404, { 409: 'The version already exists on this platform' })
  create(
    @CurrentCaller() caller: Caller,
    @UuidParam('platformId') platformId: string,
    @Body() dto: CreateVersionDto,
  ): Promise<VersionResponse> {
    return this.versions.create(caller, platformId, dto);
  }

  @Get()
  @ApiOperation({
    summary: 'List the versions of a platform',
    description:
      'In the order they were published. A partner admin may list the versions of its own platform.',
  })
  @ApiPage(VersionResponse)
  @ApiErrors(404)
  list(
    @CurrentCaller() caller: Caller,
    @UuidParam('platformId') platformId: string,
    @Query() query: ListVersionsQuery,
  ): Promise<Page<VersionResponse>> {
    return this.versions.list(scopeOf(caller), platformId, query.channel, pageRequest(query));
  }

  @Get(':version')
  @VERSION_PARAM
  @ApiOperation({
    summary: 'Get a version',
    description: 'One version of the platform with its channel and release notes.',
  })
  @ApiOkResponse({ type: VersionResponse, description: 'The version' })
  @ApiErrors({ 404: 'The platform or the version is unknown (or outside your scope)' })
  get(
    @CurrentCaller() caller: Caller,
    @UuidParam('platformId') platformId: string,
    @Param('version') version: string,
  ): Promise<VersionResponse> {
    return this.versions.get(scopeOf(caller), platformId, version);
  }

  @Patch(':version')
  @VERSION_PARAM
  @PlatformAdminOnly()
  @ApiOperation({
    summary: 'Change a version’s channel or release notes',
    description:
      'Moving a version to `prohibited` does not cancel tasks already scheduled to it: they fail ' +
      'their pre-check when they start.',
  })
  @ApiOkResponse({ type: VersionResponse, description: 'The version as changed' })
  @ApiErrors({ 404: 'The platform or the version is unknown' })
  update(
    @CurrentCaller() caller: Caller,
    @UuidParam('platformId') platformId: string,
    @Param('version') version: string,
    @Body() dto: UpdateVersionDto,
  ): Promise<VersionResponse> {
    return this.versions.update(caller, platformId, version, dto);
  }
}
