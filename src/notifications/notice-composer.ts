import { Injectable } from '@nestjs/common';
import type { SendMailOptions } from 'nodemailer';
import { Readable } from 'node:stream';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { CustomerLinks } from '../customer-links/customer-links';
import { messageIdFor, Sender, senderOf } from './addresses';
import { inviteMethod, taskInvite } from './calendar';
import { tasksCsv } from './csv';
import { DigestRepository, TaskFacts } from './digest.repository';
import { supportedLocale, validZone } from './format';
import { type TaskNoticeEvent, taskEventOf } from './notice-events';
import type { ClaimedMessage, OutboxRow } from './outbox-row';
import { MailTemplates, RenderedMail, TEMPLATE_NAMES, TemplateName } from './templates';
import {
  batchDigestView,
  confirmationView,
  eventDigestView,
  maintenanceView,
  Reader,
  rolloutView,
  webhookDisabledView,
  taskRow,
  taskView,
} from './views';
import { reasonText } from './reasons';

/** A digest lists at most this many tasks in its body; beyond, it summarises and attaches a CSV. */
export const LIST_LIMIT = 50;
const PAGE = 1000;

export interface ComposedMail {
  mail: SendMailOptions;
  messageId: string;
  /** Name of the .eml file in file mode: stable for the same e-mail. */
  fileName: string;
}

/** The e-mail is about a task that no longer exists (its tenant was deleted): it cannot be sent. */
export class NoticeSubjectGone extends Error {}

interface Content {
  rendered: RenderedMail;
  invite?: { method: string; content: string };
  csv?: { filename: string; lines: AsyncIterable<string> };
}

/** Turns claimed outbox rows into one e-mail: the right template, language, zone and attachments. */
@Injectable()
export class NoticeComposer {
  readonly sender: Sender;

  constructor(
    config: AppConfig,
    private readonly templates: MailTemplates,
    private readonly digests: DigestRepository,
    private readonly clock: Clock,
    private readonly links: CustomerLinks,
  ) {
    this.sender = senderOf(config.mailFrom);
  }

  async compose(message: ClaimedMessage): Promise<ComposedMail> {
    const row = message.first;
    const reader: Reader = {
      locale: supportedLocale(row.locale),
      timezone: validZone(row.timezone),
    };
    let content: Content;
    let seed = `${row.dedupeKey}#${row.resends}`;
    if (row.event.startsWith('maintenance.')) {
      content = this.maintenance(row, reader);
    } else if (row.event === 'rollout.confirmation') {
      const view = confirmationView(row.payload ?? {}, reader);
      // The code is removed once sent, and voided when a new one is sent: nothing to resend.
      if (!view) throw new NoticeSubjectGone('the one-time code of this e-mail is void');
      content = { rendered: this.templates.render('rollout.confirmation', reader.locale, view) };
    } else if (row.event === 'webhook.disabled') {
      const view = webhookDisabledView(row.payload ?? {}, reader);
      content = { rendered: this.templates.render('webhook.disabled', reader.locale, view) };
    } else if (row.event.startsWith('rollout.')) {
      const view = rolloutView(row.payload ?? {}, reader);
      content = {
        rendered: this.templates.render(this.template(row.template), reader.locale, view),
      };
    } else if (row.taskId === null && row.batchId && row.partnerId) {
      content = await this.batchDigest(row, row.batchId, row.partnerId, reader);
    } else if (message.ids.length > 1) {
      content = await this.eventDigest(message, reader);
      seed = `${row.groupKey}#${message.ids[0]}#${message.ids.length}#${row.resends}`;
    } else {
      const [facts] = await this.digests.noticeFacts([row.id]);
      if (!facts) throw new NoticeSubjectGone(`task ${row.taskId} no longer exists`);
      content = await this.singleTask(row, facts, reader);
    }
    const messageId = messageIdFor(seed, this.sender.domain);
    const stamp = row.createdAt.toISOString().replace(/[-:]|\.\d+/g, '');
    return {
      messageId,
      fileName: `${stamp}-${row.event}-${messageId.slice(1, 13)}`,
      mail: {
        from: this.sender.from,
        to: row.recipient,
        subject: content.rendered.subject,
        text: content.rendered.text,
        html: content.rendered.html,
        messageId,
        date: this.clock.now(),
        headers: {
          'Auto-Submitted': 'auto-generated',
          'X-Auto-Response-Suppress': 'All',
          'Content-Language': reader.locale,
          'X-Notification-Event': row.event,
          'X-Notification-Id': row.id,
        },
        ...(content.invite && {
          icalEvent: { ...content.invite, filename: 'update.ics' },
        }),
        ...(content.csv && {
          attachments: [
            {
              filename: content.csv.filename,
              contentType: 'text/csv; charset=utf-8',
              content: Readable.from(content.csv.lines),
            },
          ],
        }),
      },
    };
  }

  private template(name: string): TemplateName {
    if (!(TEMPLATE_NAMES as readonly string[]).includes(name))
      throw new Error(`no template named ${name}`);
    return name as TemplateName;
  }

  private async singleTask(row: OutboxRow, facts: TaskFacts, reader: Reader): Promise<Content> {
    const event = taskEventOf(row.event);
    const view = taskView(event, facts, reader, await this.selfServiceUrl(event, row, facts));
    const rendered = this.templates.render(this.template(row.template), reader.locale, view);
    return { rendered, invite: this.invite(event, facts, view, rendered, row, reader) };
  }

  private invite(
    event: TaskNoticeEvent,
    facts: TaskFacts,
    view: object,
    rendered: RenderedMail,
    row: OutboxRow,
    reader: Reader,
  ): Content['invite'] {
    const method = inviteMethod(event);
    if (!method) return undefined;
    const content = taskInvite({
      method,
      taskId: facts.taskId,
      sequence: facts.sequence,
      start: facts.runAt,
      end: facts.windowEnd,
      summary: this.templates.calendarSummary(reader.locale, view),
      description: rendered.text,
      organizer: { name: this.sender.name, email: this.sender.email },
      attendee: row.recipient,
      domain: this.sender.domain,
      stamp: this.clock.now(),
    });
    return { method, content };
  }

  /**
   * The customer's self-service link (docs/self-service.md), in its e-mails about a planned update:
   * bound to the tenant, the task and the notice's sequence, expiring with the task's window.
   */
  private async selfServiceUrl(
    event: TaskNoticeEvent,
    row: OutboxRow,
    facts: TaskFacts,
  ): Promise<string | null> {
    if (row.recipientKind !== 'customer') return null;
    if (event !== 'task.scheduled' && event !== 'task.rescheduled') return null;
    return this.links.url({
      taskId: facts.taskId,
      tenantId: facts.tenantId,
      sequence: facts.sequence,
      expiresAt: new Date(facts.windowEnd),
    });
  }

  /** A partner's digest of a new batch, listing the batch's tasks as they are now. */
  private async batchDigest(
    row: OutboxRow,
    batchId: string,
    partnerId: string,
    reader: Reader,
  ): Promise<Content> {
    const summary = await this.digests.summary(batchId, partnerId);
    const listed = summary.total <= LIST_LIMIT;
    const facts = listed ? await this.digests.firstTasks(batchId, partnerId, LIST_LIMIT) : [];
    const filename = `update-batch-${batchId.slice(0, 8)}.csv`;
    const view = batchDigestView(
      row.payload ?? {},
      summary,
      { listed, tasks: facts.map((f) => taskRow(f, reader)), attachment: listed ? null : filename },
      reader,
    );
    const rendered = this.templates.render('task.scheduled.digest', reader.locale, view);
    const only = facts.length === 1 && facts[0].status === 'scheduled' ? facts[0] : null;
    return {
      rendered,
      // One task: the partner gets its calendar entry, like a customer would.
      invite: only
        ? this.invite(
            'task.scheduled',
            only,
            taskView('task.scheduled', only, reader),
            rendered,
            row,
            reader,
          )
        : undefined,
      csv: listed
        ? undefined
        : { filename, lines: tasksCsv(this.digests.allTasks(batchId, partnerId), reader) },
    };
  }

  /** Notices of one event for one partner contact that were due together, as one e-mail. */
  private async eventDigest(message: ClaimedMessage, reader: Reader): Promise<Content> {
    const row = message.first;
    const event = taskEventOf(row.event);
    const count = message.ids.length;
    const listed = count <= LIST_LIMIT;
    const facts = listed ? await this.digests.noticeFacts(message.ids) : [];
    facts.sort(
      (a, b) => a.runAt.localeCompare(b.runAt) || a.tenantName.localeCompare(b.tenantName),
    );
    const filename = `update-${event.replace('task.', '')}-${row.id.slice(0, 8)}.csv`;
    // A move or cancellation of many tasks has one reason (a maintenance period, a batch cancel):
    // it is said once, and only a task with a reason of its own repeats it in its row.
    const shared = event === 'task.rescheduled' || event === 'task.cancelled';
    const reason = shared ? row.reason : null;
    const tasks = facts
      .map((f) => taskRow(f, reader))
      .map((t) =>
        t.note === reasonText(reason, reader.locale, reader.timezone) ? { ...t, note: null } : t,
      );
    const view = eventDigestView(
      event,
      count,
      reasonText(reason, reader.locale, reader.timezone),
      { listed, tasks, attachment: listed ? null : filename },
      reader,
    );
    return {
      rendered: this.templates.render('task.digest', reader.locale, view),
      csv: listed
        ? undefined
        : { filename, lines: tasksCsv(this.noticeFacts(message.ids), reader) },
    };
  }

  private async *noticeFacts(ids: string[]): AsyncGenerator<TaskFacts> {
    for (let i = 0; i < ids.length; i += PAGE) {
      yield* await this.digests.noticeFacts(ids.slice(i, i + PAGE));
    }
  }

  private maintenance(row: OutboxRow, reader: Reader): Content {
    const view = maintenanceView(row.payload ?? {}, reader);
    return { rendered: this.templates.render(this.template(row.template), reader.locale, view) };
  }
}
