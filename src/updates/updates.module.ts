import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CommonModule } from '../common/common.module';
import { MetricsModule } from '../metrics/metrics.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PlacementModule } from '../placement/placement.module';
import { SnapshotsModule } from '../snapshots/snapshots.module';
import { TenantsModule } from '../tenants/tenants.module';
import { VersionsModule } from '../versions/versions.module';
import { BatchCountsService } from './batch-counts.service';
import { BatchesService } from './batches.service';
import { ExpiredTasksService } from './expired-tasks.service';
import { HeldTaskMoves } from './held-task-moves.service';
import { PlanContextLoader } from './plan-inputs';
import { RollbacksService } from './rollbacks.service';
import { SchedulingMetrics } from './scheduling.metrics';
import { SchedulingService } from './scheduling.service';
import { TaskActionsService } from './task-actions.service';
import { TaskChanges } from './task-changes.service';
import { TaskRunsRepository } from './task-runs.repository';
import { TenantGroupsRepository } from './tenant-groups.repository';
import { UpdateBatchesController } from './update-batches.controller';
import { UpdateBatchesRepository } from './update-batches.repository';
import { UpdateTasksController } from './update-tasks.controller';
import { UpdateTasksRepository } from './update-tasks.repository';
import { WindowChangeService } from './window-change.service';

/**
 * Update tasks and batches: scheduling (rules in planning.ts, times from src/placement), the
 * actions on tasks (who may: task-policy.ts), and the moves of scheduled tasks (TaskChanges), which
 * platform maintenance (MaintenanceModule), blackouts and tenant window changes (TenantsModule) use,
 * and the moves of rollouts' held tasks out of new maintenance and blackouts (HeldTaskMoves).
 */
@Module({
  imports: [
    AuditModule,
    CommonModule,
    MetricsModule,
    NotificationsModule,
    PlacementModule,
    SnapshotsModule,
    TenantsModule,
    VersionsModule,
  ],
  controllers: [UpdateTasksController, UpdateBatchesController],
  providers: [
    UpdateTasksRepository,
    UpdateBatchesRepository,
    TaskRunsRepository,
    TenantGroupsRepository,
    PlanContextLoader,
    TaskChanges,
    HeldTaskMoves,
    SchedulingService,
    TaskActionsService,
    RollbacksService,
    BatchesService,
    BatchCountsService,
    ExpiredTasksService,
    WindowChangeService,
    SchedulingMetrics,
  ],
  exports: [
    UpdateTasksRepository,
    TaskChanges,
    HeldTaskMoves,
    SchedulingService,
    TaskActionsService,
  ],
})
export class UpdatesModule {}
