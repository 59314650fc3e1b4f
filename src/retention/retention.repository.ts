import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transactions';

/** What one pruning statement did: rows looked at, rows deleted, and where the next one starts. */
export interface PruneStep {
  scanned: number;
  deleted: number;
  /** The last key looked at (the next statement starts after it), null when none was. */
  last: string | null;
}

/** The advisory lock of the retention job: one replica prunes at a time, the others skip. */
const RETENTION_LOCK = 727_140_300;

/** The lowest uuid v7 of a time: every id created before `at` sorts below it (uuids compare as bytes). */
export function uuidV7Floor(at: Date): string {
  const hex = Math.max(0, at.getTime()).toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-0000-0000-000000000000`;
}

export const FIRST_UUID = '00000000-0000-0000-0000-000000000000';

interface StepRow {
  last: string | null;
  scanned: number;
  deleted: number;
}

const toStep = (rows: StepRow[]): PruneStep => ({
  scanned: rows[0].scanned,
  deleted: rows[0].deleted,
  last: rows[0].last,
});

/**
 * The deletes of the retention job. Each statement walks a primary key (or identity) from where the
 * previous one stopped and looks at at most `limit` rows, so it is short and never scans the table
 * again; ids of tasks, e-mails and webhook deliveries are uuid v7 (time-ordered), so "created
 * before the cutoff" is a key range. Only finished rows are deleted: the dispatcher's and the
 * senders' rows (open tasks, pending e-mails, pending or delivering webhook deliveries) are never
 * touched, and a sent e-mail is kept while a follow-up could still be addressed from it (its task,
 * or for a batch digest any task of its batch, is open).
 */
@Injectable()
export class RetentionRepository {
  /** False when another replica is pruning now (its transaction holds the lock). */
  async tryLock(tx: Tx): Promise<boolean> {
    const rows: { locked: boolean }[] = await tx.query(
      'SELECT pg_try_advisory_xact_lock($1) AS locked',
      [RETENTION_LOCK],
    );
    return rows[0].locked;
  }

  /** Finished tasks that finished before `cutoff`; their step logs go with them (a trigger). */
  async pruneTasks(tx: Tx, after: string, cutoff: Date, limit: number): Promise<PruneStep> {
    return walkStep(
      tx,
      'update_task',
      `gone AS (
         DELETE FROM update_task t USING scanned s
         WHERE t.id = s.id AND NOT t.is_open AND t.finished_at < $4
         RETURNING 1
       )`,
      { after, cutoff, limit },
    );
  }

  /** Batches created before `cutoff` that have no task left, with their fan-out rows. */
  async pruneBatches(tx: Tx, after: string, cutoff: Date, limit: number): Promise<PruneStep> {
    return toStep(
      await tx.query(
        `WITH scanned AS (
           SELECT id, seq FROM update_batch WHERE seq > $1::bigint AND created_at < $2
           ORDER BY seq LIMIT $3
         ), gone AS (
           DELETE FROM update_batch b USING scanned s
           WHERE b.id = s.id AND NOT EXISTS (SELECT 1 FROM update_task t WHERE t.batch_id = b.id)
           RETURNING b.id
         ), fanout AS (
           DELETE FROM outbox_fanout f USING gone g WHERE f.batch_id = g.id
         )
         SELECT (SELECT max(seq) FROM scanned)::text AS last,
                (SELECT count(*) FROM scanned)::int AS scanned,
                (SELECT count(*) FROM gone)::int AS deleted`,
        [after, cutoff, limit],
      ),
    );
  }

  /**
   * E-mails of `status` (sent: by the time they were sent; dead: by the time they were written)
   * older than `cutoff`, unless a follow-up could still be addressed from them.
   */
  async pruneEmails(
    tx: Tx,
    status: 'sent' | 'dead',
    after: string,
    cutoff: Date,
    limit: number,
  ): Promise<PruneStep> {
    return walkStep(
      tx,
      'outbox_email',
      `gone AS (
         DELETE FROM outbox_email o USING scanned s
         WHERE o.id = s.id AND o.status = $5
           AND (CASE WHEN o.status = 'sent' THEN o.sent_at ELSE o.created_at END) < $4
           AND NOT EXISTS (SELECT 1 FROM update_task t WHERE t.id = o.task_id AND t.is_open)
           AND (o.task_id IS NOT NULL OR o.batch_id IS NULL
                OR NOT EXISTS (SELECT 1 FROM update_task t WHERE t.batch_id = o.batch_id AND t.is_open))
         RETURNING 1
       )`,
      { after, cutoff, limit },
      [status],
    );
  }

  /**
   * Webhook deliveries of `status` (succeeded, or failed for good: both are final, a redelivery is a
   * new row) that finished before `cutoff` (delivered, or last attempted; never tried: written),
   * with their attempts (a foreign key cascade). Ids are uuid v7 (time-ordered). A pending or
   * delivering one is never a candidate: those are what the order per task waits for (a finished
   * one holds nothing back), and what a sender holds a lease on. Rows locked by someone else (an
   * endpoint being deleted) are skipped, so this never waits in a lock cycle; an endpoint with a
   * batch's fan-out row still being expanded keeps its deliveries meanwhile, as the dedupe keys
   * of the tasks expanded early keep the expansion from writing them twice.
   */
  async pruneWebhookDeliveries(
    tx: Tx,
    status: 'succeeded' | 'failed',
    after: string,
    cutoff: Date,
    limit: number,
  ): Promise<PruneStep> {
    return walkStep(
      tx,
      'webhook_delivery',
      `finished AS (
         SELECT d.id FROM webhook_delivery d
         WHERE d.id IN (SELECT id FROM scanned) AND d.status = $5 AND d.lease_owner IS NULL
           AND COALESCE(d.delivered_at, d.last_attempt_at, d.created_at) < $4
           AND d.endpoint_id <> ALL (
             SELECT f.endpoint_id FROM webhook_fanout f WHERE f.status = 'pending')
         FOR UPDATE OF d SKIP LOCKED
       ), gone AS (
         DELETE FROM webhook_delivery d USING finished f WHERE d.id = f.id
         RETURNING 1
       )`,
      { after, cutoff, limit },
      [status],
    );
  }

  /** Audit rows older than `cutoff`, oldest first (ids grow with time). */
  async pruneAudit(tx: Tx, after: string, cutoff: Date, limit: number): Promise<PruneStep> {
    return toStep(
      await tx.query(
        `WITH scanned AS (
           SELECT id, at FROM audit_log WHERE id > $1::bigint ORDER BY id LIMIT $2
         ), gone AS (
           DELETE FROM audit_log a USING scanned s WHERE a.id = s.id AND s.at < $3
           RETURNING 1
         )
         SELECT (SELECT max(id) FROM scanned)::text AS last,
                (SELECT count(*) FROM scanned)::int AS scanned,
                (SELECT count(*) FROM gone)::int AS deleted`,
        [after, limit, cutoff],
      ),
    );
  }

  /** Console sessions that ended (expired, idle since before `idleSince`, or signed out). */
  async pruneSessions(tx: Tx, now: Date, idleSince: Date, limit: number): Promise<PruneStep> {
    const rows: { deleted: number }[] = await tx.query(
      `WITH gone AS (
         DELETE FROM console_session WHERE id IN (
           SELECT id FROM console_session
           WHERE expires_at <= $1 OR last_seen_at <= $2 OR revoked_at IS NOT NULL
           LIMIT $3)
         RETURNING 1
       )
       SELECT count(*)::int AS deleted FROM gone`,
      [now, idleSince, limit],
    );
    // No walk: another statement is due while each deletes a full batch.
    const deleted = rows[0].deleted;
    return { scanned: deleted, deleted, last: deleted >= limit ? 'more' : null };
  }
}

/**
 * One step of a walk along a table's uuid v7 key (ids grow with time): the next `limit` ids after
 * `after` among those written before `cutoff` (`scanned`), and what `deletes` deleted of them. The
 * `deletes` CTEs read `scanned` and end with `gone`, a row per row deleted; their parameters are
 * $1 after, $2 the cutoff's floor id, $3 limit, $4 cutoff, then `params` from $5.
 */
async function walkStep(
  tx: Tx,
  table: 'update_task' | 'outbox_email' | 'webhook_delivery',
  deletes: string,
  walk: { after: string; cutoff: Date; limit: number },
  params: unknown[] = [],
): Promise<PruneStep> {
  return toStep(
    await tx.query(
      `WITH scanned AS (
         SELECT id FROM ${table} WHERE id > $1 AND id < $2 ORDER BY id LIMIT $3
       ), ${deletes}
       SELECT (SELECT id FROM scanned ORDER BY id DESC LIMIT 1)::text AS last,
              (SELECT count(*) FROM scanned)::int AS scanned,
              (SELECT count(*) FROM gone)::int AS deleted`,
      [walk.after, uuidV7Floor(walk.cutoff), walk.limit, walk.cutoff, ...params],
    ),
  );
}
