import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The customer self-service link (docs/self-service.md): the postpone policy per platform, a
 * partner's override (null: the platform's), what a task's customer has used of it, and the key
 * that signs the links (one per installation, shared by every replica; SELF_SERVICE_SECRET
 * replaces it).
 */
export class CustomerPostpone1796020200001 implements MigrationInterface {
  name = 'CustomerPostpone1796020200001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE platform ADD COLUMN customer_postpone jsonb NOT NULL
         DEFAULT '{"allowed": true, "maxDays": 14, "maxTimes": 2}'::jsonb`,
    );
    await q.query(`ALTER TABLE partner ADD COLUMN customer_postpone jsonb`);
    // How often the customer postponed the task, and the planned time the limit counts from.
    await q.query(
      `ALTER TABLE update_task ADD COLUMN customer_postpones int NOT NULL DEFAULT 0,
         ADD COLUMN announced_run_at timestamptz`,
    );
    await q.query(
      `CREATE TABLE service_secret (
         name text PRIMARY KEY,
         value bytea NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now())`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE service_secret`);
    await q.query(
      `ALTER TABLE update_task DROP COLUMN announced_run_at, DROP COLUMN customer_postpones`,
    );
    await q.query(`ALTER TABLE partner DROP COLUMN customer_postpone`);
    await q.query(`ALTER TABLE platform DROP COLUMN customer_postpone`);
  }
}
