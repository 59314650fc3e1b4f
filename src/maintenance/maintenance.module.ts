import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CommonModule } from '../common/common.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PlacementModule } from '../placement/placement.module';
import { PlatformsModule } from '../platforms/platforms.module';
import { UpdatesModule } from '../updates/updates.module';
import { MaintenanceBlockingSource } from './maintenance-blocking.source';
import {
  AnnouncementsController,
  PlatformMaintenanceController,
} from './platform-maintenance.controller';
import { PlatformMaintenanceRepository } from './platform-maintenance.repository';
import { PlatformMaintenanceService } from './platform-maintenance.service';

/**
 * Platform maintenance: announcing and withdrawing periods (which cancel or move the scheduled
 * tasks they overlap, through UpdatesModule's TaskChanges), the public announcements, and the
 * blocking source that makes every placement respect the periods.
 */
@Module({
  imports: [
    AuditModule,
    CommonModule,
    NotificationsModule,
    PlacementModule,
    PlatformsModule,
    UpdatesModule,
  ],
  controllers: [PlatformMaintenanceController, AnnouncementsController],
  providers: [PlatformMaintenanceRepository, PlatformMaintenanceService, MaintenanceBlockingSource],
})
export class MaintenanceModule {}
