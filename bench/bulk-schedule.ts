// npm run bench:bulk-schedule
// Creates 100,000 tenants under one partner, then schedules all of them in ONE request in
// maintenance_window mode with notifyPartner and notifyCustomer on. Prints the request's wall time,
// tasks/s, the service's peak RSS, and the floor: a bare INSERT … SELECT of the same task rows.
import { Client } from 'pg';
import { api, BENCH_ADMIN_KEY, benchDatabase, machine, ms, startService } from './support';

const TENANTS = Number(process.env.BENCH_TENANTS ?? 100_000);
const CHUNK = 10_000;

async function main(): Promise<void> {
  const db = await benchDatabase();
  const service = await startService(db.url);
  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  try {
    const admin = api(service.baseUrl, BENCH_ADMIN_KEY);
    const platform = await admin<{ id: string }>('POST', '/platforms', {
      name: 'bench',
      timezone: 'Europe/Rome',
    });
    await admin('POST', `/platforms/${platform.id}/versions`, { version: '1.0.0' });
    await admin('POST', `/platforms/${platform.id}/versions`, {
      version: '2.0.0',
      channel: 'recommended',
    });
    const partner = await admin<{ id: string }>('POST', '/partners', {
      platformId: platform.id,
      name: 'bench partner',
      contacts: [{ email: 'ops@partner.example', locale: 'de', timezone: 'Europe/Berlin' }],
    });
    const { key } = await admin<{ key: string }>('POST', '/api-keys', {
      name: 'bench',
      role: 'partner_admin',
      partnerId: partner.id,
    });
    const partnerApi = api(service.baseUrl, key);

    const importStart = process.hrtime.bigint();
    for (let offset = 0; offset < TENANTS; offset += CHUNK) {
      const tenants = Array.from({ length: Math.min(CHUNK, TENANTS - offset) }, (_, i) => ({
        name: `tenant-${offset + i}`,
        softwareVersion: '1.0.0',
        customerEmail: `it@tenant-${offset + i}.example`,
        locale: (['en', 'de', 'it'] as const)[(offset + i) % 3],
        timezone: 'Europe/Rome',
        maintenanceWindow: { cron: `0 ${1 + ((offset + i) % 4)} * * SUN`, durationMinutes: 240 },
      }));
      await partnerApi('POST', '/tenants/bulk', { tenants });
    }
    const importMs = ms(importStart);
    await pg.query('VACUUM ANALYZE');

    // Floor: the same 100,000 task rows written by one bare INSERT … SELECT, rolled back.
    await pg.query('BEGIN');
    const [batch] = (
      await pg.query(
        `INSERT INTO update_batch (scope, target_version, mode, options, total) VALUES ('{}', '2.0.0', 'maintenance_window', '{}', 0) RETURNING id`,
      )
    ).rows;
    const floorStart = process.hrtime.bigint();
    await pg.query(
      `INSERT INTO update_task (batch_id, tenant_id, partner_id, platform_id, from_version, target_version, mode,
         run_at, expires_at, expected_duration_minutes, notify_partner, notify_customer)
       SELECT $1, t.id, t.partner_id, t.platform_id, t.software_version, '2.0.0', 'maintenance_window',
         now() + interval '1 day', now() + interval '1 day 4 hours', 60, true, true
       FROM tenant t WHERE t.partner_id = $2`,
      [batch.id, partner.id],
    );
    const floorMs = ms(floorStart);
    await pg.query('ROLLBACK');
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
      `  outbox rows written       ${emails} (one per customer, one per task per partner contact)`,
    );
    console.log(
      `  floor (bare INSERT…SELECT) ${(floorMs / 1000).toFixed(2)} s  → request is ${(requestMs / floorMs).toFixed(1)}× the floor`,
    );
    console.log(`  service peak RSS          ${service.peakRssMiB().toFixed(0)} MiB`);
  } finally {
    await pg.end();
    await service.stop();
    await db.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
