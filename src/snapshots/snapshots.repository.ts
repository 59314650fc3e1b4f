import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { PageRequest } from '../common/pagination';
import { SqlFilter } from '../database/sql';
import { SNAPSHOT_COLUMNS, type Snapshot, type SnapshotRow, toSnapshot } from './snapshot';

/** A snapshot taken by a backup step, as the run records it. */
export interface TakenSnapshot {
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
   * Records the snapshot a backup step took (once per task, run and step: a step run again by a
   * resumed run records nothing new). Expires after the platform's retention.
   */
  async record(s: TakenSnapshot): Promise<{
    id: string;
    externalId: string;
    node: string | null;
    version: string;
    state: string;
  }> {
    const rows: { id: string; external_id: string; state: string }[] = await this.ds.query(
      `WITH inserted AS (
         INSERT INTO snapshot (external_id, platform_id, tenant_id, task_id, run, step_key, node, version, expires_at)
         SELECT $1, t.platform_id, t.tenant_id, t.id, $3, $4, $5, $6, now() + $7 * interval '1 day'
         FROM update_task t WHERE t.id = $2
         ON CONFLICT (task_id, run, step_key) DO NOTHING
         RETURNING id, external_id, state
       )
       SELECT id, external_id, state FROM inserted
       UNION ALL
       SELECT id, external_id, state FROM snapshot WHERE task_id = $2 AND run = $3 AND step_key = $4`,
      [s.externalId, s.taskId, s.run, s.stepKey, s.node, s.version, s.retentionDays],
    );
    const row = rows[0];
    return {
      id: row.id,
      externalId: row.external_id,
      node: s.node,
      version: s.version,
      state: row.state,
    };
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
