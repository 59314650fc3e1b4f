// npm run bench:dispatch
// Dispatch throughput and wake-up latency of the scheduler, with a no-op executor (the simulated
// one with SIMULATED_STEP_MS=0: every step is logged and its progress written, no time spent).
//
// 1. Throughput (BENCH_TASKS=0 leaves it out): BENCH_TASKS tasks are scheduled an hour ahead; 1 (and then 2) dispatcher
//    processes start and wait; then the tasks are made due at once (run_at = now, and the NOTIFY a
//    due task sends) and the processes run them all. tasks/s = tasks / (last finished_at − first
//    started_at), i.e. claimed → completed, start-up excluded; CPU time per task of the dispatcher
//    processes and of the local PostgreSQL over the same time. Floor: the same number of tasks
//    moved scheduled → running → succeeded by bare set-based UPDATEs, 100 at a time, no steps.
// 2. Latency (BENCH_LATENCY_TASKS=0 leaves it out): one idle dispatcher; BENCH_LATENCY_TASKS tasks committed one at a time (INSERT + the
//    NOTIFY that POST /update-tasks sends, in one transaction, as the service does), after
//    BENCH_LATENCY_WARMUP tasks committed the same way whose figures are printed apart (a process
//    just started runs its first claims slower: code not yet optimized by V8, statements not yet
//    prepared on each pooled connection). Latency = the first step's start (its log line's time) −
//    the moment COMMIT was sent, split at the claim transaction's start (the task's started_at,
//    now() of the claim: a claim that began just before the COMMIT and still found the task makes
//    the first part small or even negative, and the parts' percentiles need not add up to the
//    total's). Floor: COMMIT → a bare LISTEN client receiving the NOTIFY.
import { Client } from 'pg';
import {
  api,
  benchPlatform,
  type BenchService,
  machine,
  postgresCpuMs,
  runBench,
  serviceNodeFlags,
  servicesCpuMs,
  startService,
  withBenchService,
} from './support';

const TASKS = Number(process.env.BENCH_TASKS ?? 10_000);
const LATENCY_TASKS = Number(process.env.BENCH_LATENCY_TASKS ?? 300);
const LATENCY_WARMUP = Number(process.env.BENCH_LATENCY_WARMUP ?? 50);
const CONCURRENCY = process.env.BENCH_CONCURRENCY ?? '200';

const DISPATCHER_ENV = {
  SCHEDULER_ENABLED: 'true',
  SIMULATED_STEP_MS: '0',
  SCHEDULER_CONCURRENCY: CONCURRENCY,
  SCHEDULER_PLATFORM_CONCURRENCY: '100000',
  DB_POOL_SIZE: '8',
  MAIL_SENDER_ENABLED: 'false',
};

type Admin = ReturnType<typeof api>;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** A partner with `n` tenants on 1.0.0; returns its id and its tenants' ids. */
async function newPartner(admin: Admin, platformId: string, n: number, pg: Client) {
  const partner = await admin<{ id: string }>('POST', '/partners', {
    platformId,
    name: `bench-${Date.now()}-${Math.random()}`,
  });
  for (let offset = 0; offset < n; offset += 10_000) {
    const tenants = Array.from({ length: Math.min(10_000, n - offset) }, (_, i) => ({
      partnerId: partner.id,
      name: `tenant-${offset + i}`,
      softwareVersion: '1.0.0',
    }));
    await admin('POST', '/tenants/bulk', { tenants });
  }
  const { rows } = await pg.query<{ id: string }>(`SELECT id FROM tenant WHERE partner_id = $1`, [
    partner.id,
  ]);
  return { partnerId: partner.id, tenantIds: rows.map((r) => r.id) };
}

async function waitUntil(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 600_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * `processes` dispatchers run TASKS tasks of a new partner: tasks/s claimed → completed. The tasks
 * are scheduled an hour ahead, every dispatcher is started and idle, then the tasks are made due at
 * once (run_at = now and the NOTIFY a due task sends), so that no process's start-up competes with
 * another's dispatching in the measured time.
 */
export async function throughput(
  admin: Admin,
  pg: Client,
  url: string,
  platformId: string,
  processes: number,
) {
  const { partnerId } = await newPartner(admin, platformId, TASKS, pg);
  const { batchId } = await admin<{ batchId: string }>('POST', '/update-tasks', {
    partnerId,
    targetVersion: '2.0.0',
    mode: 'custom',
    runAt: new Date(Date.now() + 3_600_000).toISOString(),
  });
  await pg.query('VACUUM ANALYZE');
  const dispatchers: BenchService[] = [];
  for (let i = 0; i < processes; i++) dispatchers.push(await startService(url, DISPATCHER_ENV));
  let cpu: { node: number; pg: number | null };
  let rssMiB: number;
  try {
    // The tasks become due; the CPU time per task counts from then (the UPDATE itself left out)
    // to the last one finished. Then the NOTIFY a due task sends wakes the dispatchers.
    await pg.query(`UPDATE update_task SET run_at = now() WHERE batch_id = $1`, [batchId]);
    const start = { node: servicesCpuMs(dispatchers), pg: postgresCpuMs() };
    await pg.query(`SELECT pg_notify('update_tasks_due', $1)`, [batchId]);
    // The batch's kept counts (migration 1796014000001), not a count of its tasks: five times a
    // second over 10,000 rows took 2–3 % of a core from the processes measured.
    await waitUntil(async () => {
      const { rows } = await pg.query<{ n: number }>(
        `SELECT COALESCE(sum(n), 0)::int AS n FROM update_batch_count
         WHERE batch_id = $1 AND status = 'succeeded'`,
        [batchId],
      );
      return rows[0].n === TASKS;
    }, `${TASKS} tasks to succeed`);
    const pgNow = postgresCpuMs();
    cpu = {
      node: (servicesCpuMs(dispatchers) - start.node) / TASKS,
      pg: start.pg === null || pgNow === null ? null : (pgNow - start.pg) / TASKS,
    };
    rssMiB = Math.max(...dispatchers.map((d) => d.peakRssMiB()));
  } finally {
    for (const d of dispatchers) await d.stop();
  }
  const { rows } = await pg.query<{ seconds: number; owners: number }>(
    `SELECT extract(epoch FROM max(finished_at) - min(started_at))::float8 AS seconds,
            count(DISTINCT substring(e.message from 'started on (.*)$'))::int AS owners
     FROM update_task t JOIN task_event e ON e.task_id = t.id AND e.message LIKE 'attempt 1 started on %'
     WHERE t.batch_id = $1`,
    [batchId],
  );
  return {
    batchId,
    seconds: rows[0].seconds,
    rate: TASKS / rows[0].seconds,
    owners: rows[0].owners,
    cpu,
    rssMiB,
  };
}

/** The floor: the same status changes by bare set-based SQL, 100 tasks a statement. */
async function floorThroughput(admin: Admin, pg: Client, platformId: string) {
  const { partnerId } = await newPartner(admin, platformId, TASKS, pg);
  const { batchId } = await admin<{ batchId: string }>('POST', '/update-tasks', {
    partnerId,
    targetVersion: '2.0.0',
    mode: 'immediate',
  });
  const start = process.hrtime.bigint();
  for (;;) {
    const claimed = await pg.query<{ id: string }>(
      `WITH c AS (SELECT id FROM update_task WHERE batch_id = $1 AND status = 'scheduled'
                  ORDER BY run_at LIMIT 100 FOR UPDATE SKIP LOCKED)
       UPDATE update_task t SET status = 'running', started_at = now() FROM c WHERE t.id = c.id
       RETURNING t.id`,
      [batchId],
    );
    if (claimed.rowCount === 0) break;
    await pg.query(
      `UPDATE update_task SET status = 'succeeded', finished_at = now() WHERE id = ANY($1)`,
      [claimed.rows.map((r) => r.id)],
    );
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return TASKS / seconds;
}

/**
 * The second floor: the rows a dispatched update writes, by bare set-based SQL on one connection,
 * 100 tasks at a time in two transactions as the service commits them: the claim (the tasks
 * running under a lease, their tenants updating), then the backup step's snapshot row, the run's
 * log (the lines of one run of `batchId`, the same JSON per task, sent as the service sends them),
 * the completion (the tasks succeeded with their steps done, their tenants on the target
 * version). No steps run, no checks, no notices: what PostgreSQL alone spends on those rows.
 */
async function floorWrites(admin: Admin, pg: Client, platformId: string, batchId: string) {
  const { rows: sample } = await pg.query<{ lines: unknown[]; done: string[] }>(
    `SELECT json_agg(l ORDER BY c.id, n) AS lines, (SELECT done_steps FROM update_task WHERE id = t.id) AS done
     FROM (SELECT id FROM update_task WHERE batch_id = $1 LIMIT 1) t
     JOIN task_log_chunk c ON c.task_id = t.id, json_array_elements(c.lines) WITH ORDINALITY AS x (l, n)
     GROUP BY t.id`,
    [batchId],
  );
  const { lines, done } = sample[0];
  const { partnerId } = await newPartner(admin, platformId, TASKS, pg);
  const { batchId: floorBatch } = await admin<{ batchId: string }>('POST', '/update-tasks', {
    partnerId,
    targetVersion: '2.0.0',
    mode: 'immediate',
  });
  await pg.query('VACUUM ANALYZE');
  const pgStart = postgresCpuMs();
  const start = process.hrtime.bigint();
  for (;;) {
    await pg.query('BEGIN');
    const claimed = await pg.query<{ id: string; tenant_id: string }>(
      `WITH c AS (SELECT id FROM update_task WHERE batch_id = $1 AND status = 'scheduled'
                  ORDER BY run_at LIMIT 100 FOR UPDATE SKIP LOCKED)
       UPDATE update_task t SET status = 'running', lease_owner = 'floor',
         lease_expires_at = now() + interval '60 seconds', attempts = t.attempts + 1,
         run_attempts = t.run_attempts + 1, started_at = now(), updated_at = now()
       FROM c WHERE t.id = c.id RETURNING t.id, t.tenant_id`,
      [floorBatch],
    );
    const ids = claimed.rows.map((r) => r.id);
    const tenants = claimed.rows.map((r) => r.tenant_id);
    await pg.query(`UPDATE tenant SET state = 'updating', updated_at = now() WHERE id = ANY($1)`, [
      tenants,
    ]);
    await pg.query('COMMIT');
    if (ids.length === 0) break;
    await pg.query('BEGIN');
    await pg.query(
      `INSERT INTO snapshot (id, external_id, platform_id, tenant_id, task_id, run, step_key, node,
         version, expires_at)
       SELECT gen_random_uuid(), 'floor-' || t.id, t.platform_id, t.tenant_id, t.id, t.run, 'backup',
         NULL, '1.0.0', now() + interval '7 days'
       FROM update_task t WHERE t.id = ANY($1)`,
      [ids],
    );
    await pg.query(
      `INSERT INTO task_log_chunk (task_id, attempt, lines)
       SELECT task_id, attempt, lines FROM json_to_recordset($1::json) AS c (task_id uuid, attempt int, lines json)`,
      [JSON.stringify(ids.map((id) => ({ task_id: id, attempt: 1, lines })))],
    );
    await pg.query(
      `UPDATE update_task SET status = 'succeeded', finished_at = now(), lease_owner = NULL,
         lease_expires_at = NULL, progress_percent = 100, done_steps = $2, updated_at = now()
       WHERE id = ANY($1)`,
      [ids, done],
    );
    await pg.query(
      `UPDATE tenant SET state = 'active', software_version = '2.0.0', updated_at = now()
       WHERE id = ANY($1)`,
      [tenants],
    );
    await pg.query('COMMIT');
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const pgNow = postgresCpuMs();
  return {
    rate: TASKS / seconds,
    pgMs: pgStart === null || pgNow === null ? null : (pgNow - pgStart) / TASKS,
    lines: lines.length,
  };
}

async function latency(pg: Client, url: string, tenantIds: string[]) {
  const dispatcher = await startService(url, DISPATCHER_ENV);
  const [{ id: batchId }] = (
    await pg.query<{ id: string }>(
      `INSERT INTO update_batch (scope, target_version, mode, options, total)
       VALUES ('{}', '2.0.0', 'immediate', '{}', 0) RETURNING id`,
    )
  ).rows;
  const committed = new Map<string, number>();
  const warmup = new Set<string>();
  try {
    for (const [i, tenantId] of tenantIds.slice(0, LATENCY_WARMUP + LATENCY_TASKS).entries()) {
      await pg.query('BEGIN');
      const { rows } = await pg.query<{ id: string }>(
        `INSERT INTO update_task (batch_id, tenant_id, partner_id, platform_id, from_version,
           target_version, mode, run_at, expected_duration_minutes)
         SELECT $1, t.id, t.partner_id, t.platform_id, t.software_version, '2.0.0', 'immediate', now(), 60
         FROM tenant t WHERE t.id = $2 RETURNING id`,
        [batchId, tenantId],
      );
      await pg.query(`SELECT pg_notify('update_tasks_due', $1)`, [batchId]);
      committed.set(rows[0].id, Date.now());
      if (i < LATENCY_WARMUP) warmup.add(rows[0].id);
      await pg.query('COMMIT');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await waitUntil(async () => {
      const { rows } = await pg.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM update_task WHERE batch_id = $1 AND status = 'succeeded'`,
        [batchId],
      );
      return rows[0].n === committed.size;
    }, 'the latency tasks to succeed');
  } finally {
    await dispatcher.stop();
  }
  // started_at is the claim transaction's start (now()): it splits each latency in two.
  const { rows } = await pg.query<{ task_id: string; at: Date; claimed: Date }>(
    `SELECT DISTINCT ON (e.task_id) e.task_id, e.at, t.started_at AS claimed
     FROM task_event e JOIN update_task t ON t.id = e.task_id
     WHERE e.task_id = ANY($1) AND e.kind = 'step_started' ORDER BY e.task_id, e.id`,
    [[...committed.keys()]],
  );
  const measured = rows.filter((r) => !warmup.has(r.task_id));
  const sorted = (
    f: (r: (typeof rows)[number], sent: number) => number,
    of: typeof rows = measured,
  ) => of.map((r) => f(r, committed.get(r.task_id) as number)).sort((a, b) => a - b);
  return {
    total: sorted((r, sent) => r.at.getTime() - sent),
    toClaim: sorted((r, sent) => r.claimed.getTime() - sent),
    claimToStep: sorted((r) => r.at.getTime() - r.claimed.getTime()),
    warmup: sorted(
      (r, sent) => r.at.getTime() - sent,
      rows.filter((r) => warmup.has(r.task_id)),
    ),
  };
}

/** COMMIT of a NOTIFY → a LISTEN client has it. */
async function notifyFloor(url: string): Promise<number[]> {
  const listener = new Client({ connectionString: url });
  const sender = new Client({ connectionString: url });
  await Promise.all([listener.connect(), sender.connect()]);
  await listener.query('LISTEN bench_floor');
  const samples: number[] = [];
  for (let i = 0; i < LATENCY_TASKS; i++) {
    const received = new Promise<void>((resolve) => listener.once('notification', () => resolve()));
    await sender.query('BEGIN');
    await sender.query(`SELECT pg_notify('bench_floor', 'x')`);
    const start = process.hrtime.bigint();
    await sender.query('COMMIT');
    await received;
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  await Promise.all([listener.end(), sender.end()]);
  return samples.sort((a, b) => a - b);
}

async function main(): Promise<void> {
  // The service here serves the API only: it creates the work and runs none of it.
  await withBenchService(async ({ db, pg, admin }) => {
    const platform = await benchPlatform(admin, { timezone: 'UTC', versions: ['1.0.0', '2.0.0'] });

    // BENCH_TASKS=0: the latency part only.
    const one = TASKS > 0 ? await throughput(admin, pg, db.url, platform.id, 1) : null;
    const two = TASKS > 0 ? await throughput(admin, pg, db.url, platform.id, 2) : null;
    const floor = TASKS > 0 ? await floorThroughput(admin, pg, platform.id) : null;
    const writes = one ? await floorWrites(admin, pg, platform.id, one.batchId) : null;
    // BENCH_LATENCY_TASKS=0: the throughput part only.
    let lat: Awaited<ReturnType<typeof latency>> | null = null;
    let notify: number[] = [];
    if (LATENCY_TASKS > 0) {
      const { tenantIds } = await newPartner(
        admin,
        platform.id,
        LATENCY_WARMUP + LATENCY_TASKS,
        pg,
      );
      // The runs before left dead rows and dirty pages behind (this server may run without
      // autovacuum): cleaned and written out first, so that the latency is not theirs.
      await pg.query('VACUUM ANALYZE');
      await pg.query('CHECKPOINT').catch(() => undefined); // needs a superuser or pg_checkpoint
      lat = await latency(pg, db.url, tenantIds);
      notify = await notifyFloor(db.url);
    }

    const f = (n: number) => n.toFixed(1);
    const cpuOf = (c: { node: number; pg: number | null }) =>
      `CPU per task: service ${c.node.toFixed(2)} ms, PostgreSQL ${c.pg === null ? 'not local' : `${c.pg.toFixed(2)} ms`}`;
    const rss = (r: { rssMiB: number }) => `peak RSS ${r.rssMiB.toFixed(0)} MiB per process`;
    console.log(
      `dispatch on ${machine()}, database: ${process.env.DATABASE_URL ? 'DATABASE_URL server' : 'embedded PostgreSQL'}`,
    );
    console.log(
      `  no-op executor (SIMULATED_STEP_MS=0), SCHEDULER_CONCURRENCY=${CONCURRENCY} per process, ${TASKS} tasks per run, node ${serviceNodeFlags().join(' ') || '(no flags)'} ${process.env.NODE_OPTIONS ? `NODE_OPTIONS=${process.env.NODE_OPTIONS}` : ''}`,
    );
    if (one && two && floor !== null) {
      console.log(
        `  1 process     ${Math.round(one.rate)} tasks/s claimed → completed (${f(one.seconds)} s; ${cpuOf(one.cpu)}; ${rss(one)})`,
      );
      console.log(
        `  2 processes   ${Math.round(two.rate)} tasks/s claimed → completed (${f(two.seconds)} s, ${two.owners} processes took tasks; ${cpuOf(two.cpu)}; ${rss(two)})`,
      );
      console.log(
        `  floor         ${Math.round(floor)} tasks/s: bare UPDATEs scheduled → running → succeeded, 100 per statement, no steps, no log`,
      );
    }
    if (writes) {
      console.log(
        `  floor, writes ${Math.round(writes.rate)} tasks/s: the rows an update writes (claim, tenant, snapshot, ${writes.lines} log lines, completion, tenant) by bare SQL on one connection, 100 per transaction; PostgreSQL CPU per task ${writes.pgMs === null ? 'not local' : `${writes.pgMs.toFixed(2)} ms`}`,
      );
    }
    if (lat === null) return;
    const spread = (xs: number[]) =>
      `p50 ${f(percentile(xs, 50))} ms, p99 ${f(percentile(xs, 99))} ms, max ${f(xs[xs.length - 1])} ms`;
    console.log(
      `  latency       commit → first step: ${spread(lat.total)} (${lat.total.length} tasks, one at a time)`,
    );
    console.log(
      `                of which commit → claim transaction began: ${spread(lat.toClaim)}; claim began → first step: ${spread(lat.claimToStep)}`,
    );
    if (lat.warmup.length > 0) {
      console.log(
        `                the ${lat.warmup.length} warm-up tasks before them (the process's first claims): ${spread(lat.warmup)}`,
      );
    }
    console.log(
      `  floor         commit → NOTIFY received by a bare LISTEN client: p50 ${f(percentile(notify, 50))} ms, p99 ${f(percentile(notify, 99))} ms`,
    );
  });
}

// bench/rollouts.ts measures with these pieces too.
if (require.main === module) runBench(main);
