import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A dedupe key on webhook deliveries, as the e-mail outbox has (`outbox_email.dedupe_key`): an
 * event written twice — by a transaction run again, or by a second replica reaching the same
 * decision — gives one delivery per endpoint (`ON CONFLICT DO NOTHING`). Rollout events carry
 * `<event>:<rollout>:<key>` (the key of their e-mails); deliveries without a key (a redelivery, a
 * ping, the events of tasks, blackouts and maintenance) are not in the index.
 */
export class WebhookDedupeKey1796020900002 implements MigrationInterface {
  name = 'WebhookDedupeKey1796020900002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE webhook_delivery ADD COLUMN dedupe_key text NULL`);
    await q.query(`
      CREATE UNIQUE INDEX webhook_delivery_dedupe ON webhook_delivery (endpoint_id, dedupe_key)
      WHERE dedupe_key IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX webhook_delivery_dedupe`);
    await q.query(`ALTER TABLE webhook_delivery DROP COLUMN dedupe_key`);
  }
}
