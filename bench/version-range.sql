-- Scratch data for bench/version-range.sh: one platform, one partner, :n tenants (10% on 1.5.0,
-- the rest on 1.0.0, as bench/scale.ts), and one cancelled task per tenant (dead entries in the
-- one-open-task index, autovacuum off). psql -v n=100000 -f bench/version-range.sql DB
INSERT INTO platform (name, timezone, default_window_cron, default_window_duration_minutes)
  VALUES ('bench', 'Europe/Rome', '0 2 * * SUN', 240);
INSERT INTO partner (platform_id, name) SELECT id, 'p' FROM platform;
INSERT INTO tenant (partner_id, platform_id, name, software_version, customer_email, locale,
  timezone, window_cron, window_duration_minutes, window_timezone)
SELECT pa.id, pa.platform_id, 'tenant-' || n, CASE WHEN n % 10 = 0 THEN '1.5.0' ELSE '1.0.0' END,
  'it@tenant-' || n || '.example', (ARRAY['en','de','it'])[1 + n % 3], 'Europe/Rome',
  '0 ' || (1 + n % 4) || ' * * SUN', 240, 'Europe/Rome'
FROM partner pa, generate_series(0, :n - 1) n;
INSERT INTO update_batch (scope, target_version, mode, options, total)
  VALUES ('{}', '2.0.0', 'maintenance_window', '{}', 0);
INSERT INTO update_task (batch_id, tenant_id, partner_id, platform_id, from_version,
  target_version, mode, run_at, expires_at, expected_duration_minutes, notify_partner, notify_customer)
SELECT b.id, t.id, t.partner_id, t.platform_id, t.software_version, '2.0.0', 'maintenance_window',
  now() + interval '1 day', now() + interval '1 day 4 hours', 60, true, true
FROM tenant t, update_batch b;
UPDATE update_task SET status = 'cancelled';
ANALYZE;
