import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Tx } from '../../database/transactions';
import type { Role } from '../api-key.entity';

export interface NewSession {
  tokenHash: string;
  apiKeyId: string;
  userAgent: string | null;
  expiresAt: Date;
}

/** A live session with the API key it acts for (the key must still be active). */
export interface LiveSession {
  id: string;
  expiresAt: Date;
  lastSeenAt: Date;
  keyId: string;
  name: string;
  role: Role;
  partnerId: string | null;
  platformId: string | null;
}

@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async insert(tx: Tx, session: NewSession, now: Date): Promise<string> {
    const rows: { id: string }[] = await tx.query(
      `INSERT INTO console_session (token_hash, api_key_id, user_agent, created_at, last_seen_at, expires_at)
       VALUES ($1, $2, $3, $4, $4, $5) RETURNING id`,
      [session.tokenHash, session.apiKeyId, session.userAgent, now, session.expiresAt],
    );
    return rows[0].id;
  }

  /**
   * The session with this token hash if it is neither revoked, expired at `now`, idle since before
   * `idleSince`, nor acting for a revoked key. Checked on every request carried by the cookie.
   */
  async findLive(tokenHash: string, now: Date, idleSince: Date): Promise<LiveSession | null> {
    const rows: LiveSession[] = await this.ds.query(
      `SELECT s.id, s.expires_at AS "expiresAt", s.last_seen_at AS "lastSeenAt", k.id AS "keyId",
              k.name, k.role, k.partner_id AS "partnerId", p.platform_id AS "platformId"
       FROM console_session s
       JOIN api_key k ON k.id = s.api_key_id AND k.revoked_at IS NULL
       LEFT JOIN partner p ON p.id = k.partner_id
       WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2
         AND s.last_seen_at > $3`,
      [tokenHash, now, idleSince],
    );
    return rows[0] ?? null;
  }

  /** Records activity, for the idle timeout. */
  async touch(id: string, now: Date): Promise<void> {
    await this.ds.query(
      `UPDATE console_session SET last_seen_at = greatest(last_seen_at, $2) WHERE id = $1`,
      [id, now],
    );
  }

  async revoke(tx: Tx, id: string, now: Date): Promise<void> {
    await tx.query(
      `UPDATE console_session SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`,
      [id, now],
    );
  }
}
