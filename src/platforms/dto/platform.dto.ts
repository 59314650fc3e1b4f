import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  ArrayContains,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  Max,
  Min,
  IsString,
  IsUrl,
  Length,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import type { ExecutorDriver } from '../../config/app-config';
import { WindowScheduleDto } from '../../common/maintenance-window.dto';
import { CustomerPostponeDto, CustomerPostponeResponse } from './customer-postpone.dto';
import { IsIanaTimeZone, Optional } from '../../common/validators';
import { PlatformEntity } from '../platform.entity';
import {
  DEFAULT_SNAPSHOT_RETENTION_DAYS,
  DEFAULT_UPDATE_STEPS,
  UPDATE_STEPS,
  type UpdateStep,
} from '../update-steps';

/** Which rollouts need confirmation with an e-mailed code (any rule that is on and matches). */
export class RolloutConfirmationDto {
  @ApiPropertyOptional({ description: 'A rollout that downgrades any tenant (default true)' })
  @Optional()
  @IsBoolean()
  downgrade?: boolean;

  @ApiPropertyOptional({ description: 'A forced rollout (default false)' })
  @Optional()
  @IsBoolean()
  forced?: boolean;

  @ApiPropertyOptional({
    description: 'A rollout scoped by platformId, or a filter by platformId (default true)',
  })
  @Optional()
  @IsBoolean()
  platformScope?: boolean;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 0,
    maximum: 10_000_000,
    description: 'A rollout of more than this many tenants (default 1000; null: no count rule)',
  })
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  tenantsOver?: number | null;
}

export class RolloutConfirmationResponse {
  @ApiProperty() downgrade!: boolean;
  @ApiProperty() forced!: boolean;
  @ApiProperty() platformScope!: boolean;
  @ApiProperty({ type: Number, nullable: true }) tenantsOver!: number | null;
}

/** The step plan and snapshot retention, the same on create and update. */
class StepPlanFields {
  @ApiPropertyOptional({
    enum: UPDATE_STEPS,
    isArray: true,
    example: ['precheck', 'backup', 'apply', 'migrate', 'reboot', 'verify'],
    description:
      'The steps its updates run, among precheck, backup (takes the snapshot a rollback restores), ' +
      'apply, migrate, reboot, verify; they run in that order whatever the order given, and ' +
      'apply, migrate and reboot once per hop of an upgrade path. Must include apply. Default: ' +
      DEFAULT_UPDATE_STEPS.join(', '),
  })
  @Optional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(UPDATE_STEPS.length)
  @IsIn(UPDATE_STEPS, { each: true })
  @ArrayContains(['apply'], { message: 'must include apply' })
  updateSteps?: UpdateStep[];

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 3650,
    default: DEFAULT_SNAPSHOT_RETENTION_DAYS,
    description: 'Days a snapshot is kept before the expiry job deletes it (unless pinned)',
  })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(3650)
  snapshotRetentionDays?: number;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'licence@cloud.example',
    description:
      "The platform's licence contact: one-time codes of platform admins' rollouts across " +
      'partners go here (docs/rollouts.md, "Confirmation"). null clears it.',
  })
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @IsEmail()
  @MaxLength(254)
  licenceEmail?: string | null;

  @ApiPropertyOptional({
    type: RolloutConfirmationDto,
    description:
      'Which rollouts need confirmation with an e-mailed one-time code; fields left out keep ' +
      'their value (default: a downgrade, a whole platform, or more than 1,000 tenants)',
  })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => RolloutConfirmationDto)
  rolloutConfirmation?: RolloutConfirmationDto;

  @ApiPropertyOptional({
    type: CustomerPostponeDto,
    description:
      'What customers may do with the self-service link in their e-mails (partners may override ' +
      'it); fields not given keep their value (on creation: allowed true, maxDays 14, maxTimes 2)',
  })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => CustomerPostponeDto)
  customerPostpone?: CustomerPostponeDto;
}

export const EXECUTOR_DRIVERS = ['simulated', 'http'] as const;

export class ExecutorSettingsDto {
  @ApiPropertyOptional({
    enum: EXECUTOR_DRIVERS,
    description: 'Unset: the EXECUTOR setting applies',
  })
  @Optional()
  @IsIn(EXECUTOR_DRIVERS)
  driver?: ExecutorDriver;

  @ApiPropertyOptional({ example: 'https://deploy.example.com/api/updates' })
  @Optional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  url?: string;

  @ApiPropertyOptional({
    description: 'HMAC-SHA256 key shared with the deployment API (write-only)',
  })
  @Optional()
  @IsString()
  @MinLength(16)
  secret?: string;
}

export class CreatePlatformDto extends StepPlanFields {
  @ApiProperty({ example: 'EU cloud' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: 'Europe/Berlin' })
  @IsIanaTimeZone()
  timezone!: string;

  @ApiPropertyOptional({ type: ExecutorSettingsDto })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => ExecutorSettingsDto)
  executor?: ExecutorSettingsDto;

  @ApiPropertyOptional({
    type: WindowScheduleDto,
    description:
      'Window given to new tenants that do not bring their own (default 0 2 * * SUN, 240 min)',
  })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => WindowScheduleDto)
  defaultMaintenanceWindow?: WindowScheduleDto;
}

export class UpdatePlatformDto extends StepPlanFields {
  @ApiPropertyOptional() @Optional() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional() @Optional() @IsIanaTimeZone() timezone?: string;

  @ApiPropertyOptional({ type: ExecutorSettingsDto })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => ExecutorSettingsDto)
  executor?: ExecutorSettingsDto;

  @ApiPropertyOptional({ type: WindowScheduleDto })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => WindowScheduleDto)
  defaultMaintenanceWindow?: WindowScheduleDto;
}

export class ExecutorSettingsResponse {
  @ApiProperty({ enum: EXECUTOR_DRIVERS, nullable: true, type: String })
  driver!: ExecutorDriver | null;
  @ApiProperty({ nullable: true, type: String }) url!: string | null;
  @ApiProperty({ description: 'Whether a secret is stored (the secret itself is never returned)' })
  secretSet!: boolean;
}

export class PlatformResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() timezone!: string;
  @ApiProperty({ type: ExecutorSettingsResponse }) executor!: ExecutorSettingsResponse;
  @ApiProperty({ type: WindowScheduleDto }) defaultMaintenanceWindow!: WindowScheduleDto;
  @ApiProperty({
    enum: UPDATE_STEPS,
    isArray: true,
    description: 'The steps its updates run, in the order they run',
  })
  updateSteps!: UpdateStep[];
  @ApiProperty({ description: 'Days a snapshot is kept (unless pinned)' })
  snapshotRetentionDays!: number;
  @ApiProperty({ type: String, nullable: true, description: 'Where its one-time codes go' })
  licenceEmail!: string | null;
  @ApiProperty({ type: RolloutConfirmationResponse })
  rolloutConfirmation!: RolloutConfirmationResponse;
  @ApiProperty({
    type: CustomerPostponeResponse,
    description: 'What customers may do with the self-service link (partners may override it)',
  })
  customerPostpone!: CustomerPostponeResponse;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;

  static from(p: PlatformEntity): PlatformResponse {
    return {
      id: p.id,
      name: p.name,
      timezone: p.timezone,
      executor: {
        driver: p.executorDriver,
        url: p.executorUrl,
        secretSet: p.executorSecret !== null,
      },
      defaultMaintenanceWindow: {
        cron: p.defaultWindowCron,
        durationMinutes: p.defaultWindowDurationMinutes,
      },
      updateSteps: p.updateSteps,
      snapshotRetentionDays: p.snapshotRetentionDays,
      licenceEmail: p.licenceEmail,
      rolloutConfirmation: {
        downgrade: p.confirmDowngrade,
        forced: p.confirmForced,
        platformScope: p.confirmPlatformScope,
        tenantsOver: p.confirmTenantsOver,
      },
      customerPostpone: {
        allowed: p.customerPostpone.allowed,
        maxDays: p.customerPostpone.maxDays,
        maxTimes: p.customerPostpone.maxTimes,
      },
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
    };
  }
}
