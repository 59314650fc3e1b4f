import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsString, Length } from 'class-validator';
import { IsSemverRange, IsUuid, Optional } from '../../common/validators';
import { TENANT_STATES, TenantState } from '../tenant.entity';
import type { TenantFilter } from '../tenant-filter';
import { IsTagList, MAX_TAGS } from './tags';

/** The filters of GET /tenants as a JSON object: "every tenant that matches" in a request body. */
export class TenantFilterDto implements TenantFilter {
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
  @ApiPropertyOptional({ enum: TENANT_STATES })
  @Optional()
  @IsIn(TENANT_STATES)
  state?: TenantState;
  @ApiPropertyOptional({ type: [String], maxItems: MAX_TAGS, description: 'All of these tags' })
  @Optional()
  @IsTagList()
  tags?: string[];
  @ApiPropertyOptional({ description: 'Part of the name, in any letter case' })
  @Optional()
  @IsString()
  @Length(1, 200)
  search?: string;
  @ApiPropertyOptional({ description: 'With (true) or without (false) an open update task' })
  @Optional()
  @IsBoolean()
  pendingUpdate?: boolean;
}
