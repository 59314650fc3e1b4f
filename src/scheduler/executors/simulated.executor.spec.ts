import type { StepContext, StepRequest } from './executor';
import { RunStopped, throwIfStopped } from './executor';
import { SimulatedExecutor } from './simulated.executor';

const request = (
  step: StepRequest['step'],
  node: string | null = null,
  failStep?: string,
): StepRequest => ({
  taskId: 't',
  run: 1,
  attempt: 1,
  step,
  node,
  stepKey: node ? `${step}@${node}` : step,
  tenant: { id: 'x', name: 'x', nodes: [] },
  platformId: 'p',
  fromVersion: '1.0.0',
  targetVersion: '2.0.0',
  path: ['1.0.0', '2.0.0'],
  snapshotId: null,
  redeploy: false,
  simulate: failStep ? { failStep } : null,
});
const context = (signal = new AbortController().signal): StepContext => ({
  signal,
  throwIfStopped: () => throwIfStopped(signal),
  progress: () => undefined,
  waitForReport: async () => null,
});

describe('the simulated executor', () => {
  const executor = new SimulatedExecutor({ stepMs: 0, durations: {}, failureRates: {} });

  it('succeeds every step by default', async () => {
    expect(await executor.runStep(request('apply'), context())).toEqual({ ok: true });
  });

  it("fails the tenant's simulate.failStep: a step name (first occurrence) or a step key", async () => {
    expect((await executor.runStep(request('apply', null, 'apply'), context())).ok).toBe(false);
    expect((await executor.runStep(request('apply', 'b', 'apply@b'), context())).ok).toBe(false);
    expect((await executor.runStep(request('apply', 'a', 'apply@b'), context())).ok).toBe(true);
  });

  it('fails a step name at the configured rate', async () => {
    const flaky = new SimulatedExecutor(
      { stepMs: 0, durations: {}, failureRates: { verify: 0.25 } },
      () => 0.2,
    );
    expect(await flaky.runStep(request('verify'), context())).toEqual({
      ok: false,
      message: 'simulated failure at verify (SIMULATED_FAILURE_RATES verify=0.25)',
    });
    expect((await flaky.runStep(request('apply'), context())).ok).toBe(true);
  });

  it('takes the configured time per step and stops at once when aborted', async () => {
    const slow = new SimulatedExecutor({
      stepMs: 1,
      durations: { apply: 60_000 },
      failureRates: {},
    });
    const controller = new AbortController();
    const running = slow.runStep(request('apply'), context(controller.signal));
    controller.abort('cancel');
    await expect(running).rejects.toEqual(new RunStopped('cancel'));
    expect(await slow.abort(request('apply'))).toEqual({
      outcome: 'cancelled',
      message: 'the simulated executor stopped apply',
    });
  });
});
