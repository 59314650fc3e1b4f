import { appliedSteps, type NodeApplied, type PlannedStep } from './step-plan';
import type { TaskRun } from './task-run';
import { englishReason } from '../notifications/reasons';

export type Outcome = 'succeeded' | 'failed' | 'cancelled';

/** What the log says when a step starts. */
export function startMessage(run: TaskRun, step: PlannedStep): string {
  const t = run.task;
  const on = step.node ? ` on ${step.node}` : '';
  const version = step.version ?? t.targetVersion;
  const hop =
    step.version && step.name !== 'restore' && t.path.length > 1 && step.version !== t.fromVersion
      ? ` (hop ${t.path.indexOf(step.version) + 1} of ${t.path.length}: ${step.fromVersion} -> ${step.version})`
      : '';
  switch (step.name) {
    case 'precheck':
      if (t.kind === 'rollback') {
        return `checking that the tenant is not locked and the snapshots to restore (${t.targetVersion}) still exist`;
      }
      return `checking that ${t.targetVersion} is still allowed, the tenant has no customizations and is entitled to it${t.path.length > 1 ? `; path ${[t.fromVersion, ...t.path].join(' -> ')}` : ''}`;
    case 'freeze_failover':
      return `freezing failover for a rolling update of ${t.nodes.length} nodes`;
    case 'backup':
      return `taking a backup snapshot${on}`;
    case 'restore': {
      const snapshot = run.snapshotOf(step.node);
      return `restoring snapshot ${snapshot?.externalId ?? '(none)'} (${version})${on}`;
    }
    case 'apply':
      return `installing ${version}${on}${hop}${t.redeploy ? ' (redeploy: reinstalling even if present)' : ''}`;
    case 'migrate':
      return `migrating the database to ${version}${on}${hop}`;
    case 'reboot':
      return `rebooting${on} on ${version}${hop}`;
    case 'verify':
      return `verifying that ${version} runs${on}`;
    case 'unfreeze_failover':
      return 'unfreezing failover';
  }
}

/**
 * For a run that ends without success: which nodes it had already updated to the target version
 * (their apply step completed), or null if none. `node-a had been updated to 2.0.0 (not updated:
 * node-b, node-c)`; a tenant without named nodes is "the tenant".
 */
export function partialUpdate(run: TaskRun): string | null {
  const { applied, notApplied } = appliedSteps(run.plan, run.done, run.task.targetVersion);
  if (applied.length === 0) return null;
  const names = (nodes: NodeApplied[]) => nodes.map((s) => s.node ?? 'the tenant').join(', ');
  const rest = notApplied.length > 0 ? ` (not updated: ${names(notApplied)})` : '';
  const versions = [...new Set(applied.map((n) => n.version))];
  if (versions.length === 1) return `${names(applied)} had been updated to ${versions[0]}${rest}`;
  const each = applied.map((n) => `${n.node ?? 'the tenant'} to ${n.version}`).join(', ');
  return `${each} had been updated${rest}`;
}

/**
 * Whether an unsuccessful run leaves the tenant's nodes on different versions (an HA rollout that
 * stopped after some nodes were updated). Only then is the tenant marked failed; otherwise it goes
 * back to its previous state, as any failed update does.
 */
export function leavesMixedVersions(run: TaskRun): boolean {
  const { applied, notApplied } = appliedSteps(run.plan, run.done, run.task.targetVersion);
  return applied.length > 0 && notApplied.length > 0;
}

/** The last line of a run's log: how it ended, and where that leaves the tenant. */
export function endMessage(
  run: TaskRun,
  status: Outcome,
  error: string | null,
  tenantFailed: boolean,
): string {
  const t = run.task;
  const prior = t.tenantPriorState ?? 'active';
  if (status === 'succeeded') {
    return t.kind === 'rollback'
      ? `succeeded: rolled back; the tenant now runs ${t.targetVersion} again (restored from its snapshots)`
      : `succeeded: the tenant now runs ${t.targetVersion}`;
  }
  if (run.rolledBack) {
    return `failed: ${error}; the update was rolled back and the tenant is back to ${prior} on ${t.installedVersion}`;
  }
  if (status === 'cancelled') {
    return `cancelled: ${englishReason(run.cancelReason) ?? 'by an admin'}; the tenant is back to ${prior}`;
  }
  if (tenantFailed) {
    return `failed: ${error}; the tenant is marked failed (its version stays ${t.installedVersion} until a retry finishes the update)`;
  }
  return `failed: ${error}; the tenant is back to ${prior}`;
}
