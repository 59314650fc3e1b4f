import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/decorators';
import { SelfServiceRateLimit } from '../auth/rate-limit.module';
import { ApiErrors } from '../openapi/decorators';
import { PostponeDto, SelfServiceResponse } from './dto/self-service.dto';
import { SelfServiceService } from './self-service.service';

const GONE = {
  404: 'The link is not valid (forged, or its update no longer exists); nothing more is said',
  410: 'The link has expired (its update’s window ended); nothing more is said',
} as const;

/**
 * What the page behind a customer's link (`<PUBLIC_URL>/u/<token>`) shows and does, as JSON. No
 * API key: the signed token is the credential (docs/self-service.md). Rate limited per address.
 */
@ApiTags('self-service')
@Public()
@SelfServiceRateLimit()
@Controller('self-service')
export class SelfServiceController {
  constructor(private readonly selfService: SelfServiceService) {}

  @Get(':token')
  @ApiOperation({
    summary: 'What a customer’s link shows',
    description:
      'The update the link is about as it is now, and the windows it may be postponed to. An ' +
      'older e-mail’s link shows the update but cannot postpone it (canPostpone false).',
  })
  @ApiOkResponse({ type: SelfServiceResponse, description: 'The update' })
  @ApiErrors(GONE)
  view(@Param('token') token: string): Promise<SelfServiceResponse> {
    return this.selfService.view(token);
  }

  @Post(':token/postpone')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Postpone the update to one of the windows offered',
    description:
      'Moves the update like a reschedule (notice sequence raised, calendar entry moved, partner ' +
      'told, `task.rescheduled` and `task.postponed` webhooks); the audit log names the customer ' +
      'via link as the actor.',
  })
  @ApiOkResponse({ type: SelfServiceResponse, description: 'The update at its new time' })
  @ApiErrors(GONE, {
    409: 'An older e-mail’s link, or the update is no longer scheduled (started, ended, cancelled)',
    422: 'Beyond the policy (forced, not allowed, maxTimes reached) or start not offered',
  })
  postpone(@Param('token') token: string, @Body() dto: PostponeDto): Promise<SelfServiceResponse> {
    return this.selfService.postpone(token, new Date(dto.start));
  }
}
