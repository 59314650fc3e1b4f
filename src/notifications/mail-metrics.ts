import { Injectable } from '@nestjs/common';
import type { Counter, Histogram } from 'prom-client';
import { MetricsService } from '../metrics/metrics.service';

/** What the sender reports at /metrics. */
@Injectable()
export class MailMetrics {
  private readonly sentTotal: Counter<'event'>;
  private readonly failedTotal: Counter<'event' | 'outcome'>;
  private readonly delivery: Histogram<'event'>;

  constructor(metrics: MetricsService) {
    this.sentTotal = metrics.counter('notification_emails_sent_total', 'E-mails accepted', [
      'event',
    ]);
    this.failedTotal = metrics.counter(
      'notification_emails_failed_total',
      'Failed sending attempts by outcome (retry, dead)',
      ['event', 'outcome'],
    );
    this.delivery = metrics.histogram(
      'notification_delivery_seconds',
      'From the event to the acceptance of its e-mail',
      ['event'],
      [0.5, 1, 5, 15, 60, 300, 900, 3600, 14400],
    );
  }

  /** `rows` outbox rows of `event` went out in one e-mail, `seconds` after the event. */
  sent(event: string, rows: number, seconds: number): void {
    this.sentTotal.inc({ event }, rows);
    this.delivery.observe({ event }, seconds);
  }

  failed(event: string, outcome: 'retry' | 'dead', rows: number): void {
    this.failedTotal.inc({ event, outcome }, rows);
  }
}
