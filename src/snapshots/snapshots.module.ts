import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { TenantsModule } from '../tenants/tenants.module';
import { SnapshotsController } from './snapshots.controller';
import { SnapshotsRepository } from './snapshots.repository';
import { SnapshotsService } from './snapshots.service';

/** Snapshots taken by backup steps: reading, pinning, deleting early (the expiry job: scheduler/). */
@Module({
  imports: [AuditModule, TenantsModule],
  controllers: [SnapshotsController],
  providers: [SnapshotsRepository, SnapshotsService],
  exports: [SnapshotsRepository],
})
export class SnapshotsModule {}
