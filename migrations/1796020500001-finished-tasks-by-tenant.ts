import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A tenant's tasks were indexed twice on `tenant_id`: by the unique one-open-task index and by
 * `update_task_tenant` (tenant_id, id), and scheduling paid both for every task it wrote (about a
 * quarter of the bulk INSERT, bench/write-cost.sql). The open task of a tenant is already found by
 * the unique index, so `update_task_tenant` now holds only finished tasks: scheduling and the
 * dispatcher's claim no longer add an entry to it; a task gets one when it finishes. A query for
 * all of a tenant's tasks reads both (`tenantTasks` in src/updates/update-tasks.repository.ts).
 */
export class FinishedTasksByTenant1796020500001 implements MigrationInterface {
  name = 'FinishedTasksByTenant1796020500001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX update_task_tenant_finished ON update_task (tenant_id, id) WHERE NOT is_open`,
    );
    await q.query(`DROP INDEX update_task_tenant`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX update_task_tenant ON update_task (tenant_id, id)`);
    await q.query(`DROP INDEX update_task_tenant_finished`);
  }
}
