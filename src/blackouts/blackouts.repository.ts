import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { ConflictPolicy } from '../placement/conflicts';
import type { Repeat } from '../placement/placement';

/** A blackout of one tenant or of one partner (every tenant of it). */
export interface Blackout {
  id: string;
  seq: string;
  tenantId: string | null;
  partnerId: string | null;
  platformId: string;
  startsAt: Date;
  endsAt: Date;
  repeat: Repeat;
  timezone: string;
  reason: string;
  conflictPolicy: ConflictPolicy;
  createdBy: string | null;
  createdAt: Date;
}

export type BlackoutOwner = { tenantId: string } | { partnerId: string };

/** A blackout row as COLUMNS reads it. */
interface BlackoutRow {
  id: string;
  seq: string;
  tenant_id: string | null;
  partner_id: string | null;
  platform_id: string;
  starts_at: Date;
  ends_at: Date;
  repeat: Repeat;
  timezone: string;
  reason: string;
  conflict_policy: ConflictPolicy;
  created_by: string | null;
  created_at: Date;
}

function toBlackout(r: BlackoutRow): Blackout {
  return {
    id: r.id,
    seq: r.seq,
    tenantId: r.tenant_id,
    partnerId: r.partner_id,
    platformId: r.platform_id,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    repeat: r.repeat,
    timezone: r.timezone,
    reason: r.reason,
    conflictPolicy: r.conflict_policy,
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

const COLUMNS = `b.id, b.seq::text AS seq, b.tenant_id, b.partner_id, b.platform_id, b.starts_at, b.ends_at,
  b.repeat, b.timezone, b.reason, b.conflict_policy, b.created_by, b.created_at`;

const ownerWhere = (owner: BlackoutOwner): [string, string] =>
  'tenantId' in owner
    ? ['b.tenant_id = $1', owner.tenantId]
    : ['b.partner_id = $1', owner.partnerId];

@Injectable()
export class BlackoutsRepository {
  async insert(
    em: EntityManager,
    values: Omit<Blackout, 'id' | 'seq' | 'createdAt'>,
  ): Promise<Blackout> {
    const rows: BlackoutRow[] = await em.query(
      `INSERT INTO blackout AS b (tenant_id, partner_id, platform_id, starts_at, ends_at, repeat, timezone,
                                  reason, conflict_policy, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${COLUMNS}`,
      [
        values.tenantId,
        values.partnerId,
        values.platformId,
        values.startsAt,
        values.endsAt,
        values.repeat,
        values.timezone,
        values.reason,
        values.conflictPolicy,
        values.createdBy,
      ],
    );
    return toBlackout(rows[0]);
  }

  /** The owner's blackouts, oldest first (at most 1,000: a list for people, not a feed). */
  async list(em: EntityManager, owner: BlackoutOwner): Promise<Blackout[]> {
    const [where, id] = ownerWhere(owner);
    const rows: BlackoutRow[] = await em.query(
      `SELECT ${COLUMNS} FROM blackout b WHERE ${where} ORDER BY b.seq LIMIT 1000`,
      [id],
    );
    return rows.map(toBlackout);
  }

  async find(em: EntityManager, owner: BlackoutOwner, id: string): Promise<Blackout | null> {
    const [where, ownerId] = ownerWhere(owner);
    const rows: BlackoutRow[] = await em.query(
      `SELECT ${COLUMNS} FROM blackout b WHERE ${where} AND b.id = $2`,
      [ownerId, id],
    );
    return rows[0] ? toBlackout(rows[0]) : null;
  }

  async delete(em: EntityManager, id: string): Promise<void> {
    await em.query(`DELETE FROM blackout WHERE id = $1`, [id]);
  }

  /**
   * The blackouts of tenants and partners on these platforms that may still block something at or
   * after `now`: repeating ones, and one-off ones not yet ended.
   */
  async notEnded(em: EntityManager, platformIds: string[], now: Date): Promise<Blackout[]> {
    if (platformIds.length === 0) return [];
    const rows: BlackoutRow[] = await em.query(
      `SELECT ${COLUMNS} FROM blackout b
       WHERE b.platform_id = ANY($1::uuid[]) AND (b.repeat <> 'none' OR b.ends_at > $2)
       ORDER BY b.seq`,
      [platformIds, now],
    );
    return rows.map(toBlackout);
  }
}
