import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsObject,
  IsOptional,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { Locale, LOCALES } from '../../common/locale';
import { MaintenanceWindowDto } from '../../common/maintenance-window.dto';
import { PageQuery } from '../../common/pagination';
import { IsIanaTimeZone, IsSemver, IsSemverRange, IsUuid, Optional } from '../../common/validators';
import { TENANT_STATES, TenantState } from '../tenant.entity';
import { IsCommaSeparatedTags, IsTagList, MAX_TAGS } from './tags';

export const MAX_NODES = 32;
export const MAX_BULK_TENANTS = 10_000;

export class TenantNodeDto {
  @ApiProperty({ example: 'node-a' })
  @IsString()
  @Length(1, 100)
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'may contain letters, digits, ".", "_" and "-" only' })
  name!: string;
}

export class TenantSimulationDto {
  @ApiPropertyOptional({
    description: 'Simulated executor only: the step at which the update fails',
    example: 'apply',
  })
  @Optional()
  @IsString()
  @Length(1, 100)
  failStep?: string;
}

/** The fields a tenant can be created with; also the rows of POST /tenants/bulk. */
export class CreateTenantDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: "Required for platform admins; a partner admin's own partner by default",
  })
  @Optional()
  @IsUuid()
  partnerId?: string;

  @ApiProperty({ example: 'Pizzeria Da Mario' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: '13.2.0' })
  @IsSemver()
  softwareVersion!: string;

  @ApiPropertyOptional({ example: 'it@damario.example', nullable: true, type: String })
  @IsOptional()
  @IsEmail()
  customerEmail?: string | null;

  @ApiPropertyOptional({ enum: LOCALES, default: 'en' })
  @Optional()
  @IsIn(LOCALES)
  locale?: Locale;

  @ApiPropertyOptional({
    example: 'Europe/Rome',
    description: "Defaults to the platform's timezone",
  })
  @Optional()
  @IsIanaTimeZone()
  timezone?: string;

  @ApiPropertyOptional({
    type: MaintenanceWindowDto,
    description: "Defaults to the platform's default window",
  })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => MaintenanceWindowDto)
  maintenanceWindow?: MaintenanceWindowDto;

  @ApiPropertyOptional({ default: true })
  @Optional()
  @IsBoolean()
  autoUpdateAllowed?: boolean;

  @ApiPropertyOptional({
    default: false,
    description: 'When true the update pre-check fails until removed',
  })
  @Optional()
  @IsBoolean()
  customizations?: boolean;

  @ApiPropertyOptional({ type: [TenantNodeDto], description: 'HA tenants: updated node by node' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(MAX_NODES)
  @ValidateNested({ each: true })
  @Type(() => TenantNodeDto)
  nodes?: TenantNodeDto[];

  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_TAGS,
    example: ['ring:canary', 'region:eu'],
    description: 'Lower-case words: letters, digits and ":._-", at most 64 characters each',
  })
  @Optional()
  @IsTagList()
  tags?: string[];

  @ApiPropertyOptional({ type: TenantSimulationDto })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => TenantSimulationDto)
  simulate?: TenantSimulationDto;
}

export class UpdateTenantDto {
  @ApiPropertyOptional() @Optional() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional() @Optional() @IsSemver() softwareVersion?: string;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'null removes it' })
  @IsOptional()
  @IsEmail()
  customerEmail?: string | null;

  @ApiPropertyOptional({ enum: LOCALES }) @Optional() @IsIn(LOCALES) locale?: Locale;
  @ApiPropertyOptional() @Optional() @IsIanaTimeZone() timezone?: string;

  @ApiPropertyOptional({ type: MaintenanceWindowDto })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => MaintenanceWindowDto)
  maintenanceWindow?: MaintenanceWindowDto;

  @ApiPropertyOptional() @Optional() @IsBoolean() autoUpdateAllowed?: boolean;
  @ApiPropertyOptional() @Optional() @IsBoolean() customizations?: boolean;

  @ApiPropertyOptional({ type: [TenantNodeDto] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(MAX_NODES)
  @ValidateNested({ each: true })
  @Type(() => TenantNodeDto)
  nodes?: TenantNodeDto[];

  @ApiPropertyOptional({ type: [String], maxItems: MAX_TAGS, description: 'Replaces the tags' })
  @Optional()
  @IsTagList()
  tags?: string[];

  @ApiPropertyOptional({
    type: TenantSimulationDto,
    nullable: true,
    description: 'null removes it',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => TenantSimulationDto)
  simulate?: TenantSimulationDto | null;

  @ApiPropertyOptional({ enum: ['active', 'locked'], description: 'Platform admins only' })
  @Optional()
  @IsIn(['active', 'locked'])
  state?: 'active' | 'locked';
}

export class BulkCreateTenantsDto {
  @ApiProperty({ type: [CreateTenantDto], maxItems: MAX_BULK_TENANTS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BULK_TENANTS)
  @ValidateNested({ each: true })
  @Type(() => CreateTenantDto)
  tenants!: CreateTenantDto[];
}

export class BulkCreatedResponse {
  @ApiProperty() created!: number;
  @ApiProperty({ type: [String], description: 'Ids in the order of the request' }) ids!: string[];
}

const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class ListTenantsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @Optional() @IsUuid() partnerId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @Optional() @IsUuid() platformId?: string;
  @ApiPropertyOptional({
    description:
      'The installed version: a semver range (`<14.0.0`, `>=13.0.0 <14.0.0`, `^13.2`) or a version',
    example: '<14.0.0',
    maxLength: 200,
  })
  @Optional()
  @IsSemverRange()
  softwareVersion?: string;

  @ApiPropertyOptional({
    description: 'Only tenants with (true) or without (false) an open update task',
  })
  @Optional()
  @Transform(toBoolean)
  @IsBoolean()
  pendingUpdate?: boolean;

  @ApiPropertyOptional({ enum: TENANT_STATES })
  @Optional()
  @IsIn(TENANT_STATES)
  state?: TenantState;

  @ApiPropertyOptional({
    type: String,
    description: 'Comma-separated: tenants having all of these tags',
    example: 'ring:canary,region:eu',
  })
  @Optional()
  @IsCommaSeparatedTags()
  tags?: string;

  @ApiPropertyOptional({ description: 'Part of the name, in any letter case', maxLength: 200 })
  @Optional()
  @IsString()
  @Length(1, 200)
  search?: string;
}

/** The filters of GET /tenants without paging (GET /tenants/count). */
export class TenantFilterQuery extends OmitType(ListTenantsQuery, ['limit', 'cursor'] as const) {}

export class TenantCountResponse {
  @ApiProperty({ description: 'How many tenants match the filters' }) count!: number;
}
