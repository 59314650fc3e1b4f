import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CommonModule } from '../common/common.module';
import { CustomerLinksModule } from '../customer-links/customer-links.module';
import { ConfirmationOutboxRepository } from './confirmation-outbox.repository';
import { MetricsModule } from '../metrics/metrics.module';
import { DigestRepository } from './digest.repository';
import { FanoutRepository } from './fanout.repository';
import { MailMetrics } from './mail-metrics';
import { MailSender } from './mail-sender';
import { MailTransport } from './mail-transport';
import { NoticeComposer } from './notice-composer';
import { NoticesRepository } from './notices.repository';
import { Notices } from './notices.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { OutboxListener } from './outbox-listener';
import { OutboxRepository } from './outbox.repository';
import { MailTemplates } from './templates';
import { WebhookOutboxRepository } from './webhook-outbox.repository';

/**
 * E-mail notifications: the outbox writers that other features call inside their transactions
 * (Notices), the sender that renders and delivers the outbox, and its admin API.
 */
@Module({
  imports: [AuditModule, CommonModule, CustomerLinksModule, MetricsModule],
  controllers: [NotificationsController],
  providers: [
    NoticesRepository,
    ConfirmationOutboxRepository,
    WebhookOutboxRepository,
    Notices,
    OutboxRepository,
    DigestRepository,
    FanoutRepository,
    NotificationsRepository,
    NotificationsService,
    MailTemplates,
    NoticeComposer,
    MailTransport,
    OutboxListener,
    MailMetrics,
    MailSender,
  ],
  exports: [Notices, MailSender, MailTemplates, DigestRepository, WebhookOutboxRepository],
})
export class NotificationsModule {}
