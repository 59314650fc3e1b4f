import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { IsSemver, Optional } from '../../common/validators';
import {
  SoftwareVersionEntity,
  VERSION_CHANNELS,
  VersionChannel,
} from '../software-version.entity';

const MINIMUM_FROM = {
  example: '13.5.0',
  nullable: true,
  type: String,
  description:
    'The oldest installed version this one may be applied on: a tenant on an older version is ' +
    "updated through the platform's versions in turn (the fewest hops). null: any version.",
};

export class CreateVersionDto {
  @ApiProperty({ example: '14.2.0' })
  @IsSemver()
  version!: string;

  @ApiPropertyOptional(MINIMUM_FROM)
  @Optional()
  @IsSemver()
  minimumFrom?: string;

  @ApiPropertyOptional({ enum: VERSION_CHANNELS, default: 'available' })
  @Optional()
  @IsIn(VERSION_CHANNELS)
  channel?: VersionChannel;

  @ApiPropertyOptional({ example: 'Fixes call forwarding on HA nodes.' })
  @Optional()
  @IsString()
  @MaxLength(20000)
  releaseNotes?: string;
}

export class UpdateVersionDto {
  @ApiPropertyOptional(MINIMUM_FROM)
  @IsOptional()
  @IsSemver()
  minimumFrom?: string | null;

  @ApiPropertyOptional({ enum: VERSION_CHANNELS })
  @Optional()
  @IsIn(VERSION_CHANNELS)
  channel?: VersionChannel;

  @ApiPropertyOptional()
  @Optional()
  @IsString()
  @MaxLength(20000)
  releaseNotes?: string;
}

export class ListVersionsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: VERSION_CHANNELS })
  @Optional()
  @IsIn(VERSION_CHANNELS)
  channel?: VersionChannel;
}

export class VersionResponse {
  @ApiProperty() version!: string;
  @ApiProperty({ enum: VERSION_CHANNELS }) channel!: VersionChannel;
  @ApiProperty() releaseNotes!: string;
  @ApiProperty(MINIMUM_FROM) minimumFrom!: string | null;
  @ApiProperty({ format: 'uuid' }) platformId!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;

  static from(v: SoftwareVersionEntity): VersionResponse {
    return {
      version: v.version,
      channel: v.channel,
      releaseNotes: v.releaseNotes,
      minimumFrom: v.minimumFrom,
      platformId: v.platformId,
      createdAt: v.createdAt.toISOString(),
      updatedAt: v.updatedAt.toISOString(),
    };
  }
}
