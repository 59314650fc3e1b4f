import { Module } from '@nestjs/common';
import {
  AnnouncementsController,
  PlatformMaintenanceController,
} from '../maintenance/platform-maintenance.controller';
import { PlatformMaintenanceRepository } from '../maintenance/platform-maintenance.repository';
import { PlatformMaintenanceService } from '../maintenance/platform-maintenance.service';
import { PlatformsModule } from '../platforms/platforms.module';
import { VersionsModule } from '../versions/versions.module';
import { BatchesService } from './batches.service';
import { ExpiredTasksService } from './expired-tasks.service';
import { PlanContextLoader } from './plan-inputs';
import { SchedulingMetrics } from './scheduling.metrics';
import { SchedulingService } from './scheduling.service';
import { TaskActionsService } from './task-actions.service';
import { TenantGroupsRepository } from './tenant-groups.repository';
import { UpdateBatchesController } from './update-batches.controller';
import { UpdateBatchesRepository } from './update-batches.repository';
import { UpdateTasksController } from './update-tasks.controller';
import { UpdateTasksRepository } from './update-tasks.repository';
import { WindowChangeService } from './window-change.service';

/**
 * Scheduling: update tasks and batches, and platform maintenance (src/maintenance), wired in one
 * module because announcing maintenance moves tasks and scheduling tasks consults maintenance.
 */
@Module({
  imports: [PlatformsModule, VersionsModule],
  controllers: [
    UpdateTasksController,
    UpdateBatchesController,
    PlatformMaintenanceController,
    AnnouncementsController,
  ],
  providers: [
    UpdateTasksRepository,
    UpdateBatchesRepository,
    PlatformMaintenanceRepository,
    PlanContextLoader,
    TenantGroupsRepository,
    SchedulingService,
    TaskActionsService,
    BatchesService,
    PlatformMaintenanceService,
    ExpiredTasksService,
    WindowChangeService,
    SchedulingMetrics,
  ],
  exports: [UpdateTasksRepository, PlatformMaintenanceRepository, WindowChangeService],
})
export class UpdatesModule {}
