import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import * as os from 'node:os';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { isDeliverable } from './addresses';
import { MailMetrics } from './mail-metrics';
import { MailTransport, SEND_TIMEOUT_MS } from './mail-transport';
import { NoticeComposer, NoticeSubjectGone } from './notice-composer';
import type { ClaimedMessage } from './outbox-row';
import { OutboxListener } from './outbox-listener';
import { FanoutRepository } from './fanout.repository';
import { Lease, OutboxRepository } from './outbox.repository';
import { classifySendError, invalidAddress, retryDelayMs, SendFailure } from './retry-policy';
import { Idle } from '../common/idle';

/** A claim is someone else's to take over only after this: far longer than one send may take. */
export const LEASE_MS = 5 * 60_000;
const RECOVER_EVERY_MS = 30_000;
const GROUPS_PER_ROUND = 20;
/** Accepted e-mails are recorded this many at a time (and at the end of each round). */
const RECORD_BATCH = 25;
/** Tasks of a batch whose customers are expanded per transaction (see FanoutRepository). */
const EXPAND_CHUNK = 2_000;
/** Expansion steps per round at most: a batch of cancelled tasks is skipped this fast. */
const EXPAND_STEPS = 50;

/**
 * Sends the outbox. Runs in every scheduler process (MAIL_SENDER_ENABLED); any number may run
 * against one database: rows are claimed with SKIP LOCKED (groups under an advisory lock) and a
 * lease, so each e-mail is handled by one sender at a time. See docs/notifications.md.
 */
@Injectable()
export class MailSender implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(MailSender.name);
  readonly instance = `${os.hostname()}/${process.pid}/${randomBytes(3).toString('hex')}`;
  private claims = 0;
  private running: Promise<void> | null = null;
  private stopping = false;
  private readonly idle = new Idle();
  private lastRecovery = Number.NEGATIVE_INFINITY;
  private accepted: { message: ClaimedMessage; messageId: string }[] = [];

  constructor(
    private readonly config: AppConfig,
    private readonly outbox: OutboxRepository,
    private readonly fanout: FanoutRepository,
    private readonly composer: NoticeComposer,
    private readonly transport: MailTransport,
    private readonly listener: OutboxListener,
    private readonly clock: Clock,
    private readonly metrics: MailMetrics,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.mailSenderEnabled) return;
    this.logger.log({ transport: this.transport.description }, 'e-mail sender started');
    void this.listener.start(() => this.wakeUp());
    this.running = this.loop();
  }

  /** Before the database and the SMTP pool close: unsent claims are handed back untried. */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    this.wakeUp();
    await this.running;
    await this.listener.stop();
  }

  /** Sends everything that is due, round after round, until nothing is; returns how many e-mails. */
  async drain(): Promise<number> {
    let total = 0;
    for (let handled = await this.sendDue(); handled > 0; handled = await this.sendDue())
      total += handled;
    return total;
  }

  /**
   * Claims what is due and sends it. While one claim is being sent the next is taken (once fewer
   * than half a claim wait), so the SMTP connections do not wait for the database; it goes on
   * until a claim finds nothing. Returns how many e-mails were handled.
   */
  async sendDue(): Promise<number> {
    const queue: ClaimedMessage[] = [];
    let total = 0;
    let exhausted = false;
    let failure: unknown = null;
    let claiming: Promise<void> | null = null;
    const claim = (): Promise<void> =>
      (claiming ??= this.claimRound()
        .then((claimed) => {
          queue.push(...claimed);
          total += claimed.length;
          exhausted ||= claimed.length === 0;
        })
        .catch((err: unknown) => {
          exhausted = true;
          failure = err;
        })
        .finally(() => (claiming = null)));
    const low = Math.ceil(this.claimLimit() / 2);
    const worker = async () => {
      for (;;) {
        if (!exhausted && !this.stopping && queue.length < low) void claim();
        const message = queue.shift();
        if (message) {
          // A claim that waited too long (a very slow server) is handed back rather than sent
          // when its lease might run out mid-send and another sender take it over.
          const late =
            message.leaseExpiresAt.getTime() - SEND_TIMEOUT_MS <= this.clock.now().getTime();
          if (this.stopping || late) await this.outbox.release(message);
          else await this.deliver(message);
        } else if (claiming) {
          await this.recordSent();
          await claiming;
        } else {
          return;
        }
      }
    };
    await claim();
    await Promise.all(Array.from({ length: this.config.mailConcurrency * 2 }, worker));
    await this.recordSent();
    if (failure && total === 0) throw failure;
    return total;
  }

  /** Due groups (each as one e-mail) and due single rows; expired leases are recovered first. */
  private async claimRound(): Promise<ClaimedMessage[]> {
    const now = this.clock.now();
    if (now.getTime() - this.lastRecovery >= RECOVER_EVERY_MS) {
      this.lastRecovery = now.getTime();
      await this.recoverExpired(now);
    }
    await this.expandCustomers(now);
    const messages: ClaimedMessage[] = [];
    for (const key of await this.outbox.dueGroups(now, GROUPS_PER_ROUND)) {
      const group = await this.outbox.claimGroup(this.lease(now), key);
      if (group) messages.push(group);
    }
    messages.push(...(await this.outbox.claimSingles(this.lease(now), this.claimLimit())));
    return messages;
  }

  /**
   * Customers of new batches get their rows as the sender needs them: while fewer than a few
   * claims' worth of single e-mails are due, the next tasks of due fan-outs are expanded. A batch
   * cancelled before its customers were expanded then tells none of them twice.
   */
  private async expandCustomers(now: Date): Promise<void> {
    const ahead = Math.max(EXPAND_CHUNK, 4 * this.claimLimit());
    let queued = await this.outbox.dueSingles(now, ahead);
    for (let step = 0; step < EXPAND_STEPS && queued < ahead; step++) {
      const expansion = await this.fanout.expandNext(now, EXPAND_CHUNK);
      if (expansion.batchId === null) return;
      queued += expansion.written;
    }
  }

  async recoverExpired(now = this.clock.now()): Promise<number> {
    const recovered = await this.outbox.recoverExpired(now, this.config.mailMaxAttempts);
    if (recovered > 0)
      this.logger.warn({ recovered }, 'took over e-mails whose sender stopped while sending them');
    return recovered;
  }

  wakeUp(): void {
    this.idle.wakeUp();
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      let handled = 0;
      try {
        handled = await this.sendDue();
      } catch (err) {
        this.logger.error({ err }, 'sending e-mails failed; trying again shortly');
      }
      if (handled === 0 && !this.stopping) await this.idle.for(this.config.mailPollMs);
    }
  }

  private lease(now: Date): Lease {
    return {
      token: `${this.instance}#${++this.claims}`,
      now,
      expiresAt: new Date(now.getTime() + LEASE_MS),
    };
  }

  /** With a rate limit, a claim holds no more than a minute's worth (well inside its lease). */
  private claimLimit(): number {
    const rate = this.config.mailRatePerSecond;
    const perLease = Math.floor((rate * (LEASE_MS - SEND_TIMEOUT_MS)) / 1000 / 2);
    return rate > 0
      ? Math.max(1, Math.min(this.config.mailBatchSize, perLease))
      : this.config.mailBatchSize;
  }

  private async deliver(message: ClaimedMessage): Promise<void> {
    const row = message.first;
    try {
      if (!isDeliverable(row.recipient))
        return await this.fail(message, invalidAddress(row.recipient));
      let composed;
      try {
        composed = await this.composer.compose(message);
      } catch (err) {
        this.logger.error({ err, notificationId: row.id, taskId: row.taskId }, 'rendering failed');
        // A task that no longer exists will not come back; anything else may be fixed meanwhile.
        return await this.fail(message, {
          error: `rendering failed: ${String(err)}`,
          permanent: err instanceof NoticeSubjectGone,
        });
      }
      try {
        await this.transport.send(composed.mail, composed.fileName);
      } catch (err) {
        return await this.fail(message, classifySendError(err));
      }
      await this.complete(message, composed.messageId);
    } catch (err) {
      // The database failed us: the rows stay leased and are taken over when the lease expires.
      this.logger.error(
        { err, notificationId: row.id },
        'could not record the outcome of an e-mail',
      );
    }
  }

  private async complete(message: ClaimedMessage, messageId: string): Promise<void> {
    this.accepted.push({ message, messageId });
    if (this.accepted.length >= RECORD_BATCH) await this.recordSent();
  }

  /**
   * Records accepted e-mails as sent, many in one statement. Until then a crash would send them
   * again (with the same Message-ID): the window is at most RECORD_BATCH e-mails or one round.
   */
  private async recordSent(): Promise<void> {
    const batch = this.accepted.splice(0);
    if (batch.length === 0) return;
    const now = this.clock.now();
    let recorded: Set<string> | null = null;
    for (let attempt = 1; attempt <= 2 && !recorded; attempt++) {
      try {
        recorded = await this.outbox.markSent(batch, now);
      } catch (err) {
        this.logger.error({ err, emails: batch.length, attempt }, 'could not record sent e-mails');
      }
    }
    for (const { message } of batch) {
      const row = message.first;
      if (recorded && !recorded.has(row.id)) {
        this.logger.warn(
          { notificationId: row.id, taskId: row.taskId, batchId: row.batchId },
          'an e-mail was sent after its claim had expired: another sender may send it again',
        );
      }
      const seconds = (now.getTime() - row.createdAt.getTime()) / 1000;
      this.metrics.sent(row.event, message.ids.length, seconds);
    }
  }

  private async fail(message: ClaimedMessage, failure: SendFailure): Promise<void> {
    const row = message.first;
    const delay = retryDelayMs(message.attempts, this.config.mailRetryBaseMs);
    const dead = await this.outbox.markFailed(message, {
      ...failure,
      maxAttempts: this.config.mailMaxAttempts,
      nextAttemptAt: new Date(this.clock.now().getTime() + delay),
    });
    const outcome = dead > 0 ? 'dead' : 'retry';
    this.metrics.failed(row.event, outcome, message.ids.length);
    this.logger.warn(
      {
        notificationId: row.id,
        taskId: row.taskId,
        batchId: row.batchId,
        attempts: message.attempts,
        outcome,
        error: failure.error,
      },
      dead > 0 ? 'e-mail given up' : 'e-mail failed; will retry',
    );
  }
}
