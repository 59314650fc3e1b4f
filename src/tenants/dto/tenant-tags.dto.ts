import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject, ValidateNested } from 'class-validator';
import { IsUuidList, Optional } from '../../common/validators';
import { TenantFilterDto } from './tenant-filter.dto';
import { IsTagList, MAX_TAGS } from './tags';

export const MAX_TAGGED_IDS = 100_000;

/** POST /tenants/tags: add and remove tags on the tenants named by ids or matched by a filter. */
export class EditTenantTagsDto {
  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_TAGGED_IDS,
    description: 'These tenants (every one must exist and be yours, or nothing changes)',
  })
  @Optional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_TAGGED_IDS)
  @IsUuidList(MAX_TAGGED_IDS)
  tenantIds?: string[];

  @ApiPropertyOptional({
    type: TenantFilterDto,
    description:
      "Every tenant matching the filters of GET /tenants; a partner admin's filter covers its own tenants only",
  })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => TenantFilterDto)
  filter?: TenantFilterDto;

  @ApiPropertyOptional({ type: [String], maxItems: MAX_TAGS, example: ['ring:canary'] })
  @Optional()
  @IsTagList()
  add?: string[];

  @ApiPropertyOptional({ type: [String], maxItems: MAX_TAGS, example: ['ring:late'] })
  @Optional()
  @IsTagList()
  remove?: string[];
}

export class TenantTagsResponse {
  @ApiProperty({ description: 'How many tenants the ids or the filter named' }) matched!: number;
  @ApiProperty({ description: 'How many of them changed (the others had the tags already)' })
  updated!: number;
}
