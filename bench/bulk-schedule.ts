// npm run bench:bulk-schedule
// Creates 100,000 tenants under one partner, then schedules all of them in ONE request in
// maintenance_window mode with notifyPartner and notifyCustomer on. Prints the request's wall time,
// tasks/s, the service's peak RSS, and the floor: a bare INSERT … SELECT of the same task rows.
import { Client } from 'pg';
import {
  api,
  benchPartner,
  benchPlatform,
  benchTenant,
  machine,
  ms,
  runBench,
  withBenchService,
} from './support';

const TENANTS = Number(process.env.BENCH_TENANTS ?? 100_000);
const CHUNK = 10_000;

/** Milliseconds for bare INSERT … SELECTs of the task rows (and their customer notices), rolled back. */
async function floor(pg: Client, partnerId: string, withNotices: boolean): Promise<number> {
  await pg.query('BEGIN');
  try {
    const batch = (
      await pg.query(
        `INSERT INTO update_batch (scope, target_version, mode, options, total) VALUES ('{}', '2.0.0', 'maintenance_window', '{}', 0) RETURNING id`,
      )
    ).rows[0].id as string;
    const start = process.hrtime.bigint();
    await pg.query(
      `INSERT INTO update_task (batch_id, tenant_id, partner_id, platform_id, from_version, target_version, mode,
         run_at, expires_at, expected_duration_minutes, notify_partner, notify_customer)
       SELECT $1, t.id, t.partner_id, t.platform_id, t.software_version, '2.0.0', 'maintenance_window',
         now() + interval '1 day', now() + interval '1 day 4 hours', 60, true, true
       FROM tenant t WHERE t.partner_id = $2`,
      [batch, partnerId],
    );
    if (withNotices) {
      await pg.query(
        `INSERT INTO outbox_email (event, template, recipient, recipient_kind, locale, timezone, payload, dedupe_key,
           task_id, batch_id, partner_id, platform_id)
         SELECT 'task.scheduled', 'task.scheduled', tn.customer_email, 'customer', tn.locale, tn.timezone,
           jsonb_build_object('taskId', t.id, 'tenantName', tn.name, 'runAt', t.run_at, 'windowEnd', t.expires_at,
             'targetVersion', t.target_version),
           'task.scheduled:' || t.id || ':0:' || tn.customer_email, t.id, t.batch_id, t.partner_id, t.platform_id
         FROM update_task t JOIN tenant tn ON tn.id = t.tenant_id WHERE t.batch_id = $1`,
        [batch],
      );
    }
    return ms(start);
  } finally {
    await pg.query('ROLLBACK');
  }
}

async function main(): Promise<void> {
  await withBenchService(async ({ service, pg, admin }) => {
    const platform = await benchPlatform(admin, {
      timezone: 'Europe/Rome',
      versions: ['1.0.0', '2.0.0'],
      recommended: '2.0.0',
    });
    const partner = await benchPartner(admin, platform.id);
    const { key } = partner;
    const partnerApi = api(service.baseUrl, key);

    const importStart = process.hrtime.bigint();
    for (let offset = 0; offset < TENANTS; offset += CHUNK) {
      const tenants = Array.from({ length: Math.min(CHUNK, TENANTS - offset) }, (_, i) =>
        benchTenant(offset + i),
      );
      await partnerApi('POST', '/tenants/bulk', { tenants });
    }
    const importMs = ms(importStart);
    await pg.query('VACUUM ANALYZE');

    // Floors: the same rows written by bare INSERT … SELECT statements, rolled back. First the
    // 100,000 task rows alone, then the tasks and one customer notice each (what the request writes).
    const floorTasks = await floor(pg, partner.id, false);
    const floorAll = await floor(pg, partner.id, true);
    await pg.query('VACUUM ANALYZE');

    const requestStart = process.hrtime.bigint();
    const result = await partnerApi<{ created: number; skipped: unknown[] }>(
      'POST',
      '/update-tasks',
      {
        partnerId: partner.id,
        targetVersion: '2.0.0',
        mode: 'maintenance_window',
        notifyPartner: true,
        notifyCustomer: true,
      },
    );
    const requestMs = ms(requestStart);
    const emails = (await pg.query(`SELECT count(*)::int AS n FROM outbox_email`)).rows[0]
      .n as number;

    console.log(
      `bulk-schedule on ${machine()}, database: ${process.env.DATABASE_URL ? 'DATABASE_URL server' : 'embedded PostgreSQL'}`,
    );
    console.log(
      `  tenants imported          ${TENANTS} in ${(importMs / 1000).toFixed(1)} s (10,000 per request)`,
    );
    console.log(
      `  scheduling request        ${(requestMs / 1000).toFixed(2)} s wall, ${result.created} tasks created, ${result.skipped.length} skipped`,
    );
    console.log(
      `  throughput                ${Math.round((result.created / requestMs) * 1000)} tasks/s`,
    );
    console.log(
      `  outbox rows written       ${emails} (one per customer, one digest per partner contact)`,
    );
    const vs = (floorMs: number) =>
      `${(floorMs / 1000).toFixed(2)} s  → the request is ${(requestMs / floorMs).toFixed(1)}× this floor`;
    console.log(`  floor: bare INSERT…SELECT of the task rows            ${vs(floorTasks)}`);
    console.log(`  floor: … of the task rows and their customer notices ${vs(floorAll)}`);
    console.log(`  service peak RSS          ${service.peakRssMiB().toFixed(0)} MiB`);
  });
}

runBench(main);
