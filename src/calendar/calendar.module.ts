import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { CalendarFeedController } from './calendar-feed.controller';
import { CalendarFeedRepository } from './calendar-feed.repository';
import { CalendarFeedService } from './calendar-feed.service';

/** Tenants' calendar feeds (the token's rotation is a tenant write: TenantsService). */
@Module({
  imports: [CommonModule, NotificationsModule],
  controllers: [CalendarFeedController],
  providers: [CalendarFeedRepository, CalendarFeedService],
})
export class CalendarModule {}
