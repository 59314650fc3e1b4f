import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import * as os from 'node:os';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { type Tx, Transactions } from '../database/transactions';
import { OutboxListener } from '../notifications/outbox-listener';
import {
  WEBHOOK_CHANNEL,
  WebhookOutboxRepository,
} from '../notifications/webhook-outbox.repository';
import {
  type AttemptResult,
  type ClaimedDelivery,
  WebhookDeliveriesRepository,
} from './webhook-deliveries.repository';
import { WebhookClient } from './webhook-client';
import { WebhookFailures } from './webhook-failures.service';
import { signedHeaders } from './signing';
import { Idle } from '../common/idle';

/** A claim's lease outlasts the request's timeout by this much. */
const LEASE_MARGIN_MS = 30_000;
/** Results written in one transaction at most. */
const MAX_GROUP = 500;
/** Deliveries claimed per request slot (queued in the process until a slot is free). */
const CLAIM_AHEAD = 8;
/** Tasks of a batch's fan-out row expanded into deliveries per transaction. */
const EXPAND_CHUNK = 2_000;

/**
 * When the next attempt is due after `attempts` failed ones: WEBHOOK_RETRY_SCHEDULE gives the
 * seconds before each retry; null once it is used up (the delivery has failed).
 */
export function nextAttemptAt(attempts: number, schedule: number[], now: Date): Date | null {
  const seconds = schedule[attempts - 1];
  return seconds === undefined ? null : new Date(now.getTime() + seconds * 1000);
}

/**
 * Sends the webhook outbox (docs/webhooks.md). Runs wherever WEBHOOK_SENDER_ENABLED (default: where
 * the scheduler runs); any number of processes may run against one database: deliveries are
 * claimed with SKIP LOCKED under a lease, so each is sent by one process at a time, and one whose
 * sender stopped mid-delivery is claimed again when its lease lapses (at least once). Requests run
 * side by side up to WEBHOOK_CONCURRENCY, at most WEBHOOK_ENDPOINT_CONCURRENCY per endpoint, so a
 * slow receiver holds only its own deliveries.
 */
@Injectable()
export class WebhookSender implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(WebhookSender.name);
  readonly instance = `${os.hostname()}/${process.pid}/${randomBytes(3).toString('hex')}`;
  private readonly listener: OutboxListener;
  private readonly inFlight = new Map<string, Promise<void>>();
  /** Deliveries done (result written, or abandoned) since the start: drain() looks for new ones. */
  private finishedCount = 0;
  /** Claimed deliveries not answered yet (queued or being sent), per endpoint and in all. */
  private readonly held = new Map<string, number>();
  private heldTotal = 0;
  /** Claimed deliveries waiting for a request slot, per endpoint, in order of writing. */
  private readonly queues = new Map<string, QueuedSend[]>();
  /** Requests in flight, per endpoint and in all. */
  private readonly active = new Map<string, number>();
  private requests = 0;
  private readonly finished: Queued[] = [];
  private flushing: Promise<void> | null = null;
  private readonly abort = new AbortController();
  private running: Promise<void> | null = null;
  private stopping = false;
  private readonly idle = new Idle();

  constructor(
    private readonly config: AppConfig,
    private readonly db: Transactions,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly client: WebhookClient,
    private readonly failures: WebhookFailures,
    private readonly clock: Clock,
    private readonly outbox: WebhookOutboxRepository,
  ) {
    this.listener = new OutboxListener(config);
  }

  onApplicationBootstrap(): void {
    if (!this.config.webhookSenderEnabled) return;
    void this.listener.start(() => this.wakeUp(), WEBHOOK_CHANNEL);
    this.running = this.loop();
  }

  /** Requests in flight are abandoned; their deliveries are claimed again when the lease lapses. */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    this.abort.abort();
    this.wakeUp();
    await this.running;
    await this.releaseQueued();
    await Promise.allSettled([...this.inFlight.values()]);
    await this.listener.stop();
  }

  /**
   * Sends everything that is due now and returns once every request it made is done (tests and
   * benchmarks drive the sender this way when it does not run on its own). Like the loop, it claims
   * again whenever a delivery is done, so a slow receiver holds only its own deliveries. Returns
   * how many attempts were made.
   */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const finishedBefore = this.finishedCount;
      const expanded = await this.expandFanout();
      const started = await this.startDue();
      total += started;
      if (expanded > 0 || started > 0) continue;
      // A delivery that finished while this round claimed may have made its task's next event
      // claimable after the claim looked: one more round before returning.
      if (this.finishedCount !== finishedBefore) continue;
      if (this.inFlight.size === 0) return total;
      // The first delivery done may make more claimable (its task's next event, a claim slot).
      await Promise.race(this.inFlight.values());
    }
  }

  wakeUp(): void {
    this.idle.wakeUp();
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      let started = 0;
      let expanded = 0;
      try {
        expanded = await this.expandFanout();
      } catch (err) {
        this.logger.error({ err }, 'expanding webhook fan-out rows failed; trying again shortly');
      }
      try {
        started = await this.startDue();
      } catch (err) {
        this.logger.error({ err }, 'claiming webhook deliveries failed; trying again shortly');
      }
      if (!this.stopping && started === 0 && expanded === 0)
        await this.idle.for(this.config.webhookPollMs);
    }
  }

  /**
   * Expands one chunk of a new batch's fan-out row into deliveries (before claiming, so a batch's
   * deliveries are written as soon as a sender is free). Returns the tasks read (0: none pending).
   */
  private async expandFanout(): Promise<number> {
    if (this.stopping) return 0;
    return this.db.run((tx) => this.outbox.expandNext(tx, EXPAND_CHUNK));
  }

  /**
   * Claims due deliveries and queues them per endpoint. A process claims ahead of its request slots
   * (up to CLAIM_AHEAD × WEBHOOK_ENDPOINT_CONCURRENCY per endpoint, CLAIM_AHEAD ×
   * WEBHOOK_CONCURRENCY in all), so one claim serves many requests; requests still run at most
   * WEBHOOK_ENDPOINT_CONCURRENCY per endpoint and WEBHOOK_CONCURRENCY in all.
   */
  private async startDue(): Promise<number> {
    const free = Math.min(
      CLAIM_AHEAD * this.config.webhookConcurrency - this.heldTotal,
      // Results waiting for their transaction hold claims too: the sender never runs far ahead.
      2 * CLAIM_AHEAD * this.config.webhookConcurrency - this.inFlight.size,
    );
    if (free <= 0 || this.stopping) return 0;
    const now = this.clock.now();
    const claimed = await this.db.run((tx) =>
      this.deliveries.claim(tx, {
        now,
        owner: this.instance,
        // A queued delivery starts only while its lease outlasts the request (see send).
        leaseExpiresAt: new Date(now.getTime() + this.config.webhookTimeoutMs + LEASE_MARGIN_MS),
        limit: free,
        inFlight: this.held,
        perEndpoint: CLAIM_AHEAD * this.config.webhookEndpointConcurrency,
      }),
    );
    for (const delivery of claimed) {
      this.heldTotal++;
      this.held.set(delivery.endpointId, (this.held.get(delivery.endpointId) ?? 0) + 1);
      let resolve!: () => void;
      const done = new Promise<void>((r) => (resolve = r));
      const queue = this.queues.get(delivery.endpointId) ?? [];
      queue.push({ delivery, resolve });
      this.queues.set(delivery.endpointId, queue);
      this.inFlight.set(delivery.id, done);
    }
    this.pump();
    return claimed.length;
  }

  /**
   * Starts queued deliveries (in order of writing per endpoint) while there are request slots.
   * Once the sender is stopping it starts none: a slot that an abandoned request frees must not
   * take a queued delivery (it would go out with the stop's aborted signal and be dropped, left
   * `delivering` with an attempt counted until its lease lapsed); releaseQueued hands those back.
   */
  private pump(): void {
    if (this.stopping) return;
    for (const [endpointId, queue] of this.queues) {
      while (
        queue.length > 0 &&
        this.requests < this.config.webhookConcurrency &&
        (this.active.get(endpointId) ?? 0) < this.config.webhookEndpointConcurrency
      ) {
        const next = queue.shift() as QueuedSend;
        this.start(next);
      }
      if (queue.length === 0) this.queues.delete(endpointId);
    }
  }

  private start({ delivery, resolve }: QueuedSend): void {
    const endpointId = delivery.endpointId;
    this.requests++;
    this.active.set(endpointId, (this.active.get(endpointId) ?? 0) + 1);
    let answered = false;
    // The request's slot frees when its answer came; the delivery stays claimed (`delivering`, so
    // no later delivery of its task is claimed) until its result is written.
    const answer = () => {
      if (answered) return;
      answered = true;
      this.requests--;
      this.active.set(endpointId, (this.active.get(endpointId) ?? 1) - 1);
      if (this.active.get(endpointId) === 0) this.active.delete(endpointId);
      this.unhold(endpointId);
      this.pump();
      this.wakeUp();
    };
    void this.send(delivery, answer)
      .catch((err: unknown) =>
        this.logger.error({ err, deliveryId: delivery.id }, 'recording a webhook attempt failed'),
      )
      .finally(() => {
        answer();
        this.finishedCount++;
        this.inFlight.delete(delivery.id);
        resolve();
        this.wakeUp();
      });
  }

  private unhold(endpointId: string): void {
    this.heldTotal--;
    const left = (this.held.get(endpointId) ?? 1) - 1;
    if (left > 0) this.held.set(endpointId, left);
    else this.held.delete(endpointId);
  }

  /** Hands queued claims back untried (the sender is stopping). */
  private async releaseQueued(): Promise<void> {
    const queued = [...this.queues.values()].flat();
    this.queues.clear();
    for (const { delivery, resolve } of queued) {
      try {
        await this.db.run((tx) => this.deliveries.release(tx, delivery, this.instance));
      } catch (err) {
        this.logger.error({ err, deliveryId: delivery.id }, 'releasing a webhook delivery failed');
      }
      this.unhold(delivery.endpointId);
      this.inFlight.delete(delivery.id);
      resolve();
    }
  }

  private async send(d: ClaimedDelivery, answered: () => void): Promise<void> {
    // Queued behind slow requests past its lease: not sent (sent once, by whoever claims it
    // next), handed back now and the other senders woken, unless another sender took it already.
    if (this.clock.now().getTime() + this.config.webhookTimeoutMs > d.leaseExpiresAt.getTime()) {
      await this.db.run((tx) => this.deliveries.release(tx, d, this.instance));
      return;
    }
    const secrets = d.previousSecret ? [d.secret, d.previousSecret] : [d.secret];
    const headers = signedHeaders(d.messageId, new Date(), d.body, secrets);
    const result = await this.client.post(d.url, d.body, headers, this.abort.signal);
    answered();
    if (this.stopping && result.status === null) return; // abandoned: the lease lapses, it is sent again
    await this.record({
      delivery: d,
      attempt: {
        at: this.clock.now(),
        responseCode: result.status,
        latencyMs: result.latencyMs,
        error: result.error,
      },
    });
  }

  /**
   * Writes an attempt's result. Results are written in groups: one transaction for every result that
   * came while the previous one was being written (a group commit), so a busy endpoint costs one
   * transaction per group instead of one per delivery. Resolves when the result's transaction
   * committed.
   */
  private record(result: Finished): Promise<void> {
    return new Promise((resolve, reject) => {
      this.finished.push({ ...result, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  private async flush(): Promise<void> {
    while (this.finished.length > 0) {
      const group = this.finished.splice(0, MAX_GROUP);
      try {
        await this.db.run((tx) => this.writeResults(tx, group));
        for (const r of group) r.resolve();
      } catch (err) {
        for (const r of group) r.reject(err);
      }
    }
    this.flushing = null;
  }

  /**
   * The results of a group in one transaction: every attempt logged, the successes set-based; then
   * per endpoint (in id order, so two senders lock endpoints in the same order), in the order the
   * attempts were made, its health and its failed deliveries (retry time, later ones of the task).
   */
  private async writeResults(tx: Tx, group: Finished[]): Promise<void> {
    await this.deliveries.recordAttempts(
      tx,
      group.map((r) => ({ deliveryId: r.delivery.id, ...r.attempt })),
    );
    const delivered = await this.deliveries.succeededMany(
      tx,
      this.instance,
      group.filter((r) => r.attempt.error === null),
    );
    const byEndpoint = new Map<string, Finished[]>();
    for (const r of group) {
      byEndpoint.set(r.delivery.endpointId, [...(byEndpoint.get(r.delivery.endpointId) ?? []), r]);
    }
    for (const endpointId of [...byEndpoint.keys()].sort()) {
      const results = (byEndpoint.get(endpointId) ?? []).sort(
        (a, b) => a.attempt.at.getTime() - b.attempt.at.getTime(),
      );
      let healthy = false;
      for (const { delivery: d, attempt } of results) {
        if (attempt.error === null) {
          if (delivered.has(d.id) && !healthy) {
            await this.failures.healthy(tx, endpointId);
            healthy = true;
          }
          continue;
        }
        healthy = false;
        const retryAt = nextAttemptAt(d.attempts, this.config.webhookRetrySchedule, attempt.at);
        if (await this.deliveries.failed(tx, d, this.instance, attempt, retryAt))
          await this.failures.failing(tx, endpointId, attempt.at);
      }
    }
  }
}

/** An attempt made, waiting for its result to be written. */
interface Finished {
  delivery: ClaimedDelivery;
  attempt: AttemptResult;
}

interface QueuedSend {
  delivery: ClaimedDelivery;
  /** Called once the delivery is done with (sent and recorded, skipped or released). */
  resolve: () => void;
}

interface Queued extends Finished {
  resolve: () => void;
  reject: (err: unknown) => void;
}
