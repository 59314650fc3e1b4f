import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Caller, scopeOf } from '../auth/caller';
import { CurrentCaller, PlatformAdminOnly } from '../auth/decorators';
import { Page, PageQuery, pageRequest } from '../common/pagination';
import { UuidParam } from '../common/params';
import { ApiErrors, ApiPage } from '../openapi/decorators';
import { CreatePlatformDto, PlatformResponse, UpdatePlatformDto } from './dto/platform.dto';
import { PlatformsService } from './platforms.service';

@ApiTags('platforms')
@Controller('platforms')
export class PlatformsController {
  constructor(private readonly platforms: PlatformsService) {}

  @Post()
  @PlatformAdminOnly()
  @ApiOperation({
    summary: 'Create a platform',
    description:
      'A platform groups partners and their tenants, publishes software versions and has one ' +
      'update executor. `executor.secret` is write-only: answers only say whether one is set.',
  })
  @ApiBody({
    type: CreatePlatformDto,
    examples: {
      simulated: {
        summary: 'Simulated executor (the default)',
        value: { name: 'EU cloud', timezone: 'Europe/Berlin' },
      },
      http: {
        summary: 'A deployment API reached over HTTP',
        value: {
          name: 'US cloud',
          timezone: 'America/New_York',
          executor: {
            driver: 'http',
            url: 'https://deploy.example.com/api/updates',
            secret: 'a-shared-secret-of-16-chars-or-more',
          },
          defaultMaintenanceWindow: { cron: '0 3 * * SAT', durationMinutes: 180 },
        },
      },
    },
  })
  @ApiCreatedResponse({ type: PlatformResponse, description: 'The new platform' })
  @ApiErrors({ 409: 'A platform with this name already exists' })
  create(
    @CurrentCaller() caller: Caller,
    @Body() dto: CreatePlatformDto,
  ): Promise<PlatformResponse> {
    return this.platforms.create(caller, dto);
  }

  @Get()
  @ApiOperation({
    summary: 'List platforms',
    description: 'Every platform for platform admins; a partner admin sees its own platform.',
  })
  @ApiPage(PlatformResponse)
  list(
    @CurrentCaller() caller: Caller,
    @Query() query: PageQuery,
  ): Promise<Page<PlatformResponse>> {
    return this.platforms.list(scopeOf(caller), pageRequest(query));
  }

  @Get(':id')
  @ApiOperation({
    summary: 'Get a platform',
    description: 'A partner admin may read its own platform only.',
  })
  @ApiOkResponse({ type: PlatformResponse, description: 'The platform' })
  @ApiErrors(404)
  get(@CurrentCaller() caller: Caller, @UuidParam() id: string): Promise<PlatformResponse> {
    return this.platforms.get(scopeOf(caller), id);
  }

  @Patch(':id')
  @PlatformAdminOnly()
  @ApiOperation({
    summary: 'Change a platform',
    description:
      'Only the fields sent change. Changing the default maintenance window does not move the ' +
      'windows of existing tenants.',
  })
  @ApiOkResponse({ type: PlatformResponse, description: 'The platform as changed' })
  @ApiErrors(404, { 409: 'Another platform has this name' })
  update(
    @CurrentCaller() caller: Caller,
    @UuidParam() id: string,
    @Body() dto: UpdatePlatformDto,
  ): Promise<PlatformResponse> {
    return this.platforms.update(caller, id, dto);
  }
}
