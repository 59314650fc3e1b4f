import * as semver from 'semver';
import type { MaintenanceWindow } from '../common/maintenance-window';
import {
  type Blockers,
  place,
  type Placement,
  type PlacementRefusalCode,
} from '../placement/placement';
import type { TenantState } from '../tenants/tenant.entity';
import type { VersionChannel } from '../versions/software-version.entity';
import { type PathVersion, upgradePath } from '../versions/upgrade-path';
import { overriddenBlocks, overridesAutoUpdateOptOut } from './task-policy';
import type { UpdateMode } from './update-mode';

export { UPDATE_MODES, type UpdateMode } from './update-mode';

/** What was asked for every tenant of one scheduling request. */
export interface PlanRequest {
  mode: UpdateMode;
  /** Custom mode only. */
  runAt?: Date;
  expectedDurationMinutes: number;
  targetVersion: string;
  forced: boolean;
  redeploy: boolean;
  allowDowngrade: boolean;
  /**
   * The role of whoever created the update (the forced rule, task-policy.ts): the caller when
   * scheduling; the task's batch creator when it is rescheduled or retried.
   */
  createdByRole: string | null;
}

/** What the rules need to know about one tenant. */
export interface TenantFacts {
  id: string;
  platformId: string;
  softwareVersion: string;
  state: TenantState;
  autoUpdateAllowed: boolean;
  window: MaintenanceWindow;
  openTaskId: string | null;
  /**
   * Whose blackouts apply (see placement/): the partner and the tenant, set only when they have
   * blackouts, so that tenants without any still share one placement.
   */
  blackoutsOf?: { partnerId?: string; tenantId?: string };
}

export interface PlanContext {
  now: Date;
  /** The target version's channel on a platform, undefined when it does not exist there. */
  channelOn(platformId: string): VersionChannel | undefined;
  /** Every version of a platform (for upgrade paths); empty when not loaded. */
  versionsOn(platformId: string): PathVersion[];
  /** What blocks each tenant's time (platform maintenance, …): see src/placement. */
  blockers: Blockers;
}

export type RefusalCode =
  | 'not_found'
  | 'open_task'
  | 'tenant_locked'
  | 'version_unknown'
  | 'version_prohibited'
  | 'already_on_version'
  | 'downgrade_not_allowed'
  | 'auto_update_disabled'
  | 'no_upgrade_path'
  /** window_too_short, maintenance_overlap (and the codes of later blocking sources). */
  | PlacementRefusalCode;

export interface Refusal {
  refused: true;
  code: RefusalCode;
  /** The HTTP status this refusal has on its own. */
  status: number;
  reason: string;
}

export interface TaskPlan {
  refused: false;
  runAt: Date;
  /** The end of the maintenance window the task must start in; null when it may start any time. */
  expiresAt: Date | null;
  downgrade: boolean;
  /** The versions applied in turn, the last being the target (one: a direct update). */
  path: string[];
}

export function refusal(code: RefusalCode, status: number, reason: string): Refusal {
  return { refused: true, code, status, reason };
}

export function openTaskRefusal(taskId: string): Refusal {
  return refusal('open_task', 409, `an update task is already open for this tenant (${taskId})`);
}

/** The version rules: exists, not prohibited, not the same without redeploy, no silent downgrade. */
function checkVersion(tenant: TenantFacts, request: PlanRequest, ctx: PlanContext): Refusal | null {
  const channel = ctx.channelOn(tenant.platformId);
  const target = request.targetVersion;
  if (!channel)
    return refusal(
      'version_unknown',
      422,
      `version ${target} does not exist on the tenant's platform`,
    );
  if (channel === 'prohibited')
    return refusal('version_prohibited', 422, `version ${target} is prohibited`);
  const order = semver.compare(target, tenant.softwareVersion);
  if (order === 0 && !request.redeploy) {
    return refusal(
      'already_on_version',
      422,
      `the tenant already runs ${target} (set redeploy to install it again)`,
    );
  }
  if (order < 0 && !request.allowDowngrade) {
    return refusal(
      'downgrade_not_allowed',
      422,
      `${target} is older than the installed ${tenant.softwareVersion}: set allowDowngrade to confirm the downgrade`,
    );
  }
  return null;
}

/** The upgrade path from the tenant's version to the target, or why there is none (422). */
function findPath(tenant: TenantFacts, request: PlanRequest, ctx: PlanContext): string[] | Refusal {
  const versions = ctx.versionsOn(tenant.platformId);
  const target = versions.find((v) => v.version === request.targetVersion) ?? {
    version: request.targetVersion,
    channel: 'available' as const,
    minimumFrom: null,
  };
  const path = upgradePath(tenant.softwareVersion, target, versions);
  return path.found ? path.hops : refusal('no_upgrade_path', 422, path.reason);
}

function memoize<T>(compute: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = compute(key);
      cache.set(key, value);
    }
    return value;
  };
}

/** Whose blocking periods apply to a tenant's update: its platform's, its partner's and its own. */
export const placementTarget = (tenant: TenantFacts) => ({
  platformId: tenant.platformId,
  ...tenant.blackoutsOf,
});

export type Planner = (tenant: TenantFacts) => TaskPlan | Refusal;

/**
 * Decides when each tenant's update runs, or why it cannot be scheduled. Tenants share windows,
 * versions and platforms, so every distinct computation is done once per request (100,000 tenants
 * usually need a handful of window calculations).
 */
export function createPlanner(request: PlanRequest, ctx: PlanContext): Planner {
  const tenantsByKey = new Map<string, TenantFacts>();
  const isDowngrade = memoize((installed) => semver.lt(request.targetVersion, installed));
  const versionCheck = memoize((key): Refusal | string[] => {
    const tenant = tenantsByKey.get(key) as TenantFacts;
    return checkVersion(tenant, request, ctx) ?? findPath(tenant, request, ctx);
  });
  const placement = memoize((key): TaskPlan | Refusal => {
    const tenant = tenantsByKey.get(key) as TenantFacts;
    const placed: Placement = place(
      {
        mode: request.mode,
        runAt: request.runAt,
        expectedDurationMinutes: request.expectedDurationMinutes,
        window: tenant.window,
        ifBlocked: 'refuse',
        overrides: overriddenBlocks(request),
      },
      ctx.blockers.for(placementTarget(tenant)),
      ctx.now,
    );
    if (!placed.placed) return refusal(placed.code, 422, placed.reason);
    return {
      refused: false,
      runAt: placed.runAt,
      expiresAt: placed.expiresAt,
      downgrade: false,
      path: [],
    };
  });

  return (tenant) => {
    if (tenant.openTaskId) return openTaskRefusal(tenant.openTaskId);
    if (tenant.state === 'locked') return refusal('tenant_locked', 409, 'the tenant is locked');
    const versionKey = `${tenant.platformId}|${tenant.softwareVersion}`;
    if (!tenantsByKey.has(versionKey)) tenantsByKey.set(versionKey, tenant);
    const path = versionCheck(versionKey);
    if (!Array.isArray(path)) return path;
    if (!tenant.autoUpdateAllowed && !overridesAutoUpdateOptOut(request)) {
      return refusal(
        'auto_update_disabled',
        422,
        'automatic updates are disabled for this tenant (only a platform admin can force one)',
      );
    }
    const w = tenant.window;
    const blockerKey = ctx.blockers.key(placementTarget(tenant));
    const slotKey = `${tenant.platformId}|${blockerKey}|${w.cron}|${w.durationMinutes}|${w.timezone}`;
    if (!tenantsByKey.has(slotKey)) tenantsByKey.set(slotKey, tenant);
    const plan = placement(slotKey);
    if (plan.refused) return plan;
    return { ...plan, downgrade: isDowngrade(tenant.softwareVersion), path };
  };
}
