import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rollouts: one batch of tasks released wave by wave behind gates (docs/rollouts.md).
 *
 * - `rollout` holds the request and its gates; `rollout_wave` one row per wave with its counts per
 *   task status. The counts are kept by the task writes themselves: a statement-level trigger on
 *   update_task adds, per statement, the difference its rows made (one UPDATE of a wave row per
 *   statement, whatever the number of tasks), so reading a rollout or evaluating a gate costs per
 *   rollout and wave, never per task.
 * - Tasks gain `rollout_id` and `wave`, and the status `held` (a task of a wave that is not open:
 *   open in the sense of the one-open-task rule, never claimed by the dispatcher).
 */
/** Adds to the wave rows the differences that `delta` (rollout_id, wave, status, n) makes. */
function addCounts(delta: string): string {
  const sum = (status: string) => `COALESCE(sum(n) FILTER (WHERE status = '${status}'), 0)`;
  return `WITH s AS (
      SELECT rollout_id, wave, ${sum('held')} AS held, ${sum('scheduled')} AS scheduled,
             ${sum('running')} AS running, ${sum('succeeded')} AS succeeded,
             ${sum('failed')} AS failed, ${sum('cancelled')} AS cancelled
      FROM (${delta}) d WHERE rollout_id IS NOT NULL GROUP BY rollout_id, wave
    )
    UPDATE rollout_wave w
    SET held = w.held + s.held, scheduled = w.scheduled + s.scheduled,
        running = w.running + s.running, succeeded = w.succeeded + s.succeeded,
        failed = w.failed + s.failed, cancelled = w.cancelled + s.cancelled
    FROM s
    WHERE w.rollout_id = s.rollout_id AND w.index = s.wave
      AND (s.held, s.scheduled, s.running, s.succeeded, s.failed, s.cancelled) <> (0, 0, 0, 0, 0, 0)`;
}

export class Rollouts1796009000001 implements MigrationInterface {
  name = 'Rollouts1796009000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE update_task DROP CONSTRAINT update_task_status_check`);
    await q.query(`
      ALTER TABLE update_task ADD CONSTRAINT update_task_status_check
        CHECK (status IN ('held', 'scheduled', 'running', 'succeeded', 'failed', 'cancelled'))`);
    await q.query(
      `ALTER TABLE update_task ADD COLUMN rollout_id uuid NULL, ADD COLUMN wave int NULL`,
    );
    await q.query(`
      CREATE INDEX update_task_rollout ON update_task (rollout_id, wave, id) INCLUDE (status)
      WHERE rollout_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE rollout (
        id uuid PRIMARY KEY DEFAULT uuid_v7(),
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        batch_id uuid NOT NULL UNIQUE,
        state text NOT NULL CHECK (state IN ('awaiting_confirmation', 'scheduled', 'running', 'paused',
          'succeeded', 'failed', 'stopped', 'cancelled')),
        target_version text NOT NULL,
        mode text NOT NULL CHECK (mode IN ('immediate', 'maintenance_window', 'custom')),
        run_at timestamptz NULL,
        forced boolean NOT NULL,
        partner_id uuid NULL,
        platform_ids uuid[] NOT NULL,
        success_threshold int NOT NULL CHECK (success_threshold BETWEEN 1 AND 100),
        error_count int NULL CHECK (error_count >= 1),
        error_percent numeric NULL CHECK (error_percent > 0 AND error_percent <= 100),
        on_error text NOT NULL CHECK (on_error IN ('pause', 'stop')),
        soak_minutes int NOT NULL CHECK (soak_minutes >= 0),
        concurrency_count int NULL CHECK (concurrency_count >= 1),
        concurrency_percent numeric NULL CHECK (concurrency_percent > 0 AND concurrency_percent <= 100),
        max_running int NULL,
        -- failures counted before the last resume (the error gate counts those after it)
        failed_base int NOT NULL DEFAULT 0,
        paused_reason text NULL,
        created_by uuid NULL,
        created_by_role text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz NULL
      )`);
    await q.query(`CREATE INDEX rollout_state ON rollout (state, id)`);
    await q.query(`CREATE INDEX rollout_partner ON rollout (partner_id, id)`);
    await q.query(`
      CREATE TABLE rollout_wave (
        rollout_id uuid NOT NULL REFERENCES rollout (id) ON DELETE CASCADE,
        index int NOT NULL,
        name text NOT NULL,
        selector jsonb NOT NULL,
        state text NOT NULL CHECK (state IN ('held', 'open', 'passed', 'tripped')),
        opened_at timestamptz NULL,
        passed_at timestamptz NULL,
        failed_base int NOT NULL DEFAULT 0,
        held int NOT NULL DEFAULT 0,
        scheduled int NOT NULL DEFAULT 0,
        running int NOT NULL DEFAULT 0,
        succeeded int NOT NULL DEFAULT 0,
        failed int NOT NULL DEFAULT 0,
        cancelled int NOT NULL DEFAULT 0,
        PRIMARY KEY (rollout_id, index)
      )`);
    // The counts of each wave follow every statement that inserts, changes or deletes its tasks.
    await q.query(`
      CREATE FUNCTION rollout_wave_count() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          ${addCounts('SELECT rollout_id, wave, status, 1 AS n FROM new_rows')};
        ELSIF TG_OP = 'UPDATE' THEN
          ${addCounts(`SELECT rollout_id, wave, status, -1 AS n FROM old_rows
                       UNION ALL SELECT rollout_id, wave, status, 1 FROM new_rows`)};
        ELSE
          ${addCounts('SELECT rollout_id, wave, status, -1 AS n FROM old_rows')};
        END IF;
        RETURN NULL;
      END $$`);
    // Without a function call for a statement that holds no task of a rollout would be nicer, but
    // a statement trigger cannot filter its rows; the function's CTE over an empty set is cheap.
    await q.query(`
      CREATE TRIGGER update_task_rollout_insert AFTER INSERT ON update_task
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollout_wave_count()`);
    await q.query(`
      CREATE TRIGGER update_task_rollout_update AFTER UPDATE ON update_task
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION rollout_wave_count()`);
    await q.query(`
      CREATE TRIGGER update_task_rollout_delete AFTER DELETE ON update_task
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rollout_wave_count()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['insert', 'update', 'delete'])
      await q.query(`DROP TRIGGER update_task_rollout_${t} ON update_task`);
    await q.query(`DROP FUNCTION rollout_wave_count()`);
    await q.query(`DROP TABLE rollout_wave`);
    await q.query(`DROP TABLE rollout`);
    await q.query(`DROP INDEX update_task_rollout`);
    await q.query(`ALTER TABLE update_task DROP COLUMN rollout_id, DROP COLUMN wave`);
    await q.query(`ALTER TABLE update_task DROP CONSTRAINT update_task_status_check`);
    await q.query(`
      ALTER TABLE update_task ADD CONSTRAINT update_task_status_check
        CHECK (status IN ('scheduled', 'running', 'succeeded', 'failed', 'cancelled'))`);
  }
}
