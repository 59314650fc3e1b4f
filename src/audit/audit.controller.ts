import { IsUuid } from '../common/validators';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PlatformAdminOnly } from '../auth/decorators';
import { Page, PageQuery, pageRequest } from '../common/pagination';
import { AuditLogRepository, AuditLogResponse } from './audit-log.repository';

class AuditLogQuery extends PageQuery {
  @IsOptional() @IsString() @MaxLength(100) entityType?: string;
  @IsOptional() @IsString() @MaxLength(100) entityId?: string;
  @IsOptional() @IsString() @MaxLength(100) action?: string;
  @IsOptional() @IsUuid() actorKeyId?: string;
}

/** Who did what and when, newest last. Platform admins only. */
@ApiTags('audit-log')
@ApiBearerAuth()
@PlatformAdminOnly()
@Controller('audit-log')
export class AuditController {
  constructor(private readonly log: AuditLogRepository) {}

  @Get()
  list(@Query() query: AuditLogQuery): Promise<Page<AuditLogResponse>> {
    return this.log.list(query, pageRequest(query));
  }
}
