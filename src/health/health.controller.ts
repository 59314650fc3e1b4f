import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/decorators';
import { NoRateLimit } from '../auth/rate-limit.module';
import { DatabaseHealth } from '../database/database-health';

const CHECK_TIMEOUT_MS = 2000;

class HealthChecks {
  @ApiProperty({ enum: ['up', 'down'] }) database!: 'up' | 'down';
}

export class HealthResponse {
  @ApiProperty({ enum: ['ok', 'error'] }) status!: 'ok' | 'error';
  @ApiProperty({ type: HealthChecks }) checks!: HealthChecks;
}

@ApiTags('health')
@Public()
@NoRateLimit()
@Controller('health')
export class HealthController {
  constructor(private readonly database: DatabaseHealth) {}

  /** 200 when the database answers, 503 otherwise (for load balancers and orchestrators). */
  @Get()
  @ApiOperation({
    summary: 'Health check',
    description:
      'For load balancers and orchestrators: 200 when the database answers within 2 seconds, ' +
      '503 otherwise. No API key needed, not rate limited.',
  })
  @ApiOkResponse({ type: HealthResponse, description: 'The service and its database are up' })
  @ApiResponse({ status: 503, type: HealthResponse, description: 'The database does not answer' })
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthResponse> {
    const database = await this.database.up(CHECK_TIMEOUT_MS);
    res.status(database ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: database ? 'ok' : 'error', checks: { database: database ? 'up' : 'down' } };
  }
}
