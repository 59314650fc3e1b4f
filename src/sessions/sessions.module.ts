import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { CommonModule } from '../common/common.module';
import { SessionController } from './session.controller';
import { SessionsService } from './sessions.service';

/** The console's sign-in and sign-out (POST/GET/DELETE /api/v1/session). */
@Module({
  imports: [AuthModule, AuditModule, CommonModule],
  controllers: [SessionController],
  providers: [SessionsService],
})
export class SessionsModule {}
