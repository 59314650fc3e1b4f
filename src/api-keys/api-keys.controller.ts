import { Body, Controller, Delete, Get, Post, Query } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { Page, PageQuery, pageRequest } from '../common/pagination';
import { UuidParam } from '../common/params';
import { ApiErrors, ApiPage } from '../openapi/decorators';
import { ApiKeysService } from './api-keys.service';
import type { Caller } from '../auth/caller';
import { CurrentCaller, PlatformAdminOnly } from '../auth/decorators';
import { ApiKeyResponse, CreateApiKeyDto, CreatedApiKeyResponse } from './dto/api-key.dto';

class ListApiKeysQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Include revoked keys', default: false })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeRevoked?: boolean;
}

@ApiTags('api-keys')
@PlatformAdminOnly()
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @ApiOperation({
    summary: 'Create an API key',
    description:
      'The key is in the answer once: only its SHA-256 is stored. A `partner_admin` key is bound ' +
      'to one partner.',
  })
  @ApiBody({
    type: CreateApiKeyDto,
    examples: {
      partner: {
        summary: 'A partner admin’s key',
        value: {
          name: 'ACME automation',
          role: 'partner_admin',
          partnerId: '0195f3c1-7a2b-7c3d-8e4f-5a6b7c8d9e0f',
        },
      },
      admin: {
        summary: 'Another platform admin',
        value: { name: 'Ops team', role: 'platform_admin' },
      },
    },
  })
  @ApiCreatedResponse({ type: CreatedApiKeyResponse, description: 'The key, shown this once' })
  @ApiErrors({ 404: 'The partner is unknown' })
  create(
    @CurrentCaller() caller: Caller,
    @Body() dto: CreateApiKeyDto,
  ): Promise<CreatedApiKeyResponse> {
    return this.keys.create(caller, dto);
  }

  @Get()
  @ApiOperation({
    summary: 'List API keys',
    description: 'Oldest first, without the keys themselves. Revoked keys only when asked for.',
  })
  @ApiPage(ApiKeyResponse)
  list(@Query() query: ListApiKeysQuery): Promise<Page<ApiKeyResponse>> {
    return this.keys.list(pageRequest(query), query.includeRevoked ?? false);
  }

  @Delete(':id')
  @ApiOperation({
    summary: 'Revoke an API key',
    description:
      'At once: the next request with the key gets 401. The last platform admin key cannot be revoked.',
  })
  @ApiOkResponse({ type: ApiKeyResponse, description: 'The key, now revoked' })
  @ApiErrors(404, { 409: 'The key is the last platform admin key' })
  revoke(@CurrentCaller() caller: Caller, @UuidParam() id: string): Promise<ApiKeyResponse> {
    return this.keys.revoke(caller, id);
  }
}
