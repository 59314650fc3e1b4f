import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { SoftwareVersionEntity } from './software-version.entity';
import { PlatformsModule } from '../platforms/platforms.module';
import { VersionsController } from './versions.controller';
import { VersionsRepository } from './versions.repository';
import { VersionsService } from './versions.service';

@Module({
  imports: [TypeOrmModule.forFeature([SoftwareVersionEntity]), AuditModule, PlatformsModule],
  controllers: [VersionsController],
  providers: [VersionsRepository, VersionsService],
  exports: [VersionsRepository],
})
export class VersionsModule {}
