import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CommonModule } from '../common/common.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { WebhookClient } from './webhook-client';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';
import { WebhookFailures } from './webhook-failures.service';
import { WebhookSender } from './webhook-sender';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

/**
 * Webhook endpoints, their delivery logs and the sender. The deliveries themselves are written by
 * Notices (notifications/) in the transaction of each change.
 */
@Module({
  imports: [AuditModule, CommonModule, NotificationsModule],
  controllers: [WebhooksController],
  providers: [
    WebhookEndpointsRepository,
    WebhookDeliveriesRepository,
    WebhooksService,
    WebhookFailures,
    WebhookClient,
    WebhookSender,
  ],
  exports: [WebhookSender],
})
export class WebhooksModule {}
