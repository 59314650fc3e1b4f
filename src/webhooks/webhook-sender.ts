import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import * as os from 'node:os';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { Transactions } from '../database/transactions';
import { OutboxListener } from '../notifications/outbox-listener';
import { WEBHOOK_CHANNEL } from '../notifications/webhook-outbox.repository';
import {
  type AttemptResult,
  type ClaimedDelivery,
  WebhookDeliveriesRepository,
} from './webhook-deliveries.repository';
import { WebhookClient } from './webhook-client';
import { WebhookFailures } from './webhook-failures.service';
import { signedHeaders } from './signing';
import { Idle } from '../common/idle';

const IDLE_POLL_MS = 1_000;
/** A claim's lease outlasts the request's timeout by this much. */
const LEASE_MARGIN_MS = 30_000;

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
  private readonly perEndpoint = new Map<string, number>();
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
    await Promise.allSettled([...this.inFlight.values()]);
    await this.listener.stop();
  }

  /**
   * Sends everything that is due now, waiting for each request (tests and benchmarks drive the
   * sender this way when it does not run on its own). Returns how many attempts were made.
   */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const started = await this.startDue();
      await Promise.allSettled([...this.inFlight.values()]);
      if (started === 0 && this.inFlight.size === 0) return total;
      total += started;
    }
  }

  wakeUp(): void {
    this.idle.wakeUp();
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      let started = 0;
      try {
        started = await this.startDue();
      } catch (err) {
        this.logger.error({ err }, 'claiming webhook deliveries failed; trying again shortly');
      }
      if (!this.stopping && (started === 0 || this.inFlight.size >= this.config.webhookConcurrency))
        await this.idle.for(IDLE_POLL_MS);
    }
  }

  /** Claims as many due deliveries as there are free slots and starts sending them. */
  private async startDue(): Promise<number> {
    const free = this.config.webhookConcurrency - this.inFlight.size;
    if (free <= 0 || this.stopping) return 0;
    const now = this.clock.now();
    const claimed = await this.db.run((tx) =>
      this.deliveries.claim(tx, {
        now,
        owner: this.instance,
        leaseExpiresAt: new Date(now.getTime() + this.config.webhookTimeoutMs + LEASE_MARGIN_MS),
        limit: free,
        inFlight: this.perEndpoint,
        perEndpoint: this.config.webhookEndpointConcurrency,
      }),
    );
    for (const delivery of claimed) {
      this.perEndpoint.set(
        delivery.endpointId,
        (this.perEndpoint.get(delivery.endpointId) ?? 0) + 1,
      );
      const sending = this.send(delivery)
        .catch((err: unknown) =>
          this.logger.error({ err, deliveryId: delivery.id }, 'recording a webhook attempt failed'),
        )
        .finally(() => {
          this.inFlight.delete(delivery.id);
          const left = (this.perEndpoint.get(delivery.endpointId) ?? 1) - 1;
          if (left > 0) this.perEndpoint.set(delivery.endpointId, left);
          else this.perEndpoint.delete(delivery.endpointId);
          this.wakeUp();
        });
      this.inFlight.set(delivery.id, sending);
    }
    return claimed.length;
  }

  private async send(d: ClaimedDelivery): Promise<void> {
    const secrets = d.previousSecret ? [d.secret, d.previousSecret] : [d.secret];
    const headers = signedHeaders(d.messageId, new Date(), d.body, secrets);
    const result = await this.client.post(d.url, d.body, headers, this.abort.signal);
    if (this.stopping && result.status === null) return; // abandoned: the lease lapses, it is sent again
    const attempt: AttemptResult = {
      at: this.clock.now(),
      responseCode: result.status,
      latencyMs: result.latencyMs,
      error: result.error,
    };
    await this.db.run(async (tx) => {
      await this.deliveries.recordAttempt(tx, d.id, attempt);
      if (result.error === null) {
        if (await this.deliveries.succeeded(tx, d, this.instance, attempt))
          await this.failures.healthy(tx, d.endpointId);
        return;
      }
      const retryAt = nextAttemptAt(d.attempts, this.config.webhookRetrySchedule, attempt.at);
      if (await this.deliveries.failed(tx, d, this.instance, attempt, retryAt))
        await this.failures.failing(tx, d.endpointId, attempt.at);
    });
  }
}
