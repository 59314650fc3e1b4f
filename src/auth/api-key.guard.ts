import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiError, ForbiddenError } from '../common/errors';
import { Authenticator } from './authenticator';
import { AuthenticatedRequest, PLATFORM_ADMIN_KEY, PUBLIC_KEY } from './decorators';

/** Global guard: Bearer API key → caller; 401 without a valid key, 403 for a role not allowed. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) {
      throw new ApiError(401, 'An API key is required: send "Authorization: Bearer <key>"', [
        { field: 'Authorization', reason: header ? 'is not a Bearer token' : 'is missing' },
      ]);
    }
    const caller = await this.keys.authenticate(match[1]);
    if (!caller) {
      throw new ApiError(401, 'The API key is not valid or has been revoked', [
        { field: 'Authorization', reason: 'unknown or revoked API key' },
      ]);
    }
    if (
      this.reflector.getAllAndOverride<boolean>(PLATFORM_ADMIN_KEY, targets) &&
      caller.role !== 'platform_admin'
    ) {
      throw new ForbiddenError('This action needs a platform admin key');
    }
    request.caller = caller;
    return true;
  }
}
