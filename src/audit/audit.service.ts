import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transactions';
import { AuditLogRepository } from './audit-log.repository';

const REDACTED_KEYS = new Set([
  'executorSecret',
  'secret',
  'keyHash',
  'key',
  'calendarToken',
  'calendarUrl',
]);

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

/** An audit row of a bulk operation lists at most this many of the ids it touched. */
export const AUDIT_IDS_LISTED = 10;

/**
 * What the audit row of a bulk operation keeps of the ids it touched: how many, and the first few
 * (the rows themselves say the rest: a batch's tasks carry its id, imported tenants their time).
 */
export function idSummary(ids: readonly string[]): { count: number; first: string[] } {
  return { count: ids.length, first: ids.slice(0, AUDIT_IDS_LISTED) };
}

/**
 * Who acted: an API key's caller, a customer through its self-service link (role `customer_link`,
 * no key), or null for the service itself (a job).
 */
export interface AuditActor {
  keyId: string | null;
  role: string;
  partnerId: string | null;
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
  constructor(private readonly log: AuditLogRepository) {}

  async record(tx: Tx, actor: AuditActor | null, entry: AuditEntry): Promise<void> {
    await this.log.insert(tx, {
      actorKeyId: actor?.keyId ?? null,
      actorRole: actor?.role ?? null,
      actorPartnerId: actor?.partnerId ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: entry.before === undefined ? null : JSON.stringify(redact(entry.before)),
      after: entry.after === undefined ? null : JSON.stringify(redact(entry.after)),
    });
  }
}
