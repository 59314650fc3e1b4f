import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { updateReturning } from '../database/sql';
import { OUTBOX_CHANNEL } from './notices.repository';
import { insertThenWake } from './outbox-wake';
import {
  ClaimedMessage,
  OUTBOX_COLUMNS,
  type OutboxEmailRow,
  OutboxRow,
  toOutboxRow,
} from './outbox-row';

/** Transaction-level advisory lock namespace of outbox groups (key: hashtext(group_key)). */
const GROUP_LOCK = 7271402;

export interface Lease {
  token: string;
  now: Date;
  expiresAt: Date;
}

export interface Failure {
  error: string;
  /** The server refused the e-mail for good (or the address is invalid): no further attempts. */
  permanent: boolean;
  maxAttempts: number;
  nextAttemptAt: Date;
}

/**
 * The sender's queries on outbox_email. A row is `pending` until a sender claims it (`sending`,
 * with a lease owned by one claim token), then `sent`, or back to `pending` with a later
 * next_attempt_at, or `dead`. Only the claim that holds a row's lease may complete it.
 */
@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Due rows that are not part of a group, oldest first; rows other senders hold are skipped. */
  async claimSingles(lease: Lease, limit: number): Promise<ClaimedMessage[]> {
    const rows = await updateReturning<OutboxEmailRow>(
      this.ds,
      `UPDATE outbox_email o
       SET status = 'sending', attempts = o.attempts + 1, lease_owner = $1, lease_expires_at = $3
       FROM (SELECT id FROM outbox_email
             WHERE status = 'pending' AND next_attempt_at <= $2 AND group_key IS NULL
             ORDER BY next_attempt_at
             LIMIT $4
             FOR UPDATE SKIP LOCKED) due
       WHERE o.id = due.id
       RETURNING ${OUTBOX_COLUMNS}`,
      [lease.token, lease.now, lease.expiresAt, limit],
    );
    return rows.map(toOutboxRow).map((first) => ({
      token: lease.token,
      leaseExpiresAt: lease.expiresAt,
      first,
      ids: [first.id],
      attempts: first.attempts,
    }));
  }

  /** How many single rows are due, counted up to `limit`. */
  async dueSingles(now: Date, limit: number): Promise<number> {
    const [row]: { n: number }[] = await this.ds.query(
      `SELECT count(*)::int AS n FROM (
         SELECT 1 FROM outbox_email
         WHERE status = 'pending' AND next_attempt_at <= $1 AND group_key IS NULL LIMIT $2) due`,
      [now, limit],
    );
    return row.n;
  }

  /** Group keys with at least one due row. */
  async dueGroups(now: Date, limit: number): Promise<string[]> {
    const rows: { group_key: string }[] = await this.ds.query(
      `SELECT DISTINCT group_key FROM outbox_email
       WHERE status = 'pending' AND group_key IS NOT NULL AND next_attempt_at <= $1
       LIMIT $2`,
      [now, limit],
    );
    return rows.map((r) => r.group_key);
  }

  /**
   * Claims every pending row of a group, due or not yet due, as ONE e-mail. The group's advisory
   * lock makes one sender at a time do this, and its UPDATE sees every row committed before it
   * took the lock, so two senders never split the rows present at that instant between them.
   * Null when another sender holds the group or has just claimed it.
   */
  async claimGroup(lease: Lease, groupKey: string): Promise<ClaimedMessage | null> {
    const claimed = await this.ds.transaction(async (em) => {
      const [lock]: { locked: boolean }[] = await em.query(
        `SELECT pg_try_advisory_xact_lock(${GROUP_LOCK}, hashtext($1)) AS locked`,
        [groupKey],
      );
      if (!lock.locked) return null;
      const [row]: { ids: string[] | null; attempts: number | null }[] = await em.query(
        `WITH claimed AS (
           UPDATE outbox_email
           SET status = 'sending', attempts = attempts + 1, lease_owner = $2, lease_expires_at = $3
           WHERE group_key = $1 AND status = 'pending'
           RETURNING id, attempts)
         SELECT array_agg(id ORDER BY id) AS ids, max(attempts) AS attempts FROM claimed`,
        [groupKey, lease.token, lease.expiresAt],
      );
      return row.ids ? { ids: row.ids, attempts: row.attempts ?? 1 } : null;
    });
    if (!claimed) return null;
    const [first] = await this.rows([claimed.ids[0]]);
    return {
      token: lease.token,
      leaseExpiresAt: lease.expiresAt,
      first,
      ids: claimed.ids,
      attempts: claimed.attempts,
    };
  }

  /** The rows with these ids, ascending (payloads of a digest, a page at a time). */
  async rows(ids: string[]): Promise<OutboxRow[]> {
    const rows: OutboxEmailRow[] = await this.ds.query(
      `SELECT ${OUTBOX_COLUMNS} FROM outbox_email o WHERE o.id = ANY($1::uuid[]) ORDER BY o.id`,
      [ids],
    );
    return rows.map(toOutboxRow);
  }

  /**
   * E-mails the server accepted, recorded together (one statement for many). Returns the ids of
   * the rows still leased to their claim; a row missing there had lost its lease meanwhile.
   */
  async markSent(
    sent: { message: ClaimedMessage; messageId: string }[],
    now: Date,
  ): Promise<Set<string>> {
    const ids: string[] = [];
    const tokens: string[] = [];
    const messageIds: string[] = [];
    for (const { message, messageId } of sent) {
      for (const id of message.ids) {
        ids.push(id);
        tokens.push(message.token);
        messageIds.push(messageId);
      }
    }
    const rows = await updateReturning<{ id: string }>(
      this.ds,
      `UPDATE outbox_email o
       SET status = 'sent', sent_at = $1, message_id = d.message_id,
           lease_owner = NULL, lease_expires_at = NULL,
           -- a one-time code is kept only as a hash (rollout_confirmation), not in the sent e-mail's row
           payload = CASE WHEN o.event = 'rollout.confirmation' THEN o.payload - 'code' ELSE o.payload END
       FROM unnest($2::uuid[], $3::text[], $4::text[]) AS d (id, token, message_id)
       WHERE o.id = d.id AND o.lease_owner = d.token AND o.status = 'sending'
       RETURNING o.id`,
      [now, ids, tokens, messageIds],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** A failed attempt: the rows wait for the next one, or are dead (permanent or out of attempts). */
  async markFailed(message: ClaimedMessage, failure: Failure): Promise<number> {
    const rows = await updateReturning<{ status: string }>(
      this.ds,
      `UPDATE outbox_email
       SET status = CASE WHEN $3::boolean OR attempts >= $4::int THEN 'dead' ELSE 'pending' END,
           next_attempt_at = $5::timestamptz, last_error = $6, lease_owner = NULL, lease_expires_at = NULL
       WHERE id = ANY($1::uuid[]) AND lease_owner = $2 AND status = 'sending'
       RETURNING status`,
      [
        message.ids,
        message.token,
        failure.permanent,
        failure.maxAttempts,
        failure.nextAttemptAt,
        failure.error.slice(0, 2000),
      ],
    );
    return rows.filter((r) => r.status === 'dead').length;
  }

  /**
   * Hands claimed rows back untried (the sender is stopping, or the claim waited too long to be
   * sent in its lease): the attempt does not count. They are due now, so the statement that hands
   * them back also wakes the other senders at its commit: none of them waits for its poll.
   */
  async release(message: ClaimedMessage): Promise<void> {
    await insertThenWake(
      this.ds.manager,
      OUTBOX_CHANNEL,
      `UPDATE outbox_email
       SET status = 'pending', attempts = attempts - 1, lease_owner = NULL, lease_expires_at = NULL
       WHERE id = ANY($1::uuid[]) AND lease_owner = $2 AND status = 'sending'
       RETURNING 1`,
      [message.ids, message.token],
    );
  }

  /**
   * Rows whose sender stopped while sending them (lease expired) are sent again, with the same
   * Message-ID; out of attempts, they are dead. Returns how many were recovered.
   */
  async recoverExpired(now: Date, maxAttempts: number): Promise<number> {
    const rows = await updateReturning(
      this.ds,
      `UPDATE outbox_email
       SET status = CASE WHEN attempts >= $2 THEN 'dead' ELSE 'pending' END,
           next_attempt_at = $1, lease_owner = NULL, lease_expires_at = NULL,
           last_error = 'the sender stopped while sending (lease expired); the server may have accepted it'
       WHERE status = 'sending' AND lease_expires_at < $1
       RETURNING id`,
      [now, maxAttempts],
    );
    return rows.length;
  }
}
