import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A task's log is stored in chunks: one row per run segment (the lines a run wrote between two
 * flushes of the run journal, its last line included when the run ends in the same flush), the
 * lines as a JSON array, instead of one row per line. A no-op update wrote about 12 rows (a claim
 * line, a start and an end line per step, a last line); it now writes one or two. Each row costs
 * PostgreSQL its heap tuple, its index entry and their WAL, about 20 µs: 0.2 ms of the 0.85 ms a
 * dispatched task cost it (bench/RESULTS.md, issue 14).
 *
 * `task_event` is now a view with the rows it had: one per line, ordered by `id` (the chunk's id ×
 * 65,536 + the line's position in it), so every reader keeps its SQL. Writers that add a line or two
 * (an admin's retry, a shutdown hand-back) may keep inserting into the view: an INSTEAD OF trigger
 * turns each row into a chunk of one line. Existing lines become chunks of one line each, in their
 * order (the new id of a line is its old id × 65,536 + 1).
 */
export class TaskLogChunks1796021200001 implements MigrationInterface {
  name = 'TaskLogChunks1796021200001';

  async up(q: QueryRunner): Promise<void> {
    // Replicas still running the previous version write lines until they stop: they wait here
    // instead of writing into a table whose rows were already copied.
    await q.query(`LOCK TABLE task_event IN SHARE ROW EXCLUSIVE MODE`);
    await q.query(`
      CREATE TABLE task_log_chunk (
        id bigint GENERATED ALWAYS AS IDENTITY,
        task_id uuid NOT NULL,
        attempt int NOT NULL,
        -- [{at, step, node, kind, message, duration_ms}, …]: stored as written (json, not jsonb)
        lines json NOT NULL,
        PRIMARY KEY (task_id, id)
      )`);
    await q.query(`
      INSERT INTO task_log_chunk (id, task_id, attempt, lines) OVERRIDING SYSTEM VALUE
      SELECT e.id, e.task_id, e.attempt,
        json_build_array(json_build_object('at', e.at, 'step', e.step, 'node', e.node,
          'kind', e.kind, 'message', e.message, 'duration_ms', e.duration_ms))
      FROM task_event e`);
    await q.query(`
      SELECT setval(pg_get_serial_sequence('task_log_chunk', 'id'),
                    COALESCE((SELECT max(id) FROM task_log_chunk), 0) + 1, false)`);
    await q.query(`DROP TABLE task_event`);
    await q.query(`
      CREATE VIEW task_event AS
      SELECT c.id * 65536 + l.n AS id, c.task_id, l.at, c.attempt, l.step, l.node, l.kind,
             l.message, l.duration_ms
      FROM task_log_chunk c
      CROSS JOIN LATERAL ROWS FROM (json_to_recordset(c.lines) AS (at timestamptz, step text,
          node text, kind text, message text, duration_ms int))
        WITH ORDINALITY AS l (at, step, node, kind, message, duration_ms, n)`);
    await q.query(`
      CREATE FUNCTION task_event_insert_line() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.kind IS NULL OR NEW.at IS NULL OR NEW.message IS NULL OR NEW.task_id IS NULL
           OR NEW.attempt IS NULL THEN
          RAISE not_null_violation USING MESSAGE = 'task_event: task_id, at, attempt, kind and message are required';
        END IF;
        IF NEW.kind NOT IN ('info', 'step_started', 'step_completed', 'step_failed', 'warning') THEN
          RAISE check_violation USING MESSAGE = 'task_event.kind: ' || NEW.kind;
        END IF;
        INSERT INTO task_log_chunk (task_id, attempt, lines)
        VALUES (NEW.task_id, NEW.attempt, json_build_array(json_build_object('at', NEW.at,
          'step', NEW.step, 'node', NEW.node, 'kind', NEW.kind, 'message', NEW.message,
          'duration_ms', NEW.duration_ms)));
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER task_event_insert INSTEAD OF INSERT ON task_event
      FOR EACH ROW EXECUTE FUNCTION task_event_insert_line()`);
    await q.query(`
      CREATE OR REPLACE FUNCTION task_event_delete_with_task() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM task_log_chunk c USING deleted_tasks d WHERE c.task_id = d.id;
        RETURN NULL;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER task_event_insert ON task_event`);
    await q.query(`DROP FUNCTION task_event_insert_line()`);
    await q.query(`ALTER VIEW task_event RENAME TO task_event_lines`);
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
        PRIMARY KEY (task_id, id)
      )`);
    await q.query(`
      INSERT INTO task_event (task_id, at, attempt, step, node, kind, message, duration_ms)
      SELECT task_id, at, attempt, step, node, kind, message, duration_ms
      FROM task_event_lines ORDER BY id`);
    await q.query(`DROP VIEW task_event_lines`);
    await q.query(`
      CREATE OR REPLACE FUNCTION task_event_delete_with_task() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM task_event e USING deleted_tasks d WHERE e.task_id = d.id;
        RETURN NULL;
      END $$`);
    await q.query(`DROP TABLE task_log_chunk`);
  }
}
