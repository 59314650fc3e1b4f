import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { PageRequest } from '../common/pagination';
import { SqlFilter } from '../database/sql';

import type { ConflictPolicy } from '../placement/conflicts';

export { CONFLICT_POLICIES, type ConflictPolicy } from '../placement/conflicts';

export interface PlatformMaintenance {
  id: string;
  seq: string;
  platformId: string;
  startsAt: Date;
  endsAt: Date;
  message: string;
  conflictPolicy: ConflictPolicy;
  createdBy: string | null;
  createdAt: Date;
}

export interface Announcement {
  id: string;
  platformId: string;
  platformName: string;
  startsAt: Date;
  endsAt: Date;
  message: string;
}

/** A platform_maintenance row as COLUMNS reads it. */
interface PlatformMaintenanceRow {
  id: string;
  seq: string;
  platform_id: string;
  starts_at: Date;
  ends_at: Date;
  message: string;
  conflict_policy: ConflictPolicy;
  created_by: string | null;
  created_at: Date;
}

function toMaintenance(r: PlatformMaintenanceRow): PlatformMaintenance {
  return {
    id: r.id,
    seq: r.seq,
    platformId: r.platform_id,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    message: r.message,
    conflictPolicy: r.conflict_policy,
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

const COLUMNS = `m.id, m.seq::text AS seq, m.platform_id, m.starts_at, m.ends_at, m.message, m.conflict_policy, m.created_by, m.created_at`;

@Injectable()
export class PlatformMaintenanceRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async insert(
    em: EntityManager,
    values: Pick<
      PlatformMaintenance,
      'platformId' | 'startsAt' | 'endsAt' | 'message' | 'conflictPolicy' | 'createdBy'
    >,
  ): Promise<PlatformMaintenance> {
    const rows: PlatformMaintenanceRow[] = await em.query(
      `INSERT INTO platform_maintenance AS m (platform_id, starts_at, ends_at, message, conflict_policy, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
      [
        values.platformId,
        values.startsAt,
        values.endsAt,
        values.message,
        values.conflictPolicy,
        values.createdBy,
      ],
    );
    return toMaintenance(rows[0]);
  }

  async find(
    em: EntityManager,
    platformId: string,
    id: string,
  ): Promise<PlatformMaintenance | null> {
    const rows: PlatformMaintenanceRow[] = await em.query(
      `SELECT ${COLUMNS} FROM platform_maintenance m WHERE m.platform_id = $1 AND m.id = $2`,
      [platformId, id],
    );
    return rows[0] ? toMaintenance(rows[0]) : null;
  }

  async delete(em: EntityManager, id: string): Promise<void> {
    await em.query('DELETE FROM platform_maintenance WHERE id = $1', [id]);
  }

  async list(
    platformId: string,
    includePast: boolean,
    now: Date,
    page: PageRequest,
  ): Promise<PlatformMaintenance[]> {
    const f = new SqlFilter().add('m.platform_id = ?', platformId).addIf(page.after, 'm.seq > ?');
    if (!includePast) f.add('m.ends_at > ?', now);
    const rows: PlatformMaintenanceRow[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM platform_maintenance m ${f.where} ORDER BY m.seq LIMIT ${f.param(page.limit + 1)}`,
      f.params,
    );
    return rows.map(toMaintenance);
  }

  /** Maintenance on these platforms that has not ended at `now`. */
  async notEnded(
    em: EntityManager,
    platformIds: string[],
    now: Date,
  ): Promise<PlatformMaintenance[]> {
    const rows: PlatformMaintenanceRow[] = await em.query(
      `SELECT ${COLUMNS} FROM platform_maintenance m
       WHERE m.platform_id = ANY($1::uuid[]) AND m.ends_at > $2 ORDER BY m.starts_at`,
      [platformIds, now],
    );
    return rows.map(toMaintenance);
  }

  /** Current and upcoming maintenance of every platform, soonest first. */
  async announcements(now: Date, limit: number): Promise<Announcement[]> {
    // Columns aliased to the Announcement's names: the row is the result.
    return this.ds.query(
      `SELECT m.id, m.platform_id AS "platformId", pl.name AS "platformName",
              m.starts_at AS "startsAt", m.ends_at AS "endsAt", m.message
       FROM platform_maintenance m JOIN platform pl ON pl.id = m.platform_id
       WHERE m.ends_at > $1 ORDER BY m.starts_at, m.id LIMIT $2`,
      [now, limit],
    );
  }
}
