import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Scope } from '../auth/caller';
import { SqlFilter } from '../database/sql';
import type { TenantState } from '../tenants/tenant.entity';
import type { TaskOptions } from './update-task';
import { type TaskScope, tenantScopeFilter } from './update-tasks.repository';

/**
 * Tenants of one request that every scheduling rule treats alike: same platform, installed version,
 * state, auto-update flag, maintenance window, and whether a task is already open. A platform of
 * 100,000 tenants usually makes a handful of groups, so the rules run per group, in memory, and the
 * tasks are written by one INSERT … SELECT joining the tenants with the planned groups.
 */
export interface TenantGroup {
  key: number;
  platformId: string;
  softwareVersion: string;
  state: TenantState;
  autoUpdateAllowed: boolean;
  windowCron: string;
  windowDurationMinutes: number;
  windowTimezone: string;
  /** The tenant's partner when it has blackouts, else null. */
  blackoutPartnerId: string | null;
  /** The tenant when it has blackouts of its own (a group of one), else null. */
  blackoutTenantId: string | null;
  hasOpenTask: boolean;
  tenants: number;
  customized: number;
}

/** A group with the slot its tasks get. */
export interface PlacedGroup extends TenantGroup {
  runAt: Date;
  expiresAt: Date | null;
  /** The versions applied in turn (the last is the target). */
  path: string[];
}

export interface GroupedTenant {
  id: string;
  key: number;
  openTaskId: string | null;
}

/**
 * One step of a rollout's wave assignment, done by SQL in the task INSERT: in order, each step takes
 * from the tenants that no earlier step took either every one having all of `tags`, or the first
 * `take` of them in creation order (`seq`). Step i is wave i; tenants no step took join the last
 * wave. How many each step takes is the rollouts' arithmetic (src/rollouts/gates.ts).
 */
export type WaveStep = { tags: string[]; take?: undefined } | { take: number; tags?: undefined };

/** A rollout's waves: the steps the task INSERT applies, one per wave, and the size of each. */
export interface WavePlan {
  steps: WaveStep[];
  sizes: number[];
}

/** What the wave arithmetic asks of the tenants: how many that no step of `steps` took have all `tags`. */
export interface TagQuestion {
  steps: WaveStep[];
  tags: string[];
}

/**
 * Tasks of a rollout (src/rollouts): the steps that give each tenant its wave; tasks of waves after
 * the first are held, and those of the first too while the rollout awaits confirmation (`holdAll`).
 */
export interface StagedTasks {
  rolloutId: string;
  steps: WaveStep[];
  holdAll: boolean;
}

/** A row of `groups`. */
interface GroupRow {
  platform_id: string;
  software_version: string;
  state: TenantState;
  auto_update_allowed: boolean;
  window_cron: string;
  window_duration_minutes: number;
  window_timezone: string;
  blackout_partner_id: string | null;
  blackout_tenant_id: string | null;
  has_open_task: boolean;
  tenants: number;
  customized: number;
}

const OPEN = `LEFT JOIN update_task o ON o.tenant_id = t.id AND o.is_open`;
// Tenants with blackouts (their own or their partner's) are grouped by whose blackouts apply. Joined
// (hashed once) rather than looked up per tenant: two probes per tenant cost more than the scan.
const BLACKOUTS = `LEFT JOIN (SELECT DISTINCT partner_id FROM blackout WHERE partner_id IS NOT NULL) bp
    ON bp.partner_id = t.partner_id
  LEFT JOIN (SELECT DISTINCT tenant_id FROM blackout WHERE tenant_id IS NOT NULL) bt
    ON bt.tenant_id = t.id`;
const ATTRIBUTES = `t.platform_id, t.software_version, t.state, t.auto_update_allowed, t.window_cron,
  t.window_duration_minutes, t.window_timezone, bp.partner_id AS blackout_partner_id,
  bt.tenant_id AS blackout_tenant_id`;

/** The groups as a relation `g` (key, the nine attributes, has_open_task, run_at, expires_at). */
function groupsRelation(f: SqlFilter, groups: (TenantGroup & Partial<PlacedGroup>)[]): string {
  const col = <T>(pick: (g: TenantGroup & Partial<PlacedGroup>) => T) => f.param(groups.map(pick));
  return `unnest(${col((g) => g.key)}::int[], ${col((g) => g.platformId)}::uuid[],
    ${col((g) => g.softwareVersion)}::text[], ${col((g) => g.state)}::text[],
    ${col((g) => g.autoUpdateAllowed)}::boolean[], ${col((g) => g.windowCron)}::text[],
    ${col((g) => g.windowDurationMinutes)}::int[], ${col((g) => g.windowTimezone)}::text[],
    ${col((g) => g.blackoutPartnerId)}::uuid[], ${col((g) => g.blackoutTenantId)}::uuid[],
    ${col((g) => g.hasOpenTask)}::boolean[], ${col((g) => g.runAt?.toISOString() ?? null)}::timestamptz[],
    ${col((g) => g.expiresAt?.toISOString() ?? null)}::timestamptz[],
    ${col((g) => g.path?.join(',') ?? null)}::text[])
    AS g (key, platform_id, software_version, state, auto_update_allowed, window_cron,
          window_duration_minutes, window_timezone, blackout_partner_id, blackout_tenant_id,
          has_open_task, run_at, expires_at, path)`;
}

const JOIN_GROUP = `g.platform_id = t.platform_id AND g.software_version = t.software_version
  AND g.state = t.state AND g.auto_update_allowed = t.auto_update_allowed AND g.window_cron = t.window_cron
  AND g.window_duration_minutes = t.window_duration_minutes AND g.window_timezone = t.window_timezone
  AND g.blackout_partner_id IS NOT DISTINCT FROM bp.partner_id
  AND g.blackout_tenant_id IS NOT DISTINCT FROM bt.tenant_id`;

/**
 * The tenants of the placed groups (`SELECT` of id, partner_id, platform_id, software_version,
 * run_at, expires_at, path, seq, tags and `wave`: the step that took the tenant, null if none did).
 * Set-based: a run of tag steps is one CASE over the tags; a run of take steps one running count,
 * over the creation order, of the tenants not taken yet (the first `take` of them are the step's).
 * No tenant id leaves the database.
 */
function wavedTenants(f: SqlFilter, relation: string, steps: WaveStep[]): string {
  const columns =
    'id, partner_id, platform_id, software_version, run_at, expires_at, path, seq, tags';
  let sql = `SELECT t.id, t.partner_id, t.platform_id, t.software_version, g.run_at, g.expires_at,
      g.path, t.seq, t.tags, NULL::int AS wave
    FROM tenant t ${BLACKOUTS} JOIN ${relation} ON ${JOIN_GROUP} ${f.where}`;
  for (let i = 0; i < steps.length;) {
    const run: { index: number; step: WaveStep }[] = [];
    const takes = steps[i].take !== undefined;
    while (i < steps.length && (steps[i].take !== undefined) === takes) {
      run.push({ index: i, step: steps[i] });
      i++;
    }
    if (takes) {
      let bound = 0;
      const cases = run.map(({ index, step }) => {
        bound += step.take as number;
        return `WHEN p <= ${bound} THEN ${index}`;
      });
      sql = `SELECT ${columns}, CASE WHEN wave IS NOT NULL THEN wave ${cases.join(' ')} END AS wave
        FROM (SELECT s.*, count(*) FILTER (WHERE wave IS NULL)
                OVER (ORDER BY seq ROWS UNBOUNDED PRECEDING) AS p
              FROM (${sql}) s) s`;
    } else {
      const cases = run.map(
        ({ index, step }) => `WHEN tags @> ${f.param(step.tags)}::text[] THEN ${index}`,
      );
      sql = `SELECT ${columns}, CASE WHEN wave IS NOT NULL THEN wave ${cases.join(' ')} END AS wave
        FROM (${sql}) s`;
    }
  }
  return sql;
}

/** The partner or platform a scope (or its filter) names, if any. */
export function scopeOwner(scope: TaskScope): { table: 'partner' | 'platform'; id: string } | null {
  if ('partnerId' in scope) return { table: 'partner', id: scope.partnerId };
  if ('platformId' in scope) return { table: 'platform', id: scope.platformId };
  if ('filter' in scope && scope.filter.partnerId)
    return { table: 'partner', id: scope.filter.partnerId };
  if ('filter' in scope && scope.filter.platformId)
    return { table: 'platform', id: scope.filter.platformId };
  return null;
}

@Injectable()
export class TenantGroupsRepository {
  async groups(em: EntityManager, scope: TaskScope, caller: Scope): Promise<TenantGroup[]> {
    const f = tenantScopeFilter(scope, caller);
    const rows: GroupRow[] = await em.query(
      `SELECT ${ATTRIBUTES}, o.id IS NOT NULL AS has_open_task, count(*)::int AS tenants,
              count(*) FILTER (WHERE t.customizations)::int AS customized
       FROM tenant t ${BLACKOUTS} ${OPEN} ${f.where}
       GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, o.id IS NOT NULL`,
      f.params,
    );
    return rows.map((r, key) => ({
      key,
      platformId: r.platform_id,
      softwareVersion: r.software_version,
      state: r.state,
      autoUpdateAllowed: r.auto_update_allowed,
      windowCron: r.window_cron,
      windowDurationMinutes: r.window_duration_minutes,
      windowTimezone: r.window_timezone,
      blackoutPartnerId: r.blackout_partner_id,
      blackoutTenantId: r.blackout_tenant_id,
      hasOpenTask: r.has_open_task,
      tenants: r.tenants,
      customized: r.customized,
    }));
  }

  /** The tenants of the given groups, in creation order, with their open task if any. */
  async members(
    em: EntityManager,
    scope: TaskScope,
    caller: Scope,
    groups: TenantGroup[],
  ): Promise<GroupedTenant[]> {
    if (groups.length === 0) return [];
    const f = tenantScopeFilter(scope, caller);
    const relation = groupsRelation(f, groups);
    return em.query(
      `SELECT t.id, g.key, o.id AS "openTaskId"
       FROM tenant t ${BLACKOUTS} ${OPEN}
       JOIN ${relation} ON ${JOIN_GROUP} AND g.has_open_task = (o.id IS NOT NULL)
       ${f.where} ORDER BY t.seq`,
      f.params,
    );
  }

  /** How many tenants of the placed groups that no step of `steps` took have all of `tags`. */
  async countTagged(
    em: EntityManager,
    scope: TaskScope,
    caller: Scope,
    placed: PlacedGroup[],
    question: TagQuestion,
  ): Promise<number> {
    if (placed.length === 0) return 0;
    const f = tenantScopeFilter(scope, caller);
    f.add(`NOT EXISTS (SELECT 1 FROM update_task o WHERE o.tenant_id = t.id AND o.is_open)`);
    const relation = groupsRelation(f, placed);
    const tenants = wavedTenants(f, relation, question.steps);
    const rows: { n: number }[] = await em.query(
      `SELECT count(*)::int AS n FROM (${tenants}) s
       WHERE wave IS NULL AND tags @> ${f.param(question.tags)}::text[]`,
      f.params,
    );
    return rows[0].n;
  }

  /** Whether the partner or platform a scope names exists (a tenantIds scope always does). */
  async scopeExists(em: EntityManager, scope: TaskScope): Promise<boolean> {
    const named = scopeOwner(scope);
    if (!named) return true;
    const rows: unknown[] = await em.query(`SELECT 1 FROM ${named.table} WHERE id = $1`, [
      named.id,
    ]);
    return rows.length > 0;
  }

  /** Of `tenantIds`, those that do not exist or that the caller may not see. */
  async missing(em: EntityManager, tenantIds: string[], caller: Scope): Promise<Set<string>> {
    const rows: { id: string }[] = await em.query(
      `SELECT id FROM unnest($1::uuid[]) AS id
       EXCEPT SELECT t.id FROM tenant t WHERE t.id = ANY($1::uuid[]) AND ($2::uuid IS NULL OR t.partner_id = $2)`,
      [tenantIds, caller.partnerId],
    );
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Creates the tasks of the placed groups in one INSERT … SELECT and returns how many. Tenants with
   * an open task are left out (`skipOpen`, or ON CONFLICT when a concurrent request opened one).
   */
  async insertTasks(
    em: EntityManager,
    batchId: string,
    options: TaskOptions,
    scope: TaskScope,
    caller: Scope,
    placed: PlacedGroup[],
    mode: 'plain' | 'skip-open' | 'on-conflict',
    staged?: StagedTasks,
  ): Promise<number> {
    const f = tenantScopeFilter(scope, caller);
    if (mode === 'skip-open') {
      f.add(`NOT EXISTS (SELECT 1 FROM update_task o WHERE o.tenant_id = t.id AND o.is_open)`);
    }
    const relation = groupsRelation(f, placed);
    const v = (value: unknown) => f.param(value);
    // A rollout's tasks: the tenants with their wave (wavedTenants); otherwise the plain join.
    const source = staged
      ? `(${wavedTenants(f, relation, staged.steps)}) t`
      : `tenant t ${BLACKOUTS} JOIN ${relation} ON ${JOIN_GROUP} ${f.where}`;
    const g = staged ? 't' : 'g';
    const wave = staged ? `COALESCE(t.wave, ${staged.steps.length - 1})` : 'NULL::int';
    const rollout = staged ? `${v(staged.rolloutId)}::uuid` : 'NULL::uuid';
    const rows: { n: number }[] = await em.query(
      `WITH inserted AS (
         INSERT INTO update_task (batch_id, tenant_id, partner_id, platform_id, from_version, run_at, expires_at,
           target_version, mode, expected_duration_minutes, forced, redeploy, notify_partner, notify_customer,
           allow_downgrade, created_by, path, rollback_on_failure, rollout_id, wave, status)
         SELECT ${v(batchId)}::uuid, t.id, t.partner_id, t.platform_id, t.software_version, ${g}.run_at, ${g}.expires_at,
           ${v(options.targetVersion)}, ${v(options.mode)}, ${v(options.expectedDurationMinutes)}::int,
           ${v(options.forced)}::boolean, ${v(options.redeploy)}::boolean, ${v(options.notifyPartner)}::boolean,
           ${v(options.notifyCustomer)}::boolean, ${v(options.allowDowngrade)}::boolean, ${v(options.createdBy)}::uuid,
           string_to_array(${g}.path, ','), ${v(options.rollbackOnFailure)}::boolean,
           ${rollout}, ${wave},
           ${staged ? `CASE WHEN ${wave} = 0 AND NOT ${v(staged.holdAll)}::boolean THEN 'scheduled' ELSE 'held' END` : `'scheduled'`}
         FROM ${source}
         -- In tenant order: the one-open-task index (tenant_id) then takes its entries page by page
         -- instead of at random places (at 1,000,000 tasks it no longer stays in shared buffers).
         ORDER BY t.id
         ${mode === 'on-conflict' ? `ON CONFLICT (tenant_id) WHERE is_open DO NOTHING` : ''}
         RETURNING 1
       )
       SELECT count(*)::int AS n FROM inserted`,
      f.params,
    );
    return rows[0].n;
  }

  /** Tenants of the placed groups that did not get a task in this batch (taken by a concurrent request). */
  async notInBatch(
    em: EntityManager,
    batchId: string,
    scope: TaskScope,
    caller: Scope,
    placed: PlacedGroup[],
  ): Promise<string[]> {
    const f = tenantScopeFilter(scope, caller);
    const relation = groupsRelation(f, placed);
    f.add(
      'NOT EXISTS (SELECT 1 FROM update_task u WHERE u.batch_id = ? AND u.tenant_id = t.id)',
      batchId,
    );
    const rows: { id: string }[] = await em.query(
      `SELECT t.id FROM tenant t ${BLACKOUTS} JOIN ${relation} ON ${JOIN_GROUP} ${f.where}`,
      f.params,
    );
    return rows.map((r) => r.id);
  }
}
