import { ApiPageResponse } from '../common/api-page';
import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Caller, scopeOf } from '../auth/caller';
import { CurrentCaller, PlatformAdminOnly } from '../auth/decorators';
import { Page, PageQuery, pageRequest } from '../common/pagination';
import { UuidParam } from '../common/params';
import { CreatePlatformDto, PlatformResponse, UpdatePlatformDto } from './dto/platform.dto';
import { PlatformsService } from './platforms.service';

@ApiTags('platforms')
@ApiBearerAuth()
@Controller('platforms')
export class PlatformsController {
  constructor(private readonly platforms: PlatformsService) {}

  @Post()
  @PlatformAdminOnly()
  @ApiCreatedResponse({ type: PlatformResponse })
  create(
    @CurrentCaller() caller: Caller,
    @Body() dto: CreatePlatformDto,
  ): Promise<PlatformResponse> {
    return this.platforms.create(caller, dto);
  }

  @Get()
  @ApiPageResponse(PlatformResponse)
  list(
    @CurrentCaller() caller: Caller,
    @Query() query: PageQuery,
  ): Promise<Page<PlatformResponse>> {
    return this.platforms.list(scopeOf(caller), pageRequest(query));
  }

  @Get(':id')
  @ApiOkResponse({ type: PlatformResponse })
  get(@CurrentCaller() caller: Caller, @UuidParam() id: string): Promise<PlatformResponse> {
    return this.platforms.get(scopeOf(caller), id);
  }

  @Patch(':id')
  @PlatformAdminOnly()
  @ApiOkResponse({ type: PlatformResponse })
  update(
    @CurrentCaller() caller: Caller,
    @UuidParam() id: string,
    @Body() dto: UpdatePlatformDto,
  ): Promise<PlatformResponse> {
    return this.platforms.update(caller, id, dto);
  }
}
