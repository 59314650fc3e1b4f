import type { TenantNode, TenantSimulation, TenantState } from '../tenants/tenant.entity';
import type { VersionChannel } from '../versions/software-version.entity';
import type { ExecutorSettings } from './executors/executors';
import type { UpdateStep } from '../platforms/update-steps';

/** A snapshot a run may restore (its own backups, or for a rollback the snapshots it restores). */
export interface RunSnapshot {
  id: string;
  externalId: string;
  node: string | null;
  version: string;
  state: string;
}

export type TaskKind = 'update' | 'rollback';

/** Everything a run needs about its task, its tenant and its platform, read when it is claimed. */
export interface ClaimedTask {
  id: string;
  tenantId: string;
  platformId: string;
  fromVersion: string;
  targetVersion: string;
  redeploy: boolean;
  forced: boolean;
  allowDowngrade: boolean;
  attempts: number;
  run: number;
  runAttempts: number;
  doneSteps: string[];
  tenantPriorState: TenantState | null;
  cancelRequested: boolean;
  cancelReason: string | null;
  expectedDurationMinutes: number;
  tenantName: string;
  installedVersion: string;
  customizations: boolean;
  autoUpdateAllowed: boolean;
  nodes: TenantNode[];
  simulate: TenantSimulation | null;
  channel: VersionChannel | null;
  /** The role of whoever created the task's batch; null without one (task-policy.ts). */
  createdByRole: string | null;
  executor: ExecutorSettings;
  kind: TaskKind;
  /** The versions applied in turn (the last is the target). */
  path: string[];
  updateSteps: UpdateStep[];
  snapshotRetentionDays: number;
  rollbackOf: string | null;
  rollbackOnFailure: boolean;
  /** Newest last. */
  snapshots: RunSnapshot[];
}

/** The row ClaimsRepository.load reads (task, tenant, platform, version, batch); its snapshots apart. */
export interface ClaimedTaskRow {
  id: string;
  tenant_id: string;
  platform_id: string;
  from_version: string;
  target_version: string;
  redeploy: boolean;
  forced: boolean;
  allow_downgrade: boolean;
  attempts: number;
  run: number;
  run_attempts: number;
  done_steps: string[];
  tenant_prior_state: TenantState | null;
  cancel_requested: boolean;
  cancel_reason: string | null;
  expected_duration_minutes: number;
  tenant_name: string;
  software_version: string;
  customizations: boolean;
  auto_update_allowed: boolean;
  nodes: TenantNode[] | null;
  simulate: TenantSimulation | null;
  channel: VersionChannel | null;
  created_by_role: string | null;
  executor_driver: ExecutorSettings['driver'];
  executor_url: string | null;
  executor_secret: string | null;
  kind: TaskKind;
  path: string[] | null;
  update_steps: UpdateStep[];
  snapshot_retention_days: number;
  rollback_of: string | null;
  rollback_on_failure: boolean;
}

/** `tenantPriorState`: the row's, unless the caller knows better (a claim that set it: readyToRun). */
export function toClaimedTask(
  r: ClaimedTaskRow,
  snapshots: RunSnapshot[],
  tenantPriorState: TenantState | null = r.tenant_prior_state,
): ClaimedTask {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    platformId: r.platform_id,
    fromVersion: r.from_version,
    targetVersion: r.target_version,
    redeploy: r.redeploy,
    forced: r.forced,
    allowDowngrade: r.allow_downgrade,
    attempts: r.attempts,
    run: r.run,
    runAttempts: r.run_attempts,
    doneSteps: r.done_steps,
    tenantPriorState,
    cancelRequested: r.cancel_requested,
    cancelReason: r.cancel_reason,
    expectedDurationMinutes: r.expected_duration_minutes,
    tenantName: r.tenant_name,
    installedVersion: r.software_version,
    customizations: r.customizations,
    autoUpdateAllowed: r.auto_update_allowed,
    nodes: r.nodes ?? [],
    simulate: r.simulate,
    channel: r.channel,
    createdByRole: r.created_by_role,
    executor: {
      driver: r.executor_driver,
      url: r.executor_url,
      secret: r.executor_secret,
    },
    kind: r.kind,
    path: r.path && r.path.length > 0 ? r.path : [r.target_version],
    updateSteps: r.update_steps,
    snapshotRetentionDays: r.snapshot_retention_days,
    rollbackOf: r.rollback_of,
    rollbackOnFailure: r.rollback_on_failure,
    snapshots,
  };
}
