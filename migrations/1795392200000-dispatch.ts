import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Running updates: what the dispatcher keeps on a task while it runs, and the task's step log.
 *
 * - run: 1 for the first run, +1 for each admin retry (a retry is a new run: steps start over, the
 *   executor gets new idempotency keys). run_attempts: claims in this run that count towards
 *   MAX_ATTEMPTS (a lease that expired, plus the current one); a graceful hand-back gives its back.
 * - done_steps: the step keys of this run that have completed; a recovered run skips them.
 * - tenant_prior_state: the tenant's state before the run set it to 'updating' (restored on failure).
 * - cancel_requested_at: an admin asked to cancel the running task; its runner asks the executor.
 * - executor_report: the last signed report of the http executor (callback), for the runner to read.
 */
export class Dispatch1795392200000 implements MigrationInterface {
  name = 'Dispatch1795392200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE update_task
        ADD COLUMN run int NOT NULL DEFAULT 1,
        ADD COLUMN run_attempts int NOT NULL DEFAULT 0,
        ADD COLUMN done_steps text[] NOT NULL DEFAULT '{}',
        ADD COLUMN tenant_prior_state text NULL,
        ADD COLUMN cancel_requested_at timestamptz NULL,
        ADD COLUMN executor_report jsonb NULL`);
    // Running tasks are few (bounded by the fleet's concurrency): per-platform counts for the claim,
    // and expired leases for recovery, both read this small index.
    await q.query(`
      CREATE INDEX update_task_running ON update_task (platform_id, lease_expires_at)
      WHERE status = 'running'`);
    await q.query(`
      CREATE TABLE task_event (
        id bigint GENERATED ALWAYS AS IDENTITY,
        task_id uuid NOT NULL,
        at timestamptz NOT NULL,
        attempt int NOT NULL,
        step text NULL,
        node text NULL,
        kind text NOT NULL
          CHECK (kind IN ('info', 'step_started', 'step_completed', 'step_failed', 'warning')),
        message text NOT NULL,
        duration_ms int NULL,
        -- A task's log is read in order; ~10 rows are written per task: one index, not two.
        PRIMARY KEY (task_id, id)
      )`);
    // Like update_task, the log has no per-row foreign key (a trigger per inserted row, ~10 rows per
    // task): deleting tasks (a tenant is deleted) deletes their log in one statement-level trigger.
    await q.query(`
      CREATE FUNCTION task_event_delete_with_task() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM task_event e USING deleted_tasks d WHERE e.task_id = d.id;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER update_task_delete_events AFTER DELETE ON update_task
      REFERENCING OLD TABLE AS deleted_tasks
      FOR EACH STATEMENT EXECUTE FUNCTION task_event_delete_with_task()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER update_task_delete_events ON update_task`);
    await q.query(`DROP FUNCTION task_event_delete_with_task()`);
    await q.query(`DROP TABLE task_event`);
    await q.query(`DROP INDEX update_task_running`);
    await q.query(`
      ALTER TABLE update_task
        DROP COLUMN run, DROP COLUMN run_attempts, DROP COLUMN done_steps,
        DROP COLUMN tenant_prior_state, DROP COLUMN cancel_requested_at, DROP COLUMN executor_report`);
  }
}
