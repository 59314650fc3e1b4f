// npm run bench:webhook-prune
// The retention job's webhook deletes (RetentionRepository.pruneWebhookDeliveries, the statements the
// job runs) on a table of BENCH_DELIVERIES (1,000,000) deliveries written over 120 days to 5
// endpoints: 96 % succeeded with one attempt, 3 % failed with eight, 1 % still pending.
//
// 1. the plan of one statement (EXPLAIN ANALYZE, rolled back): a range of the primary key and key
//    lookups, never a scan of the table (the line "sequential scan" says whether one appears);
// 2. each pass run to its end as the job runs it (succeeded: 30 days, failed: 90; statements of
//    1,000, each its own transaction), without the job's pause: rows deleted, statements, time, and
//    the statements' p50/p99/max;
// 3. the senders' claim (WebhookDeliveriesRepository.claim, rolled back, on its own connection)
//    alone, then while each pass deletes, p50/p99.
// Floor: a statement looks at 1,000 rows; its time is compared with nothing else. Sizes and counts
// are printed before and after.
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { runMigrations } from '../src/database/migrate';
import type { Tx } from '../src/database/transactions';
import { FIRST_UUID, RetentionRepository } from '../src/retention/retention.repository';
import { WebhookDeliveriesRepository } from '../src/webhooks/webhook-deliveries.repository';
import { benchDatabase, machine, ms, runBench } from './support';

const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 1_000_000);
const BATCH = 1000;
const CLAIMS = 200;
const DAY = 86_400_000;

/** A Tx over one pg client (the repositories only call `query`). */
const txOf = (client: Client) =>
  ({
    query: async (sql: string, params?: unknown[]) => (await client.query(sql, params)).rows,
  }) as unknown as Tx;

/** Deliveries spread over 120 days before now, ids uuid v7 of their time, with their attempts. */
async function fill(pg: Client, n: number): Promise<void> {
  await pg.query(`
    CREATE OR REPLACE FUNCTION pg_temp.v7(at timestamptz) RETURNS uuid LANGUAGE sql AS $$
      SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
        PLACING substring(int8send(floor(extract(epoch FROM at) * 1000)::bigint) FROM 3)
        FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid $$`);
  await pg.query(`
    INSERT INTO webhook_endpoint (url, events, secret)
    SELECT 'https://receiver.example/' || i, ARRAY['task.scheduled'], 'whsec_bench'
    FROM generate_series(1, 5) i
    WHERE NOT EXISTS (SELECT 1 FROM webhook_endpoint)`);
  await pg.query(
    `WITH e AS (SELECT array_agg(id ORDER BY id) AS ids FROM webhook_endpoint)
     INSERT INTO webhook_delivery (id, endpoint_id, message_id, event, order_key, payload, status,
       attempts, next_attempt_at, last_attempt_at, last_status_code, last_latency_ms,
       delivered_at, created_at)
     SELECT pg_temp.v7(at), e.ids[1 + i % 5], 'msg_' || md5(i::text || random()::text),
       'task.scheduled', gen_random_uuid(),
       json_build_object('type', 'task.scheduled', 'timestamp', at, 'version', 1,
         'data', json_build_object('taskId', gen_random_uuid(), 'batchId', gen_random_uuid(),
           'tenantId', gen_random_uuid(), 'tenantName', 'tenant ' || i,
           'partnerId', gen_random_uuid(), 'platformId', gen_random_uuid(),
           'status', 'scheduled', 'fromVersion', '1.0.0', 'targetVersion', '2.0.0',
           'mode', 'maintenance_window', 'forced', false, 'runAt', at, 'expiresAt', at,
           'attempts', 0, 'sequence', 0, 'reason', null)),
       CASE WHEN i % 100 = 0 THEN 'pending' WHEN i % 25 = 0 THEN 'failed' ELSE 'succeeded' END,
       CASE WHEN i % 100 = 0 THEN 0 WHEN i % 25 = 0 THEN 8 ELSE 1 END,
       at, CASE WHEN i % 100 <> 0 THEN at END, 200, 12,
       CASE WHEN i % 25 <> 0 THEN at END, at
     FROM e, (SELECT i, now() - interval '120 days' + i * interval '120 days' / $1 AS at
              FROM generate_series(1, $1::int) i) s`,
    [n],
  );
  await pg.query(
    `INSERT INTO webhook_attempt (delivery_id, attempted_at, status_code, latency_ms)
     SELECT d.id, d.last_attempt_at, CASE WHEN d.status = 'failed' THEN 500 ELSE 200 END, 12
     FROM webhook_delivery d, generate_series(1, d.attempts) WHERE d.attempts > 0`,
  );
  await pg.query('VACUUM ANALYZE webhook_delivery');
  await pg.query('VACUUM ANALYZE webhook_attempt');
}

async function sizes(pg: Client): Promise<string> {
  const { rows } = await pg.query<{ status: string; n: number }>(
    `SELECT status, count(*)::int AS n FROM webhook_delivery GROUP BY status ORDER BY status`,
  );
  const { rows: size } = await pg.query<{ d: string; a: string; attempts: number }>(
    `SELECT pg_size_pretty(pg_total_relation_size('webhook_delivery')) AS d,
            pg_size_pretty(pg_total_relation_size('webhook_attempt')) AS a,
            (SELECT count(*)::int FROM webhook_attempt) AS attempts`,
  );
  return `${rows.map((r) => `${r.status} ${r.n}`).join(', ')}; ${size[0].attempts} attempts; webhook_delivery ${size[0].d}, webhook_attempt ${size[0].a} (with indexes)`;
}

/** The plan of the job's first statement of a pass, run and rolled back. */
async function plan(pg: Client, status: 'succeeded' | 'failed', cutoff: Date): Promise<string[]> {
  let captured: { sql: string; params: unknown[] } | null = null;
  const recorder = {
    query: async (sql: string, params: unknown[]) => {
      captured = { sql, params };
      return [{ last: null, scanned: 0, deleted: 0 }];
    },
  } as unknown as Tx;
  await new RetentionRepository().pruneWebhookDeliveries(
    recorder,
    status,
    FIRST_UUID,
    cutoff,
    BATCH,
  );
  const { sql, params } = captured as unknown as { sql: string; params: unknown[] };
  await pg.query('BEGIN');
  try {
    const { rows } = await pg.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql}`,
      params,
    );
    return rows.map((r) => r['QUERY PLAN']);
  } finally {
    await pg.query('ROLLBACK');
  }
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;

/** One pass as the job runs it (without the pause): every statement its own transaction. */
async function pass(pg: Client, status: 'succeeded' | 'failed', cutoff: Date) {
  const rows = new RetentionRepository();
  const tx = txOf(pg);
  const times: number[] = [];
  let after = FIRST_UUID;
  let deleted = 0;
  const start = process.hrtime.bigint();
  for (;;) {
    const t = process.hrtime.bigint();
    await pg.query('BEGIN');
    const step = await rows.pruneWebhookDeliveries(tx, status, after, cutoff, BATCH);
    await pg.query('COMMIT');
    times.push(ms(t));
    deleted += step.deleted;
    if (step.last === null || step.scanned < BATCH) break;
    after = step.last;
  }
  return {
    deleted,
    statements: times.length,
    seconds: ms(start) / 1000,
    line: `p50 ${pct(times, 0.5).toFixed(1)} ms, p99 ${pct(times, 0.99).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms`,
  };
}

/**
 * The senders' claim of up to 100 due deliveries, each rolled back: `CLAIMS` times, and on while
 * `busy()` says another connection is still deleting.
 */
async function claims(pg: Client, busy: () => boolean = () => false): Promise<string> {
  const repo = new WebhookDeliveriesRepository();
  const tx = txOf(pg);
  const times: number[] = [];
  for (let i = 0; i < CLAIMS || busy(); i++) {
    const now = new Date();
    const t = process.hrtime.bigint();
    await pg.query('BEGIN');
    await repo.claim(tx, {
      now,
      owner: 'bench',
      leaseExpiresAt: new Date(now.getTime() + 40_000),
      limit: 100,
      inFlight: new Map(),
      perEndpoint: 32,
    });
    await pg.query('ROLLBACK');
    times.push(ms(t));
  }
  return `p50 ${pct(times, 0.5).toFixed(1)} ms, p99 ${pct(times, 0.99).toFixed(1)} ms (${times.length} claims of up to 100, rolled back)`;
}

runBench(async () => {
  console.log(`webhook-prune: ${DELIVERIES} deliveries over 120 days; ${machine()}`);
  const db = await benchDatabase();
  const ds = await new DataSource(dataSourceOptions({ url: db.url, poolSize: 2 })).initialize();
  const pg = new Client({ connectionString: db.url });
  const other = new Client({ connectionString: db.url });
  try {
    Logger.overrideLogger(false);
    await runMigrations(ds);
    await ds.destroy();
    await pg.connect();
    await other.connect();
    const t = process.hrtime.bigint();
    await fill(pg, DELIVERIES);
    console.log(`filled in ${(ms(t) / 1000).toFixed(1)} s: ${await sizes(pg)}`);
    const succeededCutoff = new Date(Date.now() - 30 * DAY);
    const failedCutoff = new Date(Date.now() - 90 * DAY);

    const lines = await plan(pg, 'succeeded', succeededCutoff);
    console.log('\nplan of one statement (succeeded, 30 days), rolled back:');
    for (const line of lines) console.log(`  ${line}`);
    const seq = lines.some((l) => /Seq Scan on webhook_(delivery|attempt)/.test(l));
    console.log(`sequential scan of webhook_delivery or webhook_attempt: ${seq ? 'YES' : 'none'}`);

    console.log(`\nclaim alone: ${await claims(other)}`);
    for (const [status, cutoff] of [
      ['succeeded', succeededCutoff],
      ['failed', failedCutoff],
    ] as const) {
      let deleting = true;
      const [p, claimed] = await Promise.all([
        pass(pg, status, cutoff).finally(() => (deleting = false)),
        claims(other, () => deleting),
      ]);
      console.log(
        `pass ${status}: ${p.deleted} deleted in ${p.statements} statements, ${p.seconds.toFixed(1)} s without the pause; statements ${p.line}`,
      );
      console.log(`claim while that pass deleted: ${claimed}`);
    }
    const again = await pass(pg, 'succeeded', succeededCutoff);
    console.log(
      `the next run's succeeded pass (only kept rows left to walk): ${again.deleted} deleted, ${again.statements} statements, ${again.seconds.toFixed(2)} s`,
    );
    console.log(
      `after: ${await sizes(pg)} (deleted rows' space is reused after VACUUM, files do not shrink; the rolled-back claims left dead row versions too)`,
    );
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await pg.end().catch(() => undefined);
    await other.end().catch(() => undefined);
    await db.dispose();
  }
});
