import { Global, Module } from '@nestjs/common';
import { NoticesRepository } from './notices.repository';

@Global()
@Module({
  providers: [NoticesRepository],
  exports: [NoticesRepository],
})
export class NotificationsModule {}
