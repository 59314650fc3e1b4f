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
import { CurrentCaller, PlatformAdminOnly } from '../auth/decorators';
import { Page, pageRequest } from '../common/pagination';
import { UuidParam } from '../common/params';
import { ApiErrors, ApiPage } from '../openapi/decorators';
import {
  CreatePartnerDto,
  ListPartnersQuery,
  PartnerResponse,
  UpdatePartnerDto,
} from './dto/partner.dto';
import { PartnersService } from './partners.service';

@ApiTags('partners')
@Controller('partners')
export class PartnersController {
  constructor(private readonly partners: PartnersService) {}

  @Post()
  @PlatformAdminOnly()
  @ApiOperation({
    summary: 'Create a partner',
    description:
      'A partner (reseller) of a platform. Its contacts receive the partner e-mails (digests of ' +
      'scheduled, started and finished updates) in their own language and time zone.',
  })
  @ApiBody({
    type: CreatePartnerDto,
    examples: {
      partner: {
        summary: 'A partner with a German-speaking contact',
        value: {
          platformId: '0195f3c1-7a2b-7c3d-8e4f-5a6b7c8d9e0f',
          name: 'ACME',
          contacts: [{ email: 'ops@acme.example', locale: 'de', timezone: 'Europe/Berlin' }],
        },
      },
    },
  })
  @ApiCreatedResponse({ type: PartnerResponse, description: 'The new partner' })
  @ApiErrors(
    { 404: 'The platform is unknown' },
    { 409: 'A partner with this name already exists on the platform' },
  )
  create(@CurrentCaller() caller: Caller, @Body() dto: CreatePartnerDto): Promise<PartnerResponse> {
    return this.partners.create(caller, dto);
  }

  @Get()
  @ApiOperation({
    summary: 'List partners',
    description:
      'Every partner for platform admins (optionally of one platform); a partner admin sees its own.',
  })
  @ApiPage(PartnerResponse)
  list(
    @CurrentCaller() caller: Caller,
    @Query() query: ListPartnersQuery,
  ): Promise<Page<PartnerResponse>> {
    return this.partners.list(scopeOf(caller), query.platformId, pageRequest(query));
  }

  @Get(':id')
  @ApiOperation({
    summary: 'Get a partner',
    description: 'A partner admin may read its own partner only.',
  })
  @ApiOkResponse({ type: PartnerResponse, description: 'The partner' })
  @ApiErrors(404)
  get(@CurrentCaller() caller: Caller, @UuidParam() id: string): Promise<PartnerResponse> {
    return this.partners.get(scopeOf(caller), id);
  }

  @Patch(':id')
  @PlatformAdminOnly()
  @ApiOperation({
    summary: 'Change a partner',
    description: 'Only the fields sent change; `contacts` replaces the whole list.',
  })
  @ApiOkResponse({ type: PartnerResponse, description: 'The partner as changed' })
  @ApiErrors(404, { 409: 'Another partner of the platform has this name' })
  update(
    @CurrentCaller() caller: Caller,
    @UuidParam() id: string,
    @Body() dto: UpdatePartnerDto,
  ): Promise<PartnerResponse> {
    return this.partners.update(caller, id, dto);
  }

  @Delete(':id')
  @PlatformAdminOnly()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete a partner',
    description: 'Only a partner without tenants can be deleted.',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(404, { 409: 'The partner still has tenants' })
  delete(@CurrentCaller() caller: Caller, @UuidParam() id: string): Promise<void> {
    return this.partners.delete(caller, id);
  }
}
