import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `update_task.rollback_of` references `update_task` ON DELETE SET NULL: deleting a task (the
 * retention job, a tenant's deletion) looks for tasks whose `rollback_of` is that task, once per
 * deleted row. Without an index each look is a scan of every task. Partial: only rollbacks have
 * the column set, so the tasks scheduling writes add no entry.
 */
export class RollbackOfIndex1796014000002 implements MigrationInterface {
  name = 'RollbackOfIndex1796014000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX update_task_rollback_of ON update_task (rollback_of) WHERE rollback_of IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX update_task_rollback_of`);
  }
}
