import { ApiPageResponse } from '../common/api-page';
import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { type Caller, scopeOf } from '../auth/caller';
import { CurrentCaller } from '../auth/decorators';
import { Page, pageRequest } from '../common/pagination';
import { UuidParam } from '../common/params';
import {
  BulkCreatedResponse,
  BulkCreateTenantsDto,
  CreateTenantDto,
  ListTenantsQuery,
  TenantCountResponse,
  TenantFilterQuery,
  UpdateTenantDto,
} from './dto/tenant.dto';
import { TenantResponse } from './dto/tenant.response';
import { TenantsService } from './tenants.service';

@ApiTags('tenants')
@ApiBearerAuth()
@Controller('tenants')
export class TenantsController {
  constructor(private readonly tenants: TenantsService) {}

  @Post()
  @ApiCreatedResponse({ type: TenantResponse })
  create(@CurrentCaller() caller: Caller, @Body() dto: CreateTenantDto): Promise<TenantResponse> {
    return this.tenants.create(caller, dto);
  }

  @Post('bulk')
  @ApiCreatedResponse({ type: BulkCreatedResponse })
  bulkCreate(
    @CurrentCaller() caller: Caller,
    @Body() dto: BulkCreateTenantsDto,
  ): Promise<BulkCreatedResponse> {
    return this.tenants.bulkCreate(caller, dto.tenants);
  }

  @Get()
  @ApiPageResponse(TenantResponse)
  list(
    @CurrentCaller() caller: Caller,
    @Query() query: ListTenantsQuery,
  ): Promise<Page<TenantResponse>> {
    const { limit: _limit, cursor: _cursor, ...filter } = query;
    return this.tenants.list(scopeOf(caller), filter, pageRequest(query));
  }

  @Get('count')
  @ApiOkResponse({ type: TenantCountResponse })
  count(
    @CurrentCaller() caller: Caller,
    @Query() filter: TenantFilterQuery,
  ): Promise<TenantCountResponse> {
    return this.tenants.count(scopeOf(caller), filter);
  }

  @Get(':id')
  @ApiOkResponse({ type: TenantResponse })
  get(@CurrentCaller() caller: Caller, @UuidParam() id: string): Promise<TenantResponse> {
    return this.tenants.get(scopeOf(caller), id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: TenantResponse })
  update(
    @CurrentCaller() caller: Caller,
    @UuidParam() id: string,
    @Body() dto: UpdateTenantDto,
  ): Promise<TenantResponse> {
    return this.tenants.update(caller, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted' })
  delete(@CurrentCaller() caller: Caller, @UuidParam() id: string): Promise<void> {
    return this.tenants.delete(caller, id);
  }
}
