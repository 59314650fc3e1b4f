import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { PageRequest } from '../common/pagination';
import { SqlFilter, updateReturning } from '../database/sql';
import {
  OUTBOX_COLUMNS,
  type OutboxEmailRow,
  OutboxRow,
  OutboxStatus,
  toOutboxRow,
} from './outbox-row';

export interface NotificationFilter {
  status?: OutboxStatus;
  taskId?: string;
  batchId?: string;
  event?: string;
  recipient?: string;
}

/** The outbox as platform admins read and repair it. */
@Injectable()
export class NotificationsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Oldest first (ids are time-ordered). A recipient matches in any letter case. */
  async list(filter: NotificationFilter, page: PageRequest): Promise<OutboxRow[]> {
    const f = new SqlFilter()
      .addIf(filter.status, 'o.status = ?')
      .addIf(filter.taskId, 'o.task_id = ?')
      .addIf(filter.batchId, 'o.batch_id = ?')
      .addIf(filter.event, 'o.event = ?')
      .addIf(filter.recipient, 'lower(o.recipient) = lower(?)')
      .addIf(page.after, 'o.id > ?');
    const rows: OutboxEmailRow[] = await this.ds.query(
      `SELECT ${OUTBOX_COLUMNS} FROM outbox_email o ${f.where} ORDER BY o.id LIMIT ${f.param(page.limit + 1)}`,
      f.params,
    );
    return rows.map(toOutboxRow);
  }

  async find(em: EntityManager, id: string, forUpdate = false): Promise<OutboxRow | null> {
    const rows: OutboxEmailRow[] = await em.query(
      `SELECT ${OUTBOX_COLUMNS} FROM outbox_email o WHERE o.id = $1 ${forUpdate ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ? toOutboxRow(rows[0]) : null;
  }

  /**
   * Queues the e-mail again with fresh attempts. `resends` rises, which gives it a new Message-ID:
   * receivers must not take it for a duplicate of the first.
   */
  async requeue(em: EntityManager, id: string, now: Date): Promise<OutboxRow> {
    const [row] = await updateReturning<OutboxEmailRow>(
      em,
      `UPDATE outbox_email o
       SET status = 'pending', attempts = 0, resends = o.resends + 1, next_attempt_at = $2,
           last_error = NULL, lease_owner = NULL, lease_expires_at = NULL
       WHERE o.id = $1
       RETURNING ${OUTBOX_COLUMNS}`,
      [id, now],
    );
    return toOutboxRow(row);
  }
}
