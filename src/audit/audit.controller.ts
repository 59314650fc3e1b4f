import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PlatformAdminOnly } from '../auth/decorators';
import { Page, pageRequest } from '../common/pagination';
import { ApiPage } from '../openapi/decorators';
import { AuditLogRepository } from './audit-log.repository';
import { AuditLogQuery, AuditLogResponse } from './dto/audit-log.dto';

/** Who did what and when, newest last. Platform admins only. */
@ApiTags('audit-log')
@PlatformAdminOnly()
@Controller('audit-log')
export class AuditController {
  constructor(private readonly log: AuditLogRepository) {}

  @Get()
  @ApiOperation({
    summary: 'Read the audit log',
    description:
      'Every write: who (API key, role, partner), what, when, and the entity before and after ' +
      '(secrets are never recorded). Oldest first, or newest first with `order=desc`.',
  })
  @ApiPage(AuditLogResponse)
  list(@Query() query: AuditLogQuery): Promise<Page<AuditLogResponse>> {
    return this.log.list(query, pageRequest(query), query.order);
  }
}
