import { ApiPageResponse } from '../common/api-page';
import { IsUuid } from '../common/validators';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PlatformAdminOnly } from '../auth/decorators';
import { Page, PageQuery, pageRequest } from '../common/pagination';
import { AuditLogRepository } from './audit-log.repository';
import { AuditLogResponse } from './dto/audit-log.response';

class AuditLogQuery extends PageQuery {
  @IsOptional() @IsString() @MaxLength(100) entityType?: string;
  @IsOptional() @IsString() @MaxLength(100) entityId?: string;
  @IsOptional() @IsString() @MaxLength(100) action?: string;
  @IsOptional() @IsUuid() actorKeyId?: string;
  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc', description: 'desc: newest first' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';
}

/** Who did what and when, newest last. Platform admins only. */
@ApiTags('audit-log')
@ApiBearerAuth()
@PlatformAdminOnly()
@Controller('audit-log')
export class AuditController {
  constructor(private readonly log: AuditLogRepository) {}

  @Get()
  @ApiPageResponse(AuditLogResponse)
  list(@Query() query: AuditLogQuery): Promise<Page<AuditLogResponse>> {
    return this.log.list(query, pageRequest(query), query.order);
  }
}
