import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CommonModule } from '../common/common.module';
import { AdminKeyBootstrap } from './admin-key.bootstrap';
import { ApiKeyEntity } from './api-key.entity';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeysRepository } from './api-keys.repository';
import { Authenticator } from './authenticator';
import { SessionAuthenticator } from './sessions/session-authenticator';
import { SessionsRepository } from './sessions/sessions.repository';

/**
 * Who is calling: the API key guard (every route, unless @Public), the caller and its scope
 * (caller.ts), the route decorators, the console's session cookie (sessions/), and the first
 * platform admin key. Managing keys is src/api-keys; signing in and out is src/sessions.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ApiKeyEntity]), CommonModule],
  providers: [
    ApiKeysRepository,
    Authenticator,
    SessionsRepository,
    SessionAuthenticator,
    AdminKeyBootstrap,
    { provide: APP_GUARD, useClass: ApiKeyGuard },
  ],
  exports: [ApiKeysRepository, Authenticator, SessionsRepository],
})
export class AuthModule {}
