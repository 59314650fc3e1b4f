import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CommonModule } from '../common/common.module';
import { MetricsModule } from '../metrics/metrics.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PlacementModule } from '../placement/placement.module';
import { UpdatesModule } from '../updates/updates.module';
import { ConfirmationsRepository } from './confirmations.repository';
import { RolloutConfirmations } from './confirmations.service';
import { RolloutGates } from './rollout-gates.service';
import { RolloutMetrics } from './rollout.metrics';
import { RolloutsController } from './rollouts.controller';
import { RolloutsRepository } from './rollouts.repository';
import { RolloutsService } from './rollouts.service';

/**
 * Rollouts (docs/rollouts.md): one batch of tasks in waves, released behind success and error
 * gates. Creating one is scheduling (src/updates) with a `Staging`; the dispatcher (src/scheduler)
 * calls the error gate in the transaction that records a failure, and never claims a held task.
 */
@Module({
  imports: [
    AuditModule,
    CommonModule,
    MetricsModule,
    NotificationsModule,
    PlacementModule,
    UpdatesModule,
  ],
  controllers: [RolloutsController],
  providers: [
    RolloutsRepository,
    RolloutGates,
    RolloutsService,
    RolloutMetrics,
    ConfirmationsRepository,
    RolloutConfirmations,
  ],
  exports: [RolloutGates],
})
export class RolloutsModule {}
