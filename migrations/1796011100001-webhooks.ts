import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signed webhooks (docs/webhooks.md).
 *
 * - `webhook_endpoint`: a partner's endpoint (`partner_id`), or a platform admin's for every
 *   partner (`partner_id` NULL). The secret is kept as given to the owner (`whsec_…`); after a
 *   rotation the previous one signs too until `previous_secret_expires_at`. `failing_since` is the
 *   first failed attempt since the last success; an endpoint failing for WEBHOOK_DISABLE_AFTER_HOURS
 *   is disabled (`enabled = false`, `disabled_reason`).
 * - `webhook_delivery`: one event for one endpoint, written in the transaction of the change that
 *   causes it (Notices). `seq` is the order of writing; deliveries of one task (`order_key`) to one
 *   endpoint go out in that order. Senders claim rows with SKIP LOCKED and a lease
 *   (`status = 'delivering'`, `lease_expires_at`); a lapsed lease is claimed again.
 * - `webhook_attempt`: every attempt, with its response code, latency and error.
 */
export class Webhooks1796011100001 implements MigrationInterface {
  name = 'Webhooks1796011100001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_endpoint (
        id uuid PRIMARY KEY DEFAULT uuid_v7(),
        partner_id uuid NULL REFERENCES partner(id) ON DELETE CASCADE,
        url text NOT NULL,
        events text[] NOT NULL,
        description text NULL,
        secret text NOT NULL,
        previous_secret text NULL,
        previous_secret_expires_at timestamptz NULL,
        enabled boolean NOT NULL DEFAULT true,
        disabled_reason text NULL,
        disabled_at timestamptz NULL,
        failing_since timestamptz NULL,
        created_by text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX webhook_endpoint_partner ON webhook_endpoint (partner_id)`);
    await q.query(`
      CREATE TABLE webhook_delivery (
        id uuid PRIMARY KEY DEFAULT uuid_v7(),
        seq bigint GENERATED ALWAYS AS IDENTITY,
        endpoint_id uuid NOT NULL REFERENCES webhook_endpoint(id) ON DELETE CASCADE,
        message_id text NOT NULL,
        event text NOT NULL,
        order_key uuid NULL,
        payload jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'delivering', 'succeeded', 'failed')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        lease_owner text NULL,
        lease_expires_at timestamptz NULL,
        last_attempt_at timestamptz NULL,
        last_status_code int NULL,
        last_latency_ms int NULL,
        last_error text NULL,
        delivered_at timestamptz NULL,
        created_at timestamptz NOT NULL
      )`);
    // Due work, in order (pending rows; lapsed leases).
    await q.query(`
      CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at, seq)
      WHERE status = 'pending'`);
    await q.query(`
      CREATE INDEX webhook_delivery_leased ON webhook_delivery (lease_expires_at)
      WHERE status = 'delivering'`);
    // Order per task and endpoint: is an earlier delivery of this task still open?
    await q.query(`
      CREATE INDEX webhook_delivery_open_order ON webhook_delivery (endpoint_id, order_key, seq)
      WHERE status IN ('pending', 'delivering') AND order_key IS NOT NULL`);
    // An endpoint's delivery log, newest first.
    await q.query(`CREATE INDEX webhook_delivery_endpoint ON webhook_delivery (endpoint_id, seq)`);
    await q.query(`
      CREATE TABLE webhook_attempt (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        delivery_id uuid NOT NULL REFERENCES webhook_delivery(id) ON DELETE CASCADE,
        attempted_at timestamptz NOT NULL,
        status_code int NULL,
        latency_ms int NOT NULL,
        error text NULL
      )`);
    await q.query(`CREATE INDEX webhook_attempt_delivery ON webhook_attempt (delivery_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_attempt`);
    await q.query(`DROP TABLE webhook_delivery`);
    await q.query(`DROP TABLE webhook_endpoint`);
  }
}
