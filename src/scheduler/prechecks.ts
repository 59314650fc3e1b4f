import * as semver from 'semver';
import type { TenantState } from '../tenants/tenant.entity';
import { createdByPlatformAdmin, overridesAutoUpdateOptOut } from '../updates/task-policy';
import type { VersionChannel } from '../versions/software-version.entity';

/** What the pre-checks look at, read when the task is claimed. */
export interface PrecheckFacts {
  targetVersion: string;
  /** The tenant's state before this run set it to 'updating'. */
  tenantState: TenantState | null;
  installedVersion: string;
  customizations: boolean;
  autoUpdateAllowed: boolean;
  /** The target version's channel on the tenant's platform; null: it no longer exists there. */
  channel: VersionChannel | null;
  /** The role of whoever scheduled the task (its batch's creator); null without a batch. */
  createdByRole: string | null;
  forced: boolean;
  redeploy: boolean;
  allowDowngrade: boolean;
}

/**
 * The reason the update must not run, or null. Checked when the update starts, because the facts
 * may have changed since it was scheduled: the version allowed, the tenant not customized, the
 * tenant entitled to the version, and a version path that is allowed.
 */
export function precheckProblem(f: PrecheckFacts): string | null {
  const target = f.targetVersion;
  if (f.tenantState === 'locked') return 'the tenant is locked';
  if (f.customizations) {
    return (
      'the tenant has customizations: a customized tenant cannot be updated; restore its standard ' +
      'configuration (and clear its customizations flag), then retry the update'
    );
  }
  if (f.channel === null) return `version ${target} no longer exists on the tenant's platform`;
  if (f.channel === 'prohibited') return `version ${target} is prohibited`;
  if (f.channel === 'test' && !createdByPlatformAdmin(f)) {
    return `the tenant is not entitled to ${target}: it is a test version and the update was not scheduled by a platform admin`;
  }
  if (!f.autoUpdateAllowed && !overridesAutoUpdateOptOut(f)) {
    return 'the tenant is not entitled to automatic updates (only an update forced by a platform admin may run)';
  }
  const order = semver.compare(target, f.installedVersion);
  if (order === 0 && !f.redeploy) {
    return `the tenant already runs ${target} (schedule a redeploy to install it again)`;
  }
  if (order < 0 && !f.allowDowngrade) {
    return `${target} is older than the installed ${f.installedVersion} and the downgrade was not confirmed`;
  }
  return null;
}

/** A snapshot a rollback would restore, as the pre-check sees it. */
export interface RestorableSnapshot {
  id: string;
  externalId: string;
  state: string;
}

/**
 * The reason a rollback must not run, or null: the tenant is locked, or a snapshot it restores is
 * no longer there (deleted by retention or by an admin since the rollback was scheduled).
 */
export function rollbackPrecheckProblem(
  f: Pick<PrecheckFacts, 'tenantState'>,
  plan: { name: string; node: string | null }[],
  snapshotOf: (node: string | null) => RestorableSnapshot | null,
): string | null {
  if (f.tenantState === 'locked') return 'the tenant is locked';
  for (const step of plan) {
    if (step.name !== 'restore') continue;
    const snapshot = snapshotOf(step.node);
    const of = step.node ? ` of ${step.node}` : '';
    if (!snapshot) return `there is no snapshot${of} to restore`;
    if (snapshot.state !== 'available') {
      return `snapshot ${snapshot.id} (${snapshot.externalId})${of} is ${snapshot.state}: it can no longer be restored`;
    }
  }
  return null;
}
