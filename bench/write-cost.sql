-- Scheduling's write cost per row: the bare INSERT … SELECT of one task per tenant (the statement
-- scheduling runs, without the service), with every index of update_task, then with each secondary
-- index dropped in turn, then with none, then with the batch-count triggers (migration
-- 1796014000001). Each variant runs in a transaction that is rolled back.
--   createdb … && DATABASE_URL=… npm run migration:run
--   psql "$DATABASE_URL" -v n=100000 -f bench/write-cost.sql
\set ON_ERROR_STOP on
\if :{?n}
\else
  \set n 100000
\endif
BEGIN;
INSERT INTO platform (id, name, timezone, default_window_cron, default_window_duration_minutes)
VALUES ('00000000-0000-4000-8000-000000000001', 'cost', 'UTC', '0 2 * * SUN', 240)
  ON CONFLICT DO NOTHING;
INSERT INTO partner (id, platform_id, name) VALUES
  ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', 'cost')
  ON CONFLICT DO NOTHING;
INSERT INTO tenant (partner_id, platform_id, name, software_version, timezone, window_cron,
  window_duration_minutes, window_timezone)
SELECT '00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001',
  'cost-' || i, '1.0.0', 'UTC', '0 2 * * SUN', 240, 'UTC'
FROM generate_series(1, :n) i
ON CONFLICT DO NOTHING;
COMMIT;
ANALYZE tenant;
CHECKPOINT;

\set insert 'INSERT INTO update_task (batch_id, tenant_id, partner_id, platform_id, from_version, target_version, mode, run_at, expires_at, expected_duration_minutes, notify_partner, notify_customer) SELECT ''00000000-0000-4000-8000-0000000000aa'', t.id, t.partner_id, t.platform_id, t.software_version, ''2.0.0'', ''maintenance_window'', now() + interval ''1 day'', now() + interval ''1 day 4 hours'', 60, true, true FROM tenant t WHERE t.partner_id = ''00000000-0000-4000-8000-000000000002'''

\timing on
\echo '== every index (as scheduled today), twice'
BEGIN; :insert; ROLLBACK;
BEGIN; :insert; ROLLBACK;
\echo '== without update_task_batch (batch_id, id) INCLUDE (status)'
BEGIN; DROP INDEX update_task_batch; :insert; ROLLBACK;
\echo '== without update_task_due (run_at) WHERE scheduled'
BEGIN; DROP INDEX update_task_due; :insert; ROLLBACK;
\echo '== without update_task_one_open_per_tenant (tenant_id) WHERE is_open'
BEGIN; DROP INDEX update_task_one_open_per_tenant; :insert; ROLLBACK;
\echo '== without update_task_partner (partner_id, id)'
BEGIN; DROP INDEX update_task_partner; :insert; ROLLBACK;
\echo '== without update_task_tenant (tenant_id, id)'
BEGIN; DROP INDEX update_task_tenant; :insert; ROLLBACK;
\echo '== without the rollback_of foreign key (a per-row check trigger queued for every inserted row)'
BEGIN; ALTER TABLE update_task DROP CONSTRAINT update_task_rollback_of_fkey; :insert; ROLLBACK;
\echo '== primary key only'
BEGIN; DROP INDEX update_task_batch, update_task_due, update_task_one_open_per_tenant,
  update_task_partner, update_task_tenant, update_task_running; :insert; ROLLBACK;
\echo '== every index, without the batch-count triggers (if migration 1796014000001 is applied)'
BEGIN;
ALTER TABLE update_task DISABLE TRIGGER USER;
:insert;
ROLLBACK;
