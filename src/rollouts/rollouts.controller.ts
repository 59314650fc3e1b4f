import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { type Caller, scopeOf } from '../auth/caller';
import { CurrentCaller } from '../auth/decorators';
import { Page, pageRequest } from '../common/pagination';
import { IntParam, UuidParam } from '../common/params';
import { ApiErrors, ApiPage } from '../openapi/decorators';
import { ConfirmRolloutDto } from './dto/confirm-rollout.dto';
import { CreateRolloutDto } from './dto/create-rollout.dto';
import { RolloutDryRunResponse, RolloutListQuery, RolloutResponse } from './dto/rollout.dto';
import { RolloutsService } from './rollouts.service';

@ApiTags('rollouts')
@Controller('rollouts')
@ApiExtraModels(RolloutResponse, RolloutDryRunResponse)
export class RolloutsController {
  constructor(private readonly rollouts: RolloutsService) {}

  @Post()
  @ApiOperation({
    summary: 'Create a rollout: an update in waves behind success and error gates',
    description:
      'The scope and options of POST /update-tasks, plus `waves` (each a `percent` or `count` of ' +
      'the tenants not placed in an earlier wave, or the tenants having `tags`; leftovers join ' +
      'the last wave; default one wave), `successThreshold`, `errorThreshold` with `onError`, ' +
      '`soakMinutes` and `maxConcurrency`. Every task of every wave is created now, in one ' +
      'transaction, under every scheduling rule; the tasks of waves that have not opened are ' +
      '`held`. With `dryRun`: 200 and how the tenants split into waves. docs/rollouts.md has ' +
      'the gate arithmetic.',
  })
  @ApiBody({
    type: CreateRolloutDto,
    examples: {
      canaryFirst: {
        summary: 'Canary tenants first, then 10%, then the rest; pause at 3 failures',
        value: {
          partnerId: '0195f3c1-7a2b-7c3d-8e4f-5a6b7c8d9e0f',
          targetVersion: '14.0.0',
          mode: 'maintenance_window',
          waves: [{ name: 'canary', tags: ['ring:canary'] }, { percent: 10 }, { percent: 100 }],
          successThreshold: 95,
          errorThreshold: { count: 3 },
          onError: 'pause',
          soakMinutes: 60,
          maxConcurrency: { percent: 5 },
        },
      },
    },
  })
  @ApiCreatedResponse({ type: RolloutResponse, description: 'The rollout' })
  @ApiAcceptedResponse({
    type: RolloutResponse,
    description:
      'The rollout, awaiting confirmation: its platform says it needs a one-time code (a ' +
      'downgrade, a whole platform, many tenants …); the code was e-mailed to the licence ' +
      'contact. Nothing runs and nobody is told until POST /rollouts/{id}/confirm.',
  })
  @ApiOkResponse({
    schema: { $ref: getSchemaPath(RolloutDryRunResponse) },
    description: 'dryRun: how many tasks and how they split into waves',
  })
  @ApiErrors(
    {
      400: 'Bad input, named per field: a wave with none or several of percent, count, tags; a wave that takes no tenant; thresholds out of range',
    },
    { 403: 'A partner admin asked for a test version or a whole platform' },
    { 404: 'The partner, platform or tenants are unknown or outside your scope' },
    { 409: 'With onConflict "reject": tenants already have an open task or are locked' },
    {
      422: 'With onConflict "reject": tenants were refused by a rule, or the scope holds no tenants; or the rollout needs confirmation and the partner (or platform) has no licenceEmail (code licence_email_missing)',
    },
  )
  async create(
    @CurrentCaller() caller: Caller,
    @Body() dto: CreateRolloutDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RolloutResponse | RolloutDryRunResponse> {
    const result = await this.rollouts.create(caller, dto);
    const awaiting = !result.dryRun && result.body.state === 'awaiting_confirmation';
    res.status(result.dryRun ? 200 : awaiting ? 202 : 201);
    return result.body;
  }

  @Get()
  @ApiOperation({
    summary: 'List rollouts',
    description:
      'Oldest first, filtered by state, partner or target version. A partner admin sees its own.',
  })
  @ApiPage(RolloutResponse)
  list(
    @CurrentCaller() caller: Caller,
    @Query() query: RolloutListQuery,
  ): Promise<Page<RolloutResponse>> {
    const { limit: _limit, cursor: _cursor, ...filter } = query;
    return this.rollouts.list(scopeOf(caller), filter, pageRequest(query, 'id'));
  }

  @Get(':id')
  @ApiOperation({
    summary: 'Get a rollout',
    description:
      'Its state, its counts per task status, and each wave with its counts and its gate in words.',
  })
  @ApiOkResponse({ type: RolloutResponse, description: 'The rollout' })
  @ApiErrors(404)
  get(@CurrentCaller() caller: Caller, @UuidParam() id: string): Promise<RolloutResponse> {
    return this.rollouts.get(scopeOf(caller), id);
  }

  @Post(':id/confirm')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Confirm a rollout with its one-time code',
    description:
      'The code e-mailed to the licence contact starts the rollout: its first wave opens, and ' +
      'its customers and partners are told now. A code is valid 30 minutes and once; after 5 ' +
      'wrong codes no try is accepted until a platform admin sends a new code.',
  })
  @ApiOkResponse({ type: RolloutResponse, description: 'The confirmed rollout (scheduled)' })
  @ApiErrors(
    { 400: 'No code, or not a string of 8 to 32 characters (field code)' },
    404,
    { 409: 'The rollout does not await confirmation (code not_awaiting_confirmation)' },
    {
      422: 'Wrong code (code confirmation_code_wrong, with the tries left) or expired code (confirmation_code_expired)',
    },
    {
      423: 'Five wrong codes: locked until a platform admin sends a new code (code confirmation_locked)',
    },
  )
  confirm(
    @CurrentCaller() caller: Caller,
    @UuidParam() id: string,
    @Body() dto: ConfirmRolloutDto,
  ): Promise<RolloutResponse> {
    return this.rollouts.confirm(caller, id, dto.code);
  }

  @Post(':id/confirmation-code')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Send a new one-time code for a rollout awaiting confirmation',
    description:
      'A new code goes to the licence contact; the old one no longer works (and its e-mail, if ' +
      'not sent yet, is not sent). After 5 wrong codes only a platform admin may ask, which ' +
      'lifts the lock.',
  })
  @ApiOkResponse({ type: RolloutResponse, description: 'The rollout, with the new code’s expiry' })
  @ApiErrors(
    404,
    { 409: 'The rollout does not await confirmation' },
    {
      422: 'The partner (or platform) has no licenceEmail any more (code licence_email_missing)',
    },
    { 423: 'Locked after 5 wrong codes: only a platform admin may send a new code' },
  )
  confirmationCode(
    @CurrentCaller() caller: Caller,
    @UuidParam() id: string,
  ): Promise<RolloutResponse> {
    return this.rollouts.resendCode(caller, id);
  }

  @Post(':id/pause')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Pause a rollout',
    description:
      'No further task of it starts (its scheduled tasks are held again); running tasks finish. ' +
      'The partner contacts are e-mailed.',
  })
  @ApiOkResponse({ type: RolloutResponse, description: 'The paused rollout' })
  @ApiErrors({ 403: 'A partner admin acting on a forced rollout' }, 404, {
    409: 'The rollout is not scheduled or running',
  })
  pause(@CurrentCaller() caller: Caller, @UuidParam() id: string): Promise<RolloutResponse> {
    return this.rollouts.act(caller, id, 'pause');
  }

  @Post(':id/resume')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Resume a paused rollout',
    description:
      'The held tasks of its open waves are scheduled from now; the error gate counts the ' +
      'failures after the resume.',
  })
  @ApiOkResponse({ type: RolloutResponse, description: 'The resumed rollout' })
  @ApiErrors({ 403: 'A partner admin acting on a forced rollout' }, 404, {
    409: 'The rollout is not paused',
  })
  resume(@CurrentCaller() caller: Caller, @UuidParam() id: string): Promise<RolloutResponse> {
    return this.rollouts.act(caller, id, 'resume');
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel a rollout',
    description:
      'Its held and scheduled tasks are cancelled and their recipients told; running tasks ' +
      'finish. The partner contacts are e-mailed.',
  })
  @ApiOkResponse({ type: RolloutResponse, description: 'The cancelled rollout' })
  @ApiErrors({ 403: 'A partner admin acting on a forced rollout' }, 404, {
    409: 'The rollout is over',
  })
  cancel(@CurrentCaller() caller: Caller, @UuidParam() id: string): Promise<RolloutResponse> {
    return this.rollouts.act(caller, id, 'cancel');
  }

  @Post(':id/waves/:index/retry')
  @HttpCode(200)
  @ApiOperation({
    summary: "Retry a wave's failed tasks",
    description:
      'Every failed task of the wave (`index` as in `waves[].index`, 0 for the first) gets a new ' +
      'run, under the rules of POST /update-tasks/{id}/retry, all or nothing: if any of them ' +
      'cannot be retried, the answer lists each with its reason and nothing is retried. They run ' +
      'now in a scheduled or running rollout; in a paused one they are held until it resumes. A ' +
      'rollout that ended failed is reopened: it runs again, its tripped waves reopen and its ' +
      'gates count the new runs. Their earlier failures no longer count for the error gate.',
  })
  @ApiOkResponse({ type: RolloutResponse, description: 'The rollout after the retry' })
  @ApiErrors(
    { 400: 'The index is not a whole number' },
    { 403: 'A partner admin acting on a forced rollout' },
    { 404: 'The rollout or the wave is unknown or outside your scope' },
    {
      409: 'The rollout is not scheduled, running, paused or failed (a stopped, cancelled or succeeded rollout stays over), or the wave has no failed task, or a task cannot be retried now (another open task)',
    },
    { 422: 'Tasks cannot be retried, for different reasons (each listed)' },
  )
  retryWave(
    @CurrentCaller() caller: Caller,
    @UuidParam() id: string,
    @IntParam('index') index: number,
  ): Promise<RolloutResponse> {
    return this.rollouts.retryWave(caller, id, index);
  }
}
