import type { Logger } from '@nestjs/common';

/**
 * One round of a periodic job at a time in this process: a tick that comes while the last round
 * still runs is skipped (the next tick catches up), and a failed round is logged, never thrown, so
 * the timer and the process go on. Replicas coordinate in the database, not here.
 */
export class PeriodicJob {
  private running = false;

  constructor(
    private readonly logger: Logger,
    private readonly failure: string,
  ) {}

  /** Runs `round` unless a round is running; true when it ran (failed or not). */
  async run(round: () => Promise<unknown>): Promise<boolean> {
    if (this.running) return false;
    this.running = true;
    try {
      await round();
    } catch (error) {
      this.logger.error({ err: error }, this.failure);
    } finally {
      this.running = false;
    }
    return true;
  }
}
