import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { prepared, updateReturning } from '../database/sql';
import {
  type ClaimedTask,
  type ClaimedTaskRow,
  type RunSnapshot,
  toClaimedTask,
} from './claimed-task';
import { LOCK_OWN_RUNNING } from './run-writes.repository';
import { statusByKey } from '../updates/task-status';

export type { ClaimedTask };

export interface ClaimRequest {
  owner: string;
  leaseSeconds: number;
  /** The injected clock's now: what is due. Leases use the database clock (one for every replica). */
  now: Date;
  /** Free slots of this process. */
  capacity: number;
  /** false: due tasks only, no look for lapsed leases (the dispatcher looks once per tick). */
  lapsed?: boolean;
  platformLimit: number;
}

/**
 * Due tasks in run_at order, at most `capacity`, and no more per platform than its free slots.
 * The look-ahead reads the due index in order and skips platforms already at their limit (a hashed
 * NOT IN keeps the index order), so that a full platform cannot starve the others. The tenant's
 * state before the run is read here and kept on the task. The candidates are handed on as an array
 * (`= ANY (ARRAY(…))`): the rows are then found by their primary key, never by a scan of the table
 * and a hash join, whatever the planner guesses of the candidates' count (a scan of every task per
 * claim made claims slower as the table grew), nor through the index of due tasks (statusByKey: a
 * generic plan read the due tasks from the first again and compared each with every candidate,
 * past all the tasks of full platforms the candidates had skipped).
 *
 * Rollouts (docs/rollouts.md): no task of a paused, stopped or cancelled rollout is claimed (its
 * tasks are held or cancelled soon after; until then they are skipped here), and no more of a
 * rollout's tasks run at once than its maxConcurrency (`max_running`), counted from its waves'
 * running counts; a rollout at its limit is skipped like a full platform. Claims run one at a time
 * (the claim lock), so the counts each sees are exact.
 */
export const CLAIM_DUE = `
  WITH running AS (
    SELECT platform_id, count(*)::int AS n FROM update_task WHERE status = 'running' GROUP BY platform_id
  ), rollouts AS (
    SELECT r.id, r.state IN ('scheduled', 'running') AS active,
           r.max_running - (SELECT COALESCE(sum(w.running), 0) FROM rollout_wave w WHERE w.rollout_id = r.id)
             AS free
    FROM rollout r WHERE r.state IN ('paused', 'stopped', 'cancelled') OR r.max_running IS NOT NULL
  ), candidates AS (
    SELECT c.id FROM (
      SELECT d.id, row_number() OVER (PARTITION BY d.platform_id ORDER BY d.run_at, d.id) AS rank,
             $5 - COALESCE((SELECT r.n FROM running r WHERE r.platform_id = d.platform_id), 0) AS free,
             row_number() OVER (PARTITION BY d.rollout_id ORDER BY d.run_at, d.id) AS rollout_rank,
             (SELECT ro.free FROM rollouts ro WHERE ro.id = d.rollout_id) AS rollout_free
      FROM (SELECT u.id, u.platform_id, u.run_at, u.rollout_id FROM update_task u
            WHERE u.status = 'scheduled' AND u.run_at <= $3
              AND (u.expires_at IS NULL OR u.expires_at > $3)
              AND u.platform_id NOT IN (SELECT platform_id FROM running WHERE n >= $5)
              AND (u.rollout_id IS NULL OR u.rollout_id NOT IN (
                     SELECT id FROM rollouts WHERE NOT active OR free <= 0))
            ORDER BY u.run_at LIMIT $6) d
    ) c WHERE c.rank <= c.free AND (c.rollout_free IS NULL OR c.rollout_rank <= c.rollout_free)
  ), claimed AS (
    UPDATE update_task t
    SET status = 'running', lease_owner = $1, lease_expires_at = now() + $2 * interval '1 second',
        attempts = t.attempts + 1, run_attempts = t.run_attempts + 1, tenant_prior_state = tn.state,
        started_at = COALESCE(t.started_at, now()), updated_at = now()
    FROM (SELECT u.id, u.started_at IS NULL AS fresh FROM update_task u
          WHERE u.id = ANY (ARRAY(SELECT id FROM candidates)) AND ${statusByKey('u.status', 'scheduled')}
          ORDER BY u.run_at LIMIT $4
          FOR UPDATE SKIP LOCKED) due, tenant tn
    WHERE t.id = due.id AND tn.id = t.tenant_id
    RETURNING t.id, t.tenant_id, t.attempts, due.fresh, t.notify_partner OR t.notify_customer AS notify,
              tn.state AS prior_state,
              -- What the run needs (as ClaimsRepository.load reads it), so that a run starts
              -- without another round trip: the task, its tenant …
              t.platform_id, t.from_version, t.target_version, t.redeploy, t.forced,
              t.allow_downgrade, t.run, t.run_attempts, t.done_steps, t.tenant_prior_state,
              t.cancel_requested_at IS NOT NULL AS cancel_requested, t.cancel_reason,
              t.expected_duration_minutes, t.kind, t.path, t.rollback_of, t.rollback_on_failure,
              t.batch_id, tn.name AS tenant_name, tn.software_version, tn.customizations,
              tn.auto_update_allowed, tn.nodes, tn.simulate
  ), prior AS (
    SELECT tn.id, tn.state FROM tenant tn WHERE tn.id IN (SELECT tenant_id FROM claimed)
    ORDER BY tn.id FOR UPDATE
  ), marked AS (
    UPDATE tenant tn SET state = 'updating', updated_at = now()
    FROM prior WHERE tn.id = prior.id AND prior.state <> 'updating'
    RETURNING tn.id, prior.state
  )
  SELECT c.id, c.tenant_id, c.attempts, c.fresh, c.notify, c.prior_state, NULL::text AS previous_owner,
         -- The marked states as one lookup built once (an InitPlan): a join of the two CTEs ran as
         -- a nested loop, every claimed task scanning every marked tenant (their row counts are
         -- unknown to a generic plan), a cost that grew with the square of the claim's size.
         (SELECT jsonb_object_agg(m.id, m.state) FROM marked m) ->> c.tenant_id::text AS marked_state,
         c.platform_id, c.from_version, c.target_version, c.redeploy, c.forced, c.allow_downgrade,
         c.run, c.run_attempts, c.done_steps, c.tenant_prior_state, c.cancel_requested,
         c.cancel_reason, c.expected_duration_minutes, c.kind, c.path, c.rollback_of,
         c.rollback_on_failure, c.tenant_name, c.software_version, c.customizations,
         c.auto_update_allowed, c.nodes, c.simulate,
         -- … its platform, its target version, its batch
         v.channel, b.created_by_role,
         p.executor_driver, p.executor_url, p.executor_secret, p.update_steps,
         p.snapshot_retention_days
  FROM claimed c
  JOIN platform p ON p.id = c.platform_id
  LEFT JOIN software_version v ON v.platform_id = c.platform_id AND v.version = c.target_version
  LEFT JOIN update_batch b ON b.id = c.batch_id`;

/** Running tasks whose lease ran out (their replica died) or was released. */
const CLAIM_LAPSED = `
  UPDATE update_task t
  SET lease_owner = $1, lease_expires_at = now() + $2 * interval '1 second',
      attempts = t.attempts + 1, run_attempts = t.run_attempts + 1, updated_at = now()
  FROM (SELECT u.id, u.lease_owner FROM update_task u
        WHERE u.status = 'running' AND (u.lease_expires_at IS NULL OR u.lease_expires_at < now())
        ORDER BY u.lease_expires_at NULLS FIRST LIMIT $3
        FOR UPDATE SKIP LOCKED) lapsed
  WHERE t.id = lapsed.id
  RETURNING t.id, t.tenant_id, t.attempts, false AS fresh, false AS notify, NULL::text AS prior_state,
            lapsed.lease_owner AS previous_owner`;

/** A task a claim took. */
export interface ClaimRow {
  id: string;
  tenant_id: string;
  attempts: number;
  fresh: boolean;
  notify: boolean;
  prior_state: string | null;
  previous_owner: string | null;
}

/**
 * A due task a claim took, with its tenant's state as the claim locked it (null: not marked), and
 * what its run needs (the row ClaimsRepository.load would read).
 */
export interface DueClaimRow
  extends ClaimRow, Omit<ClaimedTaskRow, 'id' | 'tenant_id' | 'attempts'> {
  marked_state: string | null;
}

/**
 * The claim read the tenant's state without a lock and marked it `updating` under one: whether a
 * concurrent write changed the state in between (the task then keeps the state it was marked in).
 */
export function stateChangedBeforeMarked(c: DueClaimRow): boolean {
  return c.marked_state !== null && c.marked_state !== c.prior_state;
}

@Injectable()
export class ClaimsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Running tasks whose lease lapsed or was released, at most `limit`: this owner takes them. */
  async claimLapsed(tx: EntityManager, r: ClaimRequest, limit: number): Promise<ClaimRow[]> {
    return prepared<ClaimRow>(tx, 'claims.lapsed', CLAIM_LAPSED, [r.owner, r.leaseSeconds, limit]);
  }

  /**
   * Due tasks in run_at order, at most `limit`, within each platform's free slots; their tenants
   * become `updating` in the same statement (tasks first, then tenants, in id order).
   */
  async claimDue(tx: EntityManager, r: ClaimRequest, limit: number): Promise<DueClaimRow[]> {
    return prepared<DueClaimRow>(tx, 'claims.due', CLAIM_DUE, [
      r.owner,
      r.leaseSeconds,
      r.now,
      limit,
      r.platformLimit,
      Math.max(50, limit * 2),
    ]);
  }

  /**
   * The claim read the tenants' states without a lock and marked them `updating` under one: if a
   * concurrent write changed a state in between (an admin locked the tenant), the task keeps the
   * state it had when it was marked.
   */
  async keepTenantStates(em: EntityManager, due: DueClaimRow[]): Promise<void> {
    const changed = due.filter(stateChangedBeforeMarked);
    if (changed.length === 0) return;
    await em.query(
      `UPDATE update_task t SET tenant_prior_state = c.state
       FROM unnest($1::uuid[], $2::text[]) AS c (id, state) WHERE t.id = c.id`,
      [changed.map((c) => c.id), changed.map((c) => c.marked_state)],
    );
  }

  /**
   * Everything a run needs, read once when it is claimed. The snapshots a run may restore are read
   * in a second, set-based query, and only for the runs that can have any: rollbacks (the snapshots
   * of the task they roll back) and runs that resume with completed steps (their own backups). A
   * run that starts afresh takes its snapshots itself.
   */
  async load(ids: string[]): Promise<ClaimedTask[]> {
    const rows = await prepared<ClaimedTaskRow>(
      this.ds.manager,
      'claims.load',
      `SELECT t.id, t.tenant_id, t.platform_id, t.from_version, t.target_version, t.redeploy, t.forced,
              t.allow_downgrade, t.attempts, t.run, t.run_attempts, t.done_steps, t.tenant_prior_state,
              t.cancel_requested_at IS NOT NULL AS cancel_requested, t.cancel_reason,
              t.expected_duration_minutes, tn.name AS tenant_name, tn.software_version, tn.customizations,
              tn.auto_update_allowed, tn.nodes, tn.simulate, v.channel,
              b.created_by_role,
              p.executor_driver, p.executor_url, p.executor_secret, t.kind, t.path, p.update_steps,
              p.snapshot_retention_days, t.rollback_of, t.rollback_on_failure
       FROM update_task t
       JOIN tenant tn ON tn.id = t.tenant_id
       JOIN platform p ON p.id = t.platform_id
       LEFT JOIN software_version v ON v.platform_id = t.platform_id AND v.version = t.target_version
       LEFT JOIN update_batch b ON b.id = t.batch_id
       WHERE t.id = ANY($1::uuid[]) AND ${statusByKey('t.status', 'running')}`,
      [ids],
    );
    const restoring = rows.filter((r) => r.rollback_of !== null || r.done_steps.length > 0);
    const snapshots = new Map<string, RunSnapshot[]>();
    if (restoring.length > 0) {
      const found: (RunSnapshot & { task_id: string })[] = await this.ds.query(
        `SELECT t.id AS task_id, s.id, s.external_id AS "externalId", s.node, s.version, s.state
         FROM update_task t
         JOIN snapshot s ON s.task_id = COALESCE(t.rollback_of, t.id)
                        AND (t.rollback_of IS NOT NULL OR s.run = t.run)
         WHERE t.id = ANY($1::uuid[])
         ORDER BY s.seq`,
        [restoring.map((r) => r.id)],
      );
      for (const { task_id: taskId, ...snapshot } of found) {
        snapshots.set(taskId, [...(snapshots.get(taskId) ?? []), snapshot]);
      }
    }
    return rows.map((r) => toClaimedTask(r, snapshots.get(r.id) ?? []));
  }

  /**
   * Shutdown: the leases of runs that did not finish in time are given up at once. A run that had
   * completed no step goes back to scheduled as if it never started (its tenant back to its state
   * before); one that had stays running without a lease, for another replica to resume now. The
   * hand-back does not count as an attempt.
   */
  async handBack(owner: string, ids: string[], channel: string): Promise<number> {
    if (ids.length === 0) return 0;
    return this.ds.transaction(async (em) => {
      // A SELECT over data-modifying CTEs: TypeORM answers it with its rows.
      const rows: { id: string }[] = await em.query(
        `WITH given AS (
           UPDATE update_task t
           SET status = CASE WHEN t.done_steps = '{}' THEN 'scheduled' ELSE 'running' END,
               started_at = CASE WHEN t.done_steps = '{}' THEN NULL ELSE t.started_at END,
               lease_owner = NULL, lease_expires_at = NULL,
               run_attempts = t.run_attempts - 1, updated_at = now()
           WHERE t.id = ANY($1::uuid[]) AND t.lease_owner = $2 AND ${statusByKey('t.status', 'running')}
           RETURNING t.id, t.tenant_id, t.status, t.tenant_prior_state, t.attempts
         ), restored AS (
           UPDATE tenant tn SET state = COALESCE(g.tenant_prior_state, 'active'), updated_at = now()
           FROM given g WHERE tn.id = g.tenant_id AND g.status = 'scheduled' AND tn.state = 'updating'
         ), logged AS (
           INSERT INTO task_log_chunk (task_id, attempt, lines)
           SELECT g.id, g.attempts, json_build_array(json_build_object('at', clock_timestamp(),
             'kind', 'warning', 'message', $2 || ' is shutting down and handed the task back' ||
             CASE WHEN g.status = 'scheduled' THEN ' (no step had completed: it is scheduled again)'
                  ELSE ' (another replica resumes it from its last completed step)' END))
           FROM given g
         )
         SELECT id FROM given`,
        [ids, owner],
      );
      await em.query(`SELECT pg_notify($1, 'handed-back')`, [channel]);
      return rows.length;
    });
  }

  /**
   * Extends the leases this process holds; returns those it still holds, and whether an admin
   * asked to cancel them.
   */
  async renew(
    owner: string,
    ids: string[],
    leaseSeconds: number,
  ): Promise<{ id: string; cancelRequested: boolean }[]> {
    const rows = await updateReturning<{ id: string; cancel_requested: boolean }>(
      this.ds,
      `WITH locked AS (${LOCK_OWN_RUNNING})
       UPDATE update_task t SET lease_expires_at = now() + $3 * interval '1 second'
       FROM locked WHERE t.id = locked.id
       RETURNING t.id, t.cancel_requested_at IS NOT NULL AS cancel_requested`,
      [owner, ids, leaseSeconds],
    );
    return rows.map((r) => ({ id: r.id, cancelRequested: r.cancel_requested }));
  }
}
