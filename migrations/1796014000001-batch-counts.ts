import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A batch's task counts kept as the tasks change, instead of counted from every task on each read.
 *
 * `update_batch_count` holds signed deltas per (batch, partner, status). Statement-level triggers
 * on `update_task` (transition tables, no per-row trigger) add, per statement, the new rows'
 * counts and subtract the old rows': a row whose status did not change adds and subtracts the same
 * group, so `HAVING sum <> 0` leaves only real moves, without joining old and new rows. Rows are
 * only ever inserted (no row that concurrent writers share is updated, so nothing waits on it);
 * the sum of a batch's rows is its counts. The service folds a batch's rows into one per
 * (partner, status) every few seconds (BatchCountsService), so a read sums a handful of rows.
 */
export class BatchCounts1796014000001 implements MigrationInterface {
  name = 'BatchCounts1796014000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE update_batch_count (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        batch_id uuid NOT NULL,
        partner_id uuid NOT NULL,
        status text NOT NULL,
        n bigint NOT NULL
      )`);
    await q.query(`CREATE INDEX update_batch_count_batch ON update_batch_count (batch_id)`);
    await q.query(`
      CREATE FUNCTION update_batch_count_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO update_batch_count (batch_id, partner_id, status, n)
        SELECT batch_id, partner_id, status, count(*) FROM new_tasks GROUP BY 1, 2, 3;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION update_batch_count_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO update_batch_count (batch_id, partner_id, status, n)
        SELECT batch_id, partner_id, status, sum(d) FROM (
          SELECT batch_id, partner_id, status, 1 AS d FROM new_tasks
          UNION ALL
          SELECT batch_id, partner_id, status, -1 FROM old_tasks
        ) moved GROUP BY 1, 2, 3 HAVING sum(d) <> 0;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION update_batch_count_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO update_batch_count (batch_id, partner_id, status, n)
        SELECT batch_id, partner_id, status, -count(*) FROM old_tasks GROUP BY 1, 2, 3;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER update_task_count_insert AFTER INSERT ON update_task
      REFERENCING NEW TABLE AS new_tasks
      FOR EACH STATEMENT EXECUTE FUNCTION update_batch_count_insert()`);
    await q.query(`
      CREATE TRIGGER update_task_count_update AFTER UPDATE ON update_task
      REFERENCING OLD TABLE AS old_tasks NEW TABLE AS new_tasks
      FOR EACH STATEMENT EXECUTE FUNCTION update_batch_count_update()`);
    await q.query(`
      CREATE TRIGGER update_task_count_delete AFTER DELETE ON update_task
      REFERENCING OLD TABLE AS old_tasks
      FOR EACH STATEMENT EXECUTE FUNCTION update_batch_count_delete()`);
    // Existing tasks, counted once (the table is locked by the triggers' creation meanwhile).
    await q.query(`
      INSERT INTO update_batch_count (batch_id, partner_id, status, n)
      SELECT batch_id, partner_id, status, count(*) FROM update_task GROUP BY 1, 2, 3`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER update_task_count_delete ON update_task`);
    await q.query(`DROP TRIGGER update_task_count_update ON update_task`);
    await q.query(`DROP TRIGGER update_task_count_insert ON update_task`);
    await q.query(`DROP FUNCTION update_batch_count_delete()`);
    await q.query(`DROP FUNCTION update_batch_count_update()`);
    await q.query(`DROP FUNCTION update_batch_count_insert()`);
    await q.query(`DROP TABLE update_batch_count`);
  }
}
