import { ApiPageResponse } from '../common/api-page';
import { Body, Controller, Delete, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { Page, PageQuery, pageRequest } from '../common/pagination';
import { UuidParam } from '../common/params';
import { ApiKeysService } from './api-keys.service';
import type { Caller } from './caller';
import { CurrentCaller, PlatformAdminOnly } from './decorators';
import { ApiKeyResponse, CreateApiKeyDto, CreatedApiKeyResponse } from './dto/api-key.dto';

class ListApiKeysQuery extends PageQuery {
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeRevoked?: boolean;
}

@ApiTags('api-keys')
@ApiBearerAuth()
@PlatformAdminOnly()
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @ApiCreatedResponse({ type: CreatedApiKeyResponse })
  create(
    @CurrentCaller() caller: Caller,
    @Body() dto: CreateApiKeyDto,
  ): Promise<CreatedApiKeyResponse> {
    return this.keys.create(caller, dto);
  }

  @Get()
  @ApiPageResponse(ApiKeyResponse)
  list(@Query() query: ListApiKeysQuery): Promise<Page<ApiKeyResponse>> {
    return this.keys.list(pageRequest(query), query.includeRevoked ?? false);
  }

  @Delete(':id')
  @ApiOkResponse({ type: ApiKeyResponse, description: 'The key, now revoked' })
  revoke(@CurrentCaller() caller: Caller, @UuidParam() id: string): Promise<ApiKeyResponse> {
    return this.keys.revoke(caller, id);
  }
}
