import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Scope } from '../auth/caller';
import type { PageRequest } from '../common/pagination';
import { SqlFilter } from '../database/sql';
import type { UpdateMode } from './planning';
import type { ActedOnKind } from './task-policy';
import { countByStatus, NOT_STARTED_SQL, type TaskStatus } from './task-status';

export interface NewBatch {
  createdBy: string;
  createdByRole: string;
  callerPartnerId: string | null;
  scope: Record<string, unknown>;
  targetVersion: string;
  mode: UpdateMode;
  options: Record<string, unknown>;
  total: number;
}

export interface UpdateBatch {
  id: string;
  seq: string;
  createdBy: string | null;
  createdAt: Date;
  targetVersion: string;
  mode: UpdateMode;
  scope: Record<string, unknown>;
  options: Record<string, unknown>;
  total: number;
}

export type StatusCounts = Record<TaskStatus, number>;

/** The advisory lock of folding the batch counts: one process at a time. */
const BATCH_COUNT_FOLD_LOCK = 727_140_400;

/** An update_batch row as COLUMNS reads it. */
interface BatchRow {
  id: string;
  seq: string;
  created_by: string | null;
  created_at: Date;
  target_version: string;
  mode: UpdateMode;
  scope: Record<string, unknown>;
  options: Record<string, unknown>;
  total: number;
}

const COLUMNS = `b.id, b.seq::text AS seq, b.created_by, b.created_at, b.target_version, b.mode, b.scope,
  b.options, b.total`;

function toBatch(r: BatchRow): UpdateBatch {
  return {
    id: r.id,
    seq: r.seq,
    createdBy: r.created_by,
    createdAt: r.created_at,
    targetVersion: r.target_version,
    mode: r.mode,
    scope: r.scope,
    options: r.options,
    total: r.total,
  };
}

/** A partner admin sees the batches its partner created and those holding its partner's tasks. */
function visibleTo(f: SqlFilter, partnerId: string | null): SqlFilter {
  if (!partnerId) return f;
  return f.add(
    `(b.caller_partner_id = ? OR EXISTS (SELECT 1 FROM update_task t WHERE t.batch_id = b.id AND t.partner_id = ?))`,
    partnerId,
    partnerId,
  );
}

@Injectable()
export class UpdateBatchesRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async insert(em: EntityManager, batch: NewBatch): Promise<string> {
    const rows: { id: string }[] = await em.query(
      `INSERT INTO update_batch (created_by, created_by_role, caller_partner_id, scope, target_version, mode, options, total)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        batch.createdBy,
        batch.createdByRole,
        batch.callerPartnerId,
        JSON.stringify(batch.scope),
        batch.targetVersion,
        batch.mode,
        JSON.stringify(batch.options),
        batch.total,
      ],
    );
    return rows[0].id;
  }

  /** The batch's task count after a concurrent request took some of its tenants. */
  async setTotal(tx: EntityManager, id: string, total: number): Promise<void> {
    await tx.query('UPDATE update_batch SET total = $2 WHERE id = $1', [id, total]);
  }

  async find(scope: Scope, id: string): Promise<UpdateBatch | null> {
    const f = visibleTo(new SqlFilter().add('b.id = ?', id), scope.partnerId);
    const rows: BatchRow[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM update_batch b ${f.where}`,
      f.params,
    );
    return rows[0] ? toBatch(rows[0]) : null;
  }

  async list(
    scope: Scope,
    page: PageRequest,
    order: 'asc' | 'desc' = 'asc',
  ): Promise<UpdateBatch[]> {
    const f = visibleTo(new SqlFilter(), scope.partnerId).addIf(
      page.after,
      order === 'asc' ? 'b.seq > ?' : 'b.seq < ?',
    );
    const rows: BatchRow[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM update_batch b ${f.where}
       ORDER BY b.seq ${order === 'asc' ? 'ASC' : 'DESC'} LIMIT ${f.param(page.limit + 1)}`,
      f.params,
    );
    return rows.map(toBatch);
  }

  /**
   * Tasks of the batch by status, counting only the tasks the caller may see: the sum of the
   * batch's rows of `update_batch_count`, which triggers keep as tasks change (migration
   * 1796014000001) and `foldCounts` keeps short.
   */
  async counts(scope: Scope, batchId: string): Promise<StatusCounts> {
    const f = new SqlFilter().add('batch_id = ?', batchId).addIf(scope.partnerId, 'partner_id = ?');
    const rows: { status: TaskStatus; n: number }[] = await this.ds.query(
      `SELECT status, sum(n)::int AS n FROM update_batch_count ${f.where} GROUP BY status`,
      f.params,
    );
    return countByStatus(rows);
  }

  /** False when another process is folding the counts now (it holds the lock until it commits). */
  async tryFoldLock(tx: EntityManager): Promise<boolean> {
    const rows: { ok: boolean }[] = await tx.query('SELECT pg_try_advisory_xact_lock($1) AS ok', [
      BATCH_COUNT_FOLD_LOCK,
    ]);
    return rows[0].ok;
  }

  /**
   * Folds the count rows of the batches that got rows after `afterId` into one row per (partner,
   * status), dropping those that sum to zero; returns the highest id it saw or wrote (the next
   * call's `afterId`). Safe beside the triggers: rows they insert meanwhile are not seen, so not
   * deleted, and the sums stay right (at worst such a batch is folded at its next change).
   */
  async foldCounts(
    tx: EntityManager,
    afterId: string,
  ): Promise<{ lastId: string; batches: number }> {
    const rows: { last_id: string | null; batches: number }[] = await tx.query(
      `WITH fresh AS (
         SELECT id, batch_id FROM update_batch_count WHERE id > $1::bigint
       ), touched AS (
         SELECT DISTINCT batch_id FROM fresh
       ), gone AS (
         DELETE FROM update_batch_count c USING touched t WHERE c.batch_id = t.batch_id
         RETURNING c.batch_id, c.partner_id, c.status, c.n
       ), folded AS (
         INSERT INTO update_batch_count (batch_id, partner_id, status, n)
         SELECT batch_id, partner_id, status, sum(n) FROM gone GROUP BY 1, 2, 3 HAVING sum(n) <> 0
         RETURNING id
       )
       SELECT greatest((SELECT max(id) FROM fresh), (SELECT max(id) FROM folded))::text AS last_id,
              (SELECT count(*) FROM touched)::int AS batches`,
      [afterId],
    );
    return { lastId: rows[0].last_id ?? afterId, batches: rows[0].batches };
  }

  /**
   * Locks the batch's tasks that have not started and that the caller sees, and describes them as
   * the action policy needs them: per partner and forced or not, how many and the first ids.
   */
  async lockNotStarted(
    tx: EntityManager,
    scope: Scope,
    batchId: string,
    listed: number,
  ): Promise<ActedOnKind[]> {
    const f = new SqlFilter()
      .add('batch_id = ?', batchId)
      .add(`status IN (${NOT_STARTED_SQL})`)
      .addIf(scope.partnerId, 'partner_id = ?');
    const rows: { partner_id: string; forced: boolean; count: number; ids: string[] }[] =
      await tx.query(
        `WITH locked AS (SELECT id, partner_id, forced FROM update_task ${f.where} FOR UPDATE)
         SELECT partner_id, forced, count(*)::int AS count,
                (array_agg(id ORDER BY id))[1:${f.param(listed)}]::text[] AS ids
         FROM locked GROUP BY partner_id, forced`,
        f.params,
      );
    return rows.map((r) => ({
      partnerId: r.partner_id,
      forced: r.forced,
      count: r.count,
      ids: r.ids,
    }));
  }
}
