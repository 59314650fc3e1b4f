import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Caller, scopeOf } from '../auth/caller';
import { CurrentCaller } from '../auth/decorators';
import { OrderedPageQuery, Page, pageRequest } from '../common/pagination';
import { UuidParam } from '../common/params';
import { ApiErrors, ApiPage } from '../openapi/decorators';
import { BatchesService } from './batches.service';
import { BatchResponse } from './dto/task.dto';

@ApiTags('update-batches')
@Controller('update-batches')
export class UpdateBatchesController {
  constructor(private readonly batches: BatchesService) {}

  @Get()
  @ApiOperation({
    summary: 'List update batches',
    description:
      'Oldest first (newest first with `order=desc`). A partner admin sees the batches holding ' +
      'its tasks, counted for its tasks.',
  })
  @ApiPage(BatchResponse)
  list(
    @CurrentCaller() caller: Caller,
    @Query() query: OrderedPageQuery,
  ): Promise<Page<BatchResponse>> {
    return this.batches.list(scopeOf(caller), pageRequest(query), query.order);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'Get an update batch',
    description: 'The request that created it and how many of its tasks are in each status.',
  })
  @ApiOkResponse({ type: BatchResponse, description: 'The batch with its counts' })
  @ApiErrors(404)
  get(@CurrentCaller() caller: Caller, @UuidParam() id: string): Promise<BatchResponse> {
    return this.batches.get(scopeOf(caller), id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel every task of a batch that has not started',
    description:
      'Running and finished tasks are left alone, and a partner admin’s cancel acts on its own ' +
      'tasks only. All or nothing: if the batch holds forced tasks and the caller is a partner ' +
      'admin, nothing is cancelled and the answer (403) lists them. The recipients of the ' +
      'original notices are told.',
  })
  @ApiOkResponse({ type: BatchResponse, description: 'The batch with its new counts' })
  @ApiErrors({ 403: 'A partner admin’s cancel would touch forced tasks (listed in details)' }, 404)
  cancel(@CurrentCaller() caller: Caller, @UuidParam() id: string): Promise<BatchResponse> {
    return this.batches.cancel(caller, id);
  }
}
