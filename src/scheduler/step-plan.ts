import type { TenantNode } from '../tenants/tenant.entity';
import { DEFAULT_UPDATE_STEPS, type UpdateStep } from '../platforms/update-steps';

/** The steps a run can perform, in the order they can occur. */
export const STEP_NAMES = [
  'precheck',
  'freeze_failover',
  'backup',
  'restore',
  'apply',
  'migrate',
  'reboot',
  'verify',
  'unfreeze_failover',
] as const;
export type StepName = (typeof STEP_NAMES)[number];

/** The steps that are repeated for every hop of an upgrade path. */
const HOP_STEPS: readonly StepName[] = ['apply', 'migrate', 'reboot'];

export interface PlannedStep {
  /**
   * Unique within a run; recorded in done_steps. `apply`, `apply@node-b` on an HA tenant, and on a
   * path of several hops the version the hop installs: `apply[13.5.0]@node-b`. An automatic
   * rollback's steps carry the version they return to: `restore[13.2.0]@node-b`.
   */
  key: string;
  name: StepName;
  node: string | null;
  /** The version this step is about (hops and rollbacks); absent: the task's target. */
  version?: string;
  /** The version before it (hops and rollbacks); absent: the task's fromVersion. */
  fromVersion?: string;
}

function step(
  name: StepName,
  node: string | null = null,
  version?: { from: string; to: string; tag: boolean },
): PlannedStep {
  const tag = version?.tag ? `[${version.to}]` : '';
  return {
    key: `${name}${tag}${node ? `@${node}` : ''}`,
    name,
    node,
    ...(version && { version: version.to, fromVersion: version.from }),
  };
}

/** What an update's plan is made from. */
export interface UpdatePlanInput {
  nodes: TenantNode[];
  /** The platform's declared steps (any order; `apply` is always run). */
  steps?: readonly UpdateStep[];
  fromVersion: string;
  /** The versions applied in turn, the last being the target; one element for a direct update. */
  path: string[];
}

/** Rolled out one node after another when the tenant has several. */
function wrapNodes(
  nodes: TenantNode[],
  perNode: (node: string | null) => PlannedStep[],
): PlannedStep[] {
  if (nodes.length <= 1) return perNode(nodes[0]?.name ?? null);
  return [
    step('freeze_failover'),
    ...nodes.flatMap((n) => perNode(n.name)),
    step('unfreeze_failover'),
  ];
}

/**
 * The steps of one tenant's update, from the platform's declared steps. Per node: backup, then for
 * every hop of the path apply, migrate and reboot, then verify. A tenant with several nodes (HA)
 * has failover frozen after the pre-check and unfrozen after the last node, each node backed up,
 * updated and verified in turn.
 */
export function planSteps(input: UpdatePlanInput): PlannedStep[] {
  const declared = new Set<StepName>([...(input.steps ?? DEFAULT_UPDATE_STEPS), 'apply']);
  const tagged = input.path.length > 1;
  const perNode = (node: string | null): PlannedStep[] => {
    const steps: PlannedStep[] = [];
    if (declared.has('backup')) steps.push(step('backup', node));
    let from = input.fromVersion;
    for (const to of input.path) {
      for (const name of HOP_STEPS) {
        if (declared.has(name))
          steps.push(step(name, node, tagged ? { from, to, tag: true } : undefined));
      }
      from = to;
    }
    if (declared.has('verify')) steps.push(step('verify', node));
    return steps;
  };
  return [
    ...(declared.has('precheck') ? [step('precheck')] : []),
    ...wrapNodes(input.nodes, perNode),
  ];
}

/** The steps of a rollback task: precheck, then per node restore, reboot, verify (HA: failover frozen). */
export function planRollback(nodes: TenantNode[]): PlannedStep[] {
  return [
    step('precheck'),
    ...wrapNodes(nodes, (node) => [
      step('restore', node),
      step('reboot', node),
      step('verify', node),
    ]),
  ];
}

/**
 * An automatic rollback (`rollbackOnFailure`) after a step failed: every node that had an apply
 * completed is restored to `fromVersion` from its snapshot, rebooted and verified again, in node
 * order (failover stays frozen; the compensation unfreezes it afterwards). Empty when no apply
 * completed: nothing changed.
 */
export function automaticRollbackSteps(
  plan: PlannedStep[],
  done: ReadonlySet<string>,
  fromVersion: string,
  targetVersion: string,
): PlannedStep[] {
  const { applied } = appliedSteps(plan, done, targetVersion);
  return applied.flatMap(({ node, version }) => {
    const back = (name: StepName) =>
      step(name, node, { from: version ?? targetVersion, to: fromVersion, tag: true });
    return [back('restore'), back('reboot'), back('verify')];
  });
}

/**
 * What must run after a failure or a cancellation: failover frozen and not yet unfrozen is
 * unfrozen again, whatever happened to the nodes.
 */
export function compensationSteps(plan: PlannedStep[], done: ReadonlySet<string>): PlannedStep[] {
  const unfreeze = plan.find((s) => s.name === 'unfreeze_failover');
  return unfreeze && done.has('freeze_failover') && !done.has(unfreeze.key) ? [unfreeze] : [];
}

/** A node's update as far as it went: the version its last completed apply installed. */
export interface NodeApplied {
  node: string | null;
  /** null: no apply of this node completed. */
  version: string | null;
}

/**
 * The nodes of the plan whose update was applied (an apply completed; on a path, as far as the last
 * completed hop) and those that were not: a run that ends without success after an apply completed
 * leaves the tenant (some of its nodes) on a newer version.
 */
export function appliedSteps(
  plan: PlannedStep[],
  done: ReadonlySet<string>,
  targetVersion = '',
): { applied: NodeApplied[]; notApplied: NodeApplied[] } {
  const nodes = new Map<string | null, string | null>();
  for (const s of plan) {
    if (s.name !== 'apply') continue;
    if (!nodes.has(s.node)) nodes.set(s.node, null);
    if (done.has(s.key)) nodes.set(s.node, s.version ?? targetVersion);
  }
  const all = [...nodes].map(([node, version]) => ({ node, version }));
  return {
    applied: all.filter((n) => n.version !== null),
    notApplied: all.filter((n) => n.version === null),
  };
}

/** Percent of the plan completed: completed steps, plus the running step's own percent. */
export function progressPercent(
  plan: PlannedStep[],
  done: ReadonlySet<string>,
  runningStepPercent = 0,
): number {
  if (plan.length === 0) return 100;
  let completed = 0;
  for (const s of plan) if (done.has(s.key)) completed++;
  const partial = Math.min(Math.max(runningStepPercent, 0), 100) / 100;
  return Math.min(
    100,
    Math.floor(((completed + (completed < plan.length ? partial : 0)) / plan.length) * 100),
  );
}

/**
 * How long the run should still take: the expected duration of every step not yet completed (the
 * running one counted from when it started), every hop of a path included. `now` and `startedAt`
 * on the same clock.
 */
export function remainingMs(
  now: number,
  plan: PlannedStep[],
  done: ReadonlySet<string>,
  expectedMs: (name: StepName) => number,
  running?: { key: string; startedAt: number },
): number {
  let remaining = 0;
  for (const s of plan) {
    if (done.has(s.key)) continue;
    const expected = expectedMs(s.name);
    remaining +=
      running && running.key === s.key
        ? Math.max(expected - (now - running.startedAt), 0)
        : expected;
  }
  return Math.round(remaining);
}

/** The step a log line is about, as people read it: `apply (node-b)`, `apply 13.5.0 (node-b)`. */
export function describeStep(
  s: Pick<PlannedStep, 'name' | 'node'> & { key?: string; version?: string },
): string {
  const version = s.key?.includes('[') && s.version ? ` ${s.version}` : '';
  return s.node ? `${s.name}${version} (${s.node})` : `${s.name}${version}`;
}
