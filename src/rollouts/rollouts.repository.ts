import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Scope } from '../auth/caller';
import type { MaintenanceWindow } from '../common/maintenance-window';
import type { PageRequest } from '../common/pagination';
import { SqlFilter, updateReturning } from '../database/sql';
import type { UpdateMode } from '../updates/planning';
import type { Amount, Counts, OnError, RolloutState, WaveState } from './gates';

export interface Rollout {
  id: string;
  batchId: string;
  state: RolloutState;
  targetVersion: string;
  mode: UpdateMode;
  runAt: Date | null;
  forced: boolean;
  partnerId: string | null;
  platformIds: string[];
  successThreshold: number;
  errorThreshold: Amount | null;
  onError: OnError;
  soakMinutes: number;
  maxConcurrency: Amount | null;
  maxRunning: number | null;
  failedBase: number;
  pausedReason: string | null;
  createdBy: string | null;
  createdByRole: string | null;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

export interface Wave {
  index: number;
  name: string;
  selector: Record<string, unknown>;
  state: WaveState;
  openedAt: Date | null;
  passedAt: Date | null;
  failedBase: number;
  counts: Counts;
}

interface RolloutRow {
  id: string;
  batch_id: string;
  state: RolloutState;
  target_version: string;
  mode: UpdateMode;
  run_at: Date | null;
  forced: boolean;
  partner_id: string | null;
  platform_ids: string[];
  success_threshold: number;
  error_count: number | null;
  error_percent: string | null;
  on_error: OnError;
  soak_minutes: number;
  concurrency_count: number | null;
  concurrency_percent: string | null;
  max_running: number | null;
  failed_base: number;
  paused_reason: string | null;
  created_by: string | null;
  created_by_role: string | null;
  created_at: Date;
  updated_at: Date;
  finished_at: Date | null;
}

const COLUMNS = `r.id, r.batch_id, r.state, r.target_version, r.mode, r.run_at, r.forced, r.partner_id,
  r.platform_ids, r.success_threshold, r.error_count, r.error_percent, r.on_error, r.soak_minutes,
  r.concurrency_count, r.concurrency_percent, r.max_running, r.failed_base, r.paused_reason,
  r.created_by, r.created_by_role, r.created_at, r.updated_at, r.finished_at`;

function amountOf(count: number | null, percent: string | null): Amount | null {
  if (count !== null) return { count };
  if (percent !== null) return { percent: Number(percent) };
  return null;
}

function toRollout(r: RolloutRow): Rollout {
  return {
    id: r.id,
    batchId: r.batch_id,
    state: r.state,
    targetVersion: r.target_version,
    mode: r.mode,
    runAt: r.run_at,
    forced: r.forced,
    partnerId: r.partner_id,
    platformIds: r.platform_ids,
    successThreshold: r.success_threshold,
    errorThreshold: amountOf(r.error_count, r.error_percent),
    onError: r.on_error,
    soakMinutes: r.soak_minutes,
    maxConcurrency: amountOf(r.concurrency_count, r.concurrency_percent),
    maxRunning: r.max_running,
    failedBase: r.failed_base,
    pausedReason: r.paused_reason,
    createdBy: r.created_by,
    createdByRole: r.created_by_role,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    finishedAt: r.finished_at,
  };
}

interface WaveRow {
  rollout_id: string;
  index: number;
  name: string;
  selector: Record<string, unknown>;
  state: WaveState;
  opened_at: Date | null;
  passed_at: Date | null;
  failed_base: number;
  held: number;
  scheduled: number;
  running: number;
  succeeded: number;
  failed: number;
  cancelled: number;
}

function toWave(r: WaveRow): Wave {
  return {
    index: r.index,
    name: r.name,
    selector: r.selector,
    state: r.state,
    openedAt: r.opened_at,
    passedAt: r.passed_at,
    failedBase: r.failed_base,
    counts: {
      held: r.held,
      scheduled: r.scheduled,
      running: r.running,
      succeeded: r.succeeded,
      failed: r.failed,
      cancelled: r.cancelled,
    },
  };
}

/** What creating a rollout writes: its settings, who created it, its waves. */
export type NewRollout = Pick<
  Rollout,
  | 'batchId'
  | 'state'
  | 'targetVersion'
  | 'mode'
  | 'runAt'
  | 'forced'
  | 'partnerId'
  | 'platformIds'
  | 'successThreshold'
  | 'errorThreshold'
  | 'onError'
  | 'soakMinutes'
  | 'maxConcurrency'
  | 'maxRunning'
> & {
  createdBy: string;
  createdByRole: string;
  waves: { name: string; selector: Record<string, unknown>; open: boolean }[];
  now: Date;
};

export interface RolloutFilter {
  state?: RolloutState;
  partnerId?: string;
  targetVersion?: string;
}

/** A held task of a wave with what placing it needs (its tenant's window). */
export interface HeldTask {
  id: string;
  tenantId: string;
  partnerId: string;
  platformId: string;
  runAt: Date;
  expectedDurationMinutes: number;
  window: MaintenanceWindow;
}

/** The SQL of rollouts and their waves; the counts of waves are kept by a trigger (migration 1796009000001). */
@Injectable()
export class RolloutsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async insert(tx: EntityManager, r: NewRollout): Promise<string> {
    const [row]: { id: string }[] = await tx.query(
      `INSERT INTO rollout (batch_id, state, target_version, mode, run_at, forced, partner_id, platform_ids,
         success_threshold, error_count, error_percent, on_error, soak_minutes, concurrency_count,
         concurrency_percent, max_running, created_by, created_by_role)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::uuid[], $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
       RETURNING id`,
      [
        r.batchId,
        r.state,
        r.targetVersion,
        r.mode,
        r.runAt,
        r.forced,
        r.partnerId,
        r.platformIds,
        r.successThreshold,
        r.errorThreshold?.count ?? null,
        r.errorThreshold?.percent ?? null,
        r.onError,
        r.soakMinutes,
        r.maxConcurrency?.count ?? null,
        r.maxConcurrency?.percent ?? null,
        r.maxRunning,
        r.createdBy,
        r.createdByRole,
      ],
    );
    await tx.query(
      `INSERT INTO rollout_wave (rollout_id, index, name, selector, state, opened_at)
       SELECT $1, w.ord - 1, w.name, w.selector, CASE WHEN w.open THEN 'open' ELSE 'held' END,
              CASE WHEN w.open THEN $5::timestamptz END
       FROM unnest($2::text[], $3::jsonb[], $4::boolean[]) WITH ORDINALITY AS w (name, selector, open, ord)`,
      [
        row.id,
        r.waves.map((w) => w.name),
        r.waves.map((w) => JSON.stringify(w.selector)),
        r.waves.map((w) => w.open),
        r.now,
      ],
    );
    return row.id;
  }

  async find(
    scope: Scope,
    id: string,
    em: EntityManager = this.ds.manager,
  ): Promise<Rollout | null> {
    const f = new SqlFilter().add('r.id = ?', id).addIf(scope.partnerId, 'r.partner_id = ?');
    const rows: RolloutRow[] = await em.query(
      `SELECT ${COLUMNS} FROM rollout r ${f.where}`,
      f.params,
    );
    return rows[0] ? toRollout(rows[0]) : null;
  }

  async list(scope: Scope, filter: RolloutFilter, page: PageRequest): Promise<Rollout[]> {
    const f = new SqlFilter()
      .addIf(scope.partnerId, 'r.partner_id = ?')
      .addIf(filter.state, 'r.state = ?')
      .addIf(filter.partnerId, 'r.partner_id = ?')
      .addIf(filter.targetVersion, 'r.target_version = ?')
      .addIf(page.after, 'r.id > ?');
    const rows: RolloutRow[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM rollout r ${f.where} ORDER BY r.id LIMIT ${f.param(page.limit + 1)}`,
      f.params,
    );
    return rows.map(toRollout);
  }

  /** The waves of these rollouts, by rollout, in order. */
  async waves(em: EntityManager, rolloutIds: string[]): Promise<Map<string, Wave[]>> {
    const rows: WaveRow[] = await em.query(
      `SELECT * FROM rollout_wave WHERE rollout_id = ANY($1::uuid[]) ORDER BY rollout_id, index`,
      [rolloutIds],
    );
    const byRollout = new Map<string, Wave[]>(rolloutIds.map((id) => [id, []]));
    for (const r of rows) byRollout.get(r.rollout_id)?.push(toWave(r));
    return byRollout;
  }

  /** The rollouts of these tasks (their rollout never changes: read without a lock). */
  async ofTasks(em: EntityManager, taskIds: string[]): Promise<string[]> {
    const rows: { rollout_id: string }[] = await em.query(
      `SELECT DISTINCT rollout_id FROM update_task WHERE id = ANY($1::uuid[]) AND rollout_id IS NOT NULL`,
      [taskIds],
    );
    return rows.map((r) => r.rollout_id);
  }

  /** Rollouts whose gates are evaluated (scheduled or running). */
  async active(em: EntityManager): Promise<{ id: string; platformIds: string[] }[]> {
    const rows: { id: string; platform_ids: string[] }[] = await em.query(
      `SELECT id, platform_ids FROM rollout WHERE state IN ('scheduled', 'running') ORDER BY id`,
    );
    return rows.map((r) => ({ id: r.id, platformIds: r.platform_ids }));
  }

  /** Rollouts whose tasks do not follow their state yet (see RolloutGates.settleIn). */
  async unsettled(em: EntityManager): Promise<string[]> {
    const rows: { id: string }[] = await em.query(
      `SELECT r.id FROM rollout r
       WHERE (r.state = 'paused' AND EXISTS (
                SELECT 1 FROM rollout_wave w WHERE w.rollout_id = r.id AND w.scheduled > 0))
          OR (r.state IN ('stopped', 'cancelled') AND EXISTS (
                SELECT 1 FROM rollout_wave w WHERE w.rollout_id = r.id AND w.held + w.scheduled > 0))
       ORDER BY r.id`,
    );
    return rows.map((r) => r.id);
  }

  /** Locks the rollouts in id order (`skipLocked`: those another transaction holds are left out). */
  async lock(em: EntityManager, ids: string[], skipLocked = false): Promise<Rollout[]> {
    if (ids.length === 0) return [];
    const rows: RolloutRow[] = await em.query(
      `SELECT ${COLUMNS} FROM rollout r WHERE r.id = ANY($1::uuid[])
       ORDER BY r.id FOR NO KEY UPDATE${skipLocked ? ' SKIP LOCKED' : ''}`,
      [[...new Set(ids)]],
    );
    return rows.map(toRollout);
  }

  async setState(
    em: EntityManager,
    id: string,
    state: RolloutState,
    change: { pausedReason?: string | null; finished?: boolean; failedBase?: boolean } = {},
  ): Promise<void> {
    await em.query(
      `UPDATE rollout SET state = $2, updated_at = now(),
         paused_reason = CASE WHEN $3::boolean THEN $4 ELSE paused_reason END,
         finished_at = CASE WHEN $5::boolean THEN now() ELSE finished_at END,
         failed_base = CASE WHEN $6::boolean
           THEN (SELECT COALESCE(sum(failed), 0) FROM rollout_wave WHERE rollout_id = $1) ELSE failed_base END
       WHERE id = $1`,
      [
        id,
        state,
        change.pausedReason !== undefined,
        change.pausedReason ?? null,
        change.finished ?? false,
        change.failedBase ?? false,
      ],
    );
    if (change.failedBase) {
      await em.query(`UPDATE rollout_wave SET failed_base = failed WHERE rollout_id = $1`, [id]);
    }
  }

  async setWave(
    em: EntityManager,
    rolloutId: string,
    index: number,
    state: WaveState,
    now: Date,
  ): Promise<void> {
    await em.query(
      `UPDATE rollout_wave SET state = $3,
         opened_at = CASE WHEN $3 = 'open' THEN COALESCE(opened_at, $4) ELSE opened_at END,
         passed_at = CASE WHEN $3 = 'passed' THEN $4 ELSE passed_at END
       WHERE rollout_id = $1 AND index = $2`,
      [rolloutId, index, state, now],
    );
  }

  /** The rollout's scheduled tasks go back to held (a pause): the dispatcher claims none of them. */
  async holdScheduled(em: EntityManager, rolloutId: string): Promise<number> {
    const rows = await updateReturning<{ id: string }>(
      em,
      // Locked in id order by the sub-select (lock-order.ts), whatever plan the UPDATE gets.
      `UPDATE update_task SET status = 'held', updated_at = now()
       WHERE id IN (SELECT id FROM update_task WHERE rollout_id = $1 AND status = 'scheduled'
                    ORDER BY id FOR UPDATE)
         AND status = 'scheduled' RETURNING id`,
      [rolloutId],
    );
    return rows.length;
  }

  /** Locks the held tasks of the waves (in id order), with their tenants' windows. */
  async lockHeld(em: EntityManager, rolloutId: string, waves: number[]): Promise<HeldTask[]> {
    const rows: {
      id: string;
      tenant_id: string;
      partner_id: string;
      platform_id: string;
      run_at: Date;
      expected_duration_minutes: number;
      window_cron: string;
      window_duration_minutes: number;
      window_timezone: string;
    }[] = await em.query(
      `SELECT t.id, t.tenant_id, t.partner_id, t.platform_id, t.run_at, t.expected_duration_minutes,
              tn.window_cron, tn.window_duration_minutes, tn.window_timezone
       FROM update_task t JOIN tenant tn ON tn.id = t.tenant_id
       WHERE t.rollout_id = $1 AND t.wave = ANY($2::int[]) AND t.status = 'held'
       ORDER BY t.id FOR UPDATE OF t`,
      [rolloutId, waves],
    );
    return rows.map((r) => ({
      id: r.id,
      tenantId: r.tenant_id,
      partnerId: r.partner_id,
      platformId: r.platform_id,
      runAt: r.run_at,
      expectedDurationMinutes: r.expected_duration_minutes,
      window: {
        cron: r.window_cron,
        durationMinutes: r.window_duration_minutes,
        timezone: r.window_timezone,
      },
    }));
  }

  /** Locks the failed tasks of a wave (in id order); returns their ids. */
  async lockFailed(em: EntityManager, rolloutId: string, wave: number): Promise<string[]> {
    const rows: { id: string }[] = await em.query(
      `SELECT id FROM update_task WHERE rollout_id = $1 AND wave = $2 AND status = 'failed'
       ORDER BY id FOR UPDATE`,
      [rolloutId, wave],
    );
    return rows.map((r) => r.id);
  }

  /**
   * The failures of a wave whose failed tasks were all retried are no longer failures: the part of
   * them the error gate had set aside at the last resume (`failed_base`) is taken off the wave and
   * the rollout, so that the gate counts every later failure (rollout.failed_base is the sum of its
   * waves').
   */
  /** A rollout that ended failed runs again (a wave's retry): running, not finished, no reason. */
  async reopen(em: EntityManager, rolloutId: string): Promise<void> {
    await em.query(
      `UPDATE rollout SET state = 'running', paused_reason = NULL, finished_at = NULL,
         updated_at = now()
       WHERE id = $1 AND state = 'failed'`,
      [rolloutId],
    );
  }

  async forgetFailures(em: EntityManager, rolloutId: string, wave: number): Promise<void> {
    await em.query(
      `WITH w AS (
         UPDATE rollout_wave n SET failed_base = 0
         FROM rollout_wave o WHERE n.rollout_id = $1 AND n.index = $2
           AND o.rollout_id = n.rollout_id AND o.index = n.index
         RETURNING o.failed_base AS before)
       UPDATE rollout SET failed_base = GREATEST(0, failed_base - (SELECT before FROM w)), updated_at = now()
       WHERE id = $1`,
      [rolloutId, wave],
    );
  }

  /** Rollouts by state, tasks held (for /metrics). */
  async stateCounts(): Promise<{ byState: Map<RolloutState, number>; held: number }> {
    const rows: { state: RolloutState; n: number; held: number }[] = await this.ds.query(
      `SELECT r.state, count(*)::int AS n,
              COALESCE(sum((SELECT sum(w.held) FROM rollout_wave w WHERE w.rollout_id = r.id)), 0)::int AS held
       FROM rollout r GROUP BY r.state`,
    );
    return {
      byState: new Map(rows.map((r) => [r.state, r.n])),
      held: rows.reduce((n, r) => n + r.held, 0),
    };
  }
}
