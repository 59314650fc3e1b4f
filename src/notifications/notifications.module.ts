import { Global, Module } from '@nestjs/common';
import { DigestRepository } from './digest.repository';
import { MailMetrics } from './mail-metrics';
import { MailSender } from './mail-sender';
import { MailTransport } from './mail-transport';
import { NoticeComposer } from './notice-composer';
import { NoticesRepository } from './notices.repository';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { OutboxListener } from './outbox-listener';
import { OutboxRepository } from './outbox.repository';
import { MailTemplates } from './templates';

/**
 * E-mail notifications: the outbox writers that other features call inside their transactions
 * (NoticesRepository), the sender that renders and delivers the outbox, and its admin API.
 */
@Global()
@Module({
  controllers: [NotificationsController],
  providers: [
    NoticesRepository,
    OutboxRepository,
    DigestRepository,
    NotificationsRepository,
    NotificationsService,
    MailTemplates,
    NoticeComposer,
    MailTransport,
    OutboxListener,
    MailMetrics,
    MailSender,
  ],
  exports: [NoticesRepository, MailSender],
})
export class NotificationsModule {}
