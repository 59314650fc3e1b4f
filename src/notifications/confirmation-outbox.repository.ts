import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { wakeSenders } from './notices.repository';

/** Who gets a rollout's one-time code: a partner's licence contact, or a platform's. */
export type CodeRecipient = { partnerId: string } | { platformId: string };

/** What the code e-mail says (the code itself is removed from the row once it is sent). */
export interface CodeFacts {
  rolloutId: string;
  code: string;
  generation: number;
  expiresAt: Date;
  targetVersion: string;
  tenants: number;
  reasons: string[];
}

/**
 * The outbox rows of one-time codes. The code travels in the row's payload only until the e-mail
 * is sent (OutboxRepository.markSent removes it); the rollout keeps only its hash. A partner's
 * licence contact reads it in the language and zone of the partner contact with the same address
 * (else its first contact); a platform's in English and the platform's zone.
 */
@Injectable()
export class ConfirmationOutboxRepository {
  async insert(em: EntityManager, to: CodeRecipient, f: CodeFacts, now: Date): Promise<string[]> {
    const payload = JSON.stringify({
      rolloutId: f.rolloutId,
      code: f.code,
      expiresAt: f.expiresAt.toISOString(),
      targetVersion: f.targetVersion,
      tenants: f.tenants,
      reasons: f.reasons,
    });
    const key = `'rollout.confirmation:' || $2::text || ':' || $3::text || ':'`;
    const rows: { recipient: string }[] =
      'partnerId' in to
        ? await em.query(
            `INSERT INTO outbox_email (event, template, recipient, recipient_kind, locale, timezone,
               payload, dedupe_key, partner_id, platform_id, next_attempt_at)
             SELECT 'rollout.confirmation', 'rollout.confirmation', p.licence_email, 'partner',
               COALESCE(c.locale, 'en'), COALESCE(c.timezone, pl.timezone),
               $4::jsonb || jsonb_build_object('ownerName', p.name),
               ${key} || p.licence_email, p.id, p.platform_id, $5::timestamptz
             FROM partner p JOIN platform pl ON pl.id = p.platform_id
             LEFT JOIN LATERAL (
               SELECT x.locale, x.timezone
               FROM jsonb_to_recordset(p.contacts) AS x (email text, locale text, timezone text)
               ORDER BY lower(x.email) = lower(p.licence_email) DESC LIMIT 1) c ON true
             WHERE p.id = $1 AND p.licence_email IS NOT NULL
             RETURNING recipient`,
            [to.partnerId, f.rolloutId, f.generation, payload, now],
          )
        : await em.query(
            `INSERT INTO outbox_email (event, template, recipient, recipient_kind, locale, timezone,
               payload, dedupe_key, platform_id, next_attempt_at)
             SELECT 'rollout.confirmation', 'rollout.confirmation', pl.licence_email, 'partner',
               'en', pl.timezone, $4::jsonb || jsonb_build_object('ownerName', pl.name),
               ${key} || pl.licence_email, pl.id, $5::timestamptz
             FROM platform pl WHERE pl.id = $1 AND pl.licence_email IS NOT NULL
             RETURNING recipient`,
            [to.platformId, f.rolloutId, f.generation, payload, now],
          );
    if (rows.length > 0) await wakeSenders(em);
    return rows.map((r) => r.recipient);
  }

  /** A new code voids the old: its e-mail, if not sent yet, is not sent, and its code is dropped. */
  async voidPending(em: EntityManager, rolloutId: string): Promise<void> {
    await em.query(
      `UPDATE outbox_email SET status = 'dead', payload = payload - 'code',
         last_error = 'superseded by a new code'
       WHERE event = 'rollout.confirmation' AND status = 'pending'
         AND payload->>'rolloutId' = $1`,
      [rolloutId],
    );
  }
}
