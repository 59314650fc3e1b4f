import { Controller, Get, Header, Headers } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { timingSafeEqual } from 'node:crypto';
import { Public } from '../auth/decorators';
import { NoRateLimit } from '../auth/rate-limit.module';
import { ApiError } from '../common/errors';
import { AppConfig } from '../config/app-config';
import { ApiErrors } from '../openapi/decorators';
import { MetricsService } from './metrics.service';

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Prometheus text format. Open unless METRICS_TOKEN is set, then `Authorization: Bearer <token>`. */
@ApiTags('metrics')
@Public()
@NoRateLimit()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Prometheus metrics',
    description:
      'The Prometheus text exposition format. Open unless the service runs with `METRICS_TOKEN`; ' +
      'then send `Authorization: Bearer <METRICS_TOKEN>`. Not rate limited.',
  })
  @ApiOkResponse({
    description: 'The metrics',
    content: { 'text/plain': { schema: { type: 'string' } } },
  })
  @ApiErrors({ 401: 'METRICS_TOKEN is set and the request does not carry it' })
  @Header('Cache-Control', 'no-store')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(@Headers('authorization') authorization?: string): Promise<string> {
    const token = this.config.metricsToken;
    if (token && !sameSecret(authorization ?? '', `Bearer ${token}`)) {
      throw new ApiError(401, 'Metrics need "Authorization: Bearer <METRICS_TOKEN>"');
    }
    return this.metrics.registry.metrics();
  }
}
