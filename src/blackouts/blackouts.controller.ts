import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/decorators';
import { UuidParam } from '../common/params';
import { ApiErrors } from '../openapi/decorators';
import { BlackoutsService } from './blackouts.service';
import { BlackoutList, CreateBlackoutDto, CreatedBlackoutResponse } from './dto/blackout.dto';

const CREATE_DESCRIPTION =
  'No update starts inside a blackout: maintenance-window updates take the first window outside ' +
  'it; an immediate or custom update inside it is refused with 422 `blackout_overlap`, unless a ' +
  'platform admin forces it (`forced: true`). Scheduled updates inside the new blackout are moved ' +
  'to the first free window after it or cancelled (`conflictPolicy`; forced ones are always ' +
  'moved), and whoever was told about them is told again; held tasks of rollouts are always moved ' +
  "and stay held. A platform admin's forced immediate or custom update stays inside it, scheduled " +
  'or held. Partner admins set blackouts for their ' +
  'own partner and tenants; platform admins for all.';

const EXAMPLES = {
  yearly: {
    summary: 'No updates over the holidays, every year',
    value: {
      startsAt: '2026-12-20T00:00:00+01:00',
      endsAt: '2027-01-07T00:00:00+01:00',
      repeat: 'yearly',
      timezone: 'Europe/Rome',
      reason: 'Christmas sales',
    },
  },
  weekly: {
    summary: 'No updates on Saturdays',
    value: {
      startsAt: '2027-01-02T00:00:00+01:00',
      endsAt: '2027-01-03T00:00:00+01:00',
      repeat: 'weekly',
      reason: 'Saturday is market day',
      conflictPolicy: 'cancel',
    },
  },
};

@ApiTags('blackouts')
@Controller('tenants/:tenantId/blackouts')
export class TenantBlackoutsController {
  constructor(private readonly blackouts: BlackoutsService) {}

  @Post()
  @ApiOperation({ summary: 'Add a blackout to a tenant', description: CREATE_DESCRIPTION })
  @ApiBody({ type: CreateBlackoutDto, examples: EXAMPLES })
  @ApiCreatedResponse({
    type: CreatedBlackoutResponse,
    description: 'The blackout, with how many scheduled updates it moved or cancelled',
  })
  @ApiErrors(404)
  create(
    @CurrentCaller() caller: Caller,
    @UuidParam('tenantId') tenantId: string,
    @Body() dto: CreateBlackoutDto,
  ): Promise<CreatedBlackoutResponse> {
    return this.blackouts.create(caller, { tenantId }, dto);
  }

  @Get()
  @ApiOperation({
    summary: 'List a tenant’s blackouts',
    description:
      'The tenant’s own blackouts, oldest first; its partner’s are listed on the partner.',
  })
  @ApiOkResponse({ type: BlackoutList, description: 'The blackouts, oldest first' })
  @ApiErrors(404)
  list(
    @CurrentCaller() caller: Caller,
    @UuidParam('tenantId') tenantId: string,
  ): Promise<BlackoutList> {
    return this.blackouts.list(caller, { tenantId });
  }

  @Delete(':blackoutId')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Remove a tenant’s blackout',
    description: 'Updates it moved or cancelled stay where they are.',
  })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrors({ 404: 'The tenant or the blackout is unknown' })
  delete(
    @CurrentCaller() caller: Caller,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('blackoutId') id: string,
  ): Promise<void> {
    return this.blackouts.delete(caller, { tenantId }, id);
  }
}

@ApiTags('blackouts')
@Controller('partners/:partnerId/blackouts')
export class PartnerBlackoutsController {
  constructor(private readonly blackouts: BlackoutsService) {}

  @Post()
  @ApiOperation({
    summary: 'Add a blackout to a partner (all its tenants)',
    description: CREATE_DESCRIPTION,
  })
  @ApiBody({ type: CreateBlackoutDto, examples: EXAMPLES })
  @ApiCreatedResponse({
    type: CreatedBlackoutResponse,
    description: 'The blackout, with how many scheduled updates it moved or cancelled',
  })
  @ApiErrors(404)
  create(
    @CurrentCaller() caller: Caller,
    @UuidParam('partnerId') partnerId: string,
    @Body() dto: CreateBlackoutDto,
  ): Promise<CreatedBlackoutResponse> {
    return this.blackouts.create(caller, { partnerId }, dto);
  }

  @Get()
  @ApiOperation({
    summary: 'List a partner’s blackouts',
    description: 'Blackouts that apply to every tenant of the partner, oldest first.',
  })
  @ApiOkResponse({ type: BlackoutList, description: 'The blackouts, oldest first' })
  @ApiErrors(404)
  list(
    @CurrentCaller() caller: Caller,
    @UuidParam('partnerId') partnerId: string,
  ): Promise<BlackoutList> {
    return this.blackouts.list(caller, { partnerId });
  }

  @Delete(':blackoutId')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Remove a partner’s blackout',
    description: 'Updates it moved or cancelled stay where they are.',
  })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrors({ 404: 'The partner or the blackout is unknown' })
  delete(
    @CurrentCaller() caller: Caller,
    @UuidParam('partnerId') partnerId: string,
    @UuidParam('blackoutId') id: string,
  ): Promise<void> {
    return this.blackouts.delete(caller, { partnerId }, id);
  }
}
