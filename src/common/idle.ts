/**
 * The pause of a polling loop that a wake-up ends early (a NOTIFY arrived). A wake-up that comes
 * while the loop is busy is remembered, so the next pause returns at once and nothing waits a poll.
 */
export class Idle {
  private woken = false;
  private wake: (() => void) | null = null;

  wakeUp(): void {
    this.woken = true;
    this.wake?.();
  }

  /** Resolves after `ms`, or at the next wake-up, or at once if one came since the last pause. */
  for(ms: number): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        this.woken = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}
