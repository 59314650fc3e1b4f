import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A task changed before the webhook sender expanded its batch's `task.scheduled` fan-out is expanded
 * by the change first (migration 1796021000001). That was a row trigger: every claim and every
 * completion asked, for each of its tasks, whether a fan-out of its batch was pending (17 µs of
 * PostgreSQL's time per dispatched task in bench/dispatch, almost always to find none). It is now
 * one trigger per statement: it returns at once when no fan-out is pending, and otherwise expands,
 * in task id order, the tasks of a pending batch whose change touched what the scheduled event
 * says or what a later event tells (the columns of migration 1796021200002), from the row as it
 * was (the transition table's old row: what the batch committed). A write that leaves those
 * columns as they were (progress, lease renewals, a column set to its own value) leaves the task's
 * expansion to the sender, as it has nothing to tell before it. The expansion still comes before
 * any notice of the change: those are written by later statements of the changing transaction.
 */
export class FanoutStatementTrigger1796021400001 implements MigrationInterface {
  name = 'FanoutStatementTrigger1796021400001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER webhook_fanout_task_changed ON update_task`);
    await q.query(`DROP FUNCTION webhook_fanout_task_changed()`);
    await q.query(`
      CREATE FUNCTION webhook_fanout_tasks_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
      DECLARE
        t update_task;
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM webhook_fanout f WHERE f.status = 'pending') THEN
          RETURN NULL;
        END IF;
        FOR t IN
          SELECT o.* FROM old_tasks o JOIN new_tasks n ON n.id = o.id
          WHERE o.batch_id IN (SELECT f.batch_id FROM webhook_fanout f WHERE f.status = 'pending')
            AND (o.batch_id, o.tenant_id, o.partner_id, o.platform_id, o.status, o.from_version,
                 o.target_version, o.mode, o.forced, o.run_at, o.expires_at, o.attempts,
                 o.notice_sequence)
                IS DISTINCT FROM
                (n.batch_id, n.tenant_id, n.partner_id, n.platform_id, n.status, n.from_version,
                 n.target_version, n.mode, n.forced, n.run_at, n.expires_at, n.attempts,
                 n.notice_sequence)
          ORDER BY o.id
        LOOP
          PERFORM webhook_fanout_expand(t, (SELECT tn.name FROM tenant tn WHERE tn.id = t.tenant_id));
        END LOOP;
        RETURN NULL;
      END
      $fn$`);
    await q.query(`
      CREATE TRIGGER webhook_fanout_tasks_changed AFTER UPDATE ON update_task
      REFERENCING OLD TABLE AS old_tasks NEW TABLE AS new_tasks
      FOR EACH STATEMENT EXECUTE FUNCTION webhook_fanout_tasks_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER webhook_fanout_tasks_changed ON update_task`);
    await q.query(`DROP FUNCTION webhook_fanout_tasks_changed()`);
    await q.query(`
      CREATE FUNCTION webhook_fanout_task_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF EXISTS (SELECT 1 FROM webhook_fanout f
                   WHERE f.batch_id = OLD.batch_id AND f.status = 'pending') THEN
          PERFORM webhook_fanout_expand(OLD, (SELECT tn.name FROM tenant tn WHERE tn.id = OLD.tenant_id));
        END IF;
        RETURN NEW;
      END
      $fn$`);
    await q.query(`
      CREATE TRIGGER webhook_fanout_task_changed
      BEFORE UPDATE OF batch_id, tenant_id, partner_id, platform_id, status, from_version,
        target_version, mode, forced, run_at, expires_at, attempts, notice_sequence
      ON update_task
      FOR EACH ROW EXECUTE FUNCTION webhook_fanout_task_changed()`);
  }
}
