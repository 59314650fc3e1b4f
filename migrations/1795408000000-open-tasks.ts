import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "Open task" defined once in the database: `is_open` is true while a task is not finished (the
 * same rule as src/updates/task-status.ts). The one-open-task index and every query use it, so a
 * new in-between status (a rollout's `held`) is open without touching the index or the queries.
 */
export class OpenTasks1795408000000 implements MigrationInterface {
  name = 'OpenTasks1795408000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE update_task ADD COLUMN is_open boolean NOT NULL
        GENERATED ALWAYS AS (status NOT IN ('succeeded', 'failed', 'cancelled')) STORED`);
    await q.query(`
      CREATE UNIQUE INDEX update_task_one_open_per_tenant_new ON update_task (tenant_id) WHERE is_open`);
    await q.query(`DROP INDEX update_task_one_open_per_tenant`);
    await q.query(
      `ALTER INDEX update_task_one_open_per_tenant_new RENAME TO update_task_one_open_per_tenant`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE UNIQUE INDEX update_task_one_open_per_tenant_old ON update_task (tenant_id)
      WHERE status IN ('scheduled', 'running')`);
    await q.query(`DROP INDEX update_task_one_open_per_tenant`);
    await q.query(`ALTER TABLE update_task DROP COLUMN is_open`);
    await q.query(
      `ALTER INDEX update_task_one_open_per_tenant_old RENAME TO update_task_one_open_per_tenant`,
    );
  }
}
