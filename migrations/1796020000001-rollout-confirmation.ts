import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Confirmation of risky rollouts with an e-mailed one-time code (docs/rollouts.md, "Confirmation").
 *
 * - Partners and platforms gain `licence_email`: where the code goes.
 * - Platforms gain the rule saying which rollouts need confirmation (any of: a downgrade, forced,
 *   a whole-platform scope, more than `confirm_tenants_over` tenants; NULL: no count rule).
 * - `rollout_confirmation`: one row per rollout that awaits (or awaited) confirmation, with the
 *   current code as an scrypt hash and its salt (never the code), when it expires, and the wrong
 *   tries since it was sent. A new code replaces the row's hash: the old code no longer matches.
 */
export class RolloutConfirmation1796020000001 implements MigrationInterface {
  name = 'RolloutConfirmation1796020000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE partner ADD COLUMN licence_email text NULL`);
    await q.query(`
      ALTER TABLE platform
        ADD COLUMN licence_email text NULL,
        ADD COLUMN confirm_downgrade boolean NOT NULL DEFAULT true,
        ADD COLUMN confirm_forced boolean NOT NULL DEFAULT false,
        ADD COLUMN confirm_platform_scope boolean NOT NULL DEFAULT true,
        ADD COLUMN confirm_tenants_over int NULL DEFAULT 1000 CHECK (confirm_tenants_over >= 0)`);
    await q.query(`
      CREATE TABLE rollout_confirmation (
        rollout_id uuid PRIMARY KEY REFERENCES rollout (id) ON DELETE CASCADE,
        -- why it needs confirmation, e.g. {downgrade, tenants_over}
        reasons text[] NOT NULL,
        recipients text[] NOT NULL,
        code_hash bytea NOT NULL,
        code_salt bytea NOT NULL,
        -- how many codes were sent (the first is 1); part of the e-mail's dedupe key
        generation int NOT NULL DEFAULT 1,
        sent_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        failed_attempts int NOT NULL DEFAULT 0,
        confirmed_at timestamptz NULL,
        confirmed_by uuid NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rollout_confirmation`);
    await q.query(`
      ALTER TABLE platform DROP COLUMN licence_email, DROP COLUMN confirm_downgrade,
        DROP COLUMN confirm_forced, DROP COLUMN confirm_platform_scope, DROP COLUMN confirm_tenants_over`);
    await q.query(`ALTER TABLE partner DROP COLUMN licence_email`);
  }
}
