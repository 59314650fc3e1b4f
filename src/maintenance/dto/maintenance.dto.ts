import { Optional } from '../../common/validators';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsString, Length } from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { IsIsoDateTimeWithOffset } from '../../updates/dto/schedule-updates.dto';
import {
  CONFLICT_POLICIES,
  ConflictPolicy,
  PlatformMaintenance,
} from '../platform-maintenance.repository';

export class CreateMaintenanceDto {
  @ApiProperty({ example: '2027-03-06T22:00:00+01:00' })
  @IsIsoDateTimeWithOffset()
  startsAt!: string;
  @ApiProperty({ example: '2027-03-07T04:00:00+01:00' }) @IsIsoDateTimeWithOffset() endsAt!: string;

  @ApiProperty({ example: 'Database cluster upgrade. The portal stays available.' })
  @IsString()
  @Length(1, 2000)
  message!: string;

  @ApiPropertyOptional({
    enum: CONFLICT_POLICIES,
    default: 'cancel',
    description:
      'What happens to scheduled updates that overlap the period (forced ones, and held tasks of rollouts, are always rescheduled)',
  })
  @Optional()
  @IsIn(CONFLICT_POLICIES)
  conflictPolicy?: ConflictPolicy;

  @ApiPropertyOptional({
    description:
      'Answer (200) how many scheduled updates announcing would cancel or move, and write nothing',
  })
  @Optional()
  @IsBoolean()
  dryRun?: boolean;
}

export class ListMaintenanceQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Include periods that have ended' })
  @Optional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includePast?: boolean;
}

export class MaintenanceResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) platformId!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty() message!: string;
  @ApiProperty({ enum: CONFLICT_POLICIES }) conflictPolicy!: ConflictPolicy;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static from(m: PlatformMaintenance): MaintenanceResponse {
    return {
      id: m.id,
      platformId: m.platformId,
      startsAt: m.startsAt.toISOString(),
      endsAt: m.endsAt.toISOString(),
      message: m.message,
      conflictPolicy: m.conflictPolicy,
      createdAt: m.createdAt.toISOString(),
    };
  }
}

export class AffectedTasks {
  @ApiProperty() cancelled!: number;
  @ApiProperty() rescheduled!: number;
}

export class CreatedMaintenanceResponse extends MaintenanceResponse {
  @ApiProperty({
    type: AffectedTasks,
    description:
      'Updates that overlapped the period: scheduled ones, and held tasks of rollouts (always moved, never cancelled by the policy)',
  })
  affected!: AffectedTasks;
  @ApiProperty({ type: [String] }) warnings!: string[];
}

export class AnnouncementResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) platformId!: string;
  @ApiProperty() platformName!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty() message!: string;
  @ApiProperty({ enum: ['current', 'upcoming'] }) status!: 'current' | 'upcoming';
}

export class AnnouncementList {
  @ApiProperty({ type: [AnnouncementResponse] }) items!: AnnouncementResponse[];
}
