import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { CommonModule } from '../common/common.module';
import { PartnersModule } from '../partners/partners.module';
import { TenantTagsService } from './tenant-tags.service';
import { TenantsController } from './tenants.controller';
import { TenantsRepository } from './tenants.repository';
import { TenantsService } from './tenants.service';
import { TenantEntity } from './tenant.entity';
import { WindowFollowers } from './window-followers';

@Module({
  imports: [TypeOrmModule.forFeature([TenantEntity]), AuditModule, CommonModule, PartnersModule],
  controllers: [TenantsController],
  providers: [TenantsRepository, TenantsService, TenantTagsService, WindowFollowers],
  exports: [TenantsRepository, WindowFollowers],
})
export class TenantsModule {}
