import type { PlannedStep } from './step-plan';
import type { TaskRun } from './task-run';

/** What the log says when a step starts. */
export function startMessage(run: TaskRun, step: PlannedStep): string {
  const t = run.task;
  const on = step.node ? ` on ${step.node}` : '';
  switch (step.name) {
    case 'precheck':
      return `checking that ${t.targetVersion} is still allowed, the tenant has no customizations and is entitled to it`;
    case 'freeze_failover':
      return `freezing failover for a rolling update of ${t.nodes.length} nodes`;
    case 'backup':
      return `taking a backup snapshot${on}`;
    case 'apply':
      return `installing ${t.targetVersion}${on}${t.redeploy ? ' (redeploy: reinstalling even if present)' : ''}`;
    case 'verify':
      return `verifying that ${t.targetVersion} runs${on}`;
    case 'unfreeze_failover':
      return 'unfreezing failover';
  }
}
