import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { updateReturning } from '../database/sql';
import type { ConfirmationPolicy } from '../platforms/confirmation-policy';

/** A rollout's pending confirmation: the current code's hash, its expiry, the wrong tries. */
export interface Confirmation {
  rolloutId: string;
  reasons: string[];
  recipients: string[];
  codeHash: Buffer;
  codeSalt: Buffer;
  generation: number;
  sentAt: Date;
  expiresAt: Date;
  failedAttempts: number;
  confirmedAt: Date | null;
  /** Unless confirmed by then, the rollout is cancelled (set once, at its creation). */
  cancelAt: Date | null;
}

/** The SQL of rollout_confirmation (migration 1796020000001) and the settings it reads. */
@Injectable()
export class ConfirmationsRepository {
  /** The confirmation rule of each of these platforms. */
  async policies(em: EntityManager, platformIds: string[]): Promise<ConfirmationPolicy[]> {
    return em.query(
      `SELECT confirm_downgrade AS "downgrade", confirm_forced AS "forced",
              confirm_platform_scope AS "platformScope", confirm_tenants_over AS "tenantsOver"
       FROM platform WHERE id = ANY($1::uuid[])`,
      [platformIds],
    );
  }

  /** The licence e-mail of a partner, or of each platform (null where none is set). */
  async licenceEmails(
    em: EntityManager,
    owner: { partnerId: string } | { platformIds: string[] },
  ): Promise<{ id: string; name: string; licenceEmail: string | null }[]> {
    return 'partnerId' in owner
      ? em.query(`SELECT id, name, licence_email AS "licenceEmail" FROM partner WHERE id = $1`, [
          owner.partnerId,
        ])
      : em.query(
          `SELECT id, name, licence_email AS "licenceEmail" FROM platform
           WHERE id = ANY($1::uuid[]) ORDER BY id`,
          [owner.platformIds],
        );
  }

  /** Stores a new code's hash (replacing the old one, which then no longer matches). */
  async save(
    em: EntityManager,
    c: Pick<
      Confirmation,
      'rolloutId' | 'reasons' | 'recipients' | 'codeHash' | 'codeSalt' | 'sentAt' | 'expiresAt'
    > & { cancelAt: Date },
  ): Promise<number> {
    const [row]: { generation: number }[] = await em.query(
      `INSERT INTO rollout_confirmation (rollout_id, reasons, recipients, code_hash, code_salt,
         sent_at, expires_at, cancel_at)
       VALUES ($1, $2::text[], $3::text[], $4, $5, $6, $7, $8)
       ON CONFLICT (rollout_id) DO UPDATE SET recipients = EXCLUDED.recipients,
         code_hash = EXCLUDED.code_hash, code_salt = EXCLUDED.code_salt,
         generation = rollout_confirmation.generation + 1, sent_at = EXCLUDED.sent_at,
         expires_at = EXCLUDED.expires_at, failed_attempts = 0
       RETURNING generation`,
      [
        c.rolloutId,
        c.reasons,
        c.recipients,
        c.codeHash,
        c.codeSalt,
        c.sentAt,
        c.expiresAt,
        c.cancelAt,
      ],
    );
    return row.generation;
  }

  /** The rollout's confirmation, locked (the rollout itself is locked first by the caller). */
  async lock(em: EntityManager, rolloutId: string): Promise<Confirmation | null> {
    const rows: Confirmation[] = await em.query(
      `SELECT rollout_id AS "rolloutId", reasons, recipients, code_hash AS "codeHash",
              code_salt AS "codeSalt", generation, sent_at AS "sentAt", expires_at AS "expiresAt",
              failed_attempts AS "failedAttempts", confirmed_at AS "confirmedAt",
              cancel_at AS "cancelAt"
       FROM rollout_confirmation WHERE rollout_id = $1 FOR UPDATE`,
      [rolloutId],
    );
    return rows[0] ?? null;
  }

  /** Rollouts awaiting confirmation whose time to be confirmed is over at `now`. */
  async overdue(em: EntityManager, now: Date): Promise<string[]> {
    const rows: { id: string }[] = await em.query(
      `SELECT c.rollout_id AS id FROM rollout_confirmation c JOIN rollout r ON r.id = c.rollout_id
       WHERE c.confirmed_at IS NULL AND c.cancel_at <= $1 AND r.state = 'awaiting_confirmation'
       ORDER BY c.rollout_id`,
      [now],
    );
    return rows.map((r) => r.id);
  }

  /** For views: the confirmations of these rollouts, without their hashes. */
  async summaries(
    em: EntityManager,
    rolloutIds: string[],
  ): Promise<Map<string, ConfirmationSummary>> {
    const rows: (ConfirmationSummary & { rolloutId: string })[] = await em.query(
      `SELECT rollout_id AS "rolloutId", reasons, recipients, sent_at AS "sentAt",
              expires_at AS "expiresAt", failed_attempts AS "failedAttempts",
              confirmed_at AS "confirmedAt", cancel_at AS "cancelAt"
       FROM rollout_confirmation WHERE rollout_id = ANY($1::uuid[])`,
      [rolloutIds],
    );
    return new Map(rows.map(({ rolloutId, ...s }) => [rolloutId, s]));
  }

  async recordWrong(em: EntityManager, rolloutId: string): Promise<number> {
    const [row] = await updateReturning<{ failed_attempts: number }>(
      em,
      `UPDATE rollout_confirmation SET failed_attempts = failed_attempts + 1
       WHERE rollout_id = $1 RETURNING failed_attempts`,
      [rolloutId],
    );
    return row.failed_attempts;
  }

  async recordConfirmed(
    em: EntityManager,
    rolloutId: string,
    by: string,
    now: Date,
  ): Promise<void> {
    await em.query(
      `UPDATE rollout_confirmation SET confirmed_at = $2, confirmed_by = $3,
         code_hash = '\\x'::bytea, expires_at = $2
       WHERE rollout_id = $1`,
      [rolloutId, now, by],
    );
  }
}

export type ConfirmationSummary = Pick<
  Confirmation,
  'reasons' | 'recipients' | 'sentAt' | 'expiresAt' | 'failedAttempts' | 'confirmedAt' | 'cancelAt'
>;
