import { DateTime } from 'luxon';
import { Transform, Type } from 'class-transformer';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  Max,
  ValidateNested,
  Min,
  registerDecorator,
  ValidationOptions,
} from 'class-validator';
import { IsSemver, IsUuid, IsUuidList, Optional } from '../../common/validators';
import { TenantFilterDto } from '../../tenants/dto/tenant-filter.dto';
import { UPDATE_MODES, UpdateMode } from '../planning';

export const MAX_TENANT_IDS = 100_000;
export const ON_CONFLICT = ['reject', 'skip'] as const;
export type OnConflict = (typeof ON_CONFLICT)[number];

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A real instant (no 30 February, no hour 25) within the years 1970–9999 in UTC. */
export function isIsoDateTimeWithOffset(value: unknown): boolean {
  if (typeof value !== 'string' || !ISO_WITH_OFFSET.test(value)) return false;
  const parsed = DateTime.fromISO(value, { setZone: true });
  if (!parsed.isValid) return false;
  const year = parsed.toUTC().year;
  return year >= 1970 && year <= 9999;
}

/** ISO 8601 with a UTC offset or Z, e.g. 2027-03-28T02:30:00+01:00. */
export function IsIsoDateTimeWithOffset(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIsoDateTimeWithOffset',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: isIsoDateTimeWithOffset,
        defaultMessage: () =>
          'must be an ISO 8601 date-time with an offset, e.g. 2027-03-28T02:30:00+01:00 (a real date, years 1970–9999)',
      },
    });
}

export class ScheduleUpdatesDto {
  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_TENANT_IDS,
    description: 'Scope: these tenants',
  })
  @Optional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_TENANT_IDS)
  @IsUuidList(MAX_TENANT_IDS)
  @Transform(({ value }) =>
    Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.toLowerCase() : v)) : value,
  )
  tenantIds?: string[];

  @ApiPropertyOptional({ format: 'uuid', description: "Scope: all of a partner's tenants" })
  @Optional()
  @IsUuid()
  partnerId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "Scope: all of a platform's tenants (platform admins)",
  })
  @Optional()
  @IsUuid()
  platformId?: string;

  @ApiPropertyOptional({
    type: TenantFilterDto,
    description:
      "Scope: every tenant matching the filter (the filters of GET /tenants); a partner admin's filter covers its own tenants only",
  })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => TenantFilterDto)
  filter?: TenantFilterDto;

  @ApiProperty({ example: '14.0.0' })
  @IsSemver()
  targetVersion!: string;

  @ApiProperty({ enum: UPDATE_MODES })
  @IsIn(UPDATE_MODES)
  mode!: UpdateMode;

  @ApiPropertyOptional({ description: 'Custom mode: when the update runs (ISO 8601 with offset)' })
  @Optional()
  @IsIsoDateTimeWithOffset()
  runAt?: string;

  @ApiPropertyOptional({ default: 60, minimum: 1, maximum: 1440 })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(1440)
  expectedDurationMinutes?: number;

  @ApiPropertyOptional({ description: 'Only platform admins can cancel a forced task' })
  @Optional()
  @IsBoolean()
  forced?: boolean;

  @ApiPropertyOptional({
    description: 'Redeploy the tenant (also allows installing the current version again)',
  })
  @Optional()
  @IsBoolean()
  redeploy?: boolean;

  @ApiPropertyOptional({ description: "E-mail the partner's contacts" })
  @Optional()
  @IsBoolean()
  notifyPartner?: boolean;

  @ApiPropertyOptional({ description: "E-mail the tenant's customer contact" })
  @Optional()
  @IsBoolean()
  notifyCustomer?: boolean;

  @ApiPropertyOptional({ description: 'Confirms that an older version may be installed' })
  @Optional()
  @IsBoolean()
  allowDowngrade?: boolean;

  @ApiPropertyOptional({
    default: false,
    description:
      'When a step fails after the update was applied (e.g. verify), restore the snapshots taken ' +
      'before it at once, in the same run; the task then ends failed with rolledBack: true',
  })
  @Optional()
  @IsBoolean()
  rollbackOnFailure?: boolean;

  @ApiPropertyOptional({ enum: ON_CONFLICT, default: 'reject' })
  @Optional()
  @IsIn(ON_CONFLICT)
  onConflict?: OnConflict;

  @ApiPropertyOptional({ description: 'Answer as if scheduling, write nothing' })
  @Optional()
  @IsBoolean()
  dryRun?: boolean;
}

export class SkippedTenant {
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiPropertyOptional({ description: 'Position in tenantIds' }) index?: number;
  @ApiProperty() code!: string;
  @ApiProperty() reason!: string;
}

/** Tenants whose tasks run at the same time in the same time zone. */
export class PlannedSlot {
  @ApiProperty({ description: 'When the tasks run' }) runAt!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Latest start (window mode)' })
  expiresAt!: string | null;
  @ApiProperty({ description: "The tenants' maintenance window time zone", example: 'Europe/Rome' })
  timezone!: string;
  @ApiProperty() tenants!: number;
}

export const MAX_SLOTS = 100;

export class ScheduleResponse {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) batchId!: string | null;
  @ApiProperty({ description: 'How many tenants the scope matched (created and skipped)' })
  matched!: number;
  @ApiProperty() created!: number;
  @ApiProperty({ type: [SkippedTenant] }) skipped!: SkippedTenant[];
  @ApiProperty({ type: [String] }) warnings!: string[];
  @ApiProperty({
    type: [PlannedSlot],
    description: `When the tasks run, earliest first (at most ${MAX_SLOTS} slots)`,
  })
  slots!: PlannedSlot[];
}
