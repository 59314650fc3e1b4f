import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/**
 * A database handle that repositories run their SQL on: one transaction, or the pool outside of
 * any transaction. Services get it from `Transactions` and pass it on; they never see the
 * DataSource.
 */
export type Tx = EntityManager;

/** The effects waiting for the commit of each transaction opened by `Transactions.run`. */
const AFTER_COMMIT = new WeakMap<Tx, (() => void)[]>();

/**
 * Runs `effect` (a counter, a log line: what the database cannot undo) once `tx` has committed, and
 * never if it rolls back. `tx` is a transaction of `Transactions.run`; on the pool (each statement
 * commits at once) the effect runs now.
 */
export function afterCommit(tx: Tx, effect: () => void): void {
  const effects = AFTER_COMMIT.get(tx);
  if (effects) effects.push(effect);
  else effect();
}

/**
 * The one way services open a transaction. `run` commits when the work resolves and rolls back
 * when it throws; `pool` is the handle for reads (and single statements) outside a transaction.
 * Unit tests of services provide a fake (see test/support/fakes.ts).
 */
export abstract class Transactions {
  abstract run<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  abstract get pool(): Tx;
  /**
   * Runs `work` inside a savepoint of `tx`: if it throws, its statements are undone (the
   * transaction goes on, the error is rethrown); if it resolves, they stay.
   */
  abstract savepoint<T>(tx: Tx, name: string, work: () => Promise<T>): Promise<T>;
  /**
   * After a committed bulk write (an import, a schedule, a batch cancel): `ANALYZE`s each table
   * whose changes since its last analysis pass autovacuum's own threshold, so the planner knows
   * about the new rows at once, whether autovacuum runs or not. See `analyzeIfChanged`.
   */
  abstract refreshStatistics(written: BulkWrite[]): Promise<void>;
}

/** A table and how many of its rows a committed statement inserted, updated or deleted. */
export interface BulkWrite {
  table:
    'tenant' | 'update_task' | 'outbox_email' | 'task_log_chunk' | 'audit_log' | 'webhook_delivery';
  rows: number;
}

/**
 * The statistics target of the refresh, per table where it differs from the server's default
 * (100). update_task has 45 columns: at 100 its ANALYZE took 0.6–1.1 s at 100,000 tasks (it sorts
 * 30,000 sampled values of each column), paid inside the scheduling request; at 30 (9,000 rows
 * sampled) 0.13–0.14 s. Its plans need the share of each status, batch and partner and a coarse
 * histogram of run_at, which 30 values hold. autovacuum, where it runs, analyzes at the full target.
 */
const REFRESH_TARGET: Partial<Record<BulkWrite['table'], number>> = { update_task: 30 };

/** autovacuum's defaults: analyze once 50 rows + 10 % of the table changed. */
const ANALYZE_BASE_ROWS = 50;
const ANALYZE_SCALE = 0.1;

/**
 * `ANALYZE`s the table if the rows changed since its last analysis (those just written included,
 * whether or not the statistics system has counted them yet) pass autovacuum's threshold.
 * `SKIP_LOCKED`: if another process analyzes or vacuums it now, that one's statistics serve.
 */
export async function analyzeIfChanged(em: EntityManager, write: BulkWrite): Promise<boolean> {
  if (write.rows <= 0) return false;
  const rows: { reltuples: number; changed: number }[] = await em.query(
    `SELECT greatest(c.reltuples, 0)::float8 AS reltuples,
            coalesce(s.n_mod_since_analyze, 0)::float8 AS changed
     FROM pg_class c LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
     WHERE c.oid = $1::regclass`,
    [write.table],
  );
  const { reltuples, changed } = rows[0];
  if (Math.max(changed, write.rows) < ANALYZE_BASE_ROWS + ANALYZE_SCALE * reltuples) return false;
  const target = REFRESH_TARGET[write.table];
  if (target === undefined) {
    await em.query(`ANALYZE (SKIP_LOCKED) ${write.table}`);
    return true;
  }
  await em.transaction(async (tx) => {
    await tx.query(`SET LOCAL default_statistics_target = ${target}`);
    await tx.query(`ANALYZE (SKIP_LOCKED) ${write.table}`);
  });
  return true;
}

@Injectable()
export class TypeOrmTransactions extends Transactions {
  constructor(@InjectDataSource() private readonly ds: DataSource) {
    super();
  }

  async run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const effects: (() => void)[] = [];
    const result = await this.ds.transaction((tx) => {
      AFTER_COMMIT.set(tx, effects);
      return work(tx);
    });
    for (const effect of effects) effect();
    return result;
  }

  get pool(): Tx {
    return this.ds.manager;
  }

  async savepoint<T>(tx: Tx, name: string, work: () => Promise<T>): Promise<T> {
    if (!/^[a-z_]+$/.test(name)) throw new Error(`not a savepoint name: ${name}`);
    await tx.query(`SAVEPOINT ${name}`);
    try {
      const result = await work();
      await tx.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      await tx.query(`ROLLBACK TO SAVEPOINT ${name}`);
      throw error;
    }
  }

  async refreshStatistics(written: BulkWrite[]): Promise<void> {
    for (const write of written) await analyzeIfChanged(this.ds.manager, write);
  }
}
