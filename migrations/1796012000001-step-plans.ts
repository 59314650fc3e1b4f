import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Step plans, upgrade paths, snapshots and rollbacks (issue 12).
 *
 * - `platform.update_steps`: the steps its updates run, among precheck, backup, apply, migrate,
 *   reboot, verify (default: precheck, backup, apply, reboot, verify); `snapshot_retention_days`.
 * - `software_version.minimum_from`: the oldest installed version it may be applied on.
 * - `update_task.path`: the versions applied in turn (the last is the target); NULL for one hop.
 *   `kind` (update | rollback), `rollback_of` (the task whose snapshots a rollback restores),
 *   `rollback_on_failure`, `rolled_back`.
 * - `snapshot`: what a backup step left behind, kept until `expires_at` unless pinned; deleted
 *   through the executor by the expiry job (claimed with a lease, so one replica deletes each).
 */
export class StepPlans1796012000001 implements MigrationInterface {
  name = 'StepPlans1796012000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE platform
        ADD COLUMN update_steps text[] NOT NULL DEFAULT '{precheck,backup,apply,reboot,verify}',
        ADD COLUMN snapshot_retention_days int NOT NULL DEFAULT 7
          CHECK (snapshot_retention_days BETWEEN 1 AND 3650)`);
    await q.query(`ALTER TABLE software_version ADD COLUMN minimum_from text NULL`);
    await q.query(`
      ALTER TABLE update_task
        ADD COLUMN path text[] NULL,
        ADD COLUMN kind text NOT NULL DEFAULT 'update' CHECK (kind IN ('update', 'rollback')),
        ADD COLUMN rollback_of uuid NULL REFERENCES update_task (id) ON DELETE SET NULL,
        ADD COLUMN rollback_on_failure boolean NOT NULL DEFAULT false,
        ADD COLUMN rolled_back boolean NOT NULL DEFAULT false`);
    await q.query(`
      CREATE TABLE snapshot (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL,
        external_id text NOT NULL,
        platform_id uuid NOT NULL REFERENCES platform (id),
        tenant_id uuid NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
        task_id uuid NOT NULL REFERENCES update_task (id) ON DELETE CASCADE,
        run int NOT NULL,
        step_key text NOT NULL,
        node text NULL,
        version text NOT NULL,
        taken_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        state text NOT NULL DEFAULT 'available'
          CHECK (state IN ('available', 'deleting', 'deleted', 'delete_failed')),
        pinned boolean NOT NULL DEFAULT false,
        deleted_at timestamptz NULL,
        delete_owner text NULL,
        delete_lease_until timestamptz NULL,
        delete_attempts int NOT NULL DEFAULT 0,
        delete_result text NULL,
        UNIQUE (task_id, run, step_key)
      )`);
    await q.query(`CREATE INDEX snapshot_tenant ON snapshot (tenant_id, seq)`);
    await q.query(
      `CREATE INDEX snapshot_expiring ON snapshot (expires_at) WHERE state IN ('available', 'deleting') AND NOT pinned`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE snapshot`);
    await q.query(`
      ALTER TABLE update_task DROP COLUMN path, DROP COLUMN kind, DROP COLUMN rollback_of,
        DROP COLUMN rollback_on_failure, DROP COLUMN rolled_back`);
    await q.query(`ALTER TABLE software_version DROP COLUMN minimum_from`);
    await q.query(
      `ALTER TABLE platform DROP COLUMN update_steps, DROP COLUMN snapshot_retention_days`,
    );
  }
}
