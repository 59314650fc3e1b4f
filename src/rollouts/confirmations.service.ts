import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { AuditService } from '../audit/audit.service';
import { type Caller, isPlatformAdmin, scopeOf } from '../auth/caller';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { lockInOrder } from '../database/lock-order';
import { ApiError, ConflictError, RuleViolationError } from '../common/errors';
import { type Tx, Transactions } from '../database/transactions';
import { defaultReason } from '../notifications/reasons';
import { Notices } from '../notifications/notices.service';
import {
  CODE_VALID_MINUTES,
  type ConfirmationReason,
  confirmationReasons,
  MAX_WRONG_CODES,
  newCode,
  normalizeCode,
  type RolloutRisk,
} from './confirmation-rule';
import { type Confirmation, ConfirmationsRepository } from './confirmations.repository';
import { lockRolloutInScope } from './rollout-lock';
import { RolloutGates } from './rollout-gates.service';
import { type Rollout, RolloutsRepository } from './rollouts.repository';
import { PeriodicJob } from '../common/periodic-job';

const scryptAsync = promisify(scrypt) as (
  code: string,
  salt: Buffer,
  len: number,
) => Promise<Buffer>;
const HASH_BYTES = 32;

/** Five wrong codes: no further try until a platform admin sends a new code. */
export class ConfirmationLockedError extends ApiError {
  constructor(id: string) {
    super(
      423,
      `Rollout ${id}: ${MAX_WRONG_CODES} wrong codes were entered; no further try is accepted until a platform admin sends a new code (POST /rollouts/${id}/confirmation-code)`,
      [{ field: 'code', code: 'confirmation_locked', reason: 'too many wrong codes' }],
    );
  }
}

/** What a rollout needs to get a code: who it belongs to, what it installs, how big it is. */
type CodeSubject = Pick<Rollout, 'id' | 'partnerId' | 'platformIds' | 'targetVersion'>;

type Outcome = { ok: true } | { ok: false; error: ApiError };

/**
 * Confirmation of risky rollouts (docs/rollouts.md, "Confirmation"): the rule that decides it,
 * the one-time code (8 characters, crypto-random, e-mailed to the licence contact, kept only as
 * an scrypt hash, valid 30 minutes, compared in constant time), the wrong-code lockout, and the
 * start of a confirmed rollout — its tasks released and its customers told in that transaction.
 */
@Injectable()
export class RolloutConfirmations {
  private readonly logger = new Logger(RolloutConfirmations.name);
  private readonly job = new PeriodicJob(this.logger, 'cancelling unconfirmed rollouts failed');

  constructor(
    private readonly db: Transactions,
    private readonly rollouts: RolloutsRepository,
    private readonly confirmations: ConfirmationsRepository,
    private readonly gates: RolloutGates,
    private readonly notices: Notices,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Why a new rollout needs confirmation under its platforms' rules (empty: it does not). */
  async reasonsFor(
    tx: Tx,
    platformIds: string[],
    risk: RolloutRisk,
  ): Promise<ConfirmationReason[]> {
    return confirmationReasons(await this.confirmations.policies(tx, platformIds), risk);
  }

  /**
   * Sends a new code for a rollout that awaits confirmation and stores its hash; the old code, if
   * any, no longer matches and its e-mail, if not sent yet, is not sent. A partner's rollout: the
   * partner's licence e-mail; a platform admin's rollout across partners: each platform's. 422 if
   * one is missing (nothing is written: the caller's transaction rolls back).
   */
  async issue(
    tx: Tx,
    r: CodeSubject,
    reasons: string[],
    tenants: number,
    actor: Caller | null,
  ): Promise<void> {
    const owners = await this.confirmations.licenceEmails(
      tx,
      r.partnerId ? { partnerId: r.partnerId } : { platformIds: r.platformIds },
    );
    const missing = owners.filter((o) => !o.licenceEmail);
    if (missing.length > 0 || owners.length === 0) {
      const where = r.partnerId ? `partner ${r.partnerId}` : `platform ${missing[0]?.id ?? ''}`;
      throw new RuleViolationError(
        `This rollout needs confirmation with a code e-mailed to the licence contact, but ${where} has no licenceEmail: set it first (PATCH /${r.partnerId ? 'partners' : 'platforms'}/{id})`,
        [
          {
            field: r.partnerId ? 'partnerId' : 'platformId',
            code: 'licence_email_missing',
            reason: `${where} has no licenceEmail`,
          },
        ],
      );
    }
    const code = newCode();
    const salt = randomBytes(16);
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + CODE_VALID_MINUTES * 60_000);
    const recipients = owners.map((o) => o.licenceEmail as string);
    // Set when the first code is sent (the rollout's creation); a new code does not move it.
    const cancelAt = new Date(
      now.getTime() + this.config.rolloutConfirmationExpiryHours * 3_600_000,
    );
    const generation = await this.confirmations.save(tx, {
      rolloutId: r.id,
      reasons,
      recipients,
      codeHash: await scryptAsync(code, salt, HASH_BYTES),
      codeSalt: salt,
      sentAt: now,
      expiresAt,
      cancelAt,
    });
    const facts = {
      rolloutId: r.id,
      code,
      generation,
      expiresAt,
      targetVersion: r.targetVersion,
      tenants,
      reasons,
    };
    if (r.partnerId) await this.notices.confirmationCode(tx, { partnerId: r.partnerId }, facts);
    else
      for (const o of owners) await this.notices.confirmationCode(tx, { platformId: o.id }, facts);
    await this.audit.record(tx, actor, {
      action: 'rollout.confirmation_code_sent',
      entityType: 'rollout',
      entityId: r.id,
      after: { recipients, expiresAt: expiresAt.toISOString(), generation, reasons },
    });
  }

  /**
   * POST /rollouts/{id}/confirm: the right code starts the rollout (its first wave opens, its
   * customers and partners are told, now); a wrong or expired one is refused and recorded.
   */
  async confirm(caller: Caller, id: string, typed: string): Promise<void> {
    const outcome = await this.db.run(async (tx): Promise<Outcome> => {
      const { r, c } = await this.lockAwaiting(tx, caller, id);
      if (c.failedAttempts >= MAX_WRONG_CODES)
        return { ok: false, error: new ConfirmationLockedError(id) };
      const now = this.clock.now();
      if (now >= c.expiresAt) {
        await this.audit.record(tx, caller, {
          action: 'rollout.confirm_refused',
          entityType: 'rollout',
          entityId: id,
          after: { reason: 'expired', expiresAt: c.expiresAt.toISOString() },
        });
        return {
          ok: false,
          error: new RuleViolationError(
            `The code of rollout ${id} expired at ${c.expiresAt.toISOString()}: ask for a new one (POST /rollouts/${id}/confirmation-code)`,
            [{ field: 'code', code: 'confirmation_code_expired', reason: 'has expired' }],
          ),
        };
      }
      if (!(await matches(typed, c))) {
        const wrong = await this.confirmations.recordWrong(tx, id);
        const left = Math.max(0, MAX_WRONG_CODES - wrong);
        await this.audit.record(tx, caller, {
          action: 'rollout.confirm_refused',
          entityType: 'rollout',
          entityId: id,
          after: { reason: 'wrong_code', wrongCodes: wrong, locked: left === 0 },
        });
        if (left === 0) this.logger.warn({ rolloutId: id }, 'rollout confirmation locked');
        return {
          ok: false,
          error:
            left === 0
              ? new ConfirmationLockedError(id)
              : new RuleViolationError(
                  `Wrong code for rollout ${id}: ${left} ${left === 1 ? 'try' : 'tries'} left`,
                  [{ field: 'code', code: 'confirmation_code_wrong', reason: 'does not match' }],
                ),
        };
      }
      await this.start(tx, caller, r, now);
      return { ok: true };
    });
    if (!outcome.ok) throw outcome.error;
  }

  /**
   * POST /rollouts/{id}/confirmation-code: a new code, the old one void. After five wrong codes
   * only a platform admin may ask (and that lifts the lockout).
   */
  async resend(caller: Caller, id: string): Promise<void> {
    await this.db.run(async (tx) => {
      const { r, c } = await this.lockAwaiting(tx, caller, id);
      if (c.failedAttempts >= MAX_WRONG_CODES && !isPlatformAdmin(caller))
        throw new ConfirmationLockedError(id);
      const waves = (await this.rollouts.waves(tx, [id])).get(id) ?? [];
      const tenants = waves.reduce((n, w) => n + w.counts.held, 0);
      await this.issue(tx, r, c.reasons, tenants, caller);
    });
  }

  @Interval('rollout-confirmation-expiry', 10_000)
  async tick(): Promise<void> {
    if (!this.config.schedulerEnabled) return;
    await this.job.run(() => this.expireOverdue());
  }

  /**
   * Cancels every rollout that awaits confirmation past its `cancelAt`
   * (ROLLOUT_CONFIRMATION_EXPIRY_HOURS after its creation), with its held tasks: nobody was told
   * of them, so no customer is told of the cancel; the rollout's end is e-mailed and audited as
   * any other. Each in its own transaction under the rollout's row lock, state checked again:
   * with several replicas each rollout is cancelled once. Returns how many were cancelled.
   */
  async expireOverdue(): Promise<number> {
    const now = this.clock.now();
    let cancelled = 0;
    for (const id of await this.confirmations.overdue(this.db.pool, now)) {
      const done = await this.db.run(async (tx) => {
        const { rollouts } = await lockInOrder(tx, {
          rollouts: () => this.rollouts.lock(tx, [id]),
        });
        const r = rollouts[0];
        const c = r && (await this.confirmations.lock(tx, id));
        if (!r || !c?.cancelAt || r.state !== 'awaiting_confirmation' || c.cancelAt > now)
          return false;
        const hours = Math.round((c.cancelAt.getTime() - r.createdAt.getTime()) / 3_600_000);
        const reason = defaultReason({
          code: 'rollout_not_confirmed',
          cancelAt: c.cancelAt.toISOString(),
        });
        await this.rollouts.setState(tx, id, 'cancelled', { pausedReason: reason, finished: true });
        await this.gates.settleIn(tx, { ...r, state: 'cancelled', pausedReason: reason });
        await this.notices.forRollout(tx, 'rollout.completed', id, {
          state: 'cancelled',
          reason: `not confirmed by ${c.cancelAt.toISOString()}`,
          key: 'cancelled',
        });
        await this.audit.record(tx, null, {
          action: 'rollout.confirmation_expired',
          entityType: 'rollout',
          entityId: id,
          before: { state: 'awaiting_confirmation' },
          after: { state: 'cancelled', cancelAt: c.cancelAt.toISOString(), hours },
        });
        this.logger.warn({ rolloutId: id }, 'unconfirmed rollout cancelled');
        return true;
      });
      if (done) cancelled++;
    }
    return cancelled;
  }

  /** Locks a rollout in the caller's scope that awaits confirmation, and its confirmation. */
  private async lockAwaiting(
    tx: Tx,
    caller: Caller,
    id: string,
  ): Promise<{ r: Rollout; c: Confirmation }> {
    const r = await lockRolloutInScope(tx, this.rollouts, scopeOf(caller), id);
    const c = await this.confirmations.lock(tx, id);
    if (r.state !== 'awaiting_confirmation' || !c) {
      throw new ConflictError(
        `Rollout ${id} is ${r.state}: only a rollout awaiting confirmation takes a code`,
        [{ field: 'id', code: 'not_awaiting_confirmation', reason: `is ${r.state}` }],
      );
    }
    return { r, c };
  }

  /** The confirmed rollout starts: as if it had just been created without confirmation. */
  private async start(tx: Tx, caller: Caller, r: Rollout, now: Date): Promise<void> {
    await this.confirmations.recordConfirmed(tx, r.id, caller.keyId, now);
    await this.rollouts.setState(tx, r.id, 'scheduled');
    // Nobody was told of the tasks yet: the first wave opens without "rescheduled" notices, and
    // the batch's notices (customers, partner digests, webhooks) are written now.
    await this.gates.open(tx, { ...r, state: 'scheduled' }, 0, now, { quiet: true });
    await this.notices.scheduled(tx, r.batchId);
    await this.audit.record(tx, caller, {
      action: 'rollout.confirm',
      entityType: 'rollout',
      entityId: r.id,
      before: { state: 'awaiting_confirmation' },
      after: { state: 'scheduled' },
    });
    this.logger.log({ rolloutId: r.id, batchId: r.batchId }, 'rollout confirmed');
  }
}

/** Whether the typed code is the stored one (scrypt of it with the stored salt, constant time). */
async function matches(typed: string, c: Confirmation): Promise<boolean> {
  const hash = await scryptAsync(normalizeCode(typed), c.codeSalt, HASH_BYTES);
  return c.codeHash.length === hash.length && timingSafeEqual(hash, c.codeHash);
}
