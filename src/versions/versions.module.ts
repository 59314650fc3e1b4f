import { Module } from '@nestjs/common';
import { PlatformsModule } from '../platforms/platforms.module';
import { VersionsController } from './versions.controller';
import { VersionsRepository } from './versions.repository';
import { VersionsService } from './versions.service';

@Module({
  imports: [PlatformsModule],
  controllers: [VersionsController],
  providers: [VersionsRepository, VersionsService],
  exports: [VersionsRepository],
})
export class VersionsModule {}
