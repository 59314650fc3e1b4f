import { Injectable } from '@nestjs/common';
import type { Scope } from '../auth/caller';
import type { PageRequest } from '../common/pagination';
import { updateReturning } from '../database/sql';
import type { Tx } from '../database/transactions';

export interface WebhookEndpoint {
  id: string;
  /** null: a platform admin's endpoint, for the events of every partner. */
  partnerId: string | null;
  url: string;
  events: string[];
  description: string | null;
  enabled: boolean;
  disabledReason: string | null;
  disabledAt: Date | null;
  failingSince: Date | null;
  /** Until then the previous secret signs too (after a rotation). */
  previousSecretExpiresAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

interface EndpointRow {
  id: string;
  partner_id: string | null;
  url: string;
  events: string[];
  description: string | null;
  enabled: boolean;
  disabled_reason: string | null;
  disabled_at: Date | null;
  failing_since: Date | null;
  previous_secret_expires_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `e.id, e.partner_id, e.url, e.events, e.description, e.enabled, e.disabled_reason,
  e.disabled_at, e.failing_since, e.previous_secret_expires_at, e.created_at, e.updated_at`;

function toEndpoint(r: EndpointRow): WebhookEndpoint {
  return {
    id: r.id,
    partnerId: r.partner_id,
    url: r.url,
    events: r.events,
    description: r.description,
    enabled: r.enabled,
    disabledReason: r.disabled_reason,
    disabledAt: r.disabled_at,
    failingSince: r.failing_since,
    previousSecretExpiresAt: r.previous_secret_expires_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export interface NewEndpoint {
  partnerId: string | null;
  url: string;
  events: string[];
  description: string | null;
  secret: string;
  createdBy: string;
  now: Date;
}

export interface EndpointChanges {
  url?: string;
  events?: string[];
  description?: string | null;
  enabled?: boolean;
  /** A new secret; the current one keeps signing until `previousUntil`. */
  secret?: { value: string; previousUntil: Date };
}

/**
 * What a caller sees (its scope's partnerId as the parameter): a partner admin its partner's
 * endpoints only (not platform-wide ones), a platform admin (null) every one.
 */
function scopeClause(param: string): string {
  return `(${param}::uuid IS NULL OR e.partner_id = ${param}::uuid)`;
}

@Injectable()
export class WebhookEndpointsRepository {
  async insert(tx: Tx, e: NewEndpoint): Promise<WebhookEndpoint> {
    const rows: EndpointRow[] = await tx.query(
      `INSERT INTO webhook_endpoint AS e (partner_id, url, events, description, secret, created_by,
         created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING ${COLUMNS}`,
      [e.partnerId, e.url, e.events, e.description, e.secret, e.createdBy, e.now],
    );
    return toEndpoint(rows[0]);
  }

  /** The endpoint if the scope may see it; `lock`: FOR UPDATE. */
  async find(tx: Tx, scope: Scope, id: string, lock = false): Promise<WebhookEndpoint | null> {
    const rows: EndpointRow[] = await tx.query(
      `SELECT ${COLUMNS} FROM webhook_endpoint e
       WHERE e.id = $1 AND ${scopeClause('$2')} ${lock ? 'FOR UPDATE' : ''}`,
      [id, scope.partnerId],
    );
    return rows[0] ? toEndpoint(rows[0]) : null;
  }

  async list(
    tx: Tx,
    scope: Scope,
    partnerId: string | null,
    page: PageRequest,
  ): Promise<WebhookEndpoint[]> {
    const rows: EndpointRow[] = await tx.query(
      `SELECT ${COLUMNS} FROM webhook_endpoint e
       WHERE ${scopeClause('$1')} AND ($2::uuid IS NULL OR e.partner_id = $2::uuid)
         AND ($3::uuid IS NULL OR e.id > $3::uuid)
       ORDER BY e.id LIMIT $4`,
      [scope.partnerId, partnerId, page.after, page.limit + 1],
    );
    return rows.map(toEndpoint);
  }

  async update(tx: Tx, id: string, c: EndpointChanges, now: Date): Promise<WebhookEndpoint> {
    const rows = await updateReturning<EndpointRow>(
      tx,
      `UPDATE webhook_endpoint e SET
         url = COALESCE($2, e.url),
         events = COALESCE($3, e.events),
         description = CASE WHEN $4 THEN $5 ELSE e.description END,
         enabled = COALESCE($6, e.enabled),
         disabled_reason = CASE WHEN $6 THEN NULL ELSE e.disabled_reason END,
         disabled_at = CASE WHEN $6 THEN NULL ELSE e.disabled_at END,
         failing_since = CASE WHEN $6 AND NOT e.enabled THEN NULL ELSE e.failing_since END,
         previous_secret = CASE WHEN $7::text IS NULL THEN e.previous_secret ELSE e.secret END,
         previous_secret_expires_at = CASE WHEN $7::text IS NULL THEN e.previous_secret_expires_at
                                           ELSE $8 END,
         secret = COALESCE($7, e.secret),
         updated_at = $9
       WHERE e.id = $1 RETURNING ${COLUMNS}`,
      [
        id,
        c.url ?? null,
        c.events ?? null,
        c.description !== undefined,
        c.description ?? null,
        c.enabled ?? null,
        c.secret?.value ?? null,
        c.secret?.previousUntil ?? null,
        now,
      ],
    );
    return toEndpoint(rows[0]);
  }

  async partnerExists(tx: Tx, partnerId: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(`SELECT 1 FROM partner WHERE id = $1`, [partnerId]);
    return rows.length > 0;
  }

  async delete(tx: Tx, id: string): Promise<void> {
    await tx.query(`DELETE FROM webhook_endpoint WHERE id = $1`, [id]);
  }

  /** A delivery succeeded: the endpoint is no longer failing. */
  async markHealthy(tx: Tx, id: string): Promise<void> {
    await tx.query(
      `UPDATE webhook_endpoint SET failing_since = NULL WHERE id = $1 AND failing_since IS NOT NULL`,
      [id],
    );
  }

  /** A delivery failed: since when the endpoint has been failing (this failure if it was not). */
  async markFailing(
    tx: Tx,
    id: string,
    now: Date,
  ): Promise<{ failingSince: Date; enabled: boolean } | null> {
    const rows = await updateReturning<{ failing_since: Date; enabled: boolean }>(
      tx,
      `UPDATE webhook_endpoint SET failing_since = COALESCE(failing_since, $2)
       WHERE id = $1 RETURNING failing_since, enabled`,
      [id, now],
    );
    return rows[0] ? { failingSince: rows[0].failing_since, enabled: rows[0].enabled } : null;
  }

  /** Disables an endpoint that is still enabled; false if it was not. */
  async disable(tx: Tx, id: string, reason: string, now: Date): Promise<boolean> {
    const rows = await updateReturning(
      tx,
      `UPDATE webhook_endpoint SET enabled = false, disabled_reason = $2, disabled_at = $3,
         updated_at = $3
       WHERE id = $1 AND enabled RETURNING 1`,
      [id, reason, now],
    );
    return rows.length > 0;
  }
}
