import { Injectable } from '@nestjs/common';
import { Transactions } from '../database/transactions';
import { AuditService } from '../audit/audit.service';
import type { Caller } from '../auth/caller';
import { Clock } from '../common/clock';
import { ConflictError, NotFoundError } from '../common/errors';
import { Page, PageRequest, toPage } from '../common/pagination';
import { NotificationResponse } from './dto/notification.dto';
import { wakeSenders } from './notices.repository';
import { NotificationFilter, NotificationsRepository } from './notifications.repository';

@Injectable()
export class NotificationsService {
  constructor(
    private readonly db: Transactions,
    private readonly notifications: NotificationsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(filter: NotificationFilter, page: PageRequest): Promise<Page<NotificationResponse>> {
    const rows = await this.notifications.list(filter, page);
    return toPage(rows, page.limit, NotificationResponse.from, (r) => r.id);
  }

  /**
   * Sends an e-mail again, as a new e-mail (new Message-ID, fresh attempts): a dead one after the
   * cause is fixed, or a sent one that its recipient lost. One that is still waiting or being sent
   * is left alone.
   */
  async resend(caller: Caller, id: string): Promise<NotificationResponse> {
    return this.db.run(async (tx) => {
      const before = await this.notifications.find(tx, id, true);
      if (!before) throw new NotFoundError('Notification', id);
      if (before.status === 'pending' || before.status === 'sending') {
        throw new ConflictError(
          `Notification ${id} is ${before.status}: only a sent or dead e-mail can be sent again`,
        );
      }
      const after = await this.notifications.requeue(tx, id, this.clock.now());
      await wakeSenders(tx);
      await this.audit.record(tx, caller, {
        action: 'notification.resend',
        entityType: 'outbox_email',
        entityId: id,
        before: { status: before.status, attempts: before.attempts, lastError: before.lastError },
        after: { status: after.status, resends: after.resends },
      });
      return NotificationResponse.from(after);
    });
  }
}
