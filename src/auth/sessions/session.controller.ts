import { Body, Controller, Delete, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiError } from '../../common/errors';
import { AppConfig } from '../../config/app-config';
import type { AuthenticatedRequest } from '../decorators';
import { Public } from '../decorators';
import { clearSessionCookie, setSessionCookie } from './session-cookie';
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
  @ApiCookieAuth()
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
  @ApiCookieAuth()
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
