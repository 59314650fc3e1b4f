import { Injectable } from '@nestjs/common';
import type { Counter, Histogram } from 'prom-client';
import { MetricsService } from '../metrics/metrics.service';

/**
 * What the sender reports at /metrics. E-mails and notices are counted apart: a digest is one
 * e-mail that carries several notices (outbox rows).
 */
@Injectable()
export class MailMetrics {
  private readonly emailsSent: Counter<'event'>;
  private readonly noticesSent: Counter<'event'>;
  private readonly emailsFailed: Counter<'event' | 'outcome'>;
  private readonly noticesFailed: Counter<'event' | 'outcome'>;
  private readonly delivery: Histogram<'event'>;

  constructor(metrics: MetricsService) {
    this.emailsSent = metrics.counter(
      'notification_emails_sent_total',
      'E-mails accepted by the mail server (or written as .eml files); a digest counts once',
      ['event'],
    );
    this.noticesSent = metrics.counter(
      'notification_notices_sent_total',
      'Notices (outbox rows) delivered in those e-mails; a digest of 5 tasks counts 5',
      ['event'],
    );
    this.emailsFailed = metrics.counter(
      'notification_emails_failed_total',
      'E-mails whose sending attempt failed, by outcome (retry, dead)',
      ['event', 'outcome'],
    );
    this.noticesFailed = metrics.counter(
      'notification_notices_failed_total',
      'Notices in those e-mails, by outcome (retry, dead)',
      ['event', 'outcome'],
    );
    this.delivery = metrics.histogram(
      'notification_delivery_seconds',
      'From the event to the acceptance of its e-mail',
      ['event'],
      [0.5, 1, 5, 15, 60, 300, 900, 3600, 14400],
    );
  }

  /** One e-mail of `event` carrying `notices` outbox rows went out, `seconds` after the event. */
  sent(event: string, notices: number, seconds: number): void {
    this.emailsSent.inc({ event });
    this.noticesSent.inc({ event }, notices);
    this.delivery.observe({ event }, seconds);
  }

  failed(event: string, outcome: 'retry' | 'dead', notices: number): void {
    this.emailsFailed.inc({ event, outcome });
    this.noticesFailed.inc({ event, outcome }, notices);
  }
}
