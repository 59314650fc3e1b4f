import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { IsSemver, Optional } from '../../common/validators';
import {
  SoftwareVersionEntity,
  VERSION_CHANNELS,
  VersionChannel,
} from '../software-version.entity';

export class CreateVersionDto {
  @ApiProperty({ example: '14.2.0' })
  @IsSemver()
  version!: string;

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
  @ApiProperty({ format: 'uuid' }) platformId!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;

  static from(v: SoftwareVersionEntity): VersionResponse {
    return {
      version: v.version,
      channel: v.channel,
      releaseNotes: v.releaseNotes,
      platformId: v.platformId,
      createdAt: v.createdAt.toISOString(),
      updatedAt: v.updatedAt.toISOString(),
    };
  }
}
