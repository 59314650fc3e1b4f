import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { insertedId } from '../database/sql';
import { PageRequest } from '../common/pagination';
import { SoftwareVersionEntity, VersionChannel } from './software-version.entity';
import type { PathVersion } from './upgrade-path';

@Injectable()
export class VersionsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async insert(
    em: EntityManager,
    values: Pick<
      SoftwareVersionEntity,
      'platformId' | 'version' | 'channel' | 'releaseNotes' | 'minimumFrom'
    >,
  ): Promise<SoftwareVersionEntity> {
    const id = insertedId(await em.insert(SoftwareVersionEntity, values));
    return em.findOneByOrFail(SoftwareVersionEntity, { id });
  }

  find(
    platformId: string,
    version: string,
    em: EntityManager = this.ds.manager,
    forUpdate = false,
  ): Promise<SoftwareVersionEntity | null> {
    const qb = em
      .createQueryBuilder(SoftwareVersionEntity, 'v')
      .where('v.platform_id = :platformId AND v.version = :version', { platformId, version });
    if (forUpdate) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  /** The channel of `version` on each of these platforms (absent where it does not exist). */
  async channels(
    em: EntityManager,
    platformIds: string[],
    version: string,
  ): Promise<Map<string, VersionChannel>> {
    const rows: { platform_id: string; channel: VersionChannel }[] = await em.query(
      `SELECT platform_id, channel FROM software_version WHERE platform_id = ANY($1::uuid[]) AND version = $2`,
      [platformIds, version],
    );
    return new Map(rows.map((r) => [r.platform_id, r.channel]));
  }

  /** Every version of these platforms, as the upgrade path finder reads them. */
  async pathVersions(
    em: EntityManager,
    platformIds: string[],
  ): Promise<Map<string, PathVersion[]>> {
    const rows: {
      platform_id: string;
      version: string;
      channel: VersionChannel;
      minimum_from: string | null;
    }[] = await em.query(
      `SELECT platform_id, version, channel, minimum_from FROM software_version WHERE platform_id = ANY($1::uuid[])`,
      [platformIds],
    );
    const byPlatform = new Map<string, PathVersion[]>();
    for (const r of rows) {
      const list = byPlatform.get(r.platform_id) ?? [];
      list.push({ version: r.version, channel: r.channel, minimumFrom: r.minimum_from });
      byPlatform.set(r.platform_id, list);
    }
    return byPlatform;
  }

  list(platformId: string, channel: VersionChannel | undefined, page: PageRequest) {
    const qb = this.ds.manager
      .createQueryBuilder(SoftwareVersionEntity, 'v')
      .where('v.platform_id = :platformId', { platformId })
      .orderBy('v.seq', 'ASC');
    if (channel) qb.andWhere('v.channel = :channel', { channel });
    if (page.after) qb.andWhere('v.seq > :after', { after: page.after });
    return qb.limit(page.limit + 1).getMany();
  }

  async update(
    em: EntityManager,
    id: string,
    values: Partial<Pick<SoftwareVersionEntity, 'channel' | 'releaseNotes' | 'minimumFrom'>>,
  ): Promise<SoftwareVersionEntity> {
    await em.update(SoftwareVersionEntity, { id }, { ...values, updatedAt: () => 'now()' });
    return em.findOneByOrFail(SoftwareVersionEntity, { id });
  }
}
