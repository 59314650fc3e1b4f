// npm run bench:rollouts
// What rollouts cost, each figure next to the figure it is held against, measured in the same run:
//
// 1. Creating: a rollout of 100,000 tenants in 4 waves ({percent: 1}, {percent: 10}, {percent: 50},
//    {percent: 100}: 1,000 scheduled, 99,000 held) in ONE `POST /rollouts`, against ONE
//    `POST /update-tasks` of 100,000 other tenants with the same options (maintenance_window,
//    notifyPartner, notifyCustomer): the bulk-schedule request of bench/bulk-schedule.ts, once
//    before the rollout and once after it (each request writes into tables the one before grew).
//    Target: the rollout request takes at most 1.3× the bulk request.
// 2. Dispatching with held tasks present: the tasks/s of bench/dispatch.ts (BENCH_TASKS immediate
//    tasks, claimed → completed, one dispatcher process) before the rollout exists, and again with
//    its 99,000 held tasks (and 1,000 not yet due) in the table. Target: at most 10% slower.
import { Client } from 'pg';
import { throughput } from './dispatch';
import {
  api,
  BENCH_ADMIN_KEY,
  benchDatabase,
  rolloutBenchPlatform,
  machine,
  ms,
  partnerWithTenants,
  startService,
} from './support';

const TENANTS = Number(process.env.BENCH_TENANTS ?? 100_000);
/** When set: statements slower than this many ms go to the PostgreSQL server log (where the time goes). */
const LOG_SLOW_MS = process.env.BENCH_LOG_SLOW_MS;
const OPTIONS = { mode: 'maintenance_window', notifyPartner: true, notifyCustomer: true };

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = process.hrtime.bigint();
  const result = await work();
  return { ms: ms(start), result };
}

async function main(): Promise<void> {
  const db = await benchDatabase();
  if (LOG_SLOW_MS) {
    const c = new Client({ connectionString: db.url });
    await c.connect();
    const name = (await c.query<{ db: string }>('SELECT current_database() AS db')).rows[0].db;
    await c.query(
      `ALTER DATABASE "${name}" SET log_min_duration_statement = ${Number(LOG_SLOW_MS)}`,
    );
    await c.end();
  }
  const setup = await startService(db.url); // API only: creates the work, runs none of it
  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  try {
    const admin = api(setup.baseUrl, BENCH_ADMIN_KEY);
    // Created as the bulk request is: started at once, its notices written.
    const platform = await rolloutBenchPlatform(admin);
    const bulkPartner = await partnerWithTenants(admin, platform.id, TENANTS);
    const rolloutPartner = await partnerWithTenants(admin, platform.id, TENANTS);
    const bulkPartner2 = await partnerWithTenants(admin, platform.id, TENANTS);
    await pg.query('VACUUM ANALYZE');

    const bulkRequest = (partnerId: string) =>
      timed(() =>
        admin<{ created: number }>('POST', '/update-tasks', {
          partnerId,
          targetVersion: '2.0.0',
          ...OPTIONS,
        }),
      );
    const bulk = await bulkRequest(bulkPartner);
    await pg.query('VACUUM ANALYZE');

    // Dispatching before any held task exists (the bulk request's tasks are not due: windows).
    const without = await throughput(admin, pg, db.url, platform.id, 1);
    await pg.query('VACUUM ANALYZE');

    const rollout = await timed(() =>
      admin<{ total: number; counts: Record<string, number>; waves: { total: number }[] }>(
        'POST',
        '/rollouts',
        {
          partnerId: rolloutPartner,
          targetVersion: '2.0.0',
          ...OPTIONS,
          waves: [{ percent: 1 }, { percent: 10 }, { percent: 50 }, { percent: 100 }],
          successThreshold: 95,
          errorThreshold: { percent: 2 },
          maxConcurrency: { percent: 5 },
        },
      ),
    );
    await pg.query('VACUUM ANALYZE');
    const held = (
      await pg.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM update_task WHERE status = 'held'`,
      )
    ).rows[0].n;
    const withHeld = await throughput(admin, pg, db.url, platform.id, 1);
    await pg.query('VACUUM ANALYZE');
    const bulk2 = await bulkRequest(bulkPartner2);

    const bulkMs = (bulk.ms + bulk2.ms) / 2;
    const ratio = rollout.ms / bulkMs;
    const change = (withHeld.rate - without.rate) / without.rate;
    console.log(
      `rollouts on ${machine()}, database: ${process.env.DATABASE_URL ? 'DATABASE_URL server' : 'embedded PostgreSQL'}`,
    );
    console.log(
      `  bulk-schedule request     ${(bulk.ms / 1000).toFixed(2)} s before the rollout, ${(bulk2.ms / 1000).toFixed(2)} s after it, for ${bulk.result.created} tasks each (POST /update-tasks, ${OPTIONS.mode}, notifications on)`,
    );
    console.log(
      `  rollout request           ${(rollout.ms / 1000).toFixed(2)} s for ${rollout.result.total} tasks in ${rollout.result.waves.length} waves (${rollout.result.waves.map((w) => w.total).join(' / ')}; ${rollout.result.counts.held} held)`,
    );
    console.log(
      `  → rollout / bulk          ${ratio.toFixed(2)}× the mean of both (${(rollout.ms / bulk.ms).toFixed(2)}× / ${(rollout.ms / bulk2.ms).toFixed(2)}×; target ≤ 1.30×: ${ratio <= 1.3 ? 'met' : 'NOT met'})`,
    );
    console.log(
      `  dispatch, no held task    ${Math.round(without.rate)} tasks/s claimed → completed (1 process, ${without.seconds.toFixed(1)} s)`,
    );
    console.log(
      `  dispatch, ${held} held   ${Math.round(withHeld.rate)} tasks/s (${withHeld.seconds.toFixed(1)} s)`,
    );
    console.log(
      `  → change                  ${(change * 100).toFixed(1)}%  (target: at most 10% slower: ${change >= -0.1 ? 'met' : 'NOT met'})`,
    );
  } finally {
    await pg.end();
    await setup.stop();
    await db.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
