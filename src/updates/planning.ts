import * as semver from 'semver';
import {
  MaintenanceWindow,
  nextWindow,
  slotsOverlap,
  TimeSlot,
  windowContaining,
} from '../maintenance/window';
import type { TenantState } from '../tenants/tenant.entity';
import type { VersionChannel } from '../versions/software-version.entity';

export const UPDATE_MODES = ['immediate', 'maintenance_window', 'custom'] as const;
export type UpdateMode = (typeof UPDATE_MODES)[number];

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
  byPlatformAdmin: boolean;
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
}

export interface MaintenancePeriod {
  id: string;
  platformId: string;
  startsAt: Date;
  endsAt: Date;
}

export interface PlanContext {
  now: Date;
  /** The target version's channel on a platform, undefined when it does not exist there. */
  channelOn(platformId: string): VersionChannel | undefined;
  /** Platform maintenance that has not ended yet. */
  maintenanceOf(platformId: string): MaintenancePeriod[];
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
  | 'window_too_short'
  | 'maintenance_overlap';

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
}

export function refusal(code: RefusalCode, status: number, reason: string): Refusal {
  return { refused: true, code, status, reason };
}

export function openTaskRefusal(taskId: string): Refusal {
  return refusal('open_task', 409, `an update task is already open for this tenant (${taskId})`);
}

const MINUTE = 60_000;

/** The slot of a maintenance-window task: the open window if the update still fits, else the next. */
export function windowSlot(
  window: MaintenanceWindow,
  now: Date,
  expectedMinutes: number,
): TimeSlot {
  const current = windowContaining(window, now);
  if (current && now.getTime() + expectedMinutes * MINUTE <= current.end.getTime()) {
    return { start: now, end: current.end };
  }
  return nextWindow(window, now);
}

/** The first maintenance period that [runAt, runAt + expected) overlaps, if any. */
export function overlappingMaintenance(
  runAt: Date,
  expectedMinutes: number,
  periods: MaintenancePeriod[],
): MaintenancePeriod | undefined {
  const slot = { start: runAt, end: new Date(runAt.getTime() + expectedMinutes * MINUTE) };
  return periods
    .filter((p) => slotsOverlap(slot, { start: p.startsAt, end: p.endsAt }))
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())[0];
}

/**
 * The first window of `window` that starts at or after `from` and whose [start, start + expected)
 * overlaps no maintenance period (looks at most `limit` windows ahead).
 */
export function firstFreeWindow(
  window: MaintenanceWindow,
  from: Date,
  expectedMinutes: number,
  periods: MaintenancePeriod[],
  limit = 366,
): TimeSlot | null {
  let slot = nextWindow(window, new Date(from.getTime() - 1));
  for (let i = 0; i < limit; i++) {
    const blocking = overlappingMaintenance(slot.start, expectedMinutes, periods);
    if (!blocking) return slot;
    slot = nextWindow(
      window,
      new Date(Math.max(slot.start.getTime(), blocking.endsAt.getTime() - 1)),
    );
  }
  return null;
}

/**
 * Where a maintenance-window update goes when it is moved (window changed or closed): the window
 * open now if the update still fits, else the first window free of maintenance.
 */
export function placeInWindow(
  window: MaintenanceWindow,
  now: Date,
  expectedMinutes: number,
  periods: MaintenancePeriod[],
): TimeSlot | null {
  const slot = windowSlot(window, now, expectedMinutes);
  if (!overlappingMaintenance(slot.start, expectedMinutes, periods)) return slot;
  return firstFreeWindow(window, slot.end, expectedMinutes, periods);
}

function describePeriod(p: MaintenancePeriod): string {
  return `platform maintenance ${p.id} (${p.startsAt.toISOString()} – ${p.endsAt.toISOString()})`;
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

function slotFor(tenant: TenantFacts, request: PlanRequest, now: Date): TimeSlot | Refusal {
  if (request.mode === 'immediate') return { start: now, end: now };
  if (request.mode === 'custom')
    return { start: request.runAt as Date, end: request.runAt as Date };
  if (request.expectedDurationMinutes > tenant.window.durationMinutes) {
    return refusal(
      'window_too_short',
      422,
      `the update is expected to take ${request.expectedDurationMinutes} minutes, longer than the tenant's ${tenant.window.durationMinutes}-minute maintenance window`,
    );
  }
  return windowSlot(tenant.window, now, request.expectedDurationMinutes);
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

export type Planner = (tenant: TenantFacts) => TaskPlan | Refusal;

/**
 * Decides when each tenant's update runs, or why it cannot be scheduled. Tenants share windows,
 * versions and platforms, so every distinct computation is done once per request (100,000 tenants
 * usually need a handful of window calculations).
 */
export function createPlanner(request: PlanRequest, ctx: PlanContext): Planner {
  const tenantsByKey = new Map<string, TenantFacts>();
  const isDowngrade = memoize((installed) => semver.lt(request.targetVersion, installed));
  const versionCheck = memoize((key) =>
    checkVersion(tenantsByKey.get(key) as TenantFacts, request, ctx),
  );
  const placement = memoize((key): TaskPlan | Refusal => {
    const tenant = tenantsByKey.get(key) as TenantFacts;
    const slot = slotFor(tenant, request, ctx.now);
    if ('refused' in slot) return slot;
    const periods = ctx.maintenanceOf(tenant.platformId);
    const blocking = overlappingMaintenance(slot.start, request.expectedDurationMinutes, periods);
    if (blocking)
      return refusal(
        'maintenance_overlap',
        422,
        `the update would overlap ${describePeriod(blocking)}`,
      );
    const expiresAt = request.mode === 'maintenance_window' ? slot.end : null;
    return { refused: false, runAt: slot.start, expiresAt, downgrade: false };
  });

  return (tenant) => {
    if (tenant.openTaskId) return openTaskRefusal(tenant.openTaskId);
    if (tenant.state === 'locked') return refusal('tenant_locked', 409, 'the tenant is locked');
    const versionKey = `${tenant.platformId}|${tenant.softwareVersion}`;
    if (!tenantsByKey.has(versionKey)) tenantsByKey.set(versionKey, tenant);
    const versionProblem = versionCheck(versionKey);
    if (versionProblem) return versionProblem;
    if (!tenant.autoUpdateAllowed && !(request.byPlatformAdmin && request.forced)) {
      return refusal(
        'auto_update_disabled',
        422,
        'automatic updates are disabled for this tenant (only a platform admin can force one)',
      );
    }
    const w = tenant.window;
    const slotKey = `${tenant.platformId}|${w.cron}|${w.durationMinutes}|${w.timezone}`;
    if (!tenantsByKey.has(slotKey)) tenantsByKey.set(slotKey, tenant);
    const plan = placement(slotKey);
    if (plan.refused) return plan;
    return { ...plan, downgrade: isDowngrade(tenant.softwareVersion) };
  };
}
