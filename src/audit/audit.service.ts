import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Caller } from '../auth/caller';

const REDACTED_KEYS = new Set(['executorSecret', 'secret', 'keyHash', 'key']);

/** Secrets never reach the audit log: they are replaced by a marker saying one was set. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value instanceof Date) return value.toISOString();
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = REDACTED_KEYS.has(k) ? (v == null ? v : '[redacted]') : redact(v);
  }
  return out;
}

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

/** Who did what, when, before/after. Always written inside the transaction of the change. */
@Injectable()
export class AuditService {
  async record(em: EntityManager, caller: Caller | null, entry: AuditEntry): Promise<void> {
    await em.query(
      `INSERT INTO audit_log (actor_key_id, actor_role, actor_partner_id, action, entity_type, entity_id, before, after)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        caller?.keyId ?? null,
        caller?.role ?? null,
        caller?.partnerId ?? null,
        entry.action,
        entry.entityType,
        entry.entityId,
        entry.before === undefined ? null : JSON.stringify(redact(entry.before)),
        entry.after === undefined ? null : JSON.stringify(redact(entry.after)),
      ],
    );
  }
}
