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
import { CurrentCaller, PlatformAdminOnly } from '../auth/decorators';
import { Page, pageRequest } from '../common/pagination';
import { UuidParam } from '../common/params';
import {
  CreatePartnerDto,
  ListPartnersQuery,
  PartnerResponse,
  UpdatePartnerDto,
} from './dto/partner.dto';
import { PartnersService } from './partners.service';

@ApiTags('partners')
@ApiBearerAuth()
@Controller('partners')
export class PartnersController {
  constructor(private readonly partners: PartnersService) {}

  @Post()
  @PlatformAdminOnly()
  @ApiCreatedResponse({ type: PartnerResponse })
  create(@CurrentCaller() caller: Caller, @Body() dto: CreatePartnerDto): Promise<PartnerResponse> {
    return this.partners.create(caller, dto);
  }

  @Get()
  @ApiPageResponse(PartnerResponse)
  list(
    @CurrentCaller() caller: Caller,
    @Query() query: ListPartnersQuery,
  ): Promise<Page<PartnerResponse>> {
    return this.partners.list(scopeOf(caller), query.platformId, pageRequest(query));
  }

  @Get(':id')
  @ApiOkResponse({ type: PartnerResponse })
  get(@CurrentCaller() caller: Caller, @UuidParam() id: string): Promise<PartnerResponse> {
    return this.partners.get(scopeOf(caller), id);
  }

  @Patch(':id')
  @PlatformAdminOnly()
  @ApiOkResponse({ type: PartnerResponse })
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
  @ApiNoContentResponse({ description: 'Deleted' })
  delete(@CurrentCaller() caller: Caller, @UuidParam() id: string): Promise<void> {
    return this.partners.delete(caller, id);
  }
}
