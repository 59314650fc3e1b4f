import { Module } from '@nestjs/common';
import { PlatformsModule } from '../platforms/platforms.module';
import { PartnersController } from './partners.controller';
import { PartnersRepository } from './partners.repository';
import { PartnersService } from './partners.service';

@Module({
  imports: [PlatformsModule],
  controllers: [PartnersController],
  providers: [PartnersRepository, PartnersService],
  exports: [PartnersRepository],
})
export class PartnersModule {}
