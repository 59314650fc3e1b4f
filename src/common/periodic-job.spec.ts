import { Logger } from '@nestjs/common';
import { PeriodicJob } from './periodic-job';

class RecordingLogger extends Logger {
  readonly errors: unknown[][] = [];
  override error(...args: unknown[]): void {
    this.errors.push(args);
  }
}

describe('PeriodicJob', () => {
  it('skips a tick while a round runs, then runs again', async () => {
    const job = new PeriodicJob(new RecordingLogger(), 'round failed');
    let release!: () => void;
    const first = job.run(() => new Promise<void>((resolve) => (release = resolve)));
    expect(await job.run(async () => undefined)).toBe(false);
    release();
    expect(await first).toBe(true);
    let ran = false;
    expect(await job.run(async () => (ran = true))).toBe(true);
    expect(ran).toBe(true);
  });

  it('logs a failed round instead of throwing, and runs the next one', async () => {
    const logger = new RecordingLogger();
    const job = new PeriodicJob(logger, 'round failed');
    const error = new Error('connection lost');
    expect(
      await job.run(async () => {
        throw error;
      }),
    ).toBe(true);
    expect(logger.errors).toEqual([[{ err: error }, 'round failed']]);
    expect(await job.run(async () => undefined)).toBe(true);
  });
});
