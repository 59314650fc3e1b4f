import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/decorators';
import { type Page, pageRequest } from '../common/pagination';
import { UuidParam } from '../common/params';
import { ApiErrors, ApiPage } from '../openapi/decorators';
import {
  CreateWebhookDto,
  ListDeliveriesQuery,
  ListWebhooksQuery,
  UpdatedWebhookResponse,
  UpdateWebhookDto,
  WebhookBody,
  WebhookDeliveryResponse,
  WebhookBlackoutData,
  WebhookMaintenanceData,
  WebhookPingData,
  WebhookResponse,
  WebhookRolloutData,
  WebhookTaskData,
  WebhookWithSecretResponse,
} from './dto/webhook.dto';
import { WebhooksService } from './webhooks.service';

@ApiTags('webhooks')
@ApiExtraModels(
  WebhookBody,
  WebhookTaskData,
  WebhookMaintenanceData,
  WebhookBlackoutData,
  WebhookRolloutData,
  WebhookPingData,
)
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiOperation({
    summary: 'Register a webhook endpoint',
    description:
      'Events are POSTed to `url` as the Standard Webhooks specification describes (headers ' +
      '`webhook-id`, `webhook-timestamp`, `webhook-signature`; body `WebhookBody`), written in the ' +
      'same transaction as the change they report, retried on WEBHOOK_RETRY_SCHEDULE, in order ' +
      'per task. A partner admin’s endpoint receives its partner’s events; a platform admin’s, ' +
      'the events of `partnerId`, or of every partner without it. The secret is answered once.',
  })
  @ApiBody({
    type: CreateWebhookDto,
    examples: {
      partner: {
        summary: 'A partner’s ticketing system',
        value: {
          url: 'https://psa.partner.example/hooks/updates',
          events: ['task.scheduled', 'task.failed', 'maintenance.announced'],
          description: 'Tickets in our PSA',
        },
      },
    },
  })
  @ApiCreatedResponse({
    type: WebhookWithSecretResponse,
    description: 'The endpoint and its secret',
  })
  @ApiErrors({ 404: 'The partner is unknown (or not the caller’s)' })
  create(
    @CurrentCaller() caller: Caller,
    @Body() dto: CreateWebhookDto,
  ): Promise<WebhookWithSecretResponse> {
    return this.webhooks.create(caller, dto);
  }

  @Get()
  @ApiOperation({
    summary: 'List webhook endpoints',
    description: 'A partner admin sees its partner’s; a platform admin every one.',
  })
  @ApiPage(WebhookResponse)
  list(
    @CurrentCaller() caller: Caller,
    @Query() query: ListWebhooksQuery,
  ): Promise<Page<WebhookResponse>> {
    return this.webhooks.list(caller, query.partnerId ?? null, pageRequest(query, 'id'));
  }

  @Get(':id')
  @ApiOperation({
    summary: 'Get a webhook endpoint',
    description: 'Its settings and health (`enabled`, `failingSince`); never its secret.',
  })
  @ApiOkResponse({ type: WebhookResponse, description: 'The endpoint (without its secret)' })
  @ApiErrors(404)
  get(@CurrentCaller() caller: Caller, @UuidParam('id') id: string): Promise<WebhookResponse> {
    return this.webhooks.get(caller, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change, enable, disable a webhook endpoint or rotate its secret',
    description:
      '`rotateSecret: true` answers the new secret once (`secret`); the previous one signs beside ' +
      'it for 24 hours. `enabled: true` enables an endpoint that was disabled after failing.',
  })
  @ApiOkResponse({
    type: UpdatedWebhookResponse,
    description: 'The endpoint; with `secret` after a rotation',
  })
  @ApiErrors(404)
  update(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @Body() dto: UpdateWebhookDto,
  ): Promise<UpdatedWebhookResponse> {
    return this.webhooks.update(caller, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a webhook endpoint', description: 'With its delivery log.' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(404)
  delete(@CurrentCaller() caller: Caller, @UuidParam('id') id: string): Promise<void> {
    return this.webhooks.delete(caller, id);
  }

  @Post(':id/ping')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send a test event',
    description:
      'Queues a `webhook.ping` delivery, signed and retried like any other; its outcome shows in ' +
      'the delivery log.',
  })
  @ApiAcceptedResponse({ type: WebhookDeliveryResponse, description: 'The queued delivery' })
  @ApiErrors(404, { 409: 'The endpoint is disabled' })
  ping(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
  ): Promise<WebhookDeliveryResponse> {
    return this.webhooks.ping(caller, id);
  }

  @Get(':id/deliveries')
  @ApiOperation({
    summary: 'An endpoint’s delivery log',
    description:
      'Each delivery with its status, last response code, latency and error, and its attempts. ' +
      '`order=desc`: newest first.',
  })
  @ApiPage(WebhookDeliveryResponse)
  @ApiErrors(404)
  deliveries(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @Query() query: ListDeliveriesQuery,
  ): Promise<Page<WebhookDeliveryResponse>> {
    return this.webhooks.deliveriesOf(
      caller,
      id,
      { status: query.status, event: query.event },
      query.order ?? 'asc',
      pageRequest(query),
    );
  }

  @Post(':id/deliveries/:deliveryId/redeliver')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send a delivery again',
    description:
      'A new delivery of the same message (same `webhook-id`, body and signature scheme), due now.',
  })
  @ApiAcceptedResponse({ type: WebhookDeliveryResponse, description: 'The new delivery' })
  @ApiErrors(404, { 409: 'The endpoint is disabled' })
  redeliver(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @UuidParam('deliveryId') deliveryId: string,
  ): Promise<WebhookDeliveryResponse> {
    return this.webhooks.redeliver(caller, id, deliveryId);
  }
}
