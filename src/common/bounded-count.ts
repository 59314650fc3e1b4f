import type { Clock } from './clock';

/**
 * A count that is read often and costs a scan: computed at most once per `intervalMs`; every read
 * in between gets the last result, and reads during a computation wait for that one instead of
 * starting another. A failed computation is not kept (the next read tries again).
 */
export class BoundedCount<T> {
  private last: { value: T; at: number } | null = null;
  private pending: Promise<T> | null = null;

  constructor(
    private readonly compute: () => Promise<T>,
    private readonly clock: Clock,
    private readonly intervalMs: number,
  ) {}

  async read(): Promise<T> {
    const now = this.clock.now().getTime();
    if (this.last && now - this.last.at < this.intervalMs) return this.last.value;
    this.pending ??= this.compute()
      .then((value) => {
        this.last = { value, at: now };
        return value;
      })
      .finally(() => {
        this.pending = null;
      });
    return this.pending;
  }
}
