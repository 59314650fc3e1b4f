import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CommonModule } from '../common/common.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PartnersModule } from '../partners/partners.module';
import { PlacementModule } from '../placement/placement.module';
import { PlatformsModule } from '../platforms/platforms.module';
import { TenantsModule } from '../tenants/tenants.module';
import { UpdatesModule } from '../updates/updates.module';
import { BlackoutBlockingSource } from './blackout-blocking.source';
import { PartnerBlackoutsController, TenantBlackoutsController } from './blackouts.controller';
import { BlackoutsRepository } from './blackouts.repository';
import { BlackoutsService } from './blackouts.service';

/**
 * Blackouts of tenants and partners: setting and removing them (which cancels or moves the
 * scheduled tasks they overlap, through UpdatesModule's TaskChanges) and the blocking source that
 * makes every placement respect them.
 */
@Module({
  imports: [
    AuditModule,
    CommonModule,
    NotificationsModule,
    PartnersModule,
    PlacementModule,
    PlatformsModule,
    TenantsModule,
    UpdatesModule,
  ],
  controllers: [TenantBlackoutsController, PartnerBlackoutsController],
  providers: [BlackoutsRepository, BlackoutsService, BlackoutBlockingSource],
})
export class BlackoutsModule {}
