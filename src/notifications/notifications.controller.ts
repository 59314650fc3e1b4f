import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Caller } from '../auth/caller';
import { CurrentCaller, PlatformAdminOnly } from '../auth/decorators';
import { Page, pageRequest } from '../common/pagination';
import { UuidParam } from '../common/params';
import { ApiErrors, ApiPage } from '../openapi/decorators';
import { ListNotificationsQuery, NotificationResponse } from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

/** The e-mail outbox: what was sent, what waits, what was given up. Platform admins only. */
@ApiTags('notifications')
@PlatformAdminOnly()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({
    summary: 'List e-mails',
    description:
      'The outbox, oldest first: pending, sending, sent and dead e-mails, filtered by status, ' +
      'task, batch, event or recipient. Their content is rendered when sent and is not stored.',
  })
  @ApiPage(NotificationResponse)
  list(@Query() query: ListNotificationsQuery): Promise<Page<NotificationResponse>> {
    const { limit: _limit, cursor: _cursor, ...filter } = query;
    return this.notifications.list(filter, pageRequest(query, 'id'));
  }

  @Post(':id/resend')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Send an e-mail again',
    description:
      'A dead e-mail after its cause is fixed, or a sent one its recipient lost: queued again as ' +
      'a new e-mail (new Message-ID, fresh attempts).',
  })
  @ApiOkResponse({ type: NotificationResponse, description: 'The e-mail, queued again' })
  @ApiErrors(404, { 409: 'The e-mail is still pending or being sent' })
  resend(@CurrentCaller() caller: Caller, @UuidParam() id: string): Promise<NotificationResponse> {
    return this.notifications.resend(caller, id);
  }
}
