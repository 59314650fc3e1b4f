import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Length,
} from 'class-validator';
import { OrderedPageQuery } from '../../common/pagination';
import { IsUuid, Optional } from '../../common/validators';
import {
  WEBHOOK_EVENTS,
  WEBHOOK_PAYLOAD_VERSION,
  WEBHOOK_PING,
  type WebhookEvent,
} from '../../notifications/notice-events';
import {
  DELIVERY_STATUSES,
  type DeliveryStatus,
  type WebhookDelivery,
} from '../webhook-deliveries.repository';
import type { WebhookEndpoint } from '../webhook-endpoints.repository';

const EVENTS_DESCRIPTION =
  'The events sent to the endpoint. Task events carry `WebhookTaskData`, maintenance events ' +
  '`WebhookMaintenanceData`, blackout events `WebhookBlackoutData`, rollout events ' +
  '`WebhookRolloutData` (see `WebhookBody`).';

export class CreateWebhookDto {
  @ApiProperty({
    example: 'https://psa.partner.example/hooks/updates',
    description:
      'Where deliveries are POSTed: https only, not resolving to a loopback, private or link-local ' +
      'address (unless the service runs with WEBHOOK_ALLOW_PRIVATE=true)',
  })
  @IsString()
  @Length(1, 2000)
  url!: string;

  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true, description: EVENTS_DESCRIPTION })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @ArrayMaxSize(WEBHOOK_EVENTS.length)
  @IsIn(WEBHOOK_EVENTS, { each: true })
  events!: WebhookEvent[];

  @ApiPropertyOptional({ example: 'Tickets in our PSA' })
  @Optional()
  @IsString()
  @Length(0, 500)
  description?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Platform admins: the partner whose events the endpoint receives; omitted: every ' +
      'partner’s. Partner admins: their own partner (the default).',
  })
  @Optional()
  @IsUuid()
  partnerId?: string;
}

export class UpdateWebhookDto {
  @ApiPropertyOptional({ description: 'As for creating' })
  @Optional()
  @IsString()
  @Length(1, 2000)
  url?: string;

  @ApiPropertyOptional({ enum: WEBHOOK_EVENTS, isArray: true })
  @Optional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @ArrayMaxSize(WEBHOOK_EVENTS.length)
  @IsIn(WEBHOOK_EVENTS, { each: true })
  events?: WebhookEvent[];

  @ApiPropertyOptional({ nullable: true, description: 'null clears it' })
  @IsOptional()
  @IsString()
  @Length(0, 500)
  description?: string | null;

  @ApiPropertyOptional({
    description:
      '`true` enables a disabled endpoint again (it receives new events; failed deliveries can be ' +
      'redelivered); `false` stops deliveries to it',
  })
  @Optional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({
    description:
      'A new secret, answered once as `secret`; the previous one keeps signing beside it for 24 ' +
      'hours, so receivers can switch without losing a delivery',
  })
  @Optional()
  @IsBoolean()
  rotateSecret?: boolean;
}

export class ListWebhooksQuery extends OrderedPageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this partner’s endpoints' })
  @Optional()
  @IsUuid()
  partnerId?: string;
}

export class ListDeliveriesQuery extends OrderedPageQuery {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  @Optional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;

  @ApiPropertyOptional({ enum: [...WEBHOOK_EVENTS, WEBHOOK_PING] })
  @Optional()
  @IsIn([...WEBHOOK_EVENTS, WEBHOOK_PING])
  event?: string;
}

export class WebhookResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'null: a platform admin’s endpoint for every partner’s events',
  })
  partnerId!: string | null;
  @ApiProperty() url!: string;
  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true }) events!: WebhookEvent[];
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ description: 'false: nothing is sent (disabled by an admin or after failing)' })
  enabled!: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'Why it was disabled automatically' })
  disabledReason!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) disabledAt!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'Every attempt has failed since then; null when the last one succeeded',
  })
  failingSince!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'After a rotation: until then deliveries are also signed with the previous secret',
  })
  previousSecretExpiresAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;

  static from(e: WebhookEndpoint): WebhookResponse {
    return {
      id: e.id,
      partnerId: e.partnerId,
      url: e.url,
      events: e.events as WebhookEvent[],
      description: e.description,
      enabled: e.enabled,
      disabledReason: e.disabledReason,
      disabledAt: e.disabledAt?.toISOString() ?? null,
      failingSince: e.failingSince?.toISOString() ?? null,
      previousSecretExpiresAt: e.previousSecretExpiresAt?.toISOString() ?? null,
      createdAt: e.createdAt.toISOString(),
      updatedAt: e.updatedAt.toISOString(),
    };
  }
}

export class WebhookWithSecretResponse extends WebhookResponse {
  @ApiProperty({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description:
      'The signing secret (Standard Webhooks: `whsec_` + base64 of the key). Shown only in this ' +
      'answer; keep it.',
  })
  secret!: string;
}

/** The `data` of task events: the task as it was in the transaction of the change. */
export class WebhookTaskData {
  @ApiProperty({ format: 'uuid' }) taskId!: string;
  @ApiProperty({ format: 'uuid' }) batchId!: string;
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty() tenantName!: string;
  @ApiProperty({ format: 'uuid' }) partnerId!: string;
  @ApiProperty({ format: 'uuid' }) platformId!: string;
  @ApiProperty({ description: 'The task’s status after the change' }) status!: string;
  @ApiProperty() fromVersion!: string;
  @ApiProperty() targetVersion!: string;
  @ApiProperty({ enum: ['immediate', 'maintenance_window', 'custom'] }) mode!: string;
  @ApiProperty() forced!: boolean;
  @ApiProperty({ format: 'date-time' }) runAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) expiresAt!: string | null;
  @ApiProperty() attempts!: number;
  @ApiProperty({ description: 'Raised with every move (the calendar SEQUENCE)' }) sequence!: number;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Why: a cancellation’s reason, a failure’s error, why a task moved',
  })
  reason!: string | null;
}

/** The `data` of maintenance events. */
export class WebhookMaintenanceData {
  @ApiProperty({ format: 'uuid' }) maintenanceId!: string;
  @ApiProperty({ format: 'uuid' }) platformId!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty() message!: string;
  @ApiProperty({ enum: ['cancel', 'reschedule'] }) conflictPolicy!: string;
}

/** The `data` of blackout events: the blackout as it was set (or as it was when removed). */
export class WebhookBlackoutData {
  @ApiProperty({ format: 'uuid' }) blackoutId!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'A tenant’s blackout' })
  tenantId!: string | null;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'A partner’s blackout (null for a tenant’s)',
  })
  partnerId!: string | null;
  @ApiProperty({ format: 'uuid' }) platformId!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty({ enum: ['none', 'weekly', 'monthly', 'yearly'] }) repeat!: string;
  @ApiProperty({
    example: 'Europe/Berlin',
    description: 'The zone a repeating blackout repeats in',
  })
  timezone!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ enum: ['cancel', 'reschedule'] }) conflictPolicy!: string;
}

/** The `data` of rollout events: the rollout as it is in the transaction of the change. */
export class WebhookRolloutData {
  @ApiProperty({ format: 'uuid' }) rolloutId!: string;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The partner whose rollout it is (null for a platform-wide one)',
  })
  partnerId!: string | null;
  @ApiProperty({ type: [String], format: 'uuid' }) platformIds!: string[];
  @ApiProperty({
    enum: ['paused', 'scheduled', 'running', 'stopped', 'succeeded', 'failed', 'cancelled'],
    description: 'The state it changed to (a resumed rollout: scheduled or running)',
  })
  state!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Why it paused, stopped or ended (null when resumed)',
  })
  reason!: string | null;
  @ApiProperty() targetVersion!: string;
  @ApiProperty({ description: 'Tenants in the rollout' }) total!: number;
  @ApiProperty() succeeded!: number;
  @ApiProperty() failed!: number;
  @ApiProperty() cancelled!: number;
}

/** The `data` of `webhook.ping`. */
export class WebhookPingData {
  @ApiProperty({ format: 'uuid' }) endpointId!: string;
  @ApiProperty({ example: 'ping' }) message!: string;
}

/**
 * Every delivery's body (Standard Webhooks): `{type, timestamp, version, data}`, signed as sent.
 */
export class WebhookBody {
  @ApiProperty({
    enum: [...WEBHOOK_EVENTS, WEBHOOK_PING],
    description:
      'task.* events (task.postponed included: a customer postponed the task through its ' +
      'self-service link, sent after its task.rescheduled) carry WebhookTaskData, maintenance.* ' +
      'WebhookMaintenanceData, blackout.* WebhookBlackoutData, rollout.* WebhookRolloutData, ' +
      'webhook.ping WebhookPingData',
  })
  type!: string;
  @ApiProperty({ format: 'date-time', description: 'When the change happened' }) timestamp!: string;
  @ApiProperty({
    enum: [WEBHOOK_PAYLOAD_VERSION],
    description:
      'The version of the body; raised if a field changes meaning (new fields may appear)',
  })
  version!: number;
  @ApiProperty({
    oneOf: [
      { $ref: getSchemaPath(WebhookTaskData) },
      { $ref: getSchemaPath(WebhookMaintenanceData) },
      { $ref: getSchemaPath(WebhookBlackoutData) },
      { $ref: getSchemaPath(WebhookRolloutData) },
      { $ref: getSchemaPath(WebhookPingData) },
    ],
  })
  data!:
    | WebhookTaskData
    | WebhookMaintenanceData
    | WebhookBlackoutData
    | WebhookRolloutData
    | WebhookPingData;
}

/** PATCH's answer: the endpoint, with its new secret after `rotateSecret`. */
export class UpdatedWebhookResponse extends WebhookResponse {
  @ApiPropertyOptional({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description: 'Only after `rotateSecret: true`: the new secret, shown only in this answer',
  })
  secret?: string;
}

export class DeliveryAttemptResponse {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ nullable: true, type: Number, description: 'null: no response' })
  responseCode!: number | null;
  @ApiProperty() latencyMs!: number;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
}

export class WebhookDeliveryResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) endpointId!: string;
  @ApiProperty({
    description:
      'The `webhook-id` header: the same for every attempt and redelivery of one message',
  })
  messageId!: string;
  @ApiProperty({ enum: [...WEBHOOK_EVENTS, WEBHOOK_PING] }) event!: string;
  @ApiProperty({
    enum: DELIVERY_STATUSES,
    description:
      '`pending` (waiting for its first attempt or a retry), `delivering`, `succeeded` (a 2xx ' +
      'answer), `failed` (the retry schedule is used up, or the endpoint was disabled)',
  })
  status!: DeliveryStatus;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) nextAttemptAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastAttemptAt!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Of the last attempt' })
  responseCode!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Of the last attempt' })
  latencyMs!: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'Of the last attempt' })
  error!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) deliveredAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({
    type: [DeliveryAttemptResponse],
    description: 'The latest attempts, oldest first',
  })
  attemptLog!: DeliveryAttemptResponse[];
  @ApiProperty({ type: WebhookBody, description: 'The body sent' })
  payload!: WebhookBody;

  static from(d: WebhookDelivery): WebhookDeliveryResponse {
    return {
      id: d.id,
      endpointId: d.endpointId,
      messageId: d.messageId,
      event: d.event,
      status: d.status,
      attempts: d.attempts,
      nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
      lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
      responseCode: d.responseCode,
      latencyMs: d.latencyMs,
      error: d.error,
      deliveredAt: d.deliveredAt?.toISOString() ?? null,
      createdAt: d.createdAt.toISOString(),
      attemptLog: d.attemptLog.map((a) => ({ ...a, at: a.at.toISOString() })),
      payload: d.payload as WebhookBody,
    };
  }
}
