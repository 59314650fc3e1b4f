import { Body, Controller, Delete, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors } from '../openapi/decorators';
import type { Request, Response } from 'express';
import type { AuthenticatedRequest } from '../auth/decorators';
import { Public } from '../auth/decorators';
import { clearSessionCookie, setSessionCookie } from '../auth/sessions/session-cookie';
import { ApiError } from '../common/errors';
import { AppConfig } from '../config/app-config';
import { CreateSessionDto, SessionResponse } from './session.dto';
import { SessionsService } from './sessions.service';

/** The console's sign-in: an API key in, an HttpOnly session cookie out. */
@ApiTags('session')
@Controller('session')
export class SessionController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly config: AppConfig,
  ) {}

  @Post()
  @Public()
  @ApiOperation({
    summary: 'Sign in to the console',
    description:
      'Exchanges an API key for a session: the answer sets an HttpOnly, SameSite=Strict cookie ' +
      '(Secure and `__Host-` prefixed over HTTPS) and carries the CSRF token that every change ' +
      'made with the cookie must send in `X-CSRF-Token`. The session ends after ' +
      '`SESSION_IDLE_MINUTES` without a request, `SESSION_TTL_HOURS` after sign-in, at sign-out, ' +
      'or when its key is revoked. The key itself is not kept by the browser.',
  })
  @ApiErrors({ 401: 'The API key is unknown or revoked (`details` names `apiKey`)' })
  @ApiCreatedResponse({
    type: SessionResponse,
    description:
      'Signed in: the session cookie is set (HttpOnly, SameSite=Strict, Secure over HTTPS)',
  })
  async signIn(
    @Body() dto: CreateSessionDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SessionResponse> {
    const { caller, session } = await this.sessions.signIn(
      dto.apiKey,
      req.headers['user-agent']?.slice(0, 500) ?? null,
    );
    setSessionCookie(req, res, session.token, session.expiresAt);
    res.setHeader('Cache-Control', 'no-store');
    return SessionResponse.from(caller, session, this.config.sessionIdleMinutes);
  }

  @Get()
  @ApiCookieAuth('session')
  @ApiOperation({
    summary: 'Who is signed in',
    description:
      'The session of the cookie: role, partner, expiry and its CSRF token (a reloaded console ' +
      'page asks again, since the token is kept in memory only). A Bearer key is not a session: 401.',
  })
  @ApiOkResponse({ type: SessionResponse, description: 'Who the session cookie signs in' })
  current(
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
  ): SessionResponse {
    const { caller, session } = signedIn(req);
    res.setHeader('Cache-Control', 'no-store');
    return SessionResponse.from(caller, session, this.config.sessionIdleMinutes);
  }

  @Delete()
  @HttpCode(204)
  @ApiCookieAuth('session')
  @ApiOperation({
    summary: 'Sign out',
    description: 'Revokes the session at once and clears its cookie. Needs `X-CSRF-Token`.',
  })
  @ApiErrors({ 403: 'The CSRF token is missing or does not match the session' })
  @ApiNoContentResponse({
    description: 'Signed out: the session is revoked and its cookie cleared',
  })
  async signOut(
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    const { caller, session } = signedIn(req);
    await this.sessions.signOut(caller, session);
    clearSessionCookie(req, res);
  }
}

function signedIn(req: AuthenticatedRequest) {
  if (!req.caller || !req.session) {
    throw new ApiError(401, 'This request is not signed in with a console session', [
      { field: 'cookie', reason: 'no session cookie (an API key does not make a session)' },
    ]);
  }
  return { caller: req.caller, session: req.session };
}
