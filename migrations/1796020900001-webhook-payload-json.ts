import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A webhook delivery's body as `json` (its text, kept as written) instead of `jsonb`: the body is
 * sent as text and never queried inside, and building a `jsonb` per delivery (parsed into its
 * binary form, then printed back for signing) made a request that queues 100,000 task events
 * spend about a third longer on them (bench/webhooks.ts).
 */
export class WebhookPayloadJson1796020900001 implements MigrationInterface {
  name = 'WebhookPayloadJson1796020900001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE webhook_delivery ALTER COLUMN payload TYPE json USING payload::json`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE webhook_delivery ALTER COLUMN payload TYPE jsonb USING payload::jsonb`,
    );
  }
}
