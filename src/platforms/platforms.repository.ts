import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { insertedId } from '../database/sql';
import type { Scope } from '../auth/caller';
import { PageRequest } from '../common/pagination';
import { PlatformEntity } from './platform.entity';

export type NewPlatform = Omit<PlatformEntity, 'id' | 'seq' | 'createdAt' | 'updatedAt'>;

@Injectable()
export class PlatformsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async insert(em: EntityManager, values: NewPlatform): Promise<PlatformEntity> {
    const id = insertedId(await em.insert(PlatformEntity, values));
    return em.findOneByOrFail(PlatformEntity, { id });
  }

  /** A partner admin sees only its own partner's platform. */
  find(
    scope: Scope,
    id: string,
    em: EntityManager = this.ds.manager,
  ): Promise<PlatformEntity | null> {
    const qb = em.createQueryBuilder(PlatformEntity, 'p').where('p.id = :id', { id });
    if (scope.platformId) qb.andWhere('p.id = :own', { own: scope.platformId });
    return qb.getOne();
  }

  findForUpdate(em: EntityManager, id: string): Promise<PlatformEntity | null> {
    return em
      .createQueryBuilder(PlatformEntity, 'p')
      .where('p.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
  }

  list(scope: Scope, page: PageRequest): Promise<PlatformEntity[]> {
    const qb = this.ds.manager.createQueryBuilder(PlatformEntity, 'p').orderBy('p.seq', 'ASC');
    if (scope.platformId) qb.andWhere('p.id = :own', { own: scope.platformId });
    if (page.after) qb.andWhere('p.seq > :after', { after: page.after });
    return qb.limit(page.limit + 1).getMany();
  }

  async update(
    em: EntityManager,
    id: string,
    values: Partial<NewPlatform>,
  ): Promise<PlatformEntity> {
    await em.update(PlatformEntity, { id }, { ...values, updatedAt: () => 'now()' });
    return em.findOneByOrFail(PlatformEntity, { id });
  }

  async nameTaken(em: EntityManager, name: string, exceptId?: string): Promise<boolean> {
    const rows: unknown[] = await em.query(
      'SELECT 1 FROM platform WHERE name = $1 AND id IS DISTINCT FROM $2',
      [name, exceptId ?? null],
    );
    return rows.length > 0;
  }
}
