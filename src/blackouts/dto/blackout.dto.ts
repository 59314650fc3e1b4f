import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { IsIanaTimeZone, Optional } from '../../common/validators';
import { CONFLICT_POLICIES, type ConflictPolicy } from '../../placement/conflicts';
import { type Repeat, REPEATS } from '../../placement/placement';
import { IsIsoDateTimeWithOffset } from '../../updates/dto/schedule-updates.dto';
import type { Blackout } from '../blackouts.repository';

export class CreateBlackoutDto {
  @ApiProperty({ example: '2026-12-20T00:00:00+01:00', description: 'The (first) start' })
  @IsIsoDateTimeWithOffset()
  startsAt!: string;

  @ApiProperty({ example: '2027-01-07T00:00:00+01:00', description: 'The (first) end, exclusive' })
  @IsIsoDateTimeWithOffset()
  endsAt!: string;

  @ApiPropertyOptional({
    enum: REPEATS,
    default: 'none',
    description:
      'Repeats every week, month or year at the same wall-clock time in `timezone` (a repeating ' +
      'blackout lasts at most 7, 28 or 365 days)',
  })
  @Optional()
  @IsIn(REPEATS)
  repeat?: Repeat;

  @ApiPropertyOptional({
    example: 'Europe/Rome',
    description:
      "The zone a repeating blackout keeps its wall-clock times in; defaults to the tenant's time zone (a partner's: its platform's)",
  })
  @Optional()
  @IsIanaTimeZone()
  timezone?: string;

  @ApiProperty({ example: 'Christmas sales: no updates' })
  @IsString()
  @Length(1, 500)
  reason!: string;

  @ApiPropertyOptional({
    enum: CONFLICT_POLICIES,
    default: 'reschedule',
    description:
      "What happens to scheduled updates inside the blackout: moved to the first free window after it, or cancelled (forced ones, and held tasks of rollouts, are always moved; a platform admin's forced immediate or custom update stays inside it)",
  })
  @Optional()
  @IsIn(CONFLICT_POLICIES)
  conflictPolicy?: ConflictPolicy;
}

export class BlackoutResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) tenantId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) partnerId!: string | null;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty({ enum: REPEATS }) repeat!: Repeat;
  @ApiProperty({ example: 'Europe/Rome' }) timezone!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ enum: CONFLICT_POLICIES }) conflictPolicy!: ConflictPolicy;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static from(b: Blackout): BlackoutResponse {
    return {
      id: b.id,
      tenantId: b.tenantId,
      partnerId: b.partnerId,
      startsAt: b.startsAt.toISOString(),
      endsAt: b.endsAt.toISOString(),
      repeat: b.repeat,
      timezone: b.timezone,
      reason: b.reason,
      conflictPolicy: b.conflictPolicy,
      createdAt: b.createdAt.toISOString(),
    };
  }
}

export class BlackoutAffected {
  @ApiProperty() cancelled!: number;
  @ApiProperty() rescheduled!: number;
}

export class CreatedBlackoutResponse extends BlackoutResponse {
  @ApiProperty({
    type: BlackoutAffected,
    description:
      'Updates inside the blackout: scheduled ones, and held tasks of rollouts (always moved, never cancelled by the policy)',
  })
  affected!: BlackoutAffected;
  @ApiProperty({ type: [String] }) warnings!: string[];
}

export class BlackoutList {
  @ApiProperty({ type: [BlackoutResponse] }) items!: BlackoutResponse[];
}
