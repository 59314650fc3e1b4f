import { Module } from '@nestjs/common';
import { PartnersModule } from '../partners/partners.module';
import { UpdatesModule } from '../updates/updates.module';
import { TenantsController } from './tenants.controller';
import { TenantsRepository } from './tenants.repository';
import { TenantsService } from './tenants.service';

@Module({
  imports: [PartnersModule, UpdatesModule],
  controllers: [TenantsController],
  providers: [TenantsRepository, TenantsService],
  exports: [TenantsRepository],
})
export class TenantsModule {}
