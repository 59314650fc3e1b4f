import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Public } from '../../auth/decorators';
import { NoRateLimit } from '../../auth/rate-limit.module';
import { UuidParam } from '../../common/params';
import { EXECUTOR_SIGNATURE_SCHEME } from '../../openapi/document';
import { RunActions } from '../run-actions.service';
import { ExecutorReportAnswer, ExecutorReportDto } from './executor-report.dto';
import { ExecutorSignatureGuard } from './executor-signature.guard';

/**
 * Where the platform's deployment API reports on the steps it runs (signed, no API key). Not rate
 * limited: every report comes from the deployment API's address, as many as the updates it runs.
 */
@ApiTags('executor-callbacks')
@NoRateLimit()
@Controller('executor-callbacks')
export class ExecutorCallbacksController {
  constructor(private readonly actions: RunActions) {}

  @Post(':taskId')
  @Public()
  @ApiSecurity(EXECUTOR_SIGNATURE_SCHEME)
  @UseGuards(ExecutorSignatureGuard)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Report on a step (deployment API → this service)',
    description:
      'Sent by the platform’s deployment API for the http executor: signed with the platform ' +
      'secret (`X-Signature: sha256=<hex HMAC-SHA256 of the raw body>`), naming its task in the ' +
      'body and dated (`sentAt`, within 5 minutes). A bad signature, an unknown task or a stale ' +
      'report get 401. See docs/scheduler.md.',
  })
  @ApiOkResponse({ type: ExecutorReportAnswer, description: 'Whether the report was taken' })
  report(
    @UuidParam('taskId') taskId: string,
    @Body() dto: ExecutorReportDto,
  ): Promise<ExecutorReportAnswer> {
    return this.actions.acceptReport(taskId, dto);
  }
}
