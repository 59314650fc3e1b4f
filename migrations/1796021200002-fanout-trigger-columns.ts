import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The row trigger that expands a pending `task.scheduled` fan-out before a task changes (migration
 * 1796021000001) fires only for updates that set a column the event's body holds, or one whose
 * change is told by a later event (status, run_at, notice_sequence, attempts …). The run journal's
 * progress writes and the lease renewals of running tasks, many a second, no longer call it per row:
 * neither changes what the scheduled event says nor sends an event of its own.
 */
export class FanoutTriggerColumns1796021200002 implements MigrationInterface {
  name = 'FanoutTriggerColumns1796021200002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER webhook_fanout_task_changed ON update_task`);
    await q.query(`
      CREATE TRIGGER webhook_fanout_task_changed
      BEFORE UPDATE OF batch_id, tenant_id, partner_id, platform_id, status, from_version,
        target_version, mode, forced, run_at, expires_at, attempts, notice_sequence
      ON update_task
      FOR EACH ROW EXECUTE FUNCTION webhook_fanout_task_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER webhook_fanout_task_changed ON update_task`);
    await q.query(`
      CREATE TRIGGER webhook_fanout_task_changed BEFORE UPDATE ON update_task
      FOR EACH ROW EXECUTE FUNCTION webhook_fanout_task_changed()`);
  }
}
