import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Page, PageRequest, toPage } from '../common/pagination';
import { AuditLogEntity } from './audit-log.entity';
import type { AuditLogResponse } from './dto/audit-log.dto';

export interface AuditLogFilter {
  entityType?: string;
  entityId?: string;
  action?: string;
  actorKeyId?: string;
}

export interface NewAuditRow {
  actorKeyId: string | null;
  actorRole: string | null;
  actorPartnerId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  /** JSON text (already redacted), or null. */
  before: string | null;
  after: string | null;
}

@Injectable()
export class AuditLogRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async insert(tx: EntityManager, row: NewAuditRow): Promise<void> {
    await tx.query(
      `INSERT INTO audit_log (actor_key_id, actor_role, actor_partner_id, action, entity_type, entity_id, before, after)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        row.actorKeyId,
        row.actorRole,
        row.actorPartnerId,
        row.action,
        row.entityType,
        row.entityId,
        row.before,
        row.after,
      ],
    );
  }

  async list(
    filter: AuditLogFilter,
    page: PageRequest,
    order: 'asc' | 'desc' = 'asc',
  ): Promise<Page<AuditLogResponse>> {
    const qb = this.ds.manager
      .createQueryBuilder(AuditLogEntity, 'a')
      .orderBy('a.id', order === 'asc' ? 'ASC' : 'DESC');
    if (page.after)
      qb.andWhere(order === 'asc' ? 'a.id > :after' : 'a.id < :after', { after: page.after });
    if (filter.entityType) qb.andWhere('a.entity_type = :t', { t: filter.entityType });
    if (filter.entityId) qb.andWhere('a.entity_id = :e', { e: filter.entityId });
    if (filter.action) qb.andWhere('a.action = :act', { act: filter.action });
    if (filter.actorKeyId) qb.andWhere('a.actor_key_id = :k', { k: filter.actorKeyId });
    const rows = await qb.limit(page.limit + 1).getMany();
    return toPage(
      rows.map((r) => ({ ...r, seq: r.id })),
      page.limit,
      (r) => ({
        id: r.id,
        at: r.at.toISOString(),
        actor: { keyId: r.actorKeyId, role: r.actorRole, partnerId: r.actorPartnerId },
        action: r.action,
        entityType: r.entityType,
        entityId: r.entityId,
        before: r.before,
        after: r.after,
      }),
    );
  }
}
