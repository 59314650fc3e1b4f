import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module';
import { MetricsModule } from '../metrics/metrics.module';
import { RetentionRepository } from './retention.repository';
import { RetentionService } from './retention.service';

/** How long history is kept: the retention job (RETENTION_* settings, README "Retention"). */
@Module({
  imports: [CommonModule, MetricsModule],
  providers: [RetentionRepository, RetentionService],
})
export class RetentionModule {}
