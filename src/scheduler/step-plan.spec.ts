import type { UpdateStep } from '../platforms/update-steps';
import {
  appliedSteps,
  automaticRollbackSteps,
  compensationSteps,
  describeStep,
  planRollback,
  planSteps,
  progressPercent,
  remainingMs,
} from './step-plan';

const FOUR = ['precheck', 'backup', 'apply', 'verify'] as const;
const nodesOf = (nodes: string[]) => nodes.map((name) => ({ name }));
const planOf = (nodes: string[], steps: readonly UpdateStep[] = FOUR, path = ['2.0.0']) =>
  planSteps({ nodes: nodesOf(nodes), steps, fromVersion: '1.0.0', path });
const planSteps4 = (nodes: { name: string }[]) =>
  planSteps({ nodes, steps: FOUR, fromVersion: '1.0.0', path: ['2.0.0'] });
const keys = (nodes: string[], steps?: readonly UpdateStep[], path?: string[]) =>
  planOf(nodes, steps, path).map((s) => s.key);

describe('the steps of an update', () => {
  it('are precheck, backup, apply, verify for a single-node tenant', () => {
    expect(keys([])).toEqual(['precheck', 'backup', 'apply', 'verify']);
    expect(keys(['only'])).toEqual(['precheck', 'backup@only', 'apply@only', 'verify@only']);
  });

  it("are the platform's declared steps in their order; by default with a reboot after apply", () => {
    expect(
      planSteps({ nodes: [], fromVersion: '1.0.0', path: ['2.0.0'] }).map((s) => s.key),
    ).toEqual(['precheck', 'backup', 'apply', 'reboot', 'verify']);
    expect(keys([], ['verify', 'migrate', 'apply', 'precheck'])).toEqual([
      'precheck',
      'apply',
      'migrate',
      'verify',
    ]);
    // apply always runs, even when a platform leaves it out
    expect(keys([], ['precheck'])).toEqual(['precheck', 'apply']);
  });

  it('apply a path hop by hop, each with its own keyed apply, migrate and reboot', () => {
    const steps: UpdateStep[] = ['precheck', 'backup', 'apply', 'migrate', 'reboot', 'verify'];
    const hops = planOf([], steps, ['13.5.0', '13.9.0', '14.0.0']);
    expect(hops.map((s) => s.key)).toEqual([
      'precheck',
      'backup',
      'apply[13.5.0]',
      'migrate[13.5.0]',
      'reboot[13.5.0]',
      'apply[13.9.0]',
      'migrate[13.9.0]',
      'reboot[13.9.0]',
      'apply[14.0.0]',
      'migrate[14.0.0]',
      'reboot[14.0.0]',
      'verify',
    ]);
    expect(hops[5]).toMatchObject({ name: 'apply', version: '13.9.0', fromVersion: '13.5.0' });
    expect(describeStep(hops[5])).toBe('apply 13.9.0');
    // HA: every node goes through every hop before the next node starts
    expect(keys(['a', 'b'], ['apply', 'reboot'], ['1.5.0', '2.0.0'])).toEqual([
      'freeze_failover',
      'apply[1.5.0]@a',
      'reboot[1.5.0]@a',
      'apply[2.0.0]@a',
      'reboot[2.0.0]@a',
      'apply[1.5.0]@b',
      'reboot[1.5.0]@b',
      'apply[2.0.0]@b',
      'reboot[2.0.0]@b',
      'unfreeze_failover',
    ]);
  });

  it('of a rollback are precheck, then restore, reboot, verify node by node', () => {
    expect(planRollback([]).map((s) => s.key)).toEqual(['precheck', 'restore', 'reboot', 'verify']);
    expect(planRollback(nodesOf(['a', 'b'])).map((s) => s.key)).toEqual([
      'precheck',
      'freeze_failover',
      'restore@a',
      'reboot@a',
      'verify@a',
      'restore@b',
      'reboot@b',
      'verify@b',
      'unfreeze_failover',
    ]);
  });

  it('roll back automatically exactly the nodes whose apply completed', () => {
    const ha = planOf(['a', 'b', 'c']);
    const done = new Set([
      'precheck',
      'freeze_failover',
      'backup@a',
      'apply@a',
      'verify@a',
      'backup@b',
      'apply@b',
    ]);
    const back = automaticRollbackSteps(ha, done, '1.0.0', '2.0.0');
    expect(back.map((s) => s.key)).toEqual([
      'restore[1.0.0]@a',
      'reboot[1.0.0]@a',
      'verify[1.0.0]@a',
      'restore[1.0.0]@b',
      'reboot[1.0.0]@b',
      'verify[1.0.0]@b',
    ]);
    expect(back[0]).toMatchObject({ version: '1.0.0', fromVersion: '2.0.0' });
    expect(automaticRollbackSteps(ha, new Set(['precheck', 'backup@a']), '1.0.0', '2.0.0')).toEqual(
      [],
    );
  });

  it('roll an HA tenant node by node between freezing and unfreezing failover', () => {
    expect(keys(['a', 'b'])).toEqual([
      'precheck',
      'freeze_failover',
      'backup@a',
      'apply@a',
      'verify@a',
      'backup@b',
      'apply@b',
      'verify@b',
      'unfreeze_failover',
    ]);
  });

  it('tell which nodes a run had updated (apply completed) and which it had not', () => {
    const plan = planSteps4([{ name: 'a' }, { name: 'b' }, { name: 'c' }]);
    const done = new Set(['precheck', 'freeze_failover', 'backup@a', 'apply@a', 'verify@a']);
    const { applied, notApplied } = appliedSteps(plan, done, '2.0.0');
    expect(applied).toEqual([{ node: 'a', version: '2.0.0' }]);
    expect(notApplied.map((s) => s.node)).toEqual(['b', 'c']);
    expect(appliedSteps(planSteps4([]), new Set(['precheck', 'backup'])).applied).toEqual([]);
    const path = planOf([], FOUR, ['1.5.0', '2.0.0']);
    expect(appliedSteps(path, new Set(['precheck', 'backup', 'apply[1.5.0]'])).applied).toEqual([
      { node: null, version: '1.5.0' },
    ]);
  });

  it('unfreeze failover after a failure only if it was frozen and not unfrozen yet', () => {
    const plan = planSteps4([{ name: 'a' }, { name: 'b' }]);
    expect(compensationSteps(plan, new Set(['precheck']))).toEqual([]);
    expect(compensationSteps(plan, new Set(['precheck', 'freeze_failover', 'backup@a']))).toEqual([
      { key: 'unfreeze_failover', name: 'unfreeze_failover', node: null },
    ]);
    expect(compensationSteps(plan, new Set(plan.map((s) => s.key)))).toEqual([]);
    expect(compensationSteps(planSteps4([]), new Set(['precheck']))).toEqual([]);
  });

  it('report progress as completed steps, plus the running step’s own percent', () => {
    const plan = planSteps4([]);
    expect(progressPercent(plan, new Set())).toBe(0);
    expect(progressPercent(plan, new Set(['precheck', 'backup']))).toBe(50);
    expect(progressPercent(plan, new Set(['precheck', 'backup']), 50)).toBe(62);
    expect(progressPercent(plan, new Set(plan.map((s) => s.key)), 80)).toBe(100);
  });

  it('estimate what is left from the durations seen before, counting the running step from its start', () => {
    const plan = planSteps4([]);
    const seen = { precheck: 100, backup: 1_000, apply: 10_000, verify: 500 } as Record<
      string,
      number
    >;
    const expected = (name: string) => seen[name];
    expect(remainingMs(0, plan, new Set(), expected)).toBe(11_600);
    const done = new Set(['precheck', 'backup']);
    expect(remainingMs(4_000, plan, done, expected, { key: 'apply', startedAt: 0 })).toBe(6_500);
    // A step running longer than expected counts as about to end, not as negative time.
    expect(remainingMs(60_000, plan, done, expected, { key: 'apply', startedAt: 0 })).toBe(500);
  });

  it('name a step as people read it', () => {
    expect(describeStep({ name: 'apply', node: 'node-b' })).toBe('apply (node-b)');
    expect(describeStep({ name: 'precheck', node: null })).toBe('precheck');
  });
});
