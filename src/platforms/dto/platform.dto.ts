import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  MinLength,
  ValidateNested,
} from 'class-validator';
import type { ExecutorDriver } from '../../config/app-config';
import { WindowScheduleDto } from '../../common/maintenance-window.dto';
import { IsIanaTimeZone } from '../../common/validators';
import { PlatformEntity } from '../platform.entity';

export const EXECUTOR_DRIVERS = ['simulated', 'http'] as const;

export class ExecutorSettingsDto {
  @ApiPropertyOptional({
    enum: EXECUTOR_DRIVERS,
    description: 'Unset: the EXECUTOR setting applies',
  })
  @IsOptional()
  @IsIn(EXECUTOR_DRIVERS)
  driver?: ExecutorDriver;

  @ApiPropertyOptional({ example: 'https://deploy.example.com/api/updates' })
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  url?: string;

  @ApiPropertyOptional({
    description: 'HMAC-SHA256 key shared with the deployment API (write-only)',
  })
  @IsOptional()
  @IsString()
  @MinLength(16)
  secret?: string;
}

export class CreatePlatformDto {
  @ApiProperty({ example: 'EU cloud' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: 'Europe/Berlin' })
  @IsIanaTimeZone()
  timezone!: string;

  @ApiPropertyOptional({ type: ExecutorSettingsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ExecutorSettingsDto)
  executor?: ExecutorSettingsDto;

  @ApiPropertyOptional({
    type: WindowScheduleDto,
    description:
      'Window given to new tenants that do not bring their own (default 0 2 * * SUN, 240 min)',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => WindowScheduleDto)
  defaultMaintenanceWindow?: WindowScheduleDto;
}

export class UpdatePlatformDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsIanaTimeZone() timezone?: string;

  @ApiPropertyOptional({ type: ExecutorSettingsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ExecutorSettingsDto)
  executor?: ExecutorSettingsDto;

  @ApiPropertyOptional({ type: WindowScheduleDto })
  @IsOptional()
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
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;

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
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
    };
  }
}
