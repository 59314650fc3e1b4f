import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CommonModule } from '../common/common.module';
import { CustomerLinksModule } from '../customer-links/customer-links.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PlacementModule } from '../placement/placement.module';
import { UpdatesModule } from '../updates/updates.module';
import { SelfServicePageController } from './self-service-page.controller';
import { SelfServiceController } from './self-service.controller';
import { SelfServiceRepository } from './self-service.repository';
import { SelfServiceService } from './self-service.service';

/** The customer's page behind the link in its e-mails (docs/self-service.md). */
@Module({
  imports: [
    AuditModule,
    CommonModule,
    CustomerLinksModule,
    NotificationsModule,
    PlacementModule,
    UpdatesModule,
  ],
  controllers: [SelfServiceController, SelfServicePageController],
  providers: [SelfServiceRepository, SelfServiceService],
})
export class SelfServiceModule {}
