import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { AppConfig } from '../../config/app-config';
import type { Caller } from '../caller';
import { hashSessionToken } from './session-token';
import { SessionsRepository } from './sessions.repository';

/** Activity is written at most twice a minute per session. */
const TOUCH_EVERY_MS = 30_000;

/** A console session as the guard resolved it for one request. */
export interface RequestSession {
  id: string;
  token: string;
  expiresAt: Date;
}

export interface SignedIn {
  caller: Caller;
  session: RequestSession;
}

/**
 * Who a session cookie signs in: the session's API key, as long as the session has not expired
 * (SESSION_TTL_HOURS after sign-in), been idle for SESSION_IDLE_MINUTES, been signed out, or had
 * its key revoked. Checked against the database on every request, like API keys.
 */
@Injectable()
export class SessionAuthenticator {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async authenticate(token: string): Promise<SignedIn | null> {
    const now = this.clock.now();
    const idleSince = new Date(now.getTime() - this.config.sessionIdleMinutes * 60_000);
    const live = await this.sessions.findLive(hashSessionToken(token), now, idleSince);
    if (!live) return null;
    // Awaited, so that the idle timeout counts from this request.
    if (now.getTime() - live.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
      await this.sessions.touch(live.id, now);
    }
    return {
      caller: {
        keyId: live.keyId,
        name: live.name,
        role: live.role,
        partnerId: live.partnerId,
        platformId: live.platformId,
      },
      session: { id: live.id, token, expiresAt: live.expiresAt },
    };
  }
}
