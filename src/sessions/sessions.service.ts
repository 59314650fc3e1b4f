import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { Authenticator } from '../auth/authenticator';
import type { RequestSession, SignedIn } from '../auth/sessions/session-authenticator';
import { generateSessionToken, hashSessionToken } from '../auth/sessions/session-token';
import { SessionsRepository } from '../auth/sessions/sessions.repository';
import type { Caller } from '../auth/caller';
import { Clock } from '../common/clock';
import { ApiError } from '../common/errors';
import { AppConfig } from '../config/app-config';
import { Transactions } from '../database/transactions';

/**
 * Signing in to the console and out of it: an API key is exchanged for a session token that only
 * the HttpOnly cookie carries (src/auth resolves it on every request). Both are in the audit log.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly db: Transactions,
    private readonly sessions: SessionsRepository,
    private readonly keys: Authenticator,
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
    const id = await this.db.run(async (tx) => {
      const sessionId = await this.sessions.insert(
        tx,
        { tokenHash: hashSessionToken(token), apiKeyId: caller.keyId, userAgent, expiresAt },
        now,
      );
      await this.audit.record(tx, caller, {
        action: 'session.create',
        entityType: 'console_session',
        entityId: sessionId,
        after: { expiresAt, userAgent },
      });
      return sessionId;
    });
    return { caller, session: { id, token, expiresAt } };
  }

  async signOut(caller: Caller, session: RequestSession): Promise<void> {
    await this.db.run(async (tx) => {
      await this.sessions.revoke(tx, session.id, this.clock.now());
      await this.audit.record(tx, caller, {
        action: 'session.revoke',
        entityType: 'console_session',
        entityId: session.id,
      });
    });
  }
}
