import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AdminKeyBootstrap } from './admin-key.bootstrap';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysRepository } from './api-keys.repository';
import { ApiKeysService } from './api-keys.service';
import { SessionController } from './sessions/session.controller';
import { SessionsRepository } from './sessions/sessions.repository';
import { SessionsService } from './sessions/sessions.service';

@Global()
@Module({
  controllers: [ApiKeysController, SessionController],
  providers: [
    ApiKeysRepository,
    ApiKeysService,
    SessionsRepository,
    SessionsService,
    AdminKeyBootstrap,
    { provide: APP_GUARD, useClass: ApiKeyGuard },
  ],
  exports: [ApiKeysService, AdminKeyBootstrap],
})
export class AuthModule {}
