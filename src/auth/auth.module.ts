import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminKeyBootstrap } from './admin-key.bootstrap';
import { ApiKeyEntity } from './api-key.entity';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeysRepository } from './api-keys.repository';
import { Authenticator } from './authenticator';

/**
 * Who is calling: the API key guard (every route, unless @Public), the caller and its scope
 * (caller.ts), the route decorators, and the first platform admin key. Managing keys is
 * src/api-keys.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ApiKeyEntity])],
  providers: [
    ApiKeysRepository,
    Authenticator,
    AdminKeyBootstrap,
    { provide: APP_GUARD, useClass: ApiKeyGuard },
  ],
  exports: [ApiKeysRepository, Authenticator],
})
export class AuthModule {}
