import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Scope } from '../auth/caller';
import type { PageRequest } from '../common/pagination';
import { SqlFilter, updateReturning } from '../database/sql';
import type { TenantState } from '../tenants/tenant.entity';
import { addTenantFilter, type TenantFilter } from '../tenants/tenant-filter';
import type { TaskMove, TaskStatus, UpdateTask } from './update-task';

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
  t.created_by, t.created_at, t.updated_at, t.started_at, t.finished_at,
  (SELECT tn.name FROM tenant tn WHERE tn.id = t.tenant_id) AS tenant_name`;

type Row = Record<string, unknown>;

export function toTask(r: Row): UpdateTask {
  return {
    id: r.id as string,
    batchId: r.batch_id as string,
    tenantId: r.tenant_id as string,
    tenantName: (r.tenant_name as string | null | undefined) ?? null,
    partnerId: r.partner_id as string,
    platformId: r.platform_id as string,
    fromVersion: r.from_version as string,
    targetVersion: r.target_version as string,
    mode: r.mode as UpdateTask['mode'],
    runAt: r.run_at as Date,
    expiresAt: (r.expires_at as Date | null) ?? null,
    expectedDurationMinutes: r.expected_duration_minutes as number,
    forced: r.forced as boolean,
    redeploy: r.redeploy as boolean,
    notifyPartner: r.notify_partner as boolean,
    notifyCustomer: r.notify_customer as boolean,
    allowDowngrade: r.allow_downgrade as boolean,
    status: r.status as TaskStatus,
    attempts: r.attempts as number,
    progressStep: (r.progress_step as string | null) ?? null,
    progressPercent: r.progress_percent as number,
    progressEta: (r.progress_eta as Date | null) ?? null,
    error: (r.error as string | null) ?? null,
    cancelReason: (r.cancel_reason as string | null) ?? null,
    noticeSequence: r.notice_sequence as number,
    createdBy: (r.created_by as string | null) ?? null,
    createdAt: r.created_at as Date,
    updatedAt: r.updated_at as Date,
    startedAt: (r.started_at as Date | null) ?? null,
    finishedAt: (r.finished_at as Date | null) ?? null,
  };
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
       LEFT JOIN update_task o ON o.tenant_id = t.id AND o.status IN ('scheduled', 'running')
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
    const rows: Row[] = await em.query(
      `SELECT ${COLUMNS} FROM update_task t ${f.where} ${forUpdate ? 'FOR UPDATE' : ''}`,
      f.params,
    );
    return rows[0] ? toTask(rows[0]) : null;
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
      .addIf(filter.tenantId, 't.tenant_id = ?')
      .addIf(filter.partnerId, 't.partner_id = ?')
      .addIf(filter.platformId, 't.platform_id = ?')
      .addIf(filter.batchId, 't.batch_id = ?')
      .addIf(filter.from, 't.run_at >= ?')
      .addIf(filter.to, 't.run_at < ?')
      .addIf(page.after, order === 'asc' ? 't.id > ?' : 't.id < ?');
    const rows: Row[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM update_task t ${f.where}
       ORDER BY t.id ${order === 'asc' ? 'ASC' : 'DESC'} LIMIT ${f.param(page.limit + 1)}`,
      f.params,
    );
    return rows.map(toTask);
  }

  /** Cancels those of `ids` that have not started; returns the ids it cancelled. */
  async cancelScheduled(em: EntityManager, ids: string[], reason: string): Promise<string[]> {
    const rows = await updateReturning<{ id: string }>(
      em,
      `UPDATE update_task
       SET status = 'cancelled', cancel_reason = $2, finished_at = now(), updated_at = now()
       WHERE id = ANY($1::uuid[]) AND status = 'scheduled'
       RETURNING id`,
      [ids, reason],
    );
    return rows.map((r) => r.id);
  }

  /** Moves scheduled tasks to new times; each move raises the task's notice sequence (iCalendar SEQUENCE). */
  async move(em: EntityManager, moves: TaskMove[]): Promise<string[]> {
    if (moves.length === 0) return [];
    const rows = await updateReturning<{ id: string }>(
      em,
      `UPDATE update_task t
       SET mode = m.mode, run_at = m.run_at, expires_at = m.expires_at,
           expected_duration_minutes = COALESCE(m.expected, t.expected_duration_minutes),
           notice_sequence = t.notice_sequence + 1, updated_at = now()
       FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::int[])
         AS m (id, mode, run_at, expires_at, expected)
       WHERE t.id = m.id AND t.status = 'scheduled'
       RETURNING t.id`,
      [
        moves.map((m) => m.id),
        moves.map((m) => m.mode),
        moves.map((m) => m.runAt.toISOString()),
        moves.map((m) => m.expiresAt?.toISOString() ?? null),
        moves.map((m) => m.expectedDurationMinutes ?? null),
      ],
    );
    return rows.map((r) => r.id);
  }
}
