import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { PageRequest } from '../common/pagination';
import { pgArray, pgBareArray } from '../database/pg-array';
import { SqlFilter, prepared } from '../database/sql';
import { SNAPSHOT_COLUMNS, type Snapshot, type SnapshotRow, toSnapshot } from './snapshot';

/** A snapshot taken by a backup step, as the run records it. */
export interface TakenSnapshot {
  /** Chosen by the run, so that it knows the row without waiting for the write. */
  id: string;
  externalId: string;
  taskId: string;
  run: number;
  stepKey: string;
  node: string | null;
  version: string;
  retentionDays: number;
}

/** An expired snapshot claimed for deletion, with what the executor needs. */
export interface ClaimedSnapshot extends Snapshot {
  tenantName: string;
  executorDriver: 'simulated' | 'http' | null;
  executorUrl: string | null;
  executorSecret: string | null;
}

type ClaimedSnapshotRow = SnapshotRow & {
  tenant_name: string;
  executor_driver: 'simulated' | 'http' | null;
  executor_url: string | null;
  executor_secret: string | null;
};

/** After a failed delete the snapshot is tried again this much later (doubling, at most a day). */
const RETRY_SECONDS = 60;

@Injectable()
export class SnapshotsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Records the snapshots backup steps took, for many runs at once (the run journal writes them in
   * the transaction that marks their steps done, after it checked the runs' leases). Once per task,
   * run and step: a step run again by a resumed run records nothing new. Each expires after its
   * platform's retention.
   */
  async recordMany(em: EntityManager, taken: TakenSnapshot[]): Promise<void> {
    if (taken.length === 0) return;
    // The tasks by primary key (a hash join with the whole table was the planner's other choice).
    await prepared(
      em,
      'snapshots.record',
      `INSERT INTO snapshot (id, external_id, platform_id, tenant_id, task_id, run, step_key, node, version, expires_at)
       SELECT s.id, s.external_id, t.platform_id, t.tenant_id, t.id, s.run, s.step_key, s.node, s.version,
              now() + s.retention_days * interval '1 day'
       FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::int[], $5::text[], $6::text[], $7::text[],
                   $8::int[]) AS s (id, external_id, task_id, run, step_key, node, version, retention_days)
       JOIN update_task t ON t.id = s.task_id
       WHERE t.id = ANY ($3::uuid[])
       ON CONFLICT (task_id, run, step_key) DO NOTHING`,
      [
        pgBareArray(taken.map((s) => s.id)),
        pgArray(taken.map((s) => s.externalId)),
        pgBareArray(taken.map((s) => s.taskId)),
        pgBareArray(taken.map((s) => s.run)),
        pgArray(taken.map((s) => s.stepKey)),
        pgArray(taken.map((s) => s.node)),
        pgArray(taken.map((s) => s.version)),
        pgBareArray(taken.map((s) => s.retentionDays)),
      ],
    );
  }

  async listForTenant(tenantId: string, page: PageRequest): Promise<Snapshot[]> {
    const f = new SqlFilter().add('s.tenant_id = ?', tenantId).addIf(page.after, 's.seq > ?');
    const rows: SnapshotRow[] = await this.ds.query(
      `SELECT ${SNAPSHOT_COLUMNS} FROM snapshot s ${f.where} ORDER BY s.seq LIMIT ${f.param(page.limit + 1)}`,
      f.params,
    );
    return rows.map(toSnapshot);
  }

  /** The snapshots of a task's latest run that took any (what a rollback of it restores). */
  async ofTask(em: EntityManager, taskId: string): Promise<Snapshot[]> {
    const rows: SnapshotRow[] = await em.query(
      `SELECT ${SNAPSHOT_COLUMNS} FROM snapshot s
       WHERE s.task_id = $1 AND s.run = (SELECT max(run) FROM snapshot WHERE task_id = $1)
       ORDER BY s.seq`,
      [taskId],
    );
    return rows.map(toSnapshot);
  }

  /** The snapshots of many tasks (their latest runs), for task lists. */
  async ofTasks(taskIds: string[]): Promise<Snapshot[]> {
    if (taskIds.length === 0) return [];
    const rows: SnapshotRow[] = await this.ds.query(
      `SELECT ${SNAPSHOT_COLUMNS} FROM snapshot s
       WHERE s.task_id = ANY($1::uuid[])
         AND s.run = (SELECT max(run) FROM snapshot x WHERE x.task_id = s.task_id)
       ORDER BY s.seq`,
      [taskIds],
    );
    return rows.map(toSnapshot);
  }

  async find(em: EntityManager, id: string, forUpdate = false): Promise<Snapshot | null> {
    const rows: SnapshotRow[] = await em.query(
      `SELECT ${SNAPSHOT_COLUMNS} FROM snapshot s WHERE s.id = $1 ${forUpdate ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ? toSnapshot(rows[0]) : null;
  }

  async setPinned(em: EntityManager, id: string, pinned: boolean): Promise<void> {
    await em.query(`UPDATE snapshot SET pinned = $2 WHERE id = $1`, [id, pinned]);
  }

  /** Deleted early: expires now and is no longer pinned; the expiry job deletes it. */
  async expireNow(em: EntityManager, id: string): Promise<void> {
    await em.query(
      `UPDATE snapshot SET expires_at = least(expires_at, now()), pinned = false,
              delete_lease_until = NULL WHERE id = $1`,
      [id],
    );
  }

  /**
   * Claims expired, unpinned snapshots for deletion by `owner`: at most `limit`, none that another
   * replica holds (SKIP LOCKED, then a lease on the row for `leaseSeconds`). A replica that dies
   * mid-way leaves its lease to lapse; the delete is then sent again with the same key.
   */
  async claimExpired(
    owner: string,
    limit: number,
    leaseSeconds: number,
  ): Promise<ClaimedSnapshot[]> {
    const rows: ClaimedSnapshotRow[] = await this.ds.query(
      `WITH due AS (
         SELECT s.id FROM snapshot s
         WHERE s.state IN ('available', 'deleting') AND NOT s.pinned AND s.expires_at <= now()
           AND (s.delete_lease_until IS NULL OR s.delete_lease_until < now())
         ORDER BY s.expires_at LIMIT $2
         FOR UPDATE SKIP LOCKED
       ), claimed AS (
         UPDATE snapshot s SET state = 'deleting', delete_owner = $1,
                delete_lease_until = now() + $3 * interval '1 second',
                delete_attempts = s.delete_attempts + 1
         FROM due WHERE s.id = due.id
         RETURNING s.*
       )
       SELECT ${SNAPSHOT_COLUMNS}, tn.name AS tenant_name, p.executor_driver, p.executor_url,
              p.executor_secret
       FROM claimed s JOIN tenant tn ON tn.id = s.tenant_id JOIN platform p ON p.id = s.platform_id`,
      [owner, limit, leaseSeconds],
    );
    return rows.map((r) => ({
      ...toSnapshot(r),
      tenantName: r.tenant_name,
      executorDriver: r.executor_driver,
      executorUrl: r.executor_url,
      executorSecret: r.executor_secret,
    }));
  }

  /**
   * The executor's answer, if `owner` still holds the claim: deleted, or tried again later (after
   * the last of `maxAttempts` tries: delete_failed, for an admin to look at).
   */
  async finishDelete(
    owner: string,
    id: string,
    result: { ok: boolean; message: string },
    maxAttempts: number,
  ): Promise<boolean> {
    const rows: { id: string }[] = await this.ds.query(
      `UPDATE snapshot SET
         state = CASE WHEN $3 THEN 'deleted'
                      WHEN delete_attempts >= $5 THEN 'delete_failed' ELSE 'deleting' END,
         deleted_at = CASE WHEN $3 THEN now() END,
         delete_result = $4, delete_owner = NULL,
         delete_lease_until = CASE WHEN $3 THEN NULL
           ELSE now() + least(86400, $6 * 2 ^ (delete_attempts - 1)) * interval '1 second' END
       WHERE id = $2 AND delete_owner = $1 AND state = 'deleting'
       RETURNING id`,
      [owner, id, result.ok, result.message, maxAttempts, RETRY_SECONDS],
    );
    return rows.length > 0;
  }
}
