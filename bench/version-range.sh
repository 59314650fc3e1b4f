#!/bin/sh
# EXPLAIN ANALYZE of the filtered dry run (softwareVersion <1.5.0, the group count of
# src/updates/tenant-groups.repository.ts) and of the same count as GET /tenants/count, on a database
# migrated (node dist/src/database/migrate-cli.js run) and filled by bench/version-range.sql.
# "old" rebuilds the four-column index and runs the row comparison replaced in migration
# 1796020600001 (inside a rolled-back transaction); "new" runs the single-key comparison.
# Usage: bench/version-range.sh DB old|new
DB=$1; FORM=$2
if [ "$FORM" = old ]; then
  COND="(t.version_major, t.version_minor, t.version_patch, t.version_pre) < (1::bigint, 5::bigint, 0::bigint, tenant_version_pre_key('1.5.0')) AND t.version_pre = '~'"
  PRE="CREATE INDEX tenant_platform_version ON tenant (platform_id, version_major, version_minor, version_patch, version_pre); DROP INDEX tenant_platform_version_key;"
else
  COND="t.version_key < tenant_version_key('1.5.0') AND t.version_pre = '~'"
  PRE=""
fi
PARTNER=$(psql -h 127.0.0.1 -U postgres $DB -Atc "SELECT id FROM partner LIMIT 1")
psql -h 127.0.0.1 -U postgres $DB <<SQL
BEGIN;
$PRE
EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON)
SELECT t.platform_id, t.software_version, t.state, t.auto_update_allowed, t.window_cron,
  t.window_duration_minutes, t.window_timezone, bp.partner_id AS blackout_partner_id,
  bt.tenant_id AS blackout_tenant_id, o.id IS NOT NULL AS has_open_task, count(*)::int AS tenants,
  count(*) FILTER (WHERE t.customizations)::int AS customized
FROM tenant t
  LEFT JOIN (SELECT DISTINCT partner_id FROM blackout WHERE partner_id IS NOT NULL) bp ON bp.partner_id = t.partner_id
  LEFT JOIN (SELECT DISTINCT tenant_id FROM blackout WHERE tenant_id IS NOT NULL) bt ON bt.tenant_id = t.id
  LEFT JOIN update_task o ON o.tenant_id = t.id AND o.is_open
WHERE t.partner_id = '$PARTNER' AND ($COND)
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, o.id IS NOT NULL;
EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON)
SELECT count(*) FROM tenant t WHERE t.partner_id = '$PARTNER' AND ($COND);
ROLLBACK;
SQL
