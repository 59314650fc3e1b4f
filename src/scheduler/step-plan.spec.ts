import {
  appliedSteps,
  compensationSteps,
  describeStep,
  planSteps,
  progressPercent,
  remainingMs,
} from './step-plan';

const keys = (nodes: string[]) => planSteps(nodes.map((name) => ({ name }))).map((s) => s.key);

describe('the steps of an update', () => {
  it('are precheck, backup, apply, verify for a single-node tenant', () => {
    expect(keys([])).toEqual(['precheck', 'backup', 'apply', 'verify']);
    expect(keys(['only'])).toEqual(['precheck', 'backup@only', 'apply@only', 'verify@only']);
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
    const plan = planSteps([{ name: 'a' }, { name: 'b' }, { name: 'c' }]);
    const done = new Set(['precheck', 'freeze_failover', 'backup@a', 'apply@a', 'verify@a']);
    const { applied, notApplied } = appliedSteps(plan, done);
    expect(applied.map((s) => s.node)).toEqual(['a']);
    expect(notApplied.map((s) => s.node)).toEqual(['b', 'c']);
    expect(appliedSteps(planSteps([]), new Set(['precheck', 'backup'])).applied).toEqual([]);
  });

  it('unfreeze failover after a failure only if it was frozen and not unfrozen yet', () => {
    const plan = planSteps([{ name: 'a' }, { name: 'b' }]);
    expect(compensationSteps(plan, new Set(['precheck']))).toEqual([]);
    expect(compensationSteps(plan, new Set(['precheck', 'freeze_failover', 'backup@a']))).toEqual([
      { key: 'unfreeze_failover', name: 'unfreeze_failover', node: null },
    ]);
    expect(compensationSteps(plan, new Set(plan.map((s) => s.key)))).toEqual([]);
    expect(compensationSteps(planSteps([]), new Set(['precheck']))).toEqual([]);
  });

  it('report progress as completed steps, plus the running step’s own percent', () => {
    const plan = planSteps([]);
    expect(progressPercent(plan, new Set())).toBe(0);
    expect(progressPercent(plan, new Set(['precheck', 'backup']))).toBe(50);
    expect(progressPercent(plan, new Set(['precheck', 'backup']), 50)).toBe(62);
    expect(progressPercent(plan, new Set(plan.map((s) => s.key)), 80)).toBe(100);
  });

  it('estimate what is left from the durations seen before, counting the running step from its start', () => {
    const plan = planSteps([]);
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
