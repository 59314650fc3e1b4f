import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { insertedId } from '../database/sql';
import { PageRequest } from '../common/pagination';
import { ApiKeyEntity, Role } from './api-key.entity';

export interface NewApiKey {
  name: string;
  role: Role;
  partnerId: string | null;
  keyHash: string;
  keyPrefix: string;
  createdBy: string | null;
}

export interface ActiveKey {
  id: string;
  name: string;
  role: Role;
  partnerId: string | null;
  platformId: string | null;
}

@Injectable()
export class ApiKeysRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async insert(em: EntityManager, key: NewApiKey): Promise<ApiKeyEntity> {
    const id = insertedId(await em.insert(ApiKeyEntity, key));
    return em.findOneByOrFail(ApiKeyEntity, { id });
  }

  async partnerExists(em: EntityManager, partnerId: string): Promise<boolean> {
    const rows: unknown[] = await em.query('SELECT 1 FROM partner WHERE id = $1', [partnerId]);
    return rows.length > 0;
  }

  /** The active key with this hash, if any, with its partner's platform. Checked on every request. */
  async findActiveByHash(keyHash: string): Promise<ActiveKey | null> {
    const rows: ActiveKey[] = await this.ds.query(
      `SELECT k.id, k.name, k.role, k.partner_id AS "partnerId", p.platform_id AS "platformId"
       FROM api_key k LEFT JOIN partner p ON p.id = k.partner_id
       WHERE k.key_hash = $1 AND k.revoked_at IS NULL`,
      [keyHash],
    );
    return rows[0] ?? null;
  }

  /** Records use at most once a minute per key, so authentication stays read-mostly. */
  async touch(id: string): Promise<void> {
    await this.ds.query(
      `UPDATE api_key SET last_used_at = now()
       WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [id],
    );
  }

  findById(em: EntityManager, id: string, forUpdate = false): Promise<ApiKeyEntity | null> {
    const qb = em.createQueryBuilder(ApiKeyEntity, 'k').where('k.id = :id', { id });
    if (forUpdate) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  list(page: PageRequest, includeRevoked: boolean): Promise<ApiKeyEntity[]> {
    const qb = this.ds.manager.createQueryBuilder(ApiKeyEntity, 'k').orderBy('k.seq', 'ASC');
    if (page.after) qb.andWhere('k.seq > :after', { after: page.after });
    if (!includeRevoked) qb.andWhere('k.revoked_at IS NULL');
    return qb.limit(page.limit + 1).getMany();
  }

  /** Locks the active platform admin keys, so two revocations cannot both remove "the other" one. */
  async lockActivePlatformAdmins(em: EntityManager): Promise<number> {
    const rows: unknown[] = await em.query(
      `SELECT id FROM api_key WHERE role = 'platform_admin' AND revoked_at IS NULL ORDER BY id FOR UPDATE`,
    );
    return rows.length;
  }

  async revoke(em: EntityManager, id: string): Promise<ApiKeyEntity> {
    await em.query(`UPDATE api_key SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [
      id,
    ]);
    return em.findOneByOrFail(ApiKeyEntity, { id });
  }
}
