import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IsSemver, IsUuid, Optional } from '../../common/validators';
import { PageQuery } from '../../common/pagination';
import { englishReason } from '../../notifications/reasons';
import { StatusCountsResponse } from '../../updates/dto/task.dto';
import { UPDATE_MODES, type UpdateMode } from '../../updates/planning';
import {
  amountOf,
  type Counts,
  ON_ERROR,
  type OnError,
  ROLLOUT_STATES,
  type RolloutState,
  successPercent,
  totalOf,
  WAVE_STATES,
  type WaveState,
} from '../gates';
import {
  CONFIRMATION_REASONS,
  type ConfirmationReason,
  MAX_WRONG_CODES,
} from '../confirmation-rule';
import type { ConfirmationSummary } from '../confirmations.repository';
import type { Rollout, Wave } from '../rollouts.repository';
import { AmountDto } from './create-rollout.dto';

export class RolloutListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ROLLOUT_STATES })
  @Optional()
  @IsIn(ROLLOUT_STATES)
  state?: RolloutState;

  @ApiPropertyOptional({ format: 'uuid' })
  @Optional()
  @IsUuid()
  partnerId?: string;

  @ApiPropertyOptional({ example: '14.0.0' })
  @Optional()
  @IsSemver()
  targetVersion?: string;
}

export class WaveResponse {
  @ApiProperty({ description: '0 for the first wave' }) index!: number;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'How the wave picked its tenants: {percent}, {count} or {tags}' })
  selector!: Record<string, unknown>;
  @ApiProperty({ description: 'Its tasks' }) total!: number;
  @ApiProperty({ enum: WAVE_STATES }) state!: WaveState;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) openedAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) passedAt!: string | null;
  @ApiProperty({ type: StatusCountsResponse }) counts!: Counts;
  @ApiProperty({
    description: 'Its gate in words, e.g. "opens when 95% of wave 1 succeeded: 91% so far"',
  })
  gate!: string;
}

export class ConfirmationResponse {
  @ApiProperty({
    enum: CONFIRMATION_REASONS,
    isArray: true,
    description: 'Why it needs confirmation (the rules of its platform that matched)',
  })
  reasons!: string[];
  @ApiProperty({ type: [String], description: 'The licence e-mail(s) the current code went to' })
  sentTo!: string[];
  @ApiProperty({ format: 'date-time' }) sentAt!: string;
  @ApiProperty({ format: 'date-time', description: 'When the current code stops working' })
  expiresAt!: string;
  @ApiProperty({ description: 'Wrong codes entered since the current code was sent' })
  wrongCodes!: number;
  @ApiProperty({
    description: `Tries left before the rollout is locked (after ${MAX_WRONG_CODES} wrong codes)`,
  })
  triesLeft!: number;
  @ApiProperty({ description: 'No try is accepted until a platform admin sends a new code' })
  locked!: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) confirmedAt!: string | null;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description:
      'Unless confirmed by then, it is cancelled with its tasks (ROLLOUT_CONFIRMATION_EXPIRY_HOURS after its creation; a new code does not move it)',
  })
  cancelsAt!: string | null;
}

export class RolloutResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', description: 'The update batch holding its tasks' })
  batchId!: string;
  @ApiProperty({ enum: ROLLOUT_STATES }) state!: RolloutState;
  @ApiProperty() targetVersion!: string;
  @ApiProperty({ enum: UPDATE_MODES }) mode!: UpdateMode;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) runAt!: string | null;
  @ApiProperty() forced!: boolean;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The partner it belongs to (null: a platform admin’s rollout across partners)',
  })
  partnerId!: string | null;
  @ApiProperty({ description: 'Its tasks' }) total!: number;
  @ApiProperty({ type: StatusCountsResponse }) counts!: Counts;
  @ApiProperty({ type: [WaveResponse] }) waves!: WaveResponse[];
  @ApiProperty() successThreshold!: number;
  @ApiProperty({ type: AmountDto, nullable: true }) errorThreshold!: AmountDto | null;
  @ApiProperty({ enum: ON_ERROR }) onError!: OnError;
  @ApiProperty() soakMinutes!: number;
  @ApiProperty({ type: AmountDto, nullable: true }) maxConcurrency!: AmountDto | null;
  @ApiProperty({ nullable: true, type: Number, description: 'maxConcurrency as a count' })
  maxRunning!: number | null;
  @ApiProperty({ description: 'The error gate in words' }) errorGate!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Why it paused, stopped, failed or was cancelled',
  })
  pausedReason!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The API key that created it' })
  createdBy!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finishedAt!: string | null;
  @ApiProperty({
    type: ConfirmationResponse,
    nullable: true,
    description:
      'Its confirmation with a one-time code, if it needed one (docs/rollouts.md, "Confirmation")',
  })
  confirmation!: ConfirmationResponse | null;
}

export class WaveSplit {
  @ApiProperty() index!: number;
  @ApiProperty() name!: string;
  @ApiProperty() tenants!: number;
}

export class DryRunConfirmation {
  @ApiProperty({
    description:
      'Whether the rollout would be created awaiting confirmation with an e-mailed one-time code (202)',
  })
  needed!: boolean;
  @ApiProperty({
    enum: CONFIRMATION_REASONS,
    isArray: true,
    description:
      'The rules of its platforms that match, as confirmation.reasons of the rollout would show them (empty: none)',
  })
  reasons!: ConfirmationReason[];
}

export class RolloutDryRunResponse {
  @ApiProperty({ type: DryRunConfirmation }) confirmation!: DryRunConfirmation;
  @ApiProperty({ description: 'Tasks that would be created' }) created!: number;
  @ApiProperty({ description: 'Tenants that would be skipped (onConflict: skip), with why' })
  skipped!: { tenantId: string; index?: number; code: string; reason: string }[];
  @ApiProperty({ type: [String] }) warnings!: string[];
  @ApiProperty({ type: [WaveSplit] }) waves!: WaveSplit[];
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function sum(waves: Wave[]): Counts {
  const c: Counts = { held: 0, scheduled: 0, running: 0, succeeded: 0, failed: 0, cancelled: 0 };
  for (const w of waves) for (const k of Object.keys(c) as (keyof Counts)[]) c[k] += w.counts[k];
  return c;
}

/** A wave's gate in words, as the rollout stands. */
function gateWords(r: Rollout, waves: Wave[], w: Wave, now: Date): string {
  const before = waves[w.index - 1];
  if (w.state === 'tripped')
    return `tripped${r.pausedReason ? `: ${englishReason(r.pausedReason)}` : ''}`;
  if (w.state === 'passed') {
    return `passed at ${iso(w.passedAt)}: ${successPercent(w.counts)}% succeeded (threshold ${r.successThreshold}%)`;
  }
  if (w.state === 'open') {
    const opened = `opened at ${iso(w.openedAt)}`;
    return `${opened}; passes when ${r.successThreshold}% of it succeeded: ${successPercent(w.counts)}% so far`;
  }
  if (!before) return 'opens when the rollout starts';
  if (before.state === 'passed' && before.passedAt) {
    const opensAt = new Date(before.passedAt.getTime() + r.soakMinutes * 60_000);
    return opensAt > now
      ? `wave ${before.index + 1} passed; opens after ${r.soakMinutes} minutes of soak, at ${opensAt.toISOString()}`
      : `wave ${before.index + 1} passed; opens now`;
  }
  if (before.state === 'held') return `waits for wave ${before.index + 1}`;
  const soak = r.soakMinutes > 0 ? `, after ${r.soakMinutes} minutes of soak` : '';
  return `opens when ${r.successThreshold}% of wave ${before.index + 1} succeeded${soak}: ${successPercent(before.counts)}% so far`;
}

function errorWords(r: Rollout, waves: Wave[]): string {
  const t = r.errorThreshold;
  if (!t) return 'none: failures do not pause or stop the rollout';
  const total = waves.reduce((n, w) => n + totalOf(w.counts), 0);
  const failed = waves.reduce((n, w) => n + w.counts.failed, 0) - r.failedBase;
  const since = r.failedBase > 0 ? ' since the last resume' : '';
  const limit = amountOf(t, total);
  const what =
    t.count !== undefined
      ? `${limit} failures`
      : `${t.percent}% of a wave or ${limit} of all ${total} tasks failed`;
  return `${r.onError === 'pause' ? 'pauses' : 'stops'} at ${what}: ${failed} failed${since} so far`;
}

function confirmationOf(c: ConfirmationSummary | undefined): ConfirmationResponse | null {
  if (!c) return null;
  return {
    reasons: c.reasons,
    sentTo: c.recipients,
    sentAt: c.sentAt.toISOString(),
    expiresAt: c.expiresAt.toISOString(),
    wrongCodes: c.failedAttempts,
    triesLeft: Math.max(0, MAX_WRONG_CODES - c.failedAttempts),
    locked: c.failedAttempts >= MAX_WRONG_CODES && c.confirmedAt === null,
    confirmedAt: iso(c.confirmedAt),
    cancelsAt: iso(c.cancelAt),
  };
}

export function rolloutResponse(
  r: Rollout,
  waves: Wave[],
  now: Date,
  confirmation?: ConfirmationSummary,
): RolloutResponse {
  const counts = sum(waves);
  return {
    id: r.id,
    batchId: r.batchId,
    state: r.state,
    targetVersion: r.targetVersion,
    mode: r.mode,
    runAt: iso(r.runAt),
    forced: r.forced,
    partnerId: r.partnerId,
    total: totalOf(counts),
    counts,
    waves: waves.map((w) => ({
      index: w.index,
      name: w.name,
      selector: w.selector,
      total: totalOf(w.counts),
      state: w.state,
      openedAt: iso(w.openedAt),
      passedAt: iso(w.passedAt),
      counts: w.counts,
      gate: gateWords(r, waves, w, now),
    })),
    successThreshold: r.successThreshold,
    errorThreshold: r.errorThreshold,
    onError: r.onError,
    soakMinutes: r.soakMinutes,
    maxConcurrency: r.maxConcurrency,
    maxRunning: r.maxRunning,
    errorGate: errorWords(r, waves),
    pausedReason: englishReason(r.pausedReason),
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    finishedAt: iso(r.finishedAt),
    confirmation: confirmationOf(confirmation),
  };
}
