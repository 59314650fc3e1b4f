import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DatabaseError } from 'pg';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { Scope } from '../auth/caller';
import type { PageRequest } from '../common/pagination';
import { SqlFilter, updateReturning } from '../database/sql';
import type { MaintenanceWindow } from '../common/maintenance-window';
import type { TenantState } from '../tenants/tenant.entity';
import { addTenantFilter, type TenantFilter, tenantTasks } from '../tenants/tenant-filter';
import { TASKS_DUE_CHANNEL } from './task-channels';
import { NOT_STARTED_SQL, type TaskStatus } from './task-status';
import type { UpdateMode } from './planning';
import type { TaskKind, TaskMove, UpdateTask } from './update-task';

/** A rollback task to create (RollbacksService). */
export interface NewRollback {
  batchId: string;
  source: UpdateTask;
  fromVersion: string;
  targetVersion: string;
  mode: UpdateMode;
  runAt: Date;
  expiresAt: Date | null;
  expectedDurationMinutes: number;
  forced: boolean;
  notifyPartner: boolean;
  notifyCustomer: boolean;
  createdBy: string;
}

/** The tasks of a batch, or those of one partner in it. */
export interface BatchTasks {
  batchId: string;
  partnerId: string | null;
}

/** What a move did: the tasks it moved and, of them, those whose time changed (to be told). */
export interface MovedTasks {
  moved: string[];
  changed: string[];
}

/** Which tenants one request is about. */
export type TaskScope =
  | { tenantIds: string[] }
  | { partnerId: string }
  | { platformId: string }
  | { filter: TenantFilter };

export interface TenantFactsRow {
  id: string;
  partner_id: string;
  platform_id: string;
  software_version: string;
  state: TenantState;
  auto_update_allowed: boolean;
  customizations: boolean;
  window_cron: string;
  window_duration_minutes: number;
  window_timezone: string;
  open_task_id: string | null;
}

export interface TaskFilter {
  status?: TaskStatus;
  tenantId?: string;
  partnerId?: string;
  platformId?: string;
  batchId?: string;
  from?: Date;
  to?: Date;
}

const COLUMNS = `t.id, t.batch_id, t.tenant_id, t.partner_id, t.platform_id,
  t.from_version, t.target_version, t.mode, t.run_at, t.expires_at, t.expected_duration_minutes, t.forced,
  t.redeploy, t.notify_partner, t.notify_customer, t.allow_downgrade, t.status, t.attempts,
  t.progress_step, t.progress_percent, t.progress_eta, t.error, t.cancel_reason, t.notice_sequence,
  t.created_by, t.created_at, t.updated_at, t.started_at, t.finished_at, t.kind, t.path, t.rollback_of,
  t.rollback_on_failure, t.rolled_back, t.rollout_id, t.wave,
  (SELECT tn.name FROM tenant tn WHERE tn.id = t.tenant_id) AS tenant_name`;

/** An update_task row as `COLUMNS` reads it (pg: timestamptz → Date, int → number). */
export interface TaskRow {
  id: string;
  batch_id: string;
  tenant_id: string;
  partner_id: string;
  platform_id: string;
  from_version: string;
  target_version: string;
  mode: UpdateMode;
  run_at: Date;
  expires_at: Date | null;
  expected_duration_minutes: number;
  forced: boolean;
  redeploy: boolean;
  notify_partner: boolean;
  notify_customer: boolean;
  allow_downgrade: boolean;
  status: TaskStatus;
  attempts: number;
  progress_step: string | null;
  progress_percent: number;
  progress_eta: Date | null;
  error: string | null;
  cancel_reason: string | null;
  notice_sequence: number;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  kind: TaskKind;
  path: string[] | null;
  rollback_of: string | null;
  rollback_on_failure: boolean;
  rolled_back: boolean;
  rollout_id?: string | null;
  wave?: number | null;
  /** Read by the queries of this file; absent where another query maps its rows to tasks. */
  tenant_name?: string | null;
}

export function toTask(r: TaskRow): UpdateTask {
  return {
    id: r.id,
    batchId: r.batch_id,
    tenantId: r.tenant_id,
    tenantName: r.tenant_name ?? null,
    partnerId: r.partner_id,
    platformId: r.platform_id,
    fromVersion: r.from_version,
    targetVersion: r.target_version,
    mode: r.mode,
    runAt: r.run_at,
    expiresAt: r.expires_at,
    expectedDurationMinutes: r.expected_duration_minutes,
    forced: r.forced,
    redeploy: r.redeploy,
    notifyPartner: r.notify_partner,
    notifyCustomer: r.notify_customer,
    allowDowngrade: r.allow_downgrade,
    kind: r.kind,
    path: [r.from_version, ...(r.path && r.path.length > 0 ? r.path : [r.target_version])],
    rollbackOf: r.rollback_of,
    rollbackOnFailure: r.rollback_on_failure,
    rolledBack: r.rolled_back,
    status: r.status,
    attempts: r.attempts,
    progressStep: r.progress_step,
    progressPercent: r.progress_percent,
    progressEta: r.progress_eta,
    error: r.error,
    cancelReason: r.cancel_reason,
    noticeSequence: r.notice_sequence,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    rolloutId: r.rollout_id ?? null,
    wave: r.wave ?? null,
  };
}

/** A scheduled task with what placing it again needs (its tenant's window). */
export interface MovableTask {
  id: string;
  tenantId: string;
  partnerId: string;
  platformId: string;
  forced: boolean;
  runAt: Date;
  expectedDurationMinutes: number;
  window: MaintenanceWindow;
}

interface MovableTaskRow {
  id: string;
  tenant_id: string;
  partner_id: string;
  platform_id: string;
  forced: boolean;
  run_at: Date;
  expected_duration_minutes: number;
  window_cron: string;
  window_duration_minutes: number;
  window_timezone: string;
}

const MOVABLE = `t.id, t.tenant_id, t.partner_id, t.platform_id, t.forced, t.run_at, t.expected_duration_minutes,
  tn.window_cron, tn.window_duration_minutes, tn.window_timezone`;
const MOVABLE_FROM = `FROM update_task t JOIN tenant tn ON tn.id = t.tenant_id`;

function toMovable(r: MovableTaskRow): MovableTask {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    partnerId: r.partner_id,
    platformId: r.platform_id,
    forced: r.forced,
    runAt: r.run_at,
    expectedDurationMinutes: r.expected_duration_minutes,
    window: {
      cron: r.window_cron,
      durationMinutes: r.window_duration_minutes,
      timezone: r.window_timezone,
    },
  };
}

/**
 * A task that a new blocking period may move, with what the forced rule needs
 * (task-policy.ts, `overriddenBlocks`: a platform admin's forced immediate or custom update stays
 * inside blackouts).
 */
export interface PeriodMovableTask extends MovableTask {
  /** How the task is placed (its rollout's mode, for a held task: HeldTaskMoves). */
  mode: UpdateMode;
  /** The role of whoever created its batch (or rollout); null without one (task-policy.ts). */
  createdByRole: string | null;
}

/**
 * A held task of a rollout that is not over (its wave has not opened, or its rollout is paused or
 * awaits its confirmation code), with what moving it out of a new blocking period needs.
 */
export interface HeldMovableTask extends PeriodMovableTask {
  /** Its rollout awaits its confirmation code: nobody has been told of the task yet. */
  untold: boolean;
}

/**
 * A tenant's maintenance-window task that has not started, with what following the tenant's
 * window needs (WindowChangeService): scheduled, or held by its rollout (it stays held).
 */
export interface WindowTask extends MovableTask {
  status: 'scheduled' | 'held';
  /** Held by a rollout awaiting its confirmation code: nobody has been told of the task yet. */
  untold: boolean;
}

/** Whose held tasks: a platform's, or one tenant's or partner's on it. */
export interface HeldTasksOf {
  platformId: string;
  tenantId?: string;
  partnerId?: string;
}

/** The tenants (alias `t`) of a scope that the caller may see. */
export function tenantScopeFilter(scope: TaskScope, caller: Scope): SqlFilter {
  const f = new SqlFilter();
  if ('tenantIds' in scope) f.add('t.id = ANY(?::uuid[])', scope.tenantIds);
  else if ('partnerId' in scope) f.add('t.partner_id = ?', scope.partnerId);
  else if ('platformId' in scope) f.add('t.platform_id = ?', scope.platformId);
  else addTenantFilter(f, scope.filter);
  return f.addIf(caller.partnerId, 't.partner_id = ?');
}

/** Whether a write failed because the tenant already has an open task (the unique index). */
export function isOpenTaskConflict(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driver: unknown = error.driverError;
  return (
    driver instanceof DatabaseError &&
    driver.code === '23505' &&
    driver.constraint === 'update_task_one_open_per_tenant'
  );
}

@Injectable()
export class UpdateTasksRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The facts the scheduling rules need, for every tenant of the scope the caller may see. */
  async tenantFacts(em: EntityManager, scope: TaskScope, caller: Scope): Promise<TenantFactsRow[]> {
    const f = tenantScopeFilter(scope, caller);
    return em.query(
      `SELECT t.id, t.partner_id, t.platform_id, t.software_version, t.state, t.auto_update_allowed,
              t.customizations, t.window_cron, t.window_duration_minutes, t.window_timezone,
              o.id AS open_task_id
       FROM tenant t
       LEFT JOIN update_task o ON o.tenant_id = t.id AND o.is_open
       ${f.where}`,
      f.params,
    );
  }

  async find(
    scope: Scope,
    id: string,
    em: EntityManager = this.ds.manager,
    forUpdate = false,
  ): Promise<UpdateTask | null> {
    const f = new SqlFilter().add('t.id = ?', id).addIf(scope.partnerId, 't.partner_id = ?');
    const rows: TaskRow[] = await em.query(
      `SELECT ${COLUMNS} FROM update_task t ${f.where} ${forUpdate ? 'FOR UPDATE' : ''}`,
      f.params,
    );
    return rows[0] ? toTask(rows[0]) : null;
  }

  /**
   * The role of whoever created the task's batch (`update_batch.created_by_role`, as
   * lockForPeriod and the dispatcher's claim read it); null without one. The forced rule is
   * decided by it (task-policy.ts, `isPlatformAdminsForcedUpdate`).
   */
  async createdByRole(em: EntityManager, taskId: string): Promise<string | null> {
    const rows: { created_by_role: string | null }[] = await em.query(
      `SELECT b.created_by_role FROM update_task t JOIN update_batch b ON b.id = t.batch_id
       WHERE t.id = $1`,
      [taskId],
    );
    return rows[0]?.created_by_role ?? null;
  }

  async list(
    scope: Scope,
    filter: TaskFilter,
    page: PageRequest,
    order: 'asc' | 'desc' = 'asc',
  ): Promise<UpdateTask[]> {
    const f = new SqlFilter()
      .addIf(scope.partnerId, 't.partner_id = ?')
      .addIf(filter.status, 't.status = ?')
      .addIf(filter.partnerId, 't.partner_id = ?')
      .addIf(filter.platformId, 't.platform_id = ?')
      .addIf(filter.batchId, 't.batch_id = ?')
      .addIf(filter.from, 't.run_at >= ?')
      .addIf(filter.to, 't.run_at < ?')
      .addIf(page.after, order === 'asc' ? 't.id > ?' : 't.id < ?');
    if (filter.tenantId) f.add(tenantTasks(f.param(filter.tenantId)));
    const rows: TaskRow[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM update_task t ${f.where}
       ORDER BY t.id ${order === 'asc' ? 'ASC' : 'DESC'} LIMIT ${f.param(page.limit + 1)}`,
      f.params,
    );
    return rows.map(toTask);
  }

  /**
   * Platforms of the first `limit` scheduled tasks whose window closed before they started. In
   * run_at order, as the due index holds them: each call reads about `limit` entries, however many
   * tasks expired (moved tasks leave the index's past); all of them at once made moving 100,000
   * expired tasks in steps of 500 quadratic (bench:scale).
   */
  async platformsWithExpired(tx: EntityManager, now: Date, limit: number): Promise<string[]> {
    const rows: { platform_id: string }[] = await tx.query(
      `SELECT DISTINCT platform_id FROM (
         SELECT platform_id FROM update_task
         WHERE status = 'scheduled' AND run_at <= $1 AND expires_at <= $1
         ORDER BY run_at LIMIT $2) expired`,
      [now, limit],
    );
    return rows.map((r) => r.platform_id);
  }

  /** Locks up to `limit` expired tasks of these platforms, earliest first (others' locked rows are skipped). */
  async lockExpired(
    tx: EntityManager,
    platformIds: string[],
    now: Date,
    limit: number,
  ): Promise<MovableTask[]> {
    const rows: MovableTaskRow[] = await tx.query(
      `SELECT ${MOVABLE} ${MOVABLE_FROM}
       WHERE t.status = 'scheduled' AND t.run_at <= $1 AND t.expires_at <= $1
         AND t.platform_id = ANY($3::uuid[])
       ORDER BY t.run_at LIMIT $2
       FOR UPDATE OF t SKIP LOCKED`,
      [now, limit, platformIds],
    );
    return rows.map(toMovable);
  }

  /**
   * Locks the tasks a new blocking period (platform maintenance, a blackout) may move, in ONE
   * statement, in id order (src/database/lock-order.ts):
   *
   * - the scheduled tasks `scheduled` selects: a platform's whose [runAt, runAt + expected)
   *   overlaps [startsAt, endsAt) (maintenance), or every open one of a tenant or of a partner's
   *   tenants (a blackout: its occurrences are matched in memory);
   * - the held tasks of `held`: of the rollouts on the platform that are not over, of one tenant
   *   or partner if given, overlapping `held.range` (all of them without a range: a repeating
   *   blackout is matched in memory). Read through the rollouts (few) and their tasks' index.
   *
   * One pass, not two statements (scheduled, then held): a transaction that locks held and
   * scheduled tasks of one rollout together (a rollout stop or cancel, an unconfirmed rollout's
   * expiry: cancelScheduled of its batch) could otherwise hold a held task while waiting for a
   * scheduled one this transaction holds, while this one waits for that held task: a deadlock.
   * A task's status is read after its lock (a wave may have opened or a rollout paused meanwhile).
   *
   * Who else locks these rows: the callers hold their platform's scheduling lock exclusively, so
   * no transaction that takes it shared runs meanwhile (rollout actions through the API:
   * lockRolloutInScope; gates and wave openings: RolloutGates.advance; scheduling). The settle
   * pass of RolloutGates.advanceAll and the confirmation expiry (RolloutConfirmations) take no
   * platform lock: they cancel a rollout's held and scheduled tasks (cancelScheduled) or hold its
   * scheduled ones (RolloutsRepository.holdScheduled) with one UPDATE that locks them in id order
   * too, whatever its plan (test/rollouts/held-moves-lock-order.spec.ts: a blackout,
   * maintenance and the cancel, each against a transaction holding one of the rows).
   */
  async lockForPeriod(
    tx: EntityManager,
    scheduled:
      | { tenantId: string }
      | { partnerId: string }
      | { platformId: string; startsAt: Date; endsAt: Date },
    held: { of: HeldTasksOf; range: { startsAt: Date; endsAt: Date } | null },
  ): Promise<{ scheduled: PeriodMovableTask[]; held: HeldMovableTask[] }> {
    const s = new SqlFilter();
    if ('startsAt' in scheduled) {
      s.add(`t.status = 'scheduled'`).add('t.platform_id = ?', scheduled.platformId);
      // run_at bounded on both sides (updates last at most 1440 minutes) so the due index serves
      s.add('t.run_at < ?', scheduled.endsAt);
      s.add(`t.run_at > ?::timestamptz - interval '1440 minutes'`, scheduled.startsAt);
      s.add(`t.run_at + t.expected_duration_minutes * interval '1 minute' > ?`, scheduled.startsAt);
    } else {
      if ('tenantId' in scheduled) s.add('t.tenant_id = ?', scheduled.tenantId);
      else s.add('t.partner_id = ?', scheduled.partnerId);
      s.add(`t.status = 'scheduled'`).add('t.is_open');
    }
    const scheduledWhere = s.where;
    // The held side's parameters follow the scheduled side's in the same list.
    const h = s;
    const heldConditions: string[] = [];
    const cond = (c: string, ...values: unknown[]) => {
      let i = 0;
      heldConditions.push(c.replace(/\?/g, () => h.param(values[i++])));
    };
    const { of, range } = held;
    cond('r.platform_ids @> ARRAY[?::uuid]', of.platformId);
    cond('r.finished_at IS NULL');
    cond(`t.status = 'held'`);
    cond('t.platform_id = ?', of.platformId);
    if (of.tenantId) cond('t.tenant_id = ?', of.tenantId);
    if (of.partnerId) cond('t.partner_id = ?', of.partnerId);
    if (range) {
      cond('t.run_at < ?', range.endsAt);
      cond(`t.run_at + t.expected_duration_minutes * interval '1 minute' > ?`, range.startsAt);
    }
    const rows: (MovableTaskRow & {
      status: TaskStatus;
      mode: UpdateMode;
      created_by_role: string | null;
      untold: boolean | null;
    })[] = await tx.query(
      `SELECT ${MOVABLE}, t.status, t.mode, b.created_by_role,
              r.state = 'awaiting_confirmation' AS untold
       FROM update_task t JOIN tenant tn ON tn.id = t.tenant_id
         LEFT JOIN update_batch b ON b.id = t.batch_id
         LEFT JOIN rollout r ON r.id = t.rollout_id
       WHERE t.id IN (
           SELECT t.id FROM update_task t ${scheduledWhere}
           UNION ALL
           SELECT t.id FROM rollout r JOIN update_task t ON t.rollout_id = r.id
           WHERE ${heldConditions.join(' AND ')})
         AND t.status IN ('scheduled', 'held')
         -- Not the tasks of a rollout that is over (stopped by its error gate: the gates cancel
         -- them when it settles, seconds later); they are not moved nor told.
         AND (r.id IS NULL OR r.finished_at IS NULL)
       ORDER BY t.id FOR UPDATE OF t`,
      h.params,
    );
    const periodMovable = (r: (typeof rows)[number]): PeriodMovableTask => ({
      ...toMovable(r),
      mode: r.mode,
      createdByRole: r.created_by_role,
    });
    return {
      scheduled: rows.filter((r) => r.status === 'scheduled').map(periodMovable),
      held: rows
        .filter((r) => r.status === 'held')
        .map((r) => ({ ...periodMovable(r), untold: r.untold === true })),
    };
  }

  /**
   * Locks (FOR SHARE) the rollout of the tenant's held maintenance-window task, if it has one, so
   * that whether the rollout awaits its confirmation code cannot change before the transaction
   * ends: a confirmation (which locks the row to change its state, then writes the customers'
   * first e-mails) either commits before the task is read, or waits for the move and tells the
   * time as moved. Taken before the task row (rollouts before tasks: lock-order.ts).
   */
  async lockRolloutOfHeldWindowTask(tx: EntityManager, tenantId: string): Promise<string | null> {
    const rows: { id: string }[] = await tx.query(
      `SELECT r.id FROM update_task t JOIN rollout r ON r.id = t.rollout_id
       WHERE t.tenant_id = $1 AND t.is_open AND t.status = 'held' AND t.mode = 'maintenance_window'
         AND r.finished_at IS NULL
       FOR SHARE OF r`,
      [tenantId],
    );
    return rows[0]?.id ?? null;
  }

  /**
   * Locks the tenant's maintenance-window task that has not started (scheduled, or held by its
   * wave; not one of a rollout that is over), if it has one. Its status is read after its lock (a wave may have opened
   * meanwhile).
   */
  async lockWindowTask(tx: EntityManager, tenantId: string): Promise<WindowTask | null> {
    const rows: (MovableTaskRow & {
      status: 'scheduled' | 'held';
      untold: boolean | null;
    })[] = await tx.query(
      `SELECT ${MOVABLE}, t.status, r.state = 'awaiting_confirmation' AS untold
       ${MOVABLE_FROM} LEFT JOIN rollout r ON r.id = t.rollout_id
       WHERE t.tenant_id = $1 AND t.is_open AND t.status IN (${NOT_STARTED_SQL})
         AND t.mode = 'maintenance_window'
         -- Not a task of a rollout that is over (stopped: cancelled when it settles), as a new
         -- blackout or maintenance leaves them (lockForPeriod).
         AND (r.id IS NULL OR r.finished_at IS NULL)
       FOR UPDATE OF t`,
      [tenantId],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      ...toMovable(r),
      status: r.status,
      untold: r.untold === true,
    };
  }

  /** Open tasks by status, and how many scheduled ones are due. */
  async openCounts(): Promise<{ byStatus: Map<TaskStatus, number>; due: number }> {
    const rows: { status: TaskStatus; n: number; due: number }[] = await this.ds.query(
      `SELECT status, count(*)::int AS n,
              count(*) FILTER (WHERE status = 'scheduled' AND run_at <= now())::int AS due
       FROM update_task WHERE is_open GROUP BY status`,
    );
    return {
      byStatus: new Map(rows.map((r) => [r.status, r.n])),
      due: rows.reduce((n, r) => n + r.due, 0),
    };
  }

  /** Wakes every dispatcher when the transaction commits (immediate work is due). */
  /**
   * Creates a rollback task of `source`'s tenant: it restores the snapshots of `source` and leaves
   * the tenant on `targetVersion`. Returns its id; the unique open-task index refuses a second one.
   */
  async insertRollback(em: EntityManager, r: NewRollback): Promise<string> {
    const rows: { id: string }[] = await em.query(
      `INSERT INTO update_task (batch_id, tenant_id, partner_id, platform_id, from_version, target_version,
         mode, run_at, expires_at, expected_duration_minutes, forced, redeploy, notify_partner,
         notify_customer, allow_downgrade, created_by, kind, rollback_of, path)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, true, $12, $13, true, $14, 'rollback', $15,
               ARRAY[$6])
       RETURNING id`,
      [
        r.batchId,
        r.source.tenantId,
        r.source.partnerId,
        r.source.platformId,
        r.fromVersion,
        r.targetVersion,
        r.mode,
        r.runAt,
        r.expiresAt,
        r.expectedDurationMinutes,
        r.forced,
        r.notifyPartner,
        r.notifyCustomer,
        r.createdBy,
        r.source.id,
      ],
    );
    return rows[0].id;
  }

  async wakeDispatchers(tx: EntityManager, payload: string): Promise<void> {
    await tx.query(`SELECT pg_notify($1, $2)`, [TASKS_DUE_CHANNEL, payload]);
  }

  /** Cancels those of the tasks that have not started (held or scheduled); returns the ids it cancelled. */
  async cancelScheduled(
    em: EntityManager,
    tasks: string[] | BatchTasks,
    reason: string,
  ): Promise<string[]> {
    const f = new SqlFilter();
    if (Array.isArray(tasks)) f.add('id = ANY(?::uuid[])', tasks);
    else f.add('batch_id = ?', tasks.batchId).addIf(tasks.partnerId, 'partner_id = ?');
    // The rows are locked in id order by the sub-select (lock-order.ts: held and scheduled tasks
    // in one pass, in id order, as lockForPeriod does), whatever plan the UPDATE itself gets: a
    // batch's held and scheduled tasks read by a table scan would be locked in their physical order.
    const rows = await updateReturning<{ id: string }>(
      em,
      `UPDATE update_task
       SET status = 'cancelled', cancel_reason = ${f.param(reason)}, finished_at = now(), updated_at = now()
       WHERE id IN (SELECT id FROM update_task ${f.where} AND status IN (${NOT_STARTED_SQL})
                    ORDER BY id FOR UPDATE)
         AND status IN (${NOT_STARTED_SQL})
       RETURNING id`,
      f.params,
    );
    return rows.map((r) => r.id);
  }

  /**
   * Moves tasks that have not started to new times, in one statement: scheduled ones, and held
   * ones that stay held — or, with `release`, held ones that become scheduled (a wave opening, a
   * resume). The one rule of what a move tells: a task whose mode, run_at, expires_at (its window
   * end) and expected duration are what they were keeps its notice sequence — its recipients were
   * told that time already, and the invitation, the calendar feed (same SEQUENCE) and the
   * self-service link of that e-mail stay current. Only the others' sequence (the iCalendar
   * SEQUENCE) rises. Returns the ids it moved and, of them, those whose time changed (the ones to
   * tell: TaskChanges).
   */
  async move(
    em: EntityManager,
    moves: TaskMove[],
    options: { release?: boolean } = {},
  ): Promise<MovedTasks> {
    if (moves.length === 0) return { moved: [], changed: [] };
    const release = options.release === true;
    // `o` is the row as the statement found it (locked by the caller): the old time and sequence.
    const rows = await updateReturning<{ id: string; changed: boolean }>(
      em,
      `UPDATE update_task t
       SET ${release ? `status = 'scheduled', ` : ''}mode = m.mode, run_at = m.run_at,
           expires_at = m.expires_at,
           expected_duration_minutes = COALESCE(m.expected, t.expected_duration_minutes),
           notice_sequence = t.notice_sequence + CASE
             WHEN (t.mode::text, t.run_at, t.expires_at, t.expected_duration_minutes)
                  IS NOT DISTINCT FROM
                  (m.mode, m.run_at, m.expires_at, COALESCE(m.expected, t.expected_duration_minutes))
             THEN 0 ELSE 1 END,
           updated_at = now()
       FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::int[])
         AS m (id, mode, run_at, expires_at, expected),
         update_task o
       WHERE t.id = m.id AND o.id = t.id
         AND t.status IN (${release ? `'held'` : NOT_STARTED_SQL})
       RETURNING t.id, t.notice_sequence <> o.notice_sequence AS changed`,
      [
        moves.map((m) => m.id),
        moves.map((m) => m.mode),
        moves.map((m) => m.runAt.toISOString()),
        moves.map((m) => m.expiresAt?.toISOString() ?? null),
        moves.map((m) => m.expectedDurationMinutes ?? null),
      ],
    );
    return {
      moved: rows.map((r) => r.id),
      changed: rows.filter((r) => r.changed).map((r) => r.id),
    };
  }
}
