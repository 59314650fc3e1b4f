import { ApiPageResponse } from '../common/api-page';
import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Caller } from '../auth/caller';
import { CurrentCaller, PlatformAdminOnly } from '../auth/decorators';
import { Page, pageRequest } from '../common/pagination';
import { UuidParam } from '../common/params';
import { ListNotificationsQuery, NotificationResponse } from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

/** The e-mail outbox: what was sent, what waits, what was given up. Platform admins only. */
@ApiTags('notifications')
@ApiBearerAuth()
@PlatformAdminOnly()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiPageResponse(NotificationResponse)
  list(@Query() query: ListNotificationsQuery): Promise<Page<NotificationResponse>> {
    const { limit: _limit, cursor: _cursor, ...filter } = query;
    return this.notifications.list(filter, pageRequest(query, 'id'));
  }

  @Post(':id/resend')
  @HttpCode(200)
  @ApiOkResponse({ type: NotificationResponse })
  resend(@CurrentCaller() caller: Caller, @UuidParam() id: string): Promise<NotificationResponse> {
    return this.notifications.resend(caller, id);
  }
}
