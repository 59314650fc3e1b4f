import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { Caller } from './caller';
import type { RequestSession } from './sessions/session-authenticator';

export const PUBLIC_KEY = 'auth:public';
export const PLATFORM_ADMIN_KEY = 'auth:platform-admin';

/** No API key needed (health, announcements, signed executor callbacks). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Only platform admins; a partner admin gets 403. */
export const PlatformAdminOnly = () => SetMetadata(PLATFORM_ADMIN_KEY, true);

/** `session` is set when the request was carried by a console session cookie. */
export type AuthenticatedRequest = Request & { caller?: Caller; session?: RequestSession };

export const CurrentCaller = createParamDecorator((_: unknown, ctx: ExecutionContext): Caller => {
  const caller = ctx.switchToHttp().getRequest<AuthenticatedRequest>().caller;
  if (!caller) throw new Error('CurrentCaller used on a public route');
  return caller;
});
