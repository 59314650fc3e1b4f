import type { TenantNode } from '../tenants/tenant.entity';

/** The steps of an update, in the order they can occur. */
export const STEP_NAMES = [
  'precheck',
  'freeze_failover',
  'backup',
  'apply',
  'verify',
  'unfreeze_failover',
] as const;
export type StepName = (typeof STEP_NAMES)[number];

export interface PlannedStep {
  /** Unique within a run: `apply`, or `apply@node-b` on an HA tenant. Recorded in done_steps. */
  key: string;
  name: StepName;
  node: string | null;
}

function step(name: StepName, node: string | null = null): PlannedStep {
  return { key: node ? `${name}@${node}` : name, name, node };
}

/**
 * The steps of one tenant's update. A single node: precheck, backup, apply, verify. Several nodes
 * (HA): failover is frozen after the pre-checks, each node is backed up, updated and verified in
 * turn, and failover is unfrozen after the last node.
 */
export function planSteps(nodes: TenantNode[]): PlannedStep[] {
  if (nodes.length <= 1) {
    const node = nodes[0]?.name ?? null;
    return [step('precheck'), step('backup', node), step('apply', node), step('verify', node)];
  }
  return [
    step('precheck'),
    step('freeze_failover'),
    ...nodes.flatMap((n) => [
      step('backup', n.name),
      step('apply', n.name),
      step('verify', n.name),
    ]),
    step('unfreeze_failover'),
  ];
}

/**
 * What must run after a failure or a cancellation: failover frozen and not yet unfrozen is
 * unfrozen again, whatever happened to the nodes.
 */
export function compensationSteps(plan: PlannedStep[], done: ReadonlySet<string>): PlannedStep[] {
  const unfreeze = plan.find((s) => s.name === 'unfreeze_failover');
  return unfreeze && done.has('freeze_failover') && !done.has(unfreeze.key) ? [unfreeze] : [];
}

/**
 * The apply steps of the plan that completed and those that did not: a run that ends without
 * success after an apply completed leaves the tenant (some of its nodes) on the target version.
 */
export function appliedSteps(
  plan: PlannedStep[],
  done: ReadonlySet<string>,
): { applied: PlannedStep[]; notApplied: PlannedStep[] } {
  const applies = plan.filter((s) => s.name === 'apply');
  return {
    applied: applies.filter((s) => done.has(s.key)),
    notApplied: applies.filter((s) => !done.has(s.key)),
  };
}

/** Percent of the plan completed: completed steps, plus the running step's own percent. */
export function progressPercent(
  plan: PlannedStep[],
  done: ReadonlySet<string>,
  runningStepPercent = 0,
): number {
  if (plan.length === 0) return 100;
  const completed = plan.filter((s) => done.has(s.key)).length;
  const partial = Math.min(Math.max(runningStepPercent, 0), 100) / 100;
  return Math.min(
    100,
    Math.floor(((completed + (completed < plan.length ? partial : 0)) / plan.length) * 100),
  );
}

/**
 * How long the run should still take: the expected duration of every step not yet completed (the
 * running one counted from when it started). `now` and `startedAt` on the same clock.
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

/** The step a log line is about, as people read it: `apply (node-b)`. */
export function describeStep(s: Pick<PlannedStep, 'name' | 'node'>): string {
  return s.node ? `${s.name} (${s.node})` : s.name;
}
