/** SQLSTATE classes that no retry can cure: data exceptions, integrity, syntax and access. */
const PERMANENT = /^(22|23|42)/;
const GIVE_UP_AFTER = 3;

/**
 * Whether an error is a bug (in the statement, or in the code that builds it: a TypeError or
 * RangeError thrown before the database is reached), not a lost connection or a busy server.
 */
export function isPermanent(error: unknown): boolean {
  if (error instanceof TypeError || error instanceof RangeError) return true;
  const code = (error as { driverError?: { code?: string }; code?: string }).driverError?.code;
  return typeof code === 'string' && PERMANENT.test(code);
}

/** The wait before the next try of a write that failed `failures` times in a row. */
export function backoff(failures: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 25 * 2 ** failures)));
}

/**
 * Collects writes from many concurrent runs and commits them together: one flush at a time, each
 * taking everything queued since the last (so the busier the process, the bigger the batches).
 * A flush that fails because the database is unreachable is retried with backoff until it works,
 * so submit() does not reject; a caller that must give up races it with its own abort signal. A
 * batch that fails with a permanent error a few times is tried again one item at a time, in
 * order, so that one write the database refuses does not take the others down with it; an item
 * that fails so on its own is given up: it gets `failed(item)`.
 */
export class GroupCommit<I, R> {
  private queue: { item: I; resolve: (r: R) => void }[] = [];
  private flushing = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly flush: (items: I[]) => Promise<R[]>,
    private readonly onError: (error: unknown, failures: number) => void,
    private readonly failed: (item: I) => R,
    private readonly maxBatch = 1000,
  ) {}

  submit(item: I): Promise<R> {
    return new Promise((resolve) => {
      this.queue.push({ item, resolve });
      if (!this.flushing) {
        this.flushing = true;
        // Everything submitted in this turn of the event loop goes in the first batch.
        setImmediate(() => void this.drain());
      }
    });
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Resolves when every write submitted so far is committed. */
  idle(): Promise<void> {
    if (!this.flushing && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async drain(): Promise<void> {
    let failures = 0;
    /** Items at the head of the queue still to be tried one at a time. */
    let alone = 0;
    while (this.queue.length > 0) {
      const batch = this.queue.slice(0, alone > 0 ? 1 : this.maxBatch);
      try {
        const results = await this.flush(batch.map((b) => b.item));
        this.queue.splice(0, batch.length);
        batch.forEach((b, i) => b.resolve(results[i]));
        failures = 0;
        if (alone > 0) alone--;
      } catch (error) {
        failures++;
        this.onError(error, failures);
        if (isPermanent(error) && failures >= GIVE_UP_AFTER) {
          failures = 0;
          if (batch.length > 1) {
            alone = batch.length;
            continue;
          }
          this.queue.splice(0, 1);
          batch[0].resolve(this.failed(batch[0].item));
          if (alone > 0) alone--;
          continue;
        }
        await backoff(failures);
      }
    }
    this.flushing = false;
    for (const wake of this.idleWaiters.splice(0)) wake();
  }
}
