import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../../auth/decorators';
import { UuidParam } from '../../common/params';
import { RunActions } from '../run-actions.service';
import { ExecutorReportAnswer, ExecutorReportDto } from './executor-report.dto';
import { ExecutorSignatureGuard } from './executor-signature.guard';

/**
 * Where the platform's deployment API reports on the steps it runs (signed, no API key). Not rate
 * limited: every report comes from the deployment API's address, as many as the updates it runs.
 */
@ApiTags('executor-callbacks')
@SkipThrottle()
@Controller('executor-callbacks')
export class ExecutorCallbacksController {
  constructor(private readonly actions: RunActions) {}

  @Post(':taskId')
  @Public()
  @UseGuards(ExecutorSignatureGuard)
  @HttpCode(200)
  @ApiOkResponse({ type: ExecutorReportAnswer })
  report(
    @UuidParam('taskId') taskId: string,
    @Body() dto: ExecutorReportDto,
  ): Promise<ExecutorReportAnswer> {
    return this.actions.acceptReport(taskId, dto);
  }
}
