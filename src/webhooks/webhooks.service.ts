import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { type Caller, isPlatformAdmin, scopeOf } from '../auth/caller';
import { Clock } from '../common/clock';
import { ConflictError, NotFoundError } from '../common/errors';
import { type ListOrder, type Page, type PageRequest, toPage } from '../common/pagination';
import { AppConfig } from '../config/app-config';
import { type Tx, Transactions } from '../database/transactions';
import { WEBHOOK_PAYLOAD_VERSION, WEBHOOK_PING } from '../notifications/notice-events';
import {
  type CreateWebhookDto,
  type UpdatedWebhookResponse,
  type UpdateWebhookDto,
  WebhookDeliveryResponse,
  WebhookResponse,
  type WebhookWithSecretResponse,
} from './dto/webhook.dto';
import { newSecret } from './signing';
import { assertWebhookUrl } from './url-safety';
import { type DeliveryFilter, WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { type WebhookEndpoint, WebhookEndpointsRepository } from './webhook-endpoints.repository';

/** After a rotation the previous secret signs beside the new one this long. */
const PREVIOUS_SECRET_MS = 24 * 3_600_000;

/**
 * Webhook endpoints and their delivery logs (docs/webhooks.md). Partner admins manage their
 * partner's endpoints; platform admins any, and platform-wide ones (no partner: every partner's
 * events).
 */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly db: Transactions,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async create(caller: Caller, dto: CreateWebhookDto): Promise<WebhookWithSecretResponse> {
    const partnerId = this.partnerFor(caller, dto.partnerId);
    const url = await assertWebhookUrl(dto.url, this.config.webhookAllowPrivate);
    return this.db.run(async (tx) => {
      if (partnerId && !(await this.endpoints.partnerExists(tx, partnerId)))
        throw new NotFoundError('Partner', partnerId);
      const secret = newSecret();
      const endpoint = await this.endpoints.insert(tx, {
        partnerId,
        url,
        events: dto.events,
        description: dto.description ?? null,
        secret,
        createdBy: caller.name,
        now: this.clock.now(),
      });
      const response = WebhookResponse.from(endpoint);
      await this.audit.record(tx, caller, {
        action: 'webhook.create',
        entityType: 'webhook_endpoint',
        entityId: endpoint.id,
        after: response,
      });
      return { ...response, secret };
    });
  }

  async list(
    caller: Caller,
    partnerId: string | null,
    page: PageRequest,
  ): Promise<Page<WebhookResponse>> {
    const rows = await this.endpoints.list(this.db.pool, scopeOf(caller), partnerId, page);
    return toPage(rows, page.limit, WebhookResponse.from, (r) => r.id);
  }

  async get(caller: Caller, id: string): Promise<WebhookResponse> {
    return WebhookResponse.from(await this.endpoint(this.db.pool, caller, id));
  }

  async update(caller: Caller, id: string, dto: UpdateWebhookDto): Promise<UpdatedWebhookResponse> {
    const url =
      dto.url === undefined
        ? undefined
        : await assertWebhookUrl(dto.url, this.config.webhookAllowPrivate);
    return this.db.run(async (tx) => {
      const before = await this.endpoint(tx, caller, id, true);
      const now = this.clock.now();
      const secret = dto.rotateSecret ? newSecret() : undefined;
      const after = await this.endpoints.update(
        tx,
        id,
        {
          url,
          events: dto.events,
          description: dto.description,
          enabled: dto.enabled,
          secret: secret
            ? {
                value: secret,
                previousUntil: new Date(now.getTime() + PREVIOUS_SECRET_MS),
              }
            : undefined,
        },
        now,
      );
      const response = WebhookResponse.from(after);
      await this.audit.record(tx, caller, {
        action: secret ? 'webhook.rotate_secret' : 'webhook.update',
        entityType: 'webhook_endpoint',
        entityId: id,
        before: WebhookResponse.from(before),
        after: response,
      });
      return secret ? { ...response, secret } : response;
    });
  }

  async delete(caller: Caller, id: string): Promise<void> {
    await this.db.run(async (tx) => {
      const before = await this.endpoint(tx, caller, id, true);
      await this.endpoints.delete(tx, id);
      await this.audit.record(tx, caller, {
        action: 'webhook.delete',
        entityType: 'webhook_endpoint',
        entityId: id,
        before: WebhookResponse.from(before),
      });
    });
  }

  /** A `webhook.ping` delivery, sent like any other (signed, retried, in the delivery log). */
  async ping(caller: Caller, id: string): Promise<WebhookDeliveryResponse> {
    return this.db.run(async (tx) => {
      const endpoint = await this.enabledEndpoint(tx, caller, id);
      const now = this.clock.now();
      const delivery = await this.deliveries.insertPing(tx, endpoint.id, now, {
        type: WEBHOOK_PING,
        timestamp: now.toISOString(),
        version: WEBHOOK_PAYLOAD_VERSION,
        data: { endpointId: endpoint.id, message: 'ping' },
      });
      return WebhookDeliveryResponse.from(delivery);
    });
  }

  async deliveriesOf(
    caller: Caller,
    id: string,
    filter: DeliveryFilter,
    order: ListOrder,
    page: PageRequest,
  ): Promise<Page<WebhookDeliveryResponse>> {
    await this.endpoint(this.db.pool, caller, id);
    const rows = await this.deliveries.list(this.db.pool, id, filter, order, page);
    return toPage(rows, page.limit, WebhookDeliveryResponse.from);
  }

  /** The message again, as a new delivery with the same `webhook-id`, due now. */
  async redeliver(
    caller: Caller,
    id: string,
    deliveryId: string,
  ): Promise<WebhookDeliveryResponse> {
    return this.db.run(async (tx) => {
      const endpoint = await this.enabledEndpoint(tx, caller, id);
      const delivery = await this.deliveries.redeliver(
        tx,
        endpoint.id,
        deliveryId,
        this.clock.now(),
      );
      if (!delivery) throw new NotFoundError('Webhook delivery', deliveryId);
      await this.audit.record(tx, caller, {
        action: 'webhook.redeliver',
        entityType: 'webhook_delivery',
        entityId: deliveryId,
        after: { deliveryId: delivery.id, messageId: delivery.messageId },
      });
      return WebhookDeliveryResponse.from(delivery);
    });
  }

  private async endpoint(tx: Tx, caller: Caller, id: string, lock = false) {
    const endpoint = await this.endpoints.find(tx, scopeOf(caller), id, lock);
    if (!endpoint) throw new NotFoundError('Webhook', id);
    return endpoint;
  }

  private async enabledEndpoint(tx: Tx, caller: Caller, id: string): Promise<WebhookEndpoint> {
    const endpoint = await this.endpoint(tx, caller, id);
    if (!endpoint.enabled)
      throw new ConflictError(
        `Webhook ${id} is disabled${endpoint.disabledReason ? ` (${endpoint.disabledReason})` : ''}: enable it first (PATCH {"enabled": true})`,
      );
    return endpoint;
  }

  private partnerFor(caller: Caller, requested: string | undefined): string | null {
    if (isPlatformAdmin(caller)) return requested ?? null;
    if (requested && requested !== caller.partnerId) throw new NotFoundError('Partner', requested);
    return caller.partnerId;
  }
}
