import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/app-config';
import type { Tx } from '../database/transactions';
import { Notices } from '../notifications/notices.service';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';

/**
 * An endpoint's health: a success clears `failingSince`; a failure sets it if it was not set, and an
 * endpoint that has been failing for WEBHOOK_DISABLE_AFTER_HOURS (default 72) is disabled — its
 * open deliveries fail, and it gets nothing until an admin enables it again (`PATCH {enabled:
 * true}`) — and its partner's contacts are e-mailed. Written in the transaction that records the
 * attempt.
 */
@Injectable()
export class WebhookFailures {
  private readonly logger = new Logger(WebhookFailures.name);

  constructor(
    private readonly config: AppConfig,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly audit: AuditService,
    private readonly notices: Notices,
  ) {}

  async healthy(tx: Tx, endpointId: string): Promise<void> {
    await this.endpoints.markHealthy(tx, endpointId);
  }

  async failing(tx: Tx, endpointId: string, now: Date): Promise<void> {
    const state = await this.endpoints.markFailing(tx, endpointId, now);
    if (!state?.enabled) return;
    const limitMs = this.config.webhookDisableAfterHours * 3_600_000;
    if (now.getTime() - state.failingSince.getTime() < limitMs) return;
    const reason = `every delivery failed since ${state.failingSince.toISOString()} (${this.config.webhookDisableAfterHours} h)`;
    if (!(await this.endpoints.disable(tx, endpointId, reason, now))) return;
    const failed = await this.deliveries.failOpen(tx, endpointId, 'endpoint disabled');
    await this.audit.record(tx, null, {
      action: 'webhook.disable',
      entityType: 'webhook_endpoint',
      entityId: endpointId,
      after: { enabled: false, disabledReason: reason, openDeliveriesFailed: failed },
    });
    const mailed = await this.notices.webhookDisabled(tx, endpointId, {
      failingSince: state.failingSince,
      hours: this.config.webhookDisableAfterHours,
    });
    this.logger.warn(
      { endpointId, failed, mailed },
      'webhook endpoint disabled after failing too long',
    );
  }
}
