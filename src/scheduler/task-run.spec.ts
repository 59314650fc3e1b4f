import type { ClaimedTask } from './claimed-task';
import { RunStopped } from './executors/executor';
import { TaskRun } from './task-run';

const task = {
  id: 't',
  kind: 'update',
  nodes: [],
  updateSteps: ['precheck', 'apply'],
  fromVersion: '1.0.0',
  path: ['2.0.0'],
  doneSteps: [],
  cancelRequested: false,
  cancelReason: null,
  snapshots: [],
} as unknown as ClaimedTask;

/**
 * A run's stop signals are made only when something asks for one: a signal asked for after the
 * run was stopped is aborted already, with the reason it was stopped for.
 */
describe('the stop signals of a run', () => {
  it('a phase signal asked for after a cancellation is aborted with it; a halt aborts the phase', () => {
    const run = new TaskRun(task, 60_000);
    run.cancelPhase();
    expect(run.signal.aborted).toBe(true);
    expect(run.signal.reason).toBe('cancel');
    expect(run.haltSignal.aborted).toBe(false);
    expect(() => run.check()).toThrow(new RunStopped('cancel'));
    expect(() => run.throwIfPhaseStopped()).toThrow(new RunStopped('cancel'));
    expect(() => new TaskRun(task, 60_000).throwIfPhaseStopped()).not.toThrow();

    const halted = new TaskRun(task, 60_000);
    const phase = halted.signal;
    halted.stop('lease-lost');
    expect(phase.aborted).toBe(true);
    expect(phase.reason).toBe('lease-lost');
    expect(halted.haltSignal.reason).toBe('lease-lost');
    expect(halted.haltReason).toBe('lease-lost');
  });

  it('a new phase after a cancellation has a signal of its own; the old one stays aborted', () => {
    const run = new TaskRun(task, 60_000);
    const first = run.signal;
    run.cancelPhase();
    run.nextPhase();
    expect(first.aborted).toBe(true);
    expect(run.signal.aborted).toBe(false);
    expect(() => run.check()).not.toThrow();
    run.stop('shutdown');
    expect(() => run.nextPhase()).toThrow(new RunStopped('shutdown'));
  });

  it('unlessHalted: the promise’s outcome, or RunStopped once the run halts first', async () => {
    const run = new TaskRun(task, 60_000);
    await expect(run.unlessHalted(Promise.resolve(7))).resolves.toBe(7);
    await expect(run.unlessHalted(Promise.reject(new Error('no')))).rejects.toThrow('no');
    const waiting = run.unlessHalted(new Promise(() => undefined));
    run.stop('lease-lost');
    await expect(waiting).rejects.toEqual(new RunStopped('lease-lost'));
    await expect(run.unlessHalted(Promise.resolve(1))).rejects.toEqual(
      new RunStopped('lease-lost'),
    );
  });

  it('a lease that can no longer be trusted stops the run at its next check', () => {
    const run = new TaskRun(task, -1);
    expect(() => run.check()).toThrow(new RunStopped('lease-lost'));
    expect(run.haltReason).toBe('lease-lost');
  });
});
