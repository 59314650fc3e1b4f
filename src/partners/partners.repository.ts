import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { insertedId } from '../database/sql';
import type { Scope } from '../auth/caller';
import { PageRequest } from '../common/pagination';
import { PartnerEntity } from './partner.entity';

/** What a tenant inherits from its partner and platform when created. */
export interface PartnerPlacement {
  partnerId: string;
  platformId: string;
  platformTimezone: string;
  defaultWindowCron: string;
  defaultWindowDurationMinutes: number;
}

@Injectable()
export class PartnersRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async insert(
    em: EntityManager,
    values: Pick<
      PartnerEntity,
      'platformId' | 'name' | 'contacts' | 'licenceEmail' | 'customerPostpone'
    >,
  ): Promise<PartnerEntity> {
    const id = insertedId(await em.insert(PartnerEntity, values));
    return em.findOneByOrFail(PartnerEntity, { id });
  }

  /** A partner admin finds only its own partner. */
  find(
    scope: Scope,
    id: string,
    em: EntityManager = this.ds.manager,
    forUpdate = false,
  ): Promise<PartnerEntity | null> {
    const qb = em.createQueryBuilder(PartnerEntity, 'p').where('p.id = :id', { id });
    if (scope.partnerId) qb.andWhere('p.id = :own', { own: scope.partnerId });
    if (forUpdate) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  list(scope: Scope, platformId: string | undefined, page: PageRequest): Promise<PartnerEntity[]> {
    const qb = this.ds.manager.createQueryBuilder(PartnerEntity, 'p').orderBy('p.seq', 'ASC');
    if (scope.partnerId) qb.andWhere('p.id = :own', { own: scope.partnerId });
    if (platformId) qb.andWhere('p.platform_id = :platformId', { platformId });
    if (page.after) qb.andWhere('p.seq > :after', { after: page.after });
    return qb.limit(page.limit + 1).getMany();
  }

  async update(
    em: EntityManager,
    id: string,
    values: Partial<Pick<PartnerEntity, 'name' | 'contacts' | 'licenceEmail' | 'customerPostpone'>>,
  ): Promise<PartnerEntity> {
    await em.update(PartnerEntity, { id }, { ...values, updatedAt: () => 'now()' });
    return em.findOneByOrFail(PartnerEntity, { id });
  }

  async delete(em: EntityManager, id: string): Promise<void> {
    await em.delete(PartnerEntity, { id });
  }

  async nameTaken(em: EntityManager, platformId: string, name: string, exceptId?: string) {
    const rows: unknown[] = await em.query(
      'SELECT 1 FROM partner WHERE platform_id = $1 AND name = $2 AND id IS DISTINCT FROM $3',
      [platformId, name, exceptId ?? null],
    );
    return rows.length > 0;
  }

  /** Placement of the given partners that are within the caller's scope. */
  async placements(
    em: EntityManager,
    scope: Scope,
    ids: string[],
  ): Promise<Map<string, PartnerPlacement>> {
    const rows: PartnerPlacement[] = await em.query(
      `SELECT p.id AS "partnerId", p.platform_id AS "platformId", pl.timezone AS "platformTimezone",
              pl.default_window_cron AS "defaultWindowCron",
              pl.default_window_duration_minutes AS "defaultWindowDurationMinutes"
       FROM partner p JOIN platform pl ON pl.id = p.platform_id
       WHERE p.id = ANY($1::uuid[]) AND ($2::uuid IS NULL OR p.id = $2::uuid)`,
      [ids, scope.partnerId],
    );
    return new Map(rows.map((r) => [r.partnerId, r]));
  }

  async countTenants(em: EntityManager, partnerId: string): Promise<number> {
    const rows: { n: number }[] = await em.query(
      'SELECT count(*)::int AS n FROM tenant WHERE partner_id = $1',
      [partnerId],
    );
    return rows[0].n;
  }
}
