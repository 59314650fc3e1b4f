import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { Clock } from '../../common/clock';
import { ApiError } from '../../common/errors';
import { AppConfig } from '../../config/app-config';
import { ApiKeysService } from '../api-keys.service';
import type { Caller } from '../caller';
import { generateSessionToken, hashSessionToken } from './session-token';
import { SessionsRepository } from './sessions.repository';

const TOUCH_EVERY_MS = 30_000;

/** A session as the guard resolved it for one request. */
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
 * Console sessions: an API key is exchanged for a session token that only the cookie carries. A
 * session ends at its expiry (SESSION_TTL_HOURS after sign-in), after SESSION_IDLE_MINUTES without
 * a request, at sign-out, or when its API key is revoked.
 */
@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly sessions: SessionsRepository,
    private readonly keys: ApiKeysService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async signIn(apiKey: string, userAgent: string | null): Promise<SignedIn> {
    const caller = await this.keys.authenticate(apiKey);
    if (!caller) {
      throw new ApiError(401, 'The API key is not valid or has been revoked', [
        { field: 'apiKey', reason: 'unknown or revoked API key' },
      ]);
    }
    const now = this.clock.now();
    const token = generateSessionToken();
    const expiresAt = new Date(now.getTime() + this.config.sessionTtlHours * 3_600_000);
    const id = await this.ds.transaction(async (em) => {
      const sessionId = await this.sessions.insert(
        em,
        { tokenHash: hashSessionToken(token), apiKeyId: caller.keyId, userAgent, expiresAt },
        now,
      );
      await this.audit.record(em, caller, {
        action: 'session.create',
        entityType: 'console_session',
        entityId: sessionId,
        after: { expiresAt, userAgent },
      });
      return sessionId;
    });
    return { caller, session: { id, token, expiresAt } };
  }

  /** The caller a session cookie stands for, or null when the session is over. */
  async resolve(token: string): Promise<SignedIn | null> {
    const now = this.clock.now();
    const idleSince = new Date(now.getTime() - this.config.sessionIdleMinutes * 60_000);
    const live = await this.sessions.findLive(hashSessionToken(token), now, idleSince);
    if (!live) return null;
    // Activity is written at most twice a minute; awaited, so the idle timeout counts from it.
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

  async signOut(caller: Caller, session: RequestSession): Promise<void> {
    await this.ds.transaction(async (em) => {
      await this.sessions.revoke(em, session.id, this.clock.now());
      await this.audit.record(em, caller, {
        action: 'session.revoke',
        entityType: 'console_session',
        entityId: session.id,
      });
    });
  }
}
