import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Caller, scopeOf } from '../auth/caller';
import { CurrentCaller } from '../auth/decorators';
import { Page, PageQuery, pageRequest } from '../common/pagination';
import { UuidParam } from '../common/params';
import { BatchesService } from './batches.service';
import { BatchResponse } from './dto/task.dto';

@ApiTags('update-batches')
@ApiBearerAuth()
@Controller('update-batches')
export class UpdateBatchesController {
  constructor(private readonly batches: BatchesService) {}

  @Get()
  list(@CurrentCaller() caller: Caller, @Query() query: PageQuery): Promise<Page<BatchResponse>> {
    return this.batches.list(scopeOf(caller), pageRequest(query));
  }

  @Get(':id')
  get(@CurrentCaller() caller: Caller, @UuidParam() id: string): Promise<BatchResponse> {
    return this.batches.get(scopeOf(caller), id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  cancel(@CurrentCaller() caller: Caller, @UuidParam() id: string): Promise<BatchResponse> {
    return this.batches.cancel(caller, id);
  }
}
