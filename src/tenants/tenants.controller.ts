import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { type Caller, scopeOf } from '../auth/caller';
import { CurrentCaller } from '../auth/decorators';
import { Page, pageRequest } from '../common/pagination';
import { UuidParam } from '../common/params';
import { ApiErrors, ApiPage } from '../openapi/decorators';
import {
  BulkCreatedResponse,
  BulkCreateTenantsDto,
  CreateTenantDto,
  ListTenantsQuery,
  TenantCountResponse,
  TenantFilterQuery,
  UpdateTenantDto,
} from './dto/tenant.dto';
import { splitTags } from './dto/tags';
import { EditTenantTagsDto, TenantTagsResponse } from './dto/tenant-tags.dto';
import { CalendarTokenResponse, TenantResponse } from './dto/tenant.response';
import { TenantTagsService } from './tenant-tags.service';
import type { TenantFilter } from './tenant-filter';
import { TenantsService } from './tenants.service';

/** The filters of a tenant query as the repository takes them (tags split at the commas). */
function tenantFilter({ tags, ...rest }: TenantFilterQuery): TenantFilter {
  return { ...rest, tags: tags === undefined ? undefined : splitTags(tags) };
}

const TENANT_EXAMPLE = {
  name: 'Pizzeria Da Mario',
  softwareVersion: '13.2.0',
  customerEmail: 'it@damario.example',
  locale: 'it',
  timezone: 'Europe/Rome',
  maintenanceWindow: { cron: '0 2 * * SUN', durationMinutes: 240 },
};

@ApiTags('tenants')
@Controller('tenants')
export class TenantsController {
  constructor(
    private readonly tenants: TenantsService,
    private readonly tags: TenantTagsService,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Create a tenant',
    description:
      'Platform admins name the partner; a partner admin creates tenants of its own partner. ' +
      'Without `maintenanceWindow` the tenant gets its platform’s default window in its time zone.',
  })
  @ApiBody({
    type: CreateTenantDto,
    examples: {
      single: { summary: 'A single-node tenant', value: TENANT_EXAMPLE },
      ha: {
        summary: 'An HA tenant, updated node by node',
        value: {
          name: 'Bäckerei Schmidt',
          softwareVersion: '13.2.0',
          customerEmail: 'it@schmidt.example',
          locale: 'de',
          nodes: [{ name: 'node-a' }, { name: 'node-b' }],
        },
      },
    },
  })
  @ApiCreatedResponse({ type: TenantResponse, description: 'The new tenant' })
  @ApiErrors(
    { 404: 'The partner is unknown or outside your scope' },
    { 409: 'The partner already has a tenant with this name' },
  )
  create(@CurrentCaller() caller: Caller, @Body() dto: CreateTenantDto): Promise<TenantResponse> {
    return this.tenants.create(caller, dto);
  }

  @Post('bulk')
  @ApiOperation({
    summary: 'Create up to 10,000 tenants at once',
    description:
      'All or nothing: if any row is refused nothing is created, and `details` lists every ' +
      'refused row (`index`, `field` such as `tenants[3].customerEmail`, `reason`). The status is ' +
      'the rows’ own when they agree (all 404, all 409), otherwise 422.',
  })
  @ApiBody({
    type: BulkCreateTenantsDto,
    examples: {
      two: {
        summary: 'Two tenants of the caller’s partner',
        value: {
          tenants: [
            TENANT_EXAMPLE,
            { name: 'Bäckerei Schmidt', softwareVersion: '13.2.0', locale: 'de' },
          ],
        },
      },
    },
  })
  @ApiCreatedResponse({ type: BulkCreatedResponse, description: 'Every tenant was created' })
  @ApiErrors(
    { 404: 'A row names a partner that is unknown or outside your scope' },
    { 409: 'A row’s name is already used by a tenant of its partner' },
    { 422: 'Rows were refused for different reasons' },
  )
  bulkCreate(
    @CurrentCaller() caller: Caller,
    @Body() dto: BulkCreateTenantsDto,
  ): Promise<BulkCreatedResponse> {
    return this.tenants.bulkCreate(caller, dto.tenants);
  }

  @Post('tags')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Add and remove tags on many tenants',
    description:
      'The tenants are named by `tenantIds` or matched by `filter` (the filters of GET /tenants; a ' +
      'partner admin reaches its own tenants only). All or nothing: an unknown id (404, every one ' +
      'listed) or a tenant that would hold more than 32 tags (422) means no tag changes. Tags are ' +
      'removed first, then added after the ones a tenant has, without repeats. A tenant being ' +
      'updated is tagged too. One audit entry (`tenant.bulk_tags`) with the counts and the first ids.',
  })
  @ApiBody({
    type: EditTenantTagsDto,
    examples: {
      canary: {
        summary: 'Make two tenants the canary ring',
        value: {
          tenantIds: [
            '0c8f4b1e-7d3a-4e52-9b1f-2a6c8d4e5f60',
            '5d2e7a90-1b4c-4f38-8e6d-3c9a0b7f1e24',
          ],
          add: ['ring:canary'],
          remove: ['ring:late'],
        },
      },
      filter: {
        summary: 'Tag every tenant of a partner still below 14.0.0',
        value: { filter: { softwareVersion: '<14.0.0' }, add: ['needs:14'] },
      },
    },
  })
  @ApiOkResponse({ type: TenantTagsResponse, description: 'How many matched and how many changed' })
  @ApiErrors(
    {
      404: 'A tenant id, or the partner or platform of the filter, is unknown or outside your scope',
    },
    { 422: 'A tenant would hold more than 32 tags' },
  )
  editTags(
    @CurrentCaller() caller: Caller,
    @Body() dto: EditTenantTagsDto,
  ): Promise<TenantTagsResponse> {
    return this.tags.edit(caller, dto);
  }

  @Get()
  @ApiOperation({
    summary: 'List tenants',
    description:
      'In the order they were created, filtered by partner, platform, version, state, tags (all ' +
      'of them), part of the name, or whether an update is pending (`pendingTask` says when it ' +
      'runs). A partner admin sees its own tenants only.',
  })
  @ApiPage(TenantResponse)
  list(
    @CurrentCaller() caller: Caller,
    @Query() query: ListTenantsQuery,
  ): Promise<Page<TenantResponse>> {
    const { limit: _limit, cursor: _cursor, ...filter } = query;
    return this.tenants.list(scopeOf(caller), tenantFilter(filter), pageRequest(query));
  }

  @Get('count')
  @ApiOperation({
    summary: 'Count tenants',
    description: 'How many tenants the filters of the list match (a partner admin: of its own).',
  })
  @ApiOkResponse({ type: TenantCountResponse })
  count(
    @CurrentCaller() caller: Caller,
    @Query() filter: TenantFilterQuery,
  ): Promise<TenantCountResponse> {
    return this.tenants.count(scopeOf(caller), tenantFilter(filter));
  }

  @Get(':id')
  @ApiOperation({
    summary: 'Get a tenant',
    description: 'With its next maintenance window and whether an update is pending.',
  })
  @ApiOkResponse({ type: TenantResponse, description: 'The tenant' })
  @ApiErrors(404)
  get(@CurrentCaller() caller: Caller, @UuidParam() id: string): Promise<TenantResponse> {
    return this.tenants.get(scopeOf(caller), id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change a tenant',
    description:
      'Only the fields sent change; `null` clears `customerEmail` and `simulate`. A new ' +
      'maintenance window moves the maintenance-window update that has not started (scheduled, or ' +
      "held by a rollout's wave) to the new one, telling whoever was told of it if its time " +
      'changed. While the ' +
      'tenant is being updated every change is refused with 409.',
  })
  @ApiOkResponse({ type: TenantResponse, description: 'The tenant as changed' })
  @ApiErrors(
    {
      403: 'A partner admin changed `state`, or a window change would move a forced update',
    },
    404,
    {
      409: 'The tenant is being updated, the name is taken, or the scheduled or held update does not fit the new window',
    },
  )
  update(
    @CurrentCaller() caller: Caller,
    @UuidParam() id: string,
    @Body() dto: UpdateTenantDto,
  ): Promise<TenantResponse> {
    return this.tenants.update(caller, id, dto);
  }

  @Post(':id/calendar-token')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Replace a tenant’s calendar feed address',
    description:
      'A new secret token for the tenant’s calendar feed (`calendarUrl`); the previous address ' +
      'answers 404 from now on. For a customer who shared the address by mistake.',
  })
  @ApiOkResponse({ type: CalendarTokenResponse, description: 'The new address' })
  @ApiErrors(404)
  rotateCalendarToken(
    @CurrentCaller() caller: Caller,
    @UuidParam() id: string,
  ): Promise<CalendarTokenResponse> {
    return this.tenants.rotateCalendarToken(caller, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete a tenant',
    description: 'A tenant with an open update task (scheduled or running) cannot be deleted.',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(404, { 409: 'The tenant has an open update task or is being updated' })
  delete(@CurrentCaller() caller: Caller, @UuidParam() id: string): Promise<void> {
    return this.tenants.delete(caller, id);
  }
}
