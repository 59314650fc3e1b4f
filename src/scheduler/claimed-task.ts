import type { TenantNode, TenantSimulation, TenantState } from '../tenants/tenant.entity';
import type { VersionChannel } from '../versions/software-version.entity';
import type { ExecutorSettings } from './executors/executors';

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
  scheduledByPlatformAdmin: boolean;
  executor: ExecutorSettings;
}

type Row = Record<string, unknown>;

export function toClaimedTask(r: Row): ClaimedTask {
  return {
    id: r.id as string,
    tenantId: r.tenant_id as string,
    platformId: r.platform_id as string,
    fromVersion: r.from_version as string,
    targetVersion: r.target_version as string,
    redeploy: r.redeploy as boolean,
    forced: r.forced as boolean,
    allowDowngrade: r.allow_downgrade as boolean,
    attempts: r.attempts as number,
    run: r.run as number,
    runAttempts: r.run_attempts as number,
    doneSteps: r.done_steps as string[],
    tenantPriorState: (r.tenant_prior_state as TenantState | null) ?? null,
    cancelRequested: r.cancel_requested as boolean,
    cancelReason: (r.cancel_reason as string | null) ?? null,
    expectedDurationMinutes: r.expected_duration_minutes as number,
    tenantName: r.tenant_name as string,
    installedVersion: r.software_version as string,
    customizations: r.customizations as boolean,
    autoUpdateAllowed: r.auto_update_allowed as boolean,
    nodes: (r.nodes as TenantNode[]) ?? [],
    simulate: (r.simulate as TenantSimulation | null) ?? null,
    channel: (r.channel as VersionChannel | null) ?? null,
    scheduledByPlatformAdmin: r.by_platform_admin as boolean,
    executor: {
      driver: (r.executor_driver as ExecutorSettings['driver']) ?? null,
      url: (r.executor_url as string | null) ?? null,
      secret: (r.executor_secret as string | null) ?? null,
    },
  };
}
