import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { ApiError, ForbiddenError } from '../common/errors';
import { Authenticator } from './authenticator';
import type { Caller } from './caller';
import { AuthenticatedRequest, PLATFORM_ADMIN_KEY, PUBLIC_KEY } from './decorators';
import { clearSessionCookie, CSRF_HEADER, readSessionCookie } from './sessions/session-cookie';
import { csrfTokenMatches } from './sessions/session-token';
import { SessionAuthenticator } from './sessions/session-authenticator';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Global guard: the caller comes from a Bearer API key or, without one, from the console's session
 * cookie. 401 without either; 403 for a role not allowed, and for a request carried by the cookie
 * that changes something without the session's CSRF token.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: Authenticator,
    private readonly sessions: SessionAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const cookie = header ? undefined : readSessionCookie(request);
    const caller = cookie
      ? await this.fromSession(request, context.switchToHttp().getResponse<Response>(), cookie)
      : await this.fromApiKey(header);
    if (
      this.reflector.getAllAndOverride<boolean>(PLATFORM_ADMIN_KEY, targets) &&
      caller.role !== 'platform_admin'
    ) {
      throw new ForbiddenError('This action needs a platform admin key');
    }
    request.caller = caller;
    return true;
  }

  private async fromApiKey(header: string | undefined): Promise<Caller> {
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
    return caller;
  }

  private async fromSession(
    request: AuthenticatedRequest,
    response: Response,
    token: string,
  ): Promise<Caller> {
    const signedIn = await this.sessions.authenticate(token);
    if (!signedIn) {
      clearSessionCookie(request, response);
      throw new ApiError(401, 'The session has ended: sign in again', [
        { field: 'cookie', reason: 'the session expired, was signed out or its key was revoked' },
      ]);
    }
    if (!SAFE_METHODS.has(request.method)) {
      const given = request.headers[CSRF_HEADER];
      if (!csrfTokenMatches(token, typeof given === 'string' ? given : undefined)) {
        throw new ForbiddenError(
          "A request carried by the session cookie needs the session's CSRF token",
          [{ field: 'X-CSRF-Token', reason: given ? 'does not match the session' : 'is missing' }],
        );
      }
    }
    request.session = signedIn.session;
    return signedIn.caller;
  }
}
