import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import type { Tx } from '../database/transactions';
import type {
  BlackoutWebhookEvent,
  MaintenanceNoticeEvent,
  RolloutNoticeEvent,
  TaskNoticeEvent,
} from './notice-events';
import {
  type DedupeBy,
  type NoticeContext,
  NoticesRepository,
  type TaskSelection,
} from './notices.repository';
import { insertAllThenWake } from './outbox-wake';
import { type WebhookBlackoutFacts, WebhookOutboxRepository } from './webhook-outbox.repository';
import {
  type CodeFacts,
  type CodeRecipient,
  ConfirmationOutboxRepository,
} from './confirmation-outbox.repository';

/**
 * What makes two notices of one event for one recipient the same notice (the dedupe key): a
 * reschedule is new each time its sequence rises, a start or a result each attempt, a cancel once.
 */
const DEDUPE_BY: Record<Exclude<TaskNoticeEvent, 'task.scheduled'>, DedupeBy> = {
  'task.rescheduled': 'sequence',
  'task.cancelled': 'once',
  'task.started': 'attempt',
  'task.succeeded': 'attempt',
  'task.failed': 'attempt',
};

/** Events that trickle in over time; partner e-mails about them wait a little to be merged. */
const TRICKLING: TaskNoticeEvent[] = ['task.started', 'task.succeeded', 'task.failed'];

/** Events sent to whoever received the task's earlier notices, not to today's addresses. */
const FOLLOW_UPS: TaskNoticeEvent[] = ['task.rescheduled', 'task.cancelled'];

/**
 * Who is told about what (docs/notifications.md, docs/webhooks.md): the e-mail outbox rows and the
 * webhook deliveries of every event, written in the caller's transaction — the transaction of the
 * change they report.
 */
@Injectable()
export class Notices {
  constructor(
    private readonly notices: NoticesRepository,
    private readonly webhooks: WebhookOutboxRepository,
    private readonly codes: ConfirmationOutboxRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * A new batch: its customers as ONE fan-out row that the sender expands into a notice per
   * customer, ONE digest per partner contact, and ONE webhook fan-out row per endpoint.
   */
  async scheduled(tx: Tx, batchId: string): Promise<void> {
    const now = this.clock.now();
    await this.notices.insertScheduled(tx, batchId, now);
    await this.webhooks.insertFanout(tx, batchId, now);
  }

  /**
   * A later event of tasks: rescheduled and cancelled go to whoever received the tasks' earlier
   * notices (even if the tenant's address changed since); started, succeeded and failed to today's
   * addresses, partner ones merged over MAIL_DIGEST_WINDOW_SECONDS. Webhooks: every subscribed
   * endpoint, whether or not the tasks notify anyone by e-mail.
   */
  async forTasks(
    tx: Tx,
    event: Exclude<TaskNoticeEvent, 'task.scheduled'>,
    selection: TaskSelection,
    context: NoticeContext = {},
  ): Promise<number> {
    const insert = {
      event,
      selection,
      reason: context.reason ?? null,
      group: context.group ?? null,
      dedupeBy: DEDUPE_BY[event],
      partnerDelaySeconds: TRICKLING.includes(event) ? this.config.mailDigestWindowSeconds : 0,
      now: this.clock.now(),
    };
    if (!FOLLOW_UPS.includes(event)) {
      // Webhooks and e-mails in one statement (one round trip in each claim and completion).
      const [, mails] = await insertAllThenWake(tx, [
        this.webhooks.forTasks(event, selection, insert.reason, insert.now),
        this.notices.forCurrentRecipients(insert),
      ]);
      return mails;
    }
    await this.webhooks.insertForTasks(tx, event, selection, insert.reason, insert.now);
    // Customers of a batch are told of a change only if they were told of the task: the
    // expansion of the batch's customers waits until this transaction ends.
    await this.notices.holdExpansion(tx, selection);
    return this.notices.insertFollowUps(tx, insert);
  }

  /**
   * A customer postponed a task through its self-service link: `task.postponed` to the webhooks
   * (the move itself is told as task.rescheduled by TaskChanges, to e-mails and webhooks alike).
   */
  async postponedByCustomer(tx: Tx, taskId: string, reason: string): Promise<void> {
    await this.webhooks.insertForTasks(
      tx,
      'task.postponed',
      { taskIds: [taskId] },
      reason,
      this.clock.now(),
    );
  }

  /**
   * A rollout paused, stopped or ended: the contacts of every partner whose tenants it updates
   * (whatever its notifyPartner says), in the language of each; and the webhooks of those partners
   * and the platform-wide ones.
   */
  async forRollout(
    tx: Tx,
    event: RolloutNoticeEvent,
    rolloutId: string,
    facts: { state: string; reason: string | null; key: string },
  ): Promise<number> {
    const now = this.clock.now();
    await this.webhooks.insertForRollout(tx, event, rolloutId, facts, now);
    return this.notices.insertForRollout(tx, event, rolloutId, facts, now);
  }

  /**
   * A rollout's one-time code, to a licence contact only (no webhook: nobody else may read it); a
   * code not sent yet is voided first. Returns the addresses it goes to (none: no licence e-mail).
   */
  async confirmationCode(tx: Tx, to: CodeRecipient, facts: CodeFacts): Promise<string[]> {
    await this.codes.voidPending(tx, facts.rolloutId);
    return this.codes.insert(tx, to, facts, this.clock.now());
  }

  /**
   * A webhook endpoint was disabled after failing too long: its partner's contacts, in the
   * language of each (a platform admin's endpoint has no partner: nobody is e-mailed).
   */
  async webhookDisabled(
    tx: Tx,
    endpointId: string,
    facts: { failingSince: Date; hours: number },
  ): Promise<number> {
    return this.notices.insertForWebhookDisabled(tx, {
      endpointId,
      ...facts,
      now: this.clock.now(),
    });
  }

  /**
   * A rollout resumed: e-mails nobody; the webhooks of its partners and the platform-wide ones.
   * `key` tells this resume from the rollout's others (see forRollout).
   */
  async forRolloutResumed(
    tx: Tx,
    rolloutId: string,
    facts: { state: string; key: string },
  ): Promise<number> {
    return this.webhooks.insertForRollout(
      tx,
      'rollout.resumed',
      rolloutId,
      { state: facts.state, reason: null, key: facts.key },
      this.clock.now(),
    );
  }

  /** A blackout set or removed: the webhooks of its partner and the platform-wide ones. */
  async forBlackout(
    tx: Tx,
    event: BlackoutWebhookEvent,
    blackout: WebhookBlackoutFacts,
  ): Promise<number> {
    return this.webhooks.insertForBlackout(tx, event, blackout, this.clock.now());
  }

  /** Platform maintenance announced or withdrawn: every partner contact of the platform. */
  async forMaintenance(tx: Tx, event: MaintenanceNoticeEvent, maintenanceId: string) {
    const now = this.clock.now();
    await this.webhooks.insertForMaintenance(tx, event, maintenanceId, now);
    return this.notices.insertForMaintenance(tx, event, maintenanceId, now);
  }
}
