import { Injectable } from '@nestjs/common';
import type { ListOrder, PageRequest } from '../common/pagination';
import { updateReturning } from '../database/sql';
import type { Tx } from '../database/transactions';
import { wakeWebhookSenders } from '../notifications/webhook-outbox.repository';

export const DELIVERY_STATUSES = ['pending', 'delivering', 'succeeded', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface DeliveryAttempt {
  at: Date;
  responseCode: number | null;
  latencyMs: number;
  error: string | null;
}

export interface WebhookDelivery {
  id: string;
  seq: string;
  endpointId: string;
  messageId: string;
  event: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  responseCode: number | null;
  latencyMs: number | null;
  error: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
  payload: unknown;
  attemptLog: DeliveryAttempt[];
}

interface DeliveryRow {
  id: string;
  seq: string;
  endpoint_id: string;
  message_id: string;
  event: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: Date;
  last_attempt_at: Date | null;
  last_status_code: number | null;
  last_latency_ms: number | null;
  last_error: string | null;
  delivered_at: Date | null;
  created_at: Date;
  payload: unknown;
  attempt_log: {
    at: string;
    responseCode: number | null;
    latencyMs: number;
    error: string | null;
  }[];
}

/** The attempts shown with a delivery: its latest ones. */
const ATTEMPTS_SHOWN = 20;

const COLUMNS = `d.id, d.seq::text AS seq, d.endpoint_id, d.message_id, d.event, d.status, d.attempts,
  d.next_attempt_at, d.last_attempt_at, d.last_status_code, d.last_latency_ms, d.last_error,
  d.delivered_at, d.created_at, d.payload,
  COALESCE((SELECT json_agg(json_build_object('at', a.attempted_at, 'responseCode', a.status_code,
              'latencyMs', a.latency_ms, 'error', a.error) ORDER BY a.id)
            FROM (SELECT * FROM webhook_attempt a WHERE a.delivery_id = d.id
                  ORDER BY a.id DESC LIMIT ${ATTEMPTS_SHOWN}) a), '[]') AS attempt_log`;

function toDelivery(r: DeliveryRow): WebhookDelivery {
  return {
    id: r.id,
    seq: r.seq,
    endpointId: r.endpoint_id,
    messageId: r.message_id,
    event: r.event,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.status === 'pending' ? r.next_attempt_at : null,
    lastAttemptAt: r.last_attempt_at,
    responseCode: r.last_status_code,
    latencyMs: r.last_latency_ms,
    error: r.last_error,
    deliveredAt: r.delivered_at,
    createdAt: r.created_at,
    payload: r.payload,
    attemptLog: r.attempt_log.map((a) => ({ ...a, at: new Date(a.at) })),
  };
}

/** A delivery claimed for sending, with what it takes to send it. */
export interface ClaimedDelivery {
  id: string;
  seq: string;
  endpointId: string;
  orderKey: string | null;
  messageId: string;
  /** The request body, exactly as signed and sent. */
  body: string;
  attempts: number;
  url: string;
  secret: string;
  previousSecret: string | null;
  leaseExpiresAt: Date;
}

interface ClaimedRow {
  id: string;
  seq: string;
  endpoint_id: string;
  order_key: string | null;
  message_id: string;
  body: string;
  attempts: number;
  url: string;
  secret: string;
  previous_secret: string | null;
  lease_expires_at: Date;
}

export interface Claim {
  now: Date;
  owner: string;
  leaseExpiresAt: Date;
  limit: number;
  /** Requests this process has in flight per endpoint; an endpoint gets at most `perEndpoint`. */
  inFlight: Map<string, number>;
  perEndpoint: number;
}

export interface AttemptResult {
  at: Date;
  responseCode: number | null;
  latencyMs: number;
  error: string | null;
}

export interface DeliveryFilter {
  status?: DeliveryStatus;
  event?: string;
}

/**
 * Claims due deliveries: pending ones whose time has come and claimed ones whose sender's lease
 * lapsed (it stopped mid-delivery), in order, skipping any whose task has an earlier delivery to the
 * same endpoint still open (order per task), at most `perEndpoint` minus what is in flight per
 * endpoint. Rows are locked with SKIP LOCKED, re-checked after the lock, and leased.
 */
const CLAIM = `
WITH due AS (
  (SELECT d.id, d.endpoint_id, d.order_key, d.seq, d.next_attempt_at AS at FROM webhook_delivery d
   WHERE d.status = 'pending' AND d.next_attempt_at <= $1
   ORDER BY d.next_attempt_at, d.seq LIMIT $2)
  UNION ALL
  (SELECT d.id, d.endpoint_id, d.order_key, d.seq, d.lease_expires_at FROM webhook_delivery d
   WHERE d.status = 'delivering' AND d.lease_expires_at <= $1
   ORDER BY d.lease_expires_at LIMIT $2)
), ready AS (
  SELECT due.*, row_number() OVER (PARTITION BY due.endpoint_id ORDER BY due.seq) AS rn FROM due
  WHERE due.order_key IS NULL OR NOT EXISTS (
    SELECT 1 FROM webhook_delivery p
    WHERE p.endpoint_id = due.endpoint_id AND p.order_key = due.order_key AND p.seq < due.seq
      AND p.status IN ('pending', 'delivering'))
), picked AS (
  SELECT r.id FROM ready r
  LEFT JOIN unnest($3::uuid[], $4::int[]) AS f (endpoint_id, n) ON f.endpoint_id = r.endpoint_id
  WHERE r.rn <= $5 - COALESCE(f.n, 0)
  ORDER BY r.at, r.seq LIMIT $6
), locked AS (
  SELECT d.id FROM webhook_delivery d
  WHERE d.id IN (SELECT id FROM picked)
    AND ((d.status = 'pending' AND d.next_attempt_at <= $1)
         OR (d.status = 'delivering' AND d.lease_expires_at <= $1))
  FOR UPDATE OF d SKIP LOCKED
), claimed AS (
UPDATE webhook_delivery d
SET status = 'delivering', lease_owner = $7, lease_expires_at = $8, attempts = d.attempts + 1,
    last_attempt_at = $1
FROM locked, webhook_endpoint e
WHERE d.id = locked.id AND e.id = d.endpoint_id
RETURNING d.id, d.seq::text AS seq, d.endpoint_id, d.order_key, d.message_id, d.payload::text AS body,
  d.attempts, e.url, e.secret,
  CASE WHEN e.previous_secret_expires_at > $1 THEN e.previous_secret END AS previous_secret,
  d.lease_expires_at
)
SELECT * FROM claimed`;

/** Due rows looked at per claim, per kind (pending, lapsed), beyond the claim's limit. */
const SCAN_FACTOR = 4;

@Injectable()
export class WebhookDeliveriesRepository {
  async claim(tx: Tx, c: Claim): Promise<ClaimedDelivery[]> {
    const busy = [...c.inFlight.entries()];
    const rows: ClaimedRow[] = await tx.query(CLAIM, [
      c.now,
      c.limit * SCAN_FACTOR,
      busy.map(([id]) => id),
      busy.map(([, n]) => n),
      c.perEndpoint,
      c.limit,
      c.owner,
      c.leaseExpiresAt,
    ]);
    return rows
      .map((r) => ({
        id: r.id,
        seq: r.seq,
        endpointId: r.endpoint_id,
        orderKey: r.order_key,
        messageId: r.message_id,
        body: r.body,
        attempts: r.attempts,
        url: r.url,
        secret: r.secret,
        previousSecret: r.previous_secret,
        leaseExpiresAt: r.lease_expires_at,
      }))
      .sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : 1));
  }

  /** Logs attempts, any number in one statement. */
  async recordAttempts(
    tx: Tx,
    attempts: (AttemptResult & { deliveryId: string })[],
  ): Promise<void> {
    if (attempts.length === 0) return;
    await tx.query(
      `INSERT INTO webhook_attempt (delivery_id, attempted_at, status_code, latency_ms, error)
       SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::int[], $4::int[], $5::text[])`,
      [
        attempts.map((a) => a.deliveryId),
        attempts.map((a) => a.at),
        attempts.map((a) => a.responseCode),
        attempts.map((a) => a.latencyMs),
        attempts.map((a) => a.error),
      ],
    );
  }

  /**
   * Delivered, any number in one statement; returns the ids recorded (not those whose lease another
   * sender took over meanwhile: that one sends them).
   */
  async succeededMany(
    tx: Tx,
    owner: string,
    results: { delivery: ClaimedDelivery; attempt: AttemptResult }[],
  ): Promise<Set<string>> {
    if (results.length === 0) return new Set();
    const rows = await updateReturning<{ id: string }>(
      tx,
      `UPDATE webhook_delivery d SET status = 'succeeded', delivered_at = r.at,
         last_status_code = r.code, last_latency_ms = r.latency, last_error = NULL,
         lease_owner = NULL, lease_expires_at = NULL
       FROM unnest($2::uuid[], $3::timestamptz[], $4::int[], $5::int[]) AS r (id, at, code, latency)
       WHERE d.id = r.id AND d.status = 'delivering' AND d.lease_owner = $1 RETURNING d.id`,
      [
        owner,
        results.map((r) => r.delivery.id),
        results.map((r) => r.attempt.at),
        results.map((r) => r.attempt.responseCode),
        results.map((r) => r.attempt.latencyMs),
      ],
    );
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Not delivered: pending again at `retryAt`, or failed for good when it is null. Later deliveries
   * of the same task to the endpoint wait at least as long (they are sent after this one).
   */
  async failed(
    tx: Tx,
    d: ClaimedDelivery,
    owner: string,
    a: AttemptResult,
    retryAt: Date | null,
  ): Promise<boolean> {
    const rows = await updateReturning(
      tx,
      `UPDATE webhook_delivery SET status = CASE WHEN $3::timestamptz IS NULL THEN 'failed' ELSE 'pending' END,
         next_attempt_at = COALESCE($3, next_attempt_at), last_status_code = $4,
         last_latency_ms = $5, last_error = $6, lease_owner = NULL, lease_expires_at = NULL
       WHERE id = $1 AND status = 'delivering' AND lease_owner = $2 RETURNING 1`,
      [d.id, owner, retryAt, a.responseCode, a.latencyMs, a.error],
    );
    if (rows.length > 0 && retryAt && d.orderKey) {
      await tx.query(
        `UPDATE webhook_delivery SET next_attempt_at = $4
         WHERE endpoint_id = $1 AND order_key = $2 AND seq > $3 AND status = 'pending'
           AND next_attempt_at < $4`,
        [d.endpointId, d.orderKey, d.seq, retryAt],
      );
    }
    return rows.length > 0;
  }

  /**
   * Hands a claim back untried (the sender is stopping, or the claim waited in its queue until its
   * lease could no longer cover a request): pending again, the attempt not counted;
   * the other senders are woken at commit (it is due now: none of them should wait for its poll).
   */
  async release(tx: Tx, d: ClaimedDelivery, owner: string): Promise<void> {
    await tx.query(
      `UPDATE webhook_delivery SET status = 'pending', attempts = attempts - 1, lease_owner = NULL,
         lease_expires_at = NULL
       WHERE id = $1 AND status = 'delivering' AND lease_owner = $2`,
      [d.id, owner],
    );
    await wakeWebhookSenders(tx);
  }

  /** An endpoint was disabled: what it still had to receive fails. */
  async failOpen(tx: Tx, endpointId: string, error: string): Promise<number> {
    const rows = await updateReturning(
      tx,
      `UPDATE webhook_delivery SET status = 'failed', last_error = $2, lease_owner = NULL,
         lease_expires_at = NULL
       WHERE endpoint_id = $1 AND status IN ('pending', 'delivering') RETURNING 1`,
      [endpointId, error],
    );
    return rows.length;
  }

  /** A test delivery (`webhook.ping`), due now. */
  async insertPing(tx: Tx, endpointId: string, now: Date, body: object): Promise<WebhookDelivery> {
    const rows: { id: string }[] = await tx.query(
      `INSERT INTO webhook_delivery (endpoint_id, message_id, event, payload, next_attempt_at, created_at)
       VALUES ($1, 'msg_' || replace(uuid_v7()::text, '-', ''), $2, $3, $4, $4) RETURNING id`,
      [endpointId, (body as { type: string }).type, JSON.stringify(body), now],
    );
    await wakeWebhookSenders(tx);
    return (await this.find(tx, endpointId, rows[0].id)) as WebhookDelivery;
  }

  /**
   * Sends a delivery again as a new delivery of the same message (same `webhook-id`, so a receiver
   * that already has it can tell), due now, after any open delivery of its task. Null when there
   * is no such delivery (the retention job may have deleted it a moment ago).
   */
  async redeliver(
    tx: Tx,
    endpointId: string,
    id: string,
    now: Date,
  ): Promise<WebhookDelivery | null> {
    const rows: { id: string }[] = await tx.query(
      `INSERT INTO webhook_delivery (endpoint_id, message_id, event, order_key, payload,
         next_attempt_at, created_at)
       SELECT endpoint_id, message_id, event, order_key, payload, $3, $3 FROM webhook_delivery
       WHERE id = $2 AND endpoint_id = $1 RETURNING id`,
      [endpointId, id, now],
    );
    if (rows.length === 0) return null;
    await wakeWebhookSenders(tx);
    return this.find(tx, endpointId, rows[0].id);
  }

  async find(tx: Tx, endpointId: string, id: string): Promise<WebhookDelivery | null> {
    const rows: DeliveryRow[] = await tx.query(
      `SELECT ${COLUMNS} FROM webhook_delivery d WHERE d.id = $1 AND d.endpoint_id = $2`,
      [id, endpointId],
    );
    return rows[0] ? toDelivery(rows[0]) : null;
  }

  async list(
    tx: Tx,
    endpointId: string,
    filter: DeliveryFilter,
    order: ListOrder,
    page: PageRequest,
  ): Promise<WebhookDelivery[]> {
    const cmp = order === 'desc' ? '<' : '>';
    const rows: DeliveryRow[] = await tx.query(
      `SELECT ${COLUMNS} FROM webhook_delivery d
       WHERE d.endpoint_id = $1 AND ($2::text IS NULL OR d.status = $2)
         AND ($3::text IS NULL OR d.event = $3) AND ($4::bigint IS NULL OR d.seq ${cmp} $4::bigint)
       ORDER BY d.seq ${order === 'desc' ? 'DESC' : 'ASC'} LIMIT $5`,
      [endpointId, filter.status ?? null, filter.event ?? null, page.after, page.limit + 1],
    );
    return rows.map(toDelivery);
  }
}
