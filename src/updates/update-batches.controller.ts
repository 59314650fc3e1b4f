import { ApiPageResponse } from '../common/api-page';
import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { Optional } from '../common/validators';
import { type Caller, scopeOf } from '../auth/caller';
import { CurrentCaller } from '../auth/decorators';
import { Page, PageQuery, pageRequest } from '../common/pagination';
import { UuidParam } from '../common/params';
import { BatchesService } from './batches.service';
import { BatchResponse } from './dto/task.dto';

class ListBatchesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc', description: 'desc: newest first' })
  @Optional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';
}

@ApiTags('update-batches')
@ApiBearerAuth()
@Controller('update-batches')
export class UpdateBatchesController {
  constructor(private readonly batches: BatchesService) {}

  @Get()
  @ApiPageResponse(BatchResponse)
  list(
    @CurrentCaller() caller: Caller,
    @Query() query: ListBatchesQuery,
  ): Promise<Page<BatchResponse>> {
    return this.batches.list(scopeOf(caller), pageRequest(query), query.order);
  }

  @Get(':id')
  @ApiOkResponse({ type: BatchResponse })
  get(@CurrentCaller() caller: Caller, @UuidParam() id: string): Promise<BatchResponse> {
    return this.batches.get(scopeOf(caller), id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: BatchResponse })
  cancel(@CurrentCaller() caller: Caller, @UuidParam() id: string): Promise<BatchResponse> {
    return this.batches.cancel(caller, id);
  }
}
