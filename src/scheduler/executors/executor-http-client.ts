import { Injectable } from '@nestjs/common';
import type { Gauge, Histogram } from 'prom-client';
import { AppConfig } from '../../config/app-config';
import { MetricsService } from '../../metrics/metrics.service';
import { RunStopped } from './executor';

/** Waiting for one of `size` slots, first come first served; a stopped run leaves the queue. */
export class Slots {
  private free: number;
  private readonly queue: (() => void)[] = [];

  constructor(readonly size: number) {
    this.free = size;
  }

  get waiting(): number {
    return this.queue.length;
  }

  get inUse(): number {
    return this.size - this.free;
  }

  /** Resolves with the function that gives the slot back (to the next in the queue, if any). */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (this.free > 0) {
      this.free--;
      return this.releaser();
    }
    await new Promise<void>((resolve, reject) => {
      const wake = () => {
        signal?.removeEventListener('abort', stop);
        resolve();
      };
      const stop = () => {
        this.queue.splice(this.queue.indexOf(wake), 1);
        reject(new RunStopped(signal?.reason));
      };
      if (signal?.aborted) return reject(new RunStopped(signal.reason));
      this.queue.push(wake);
      signal?.addEventListener('abort', stop, { once: true });
    });
    return this.releaser();
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.queue.shift();
      if (next) next();
      else this.free++;
    };
  }
}

export interface PostResult {
  status: number;
  text: string;
}

/**
 * The http executor's HTTP client, one per process: at most EXECUTOR_MAX_IN_FLIGHT requests to
 * deployment APIs at once. A request first waits for a slot; its body (with `sentAt`) is made and
 * its timeout starts only when it has one, so the timeout measures the deployment API, not a queue
 * in front of it. The wait is reported as executor_request_queue_seconds.
 */
@Injectable()
export class ExecutorHttpClient {
  readonly slots: Slots;
  private readonly queueSeconds: Histogram<string>;
  private readonly requestSeconds: Histogram<'outcome'>;

  constructor(config: AppConfig, metrics: MetricsService) {
    this.slots = new Slots(config.executorMaxInFlight);
    this.queueSeconds = metrics.histogram(
      'executor_request_queue_seconds',
      'How long an executor request waited for one of EXECUTOR_MAX_IN_FLIGHT slots',
      [],
      [0.001, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30],
    );
    this.requestSeconds = metrics.histogram(
      'executor_request_seconds',
      'How long the deployment API took to answer, by outcome (answered, timeout, error)',
      ['outcome'],
      [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    );
    const slots = this.slots;
    metrics.gauge(
      'executor_requests_in_flight',
      'Executor requests being sent now',
      [],
      async (g: Gauge<string>) => g.set(slots.inUse),
    );
    metrics.gauge(
      'executor_requests_waiting',
      'Executor requests waiting for a slot',
      [],
      async (g: Gauge<string>) => g.set(slots.waiting),
    );
  }

  /**
   * POSTs `body()` (called once the request has its slot) with `headers(payload)`. Throws a
   * TimeoutError when the deployment API does not answer within `timeoutMs`, RunStopped when the
   * run stops, or the network error.
   */
  async post(
    url: string,
    body: () => string,
    headers: (payload: string) => Record<string, string>,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<PostResult> {
    const queued = performance.now();
    const release = await this.slots.acquire(signal);
    const started = performance.now();
    this.queueSeconds.observe((started - queued) / 1000);
    let outcome = 'error';
    try {
      const payload = body();
      const timeout = AbortSignal.timeout(timeoutMs);
      const res = await fetch(url, {
        method: 'POST',
        headers: headers(payload),
        body: payload,
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      const text = await res.text();
      outcome = 'answered';
      return { status: res.status, text };
    } catch (error) {
      if ((error as Error).name === 'TimeoutError') outcome = 'timeout';
      throw error;
    } finally {
      release();
      this.requestSeconds.observe({ outcome }, (performance.now() - started) / 1000);
    }
  }
}
