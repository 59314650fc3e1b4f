import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A rollout awaiting confirmation is cancelled when nobody confirms it in time (docs/rollouts.md,
 * "Confirmation"): `rollout_confirmation.cancel_at` is set once, when the rollout is created
 * (ROLLOUT_CONFIRMATION_EXPIRY_HOURS later); a new code does not move it. Rows of rollouts that
 * await confirmation today get 72 hours from their current code.
 */
export class RolloutConfirmationDeadline1796020800001 implements MigrationInterface {
  name = 'RolloutConfirmationDeadline1796020800001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rollout_confirmation ADD COLUMN cancel_at timestamptz NULL`);
    await q.query(`
      UPDATE rollout_confirmation SET cancel_at = sent_at + interval '72 hours'
      WHERE confirmed_at IS NULL`);
    await q.query(`
      CREATE INDEX rollout_confirmation_cancel_at ON rollout_confirmation (cancel_at)
      WHERE confirmed_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX rollout_confirmation_cancel_at`);
    await q.query(`ALTER TABLE rollout_confirmation DROP COLUMN cancel_at`);
  }
}
