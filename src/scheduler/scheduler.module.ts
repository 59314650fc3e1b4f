import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module';
import { MetricsModule } from '../metrics/metrics.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { RolloutsModule } from '../rollouts/rollouts.module';
import { ExecutorCallbacksController } from './callbacks/executor-callbacks.controller';
import { ExecutorSignatureGuard } from './callbacks/executor-signature.guard';
import { Claimer } from './claimer.service';
import { ClaimsRepository } from './claims.repository';
import { Dispatcher } from './dispatcher.service';
import { ExecutorHttpClient } from './executors/executor-http-client';
import { Executors } from './executors/executors';
import { LeaseOwner } from './lease-owner';
import { RunActions } from './run-actions.service';
import { RunControlRepository } from './run-control.repository';
import { RunJournal } from './run-journal';
import { RunWritesRepository } from './run-writes.repository';
import { SnapshotExpiry } from './snapshot-expiry.service';
import { SnapshotsModule } from '../snapshots/snapshots.module';
import { StepContexts } from './step-contexts';
import { StepDurations } from './step-durations';
import { TaskListener } from './task-listener';
import { TaskRunner } from './task-runner';

/**
 * Running updates: the dispatcher (claims, leases, wake-ups, shutdown), the runner (steps, HA
 * rollout, results), the executors, and the executor callbacks. The admin actions on tasks
 * (src/updates) reach runs through the database only (update_task, NOTIFY). With
 * SCHEDULER_ENABLED=false the dispatcher stays idle (API-only replica); callbacks still work.
 */
@Module({
  imports: [CommonModule, MetricsModule, NotificationsModule, RolloutsModule, SnapshotsModule],
  controllers: [ExecutorCallbacksController],
  providers: [
    LeaseOwner,
    Executors,
    ExecutorHttpClient,
    ClaimsRepository,
    Claimer,
    RunWritesRepository,
    RunControlRepository,
    RunJournal,
    StepDurations,
    StepContexts,
    TaskRunner,
    TaskListener,
    Dispatcher,
    RunActions,
    ExecutorSignatureGuard,
    SnapshotExpiry,
  ],
  exports: [Dispatcher, SnapshotExpiry],
})
export class SchedulerModule {}
