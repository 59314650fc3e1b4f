// npm run bench:scale
// Grows one platform (one partner) to 10,000, 100,000 and 1,000,000 tenants (BENCH_SCALES) and
// measures, at each size, with the dispatcher off:
//   import (POST /tenants/bulk, 10,000 a request), the tenant and task lists with each filter
//   (p50/p99 of the first page and of pages deeper in), the dry run, ONE request scheduling every
//   tenant of the partner (with customer and partner notices), the batch's counts, GET /metrics,
//   platform maintenance announced over every task (all moved), the expired-window job moving every
//   task, and the batch's cancel.
// At the largest size, with every task of the earlier sizes finished, it starts a dispatcher and
// measures claim → completion for a batch of immediate tasks (BENCH_CLAIM_TASKS), what one update
// leaves on disk (its task row, step log, snapshot, e-mails and share of the batch's and audit
// rows: "history per update", and "a year of 100,000 tenants" from it), the claim again while the
// retention job deletes, and what a webhook endpoint subscribed to every task event adds per update
// (BENCH_WEBHOOK_TASKS tasks, delivered to a receiver in this process).
// BENCH_SCALES=10000 runs the history figures in under a minute: they are per task of those batches.
// Floors: bare INSERT … SELECT of the tenant rows and of the task rows, measured at each size.
// The last column compares the largest size with the one before: a linear figure grows at most by
// the ratio of the sizes; a list page should not grow at all.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import type { Tx } from '../src/database/transactions';
import { WEBHOOK_EVENTS } from '../src/notifications/notice-events';
import { FIRST_UUID, RetentionRepository } from '../src/retention/retention.repository';
import {
  api,
  benchPartner,
  benchPlatform,
  type BenchService,
  machine,
  ms,
  runBench,
  startService,
  withBenchService,
} from './support';

/** A new partner with `n` tenants on 1.0.0, each with a customer e-mail (`label-i`). */
async function partnerWithCustomers(
  admin: Api,
  platformId: string,
  label: string,
  n: number,
): Promise<{ id: string }> {
  const partner = await admin<{ id: string }>('POST', '/partners', {
    platformId,
    name: `${label} partner ${Date.now()}`,
  });
  for (let offset = 0; offset < n; offset += CHUNK) {
    const tenants = Array.from({ length: Math.min(CHUNK, n - offset) }, (_, i) => ({
      partnerId: partner.id,
      name: `${label}-${offset + i}`,
      softwareVersion: '1.0.0',
      customerEmail: `it@${label}-${offset + i}.example`,
    }));
    await admin('POST', '/tenants/bulk', { tenants });
  }
  return partner;
}

/** Every tenant of the partner updated to 2.0.0 now, customers and partner told; its batch. */
async function updateAllTold(admin: Api, partnerId: string): Promise<string> {
  const { batchId } = await admin<{ batchId: string }>('POST', '/update-tasks', {
    partnerId,
    targetVersion: '2.0.0',
    mode: 'immediate',
    notifyCustomer: true,
    notifyPartner: true,
  });
  return batchId;
}

/** A dispatcher of the built service with the no-op executor, alone in its process. */
const NO_OP_DISPATCHER = {
  SCHEDULER_ENABLED: 'true',
  SIMULATED_STEP_MS: '0',
  SCHEDULER_CONCURRENCY: '200',
  SCHEDULER_PLATFORM_CONCURRENCY: '100000',
  MAIL_SENDER_ENABLED: 'false',
  RETENTION_ENABLED: 'false',
};

const SCALES = (process.env.BENCH_SCALES ?? '10000,100000,1000000').split(',').map(Number);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 20);
const CANCEL_TIMEOUT_MS = Number(process.env.BENCH_CANCEL_TIMEOUT_S ?? 600) * 1000;
const CLAIM_TASKS = Number(process.env.BENCH_CLAIM_TASKS ?? 5000);
/** Tasks of the batch whose partner has a webhook endpoint (the webhook history per update). */
const WEBHOOK_TASKS = Number(process.env.BENCH_WEBHOOK_TASKS ?? 2000);
/** The largest size at which maintenance and expired-window moves are measured. */
const MOVES_UP_TO = Number(process.env.BENCH_MOVES_UP_TO ?? Infinity);
const CHUNK = 10_000;

type Api = ReturnType<typeof api>;
const results = new Map<string, Map<number, string>>();

function record(name: string, scale: number, value: string): void {
  if (!results.has(name)) results.set(name, new Map());
  results.get(name)?.set(scale, value);
  console.log(`  [${scale}] ${name}: ${value}`);
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const secs = (msValue: number) => `${(msValue / 1000).toFixed(2)} s`;

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = process.hrtime.bigint();
  const value = await work();
  return [value, ms(start)];
}

/** p50/p99 of GET `path`: the first page, then following the cursor (one sample each). */
async function listLatency(base: string, key: string, path: string): Promise<string> {
  const samples: number[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < SAMPLES; i++) {
    const sep = path.includes('?') ? '&' : '?';
    // A count is not paged: it takes no limit or cursor.
    const paging = path.startsWith('/tenants/count')
      ? ''
      : `${sep}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const url = `${base}/api/v1${path}${paging}`;
    const start = process.hrtime.bigint();
    const res = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
    const body = (await res.json()) as { nextCursor?: string | null };
    samples.push(ms(start));
    if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${JSON.stringify(body)}`);
    // Half the samples stay on the first page, half walk deeper.
    cursor = i % 2 === 0 ? (body.nextCursor ?? null) : null;
  }
  samples.sort((a, b) => a - b);
  return `p50 ${pct(samples, 50).toFixed(1)} ms, p99 ${pct(samples, 99).toFixed(1)} ms`;
}

async function metricsLatency(base: string): Promise<string> {
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const start = process.hrtime.bigint();
    const res = await fetch(`${base}/metrics`);
    await res.text();
    samples.push(ms(start));
  }
  samples.sort((a, b) => a - b);
  return `p50 ${pct(samples, 50).toFixed(1)} ms, p99 ${pct(samples, 99).toFixed(1)} ms`;
}

async function importTenants(partnerApi: Api, from: number, to: number): Promise<void> {
  for (let offset = from; offset < to; offset += CHUNK) {
    const tenants = Array.from({ length: Math.min(CHUNK, to - offset) }, (_, i) => {
      const n = offset + i;
      return {
        name: `tenant-${n}`,
        softwareVersion: n % 10 === 0 ? '1.5.0' : '1.0.0',
        customerEmail: `it@tenant-${n}.example`,
        locale: (['en', 'de', 'it'] as const)[n % 3],
        timezone: 'Europe/Rome',
        maintenanceWindow: { cron: `0 ${1 + (n % 4)} * * SUN`, durationMinutes: 240 },
      };
    });
    await partnerApi('POST', '/tenants/bulk', { tenants });
  }
}

/** Bare INSERT … SELECT floors, rolled back: `n` tenant rows, and one task row per tenant. */
async function floors(pg: Client, partnerId: string, n: number): Promise<[number, number]> {
  await pg.query('BEGIN');
  try {
    const [, tenantsMs] = await timed(() =>
      pg.query(
        `INSERT INTO tenant (partner_id, platform_id, name, software_version, customer_email, locale,
           timezone, window_cron, window_duration_minutes, window_timezone)
         SELECT partner_id, platform_id, name || '-floor', software_version, customer_email, locale,
           timezone, window_cron, window_duration_minutes, window_timezone
         FROM tenant WHERE partner_id = $1 LIMIT $2`,
        [partnerId, n],
      ),
    );
    await pg.query('ROLLBACK');
    await pg.query('BEGIN');
    const batch = (
      await pg.query<{ id: string }>(
        `INSERT INTO update_batch (scope, target_version, mode, options, total)
         VALUES ('{}', '2.0.0', 'maintenance_window', '{}', 0) RETURNING id`,
      )
    ).rows[0].id;
    const [, tasksMs] = await timed(() =>
      pg.query(
        `INSERT INTO update_task (batch_id, tenant_id, partner_id, platform_id, from_version,
           target_version, mode, run_at, expires_at, expected_duration_minutes, notify_partner,
           notify_customer)
         SELECT $1, t.id, t.partner_id, t.platform_id, t.software_version, '2.0.0',
           'maintenance_window', now() + interval '1 day', now() + interval '1 day 4 hours', 60,
           true, true
         FROM tenant t WHERE t.partner_id = $2`,
        [batch, partnerId],
      ),
    );
    return [tenantsMs, tasksMs];
  } finally {
    await pg.query('ROLLBACK');
  }
}

async function cancelBatch(base: string, key: string, pg: Client, batchId: string) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), CANCEL_TIMEOUT_MS);
  const start = process.hrtime.bigint();
  try {
    const res = await fetch(`${base}/api/v1/update-batches/${batchId}/cancel`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}` },
      signal: controller.signal,
    });
    await res.text();
    if (!res.ok) throw new Error(`batch cancel: ${res.status}`);
    return secs(ms(start));
  } catch (error) {
    if (!controller.signal.aborted) throw error;
    // Stop the server's statement, then finish the tasks by bare SQL so the run can go on.
    await pg.query(
      `SELECT pg_cancel_backend(pid) FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active'`,
    );
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await pg.query(
      `UPDATE update_task SET status = 'cancelled', finished_at = now()
       WHERE batch_id = $1 AND status IN ('scheduled', 'running')`,
      [batchId],
    );
    return `> ${secs(CANCEL_TIMEOUT_MS)} (gave up; tasks then cancelled by bare SQL)`;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Platform maintenance announced over every scheduled task of the batch (conflictPolicy
 * reschedule): one request moves them all to their next free window and tells their recipients.
 */
async function announceMaintenance(admin: Api, pg: Client, platformId: string, batchId: string) {
  const { rows } = await pg.query<{ from: Date; to: Date }>(
    `SELECT min(run_at) AS from,
            max(run_at + expected_duration_minutes * interval '1 minute') AS to
     FROM update_task WHERE batch_id = $1 AND status = 'scheduled'`,
    [batchId],
  );
  const [result, took] = await timed(() =>
    admin<{ id: string; affected: { rescheduled: number; cancelled: number } }>(
      'POST',
      `/platforms/${platformId}/maintenance`,
      {
        startsAt: rows[0].from.toISOString(),
        endsAt: rows[0].to.toISOString(),
        message: 'bench maintenance',
        conflictPolicy: 'reschedule',
      },
    ),
  );
  const { rescheduled, cancelled } = result.affected;
  // Withdrawn again, so that the next size can schedule into the same windows.
  await admin('DELETE', `/platforms/${platformId}/maintenance/${result.id}`);
  return `${secs(took)} (${rescheduled} moved, ${cancelled} cancelled)`;
}

/**
 * Every task of the batch made expired by bare SQL (its window closed an hour ago, unstarted),
 * then a scheduler process (dispatcher idle: nothing is due) moves them to their next windows;
 * measured from the first move to the last.
 */
async function expiredMoves(url: string, pg: Client, batchId: string): Promise<string> {
  const { rowCount } = await pg.query(
    `UPDATE update_task SET run_at = now() - interval '5 hours', expires_at = now() - interval '1 hour'
     WHERE batch_id = $1 AND status = 'scheduled'`,
    [batchId],
  );
  const total = rowCount ?? 0;
  const remaining = async () =>
    (
      await pg.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM update_task
         WHERE batch_id = $1 AND status = 'scheduled' AND expires_at <= now()`,
        [batchId],
      )
    ).rows[0].n;
  const mover = await startService(url, {
    SCHEDULER_ENABLED: 'true',
    MAIL_SENDER_ENABLED: 'false',
    RETENTION_ENABLED: 'false',
  });
  try {
    let start: bigint | null = null;
    for (;;) {
      const left = await remaining();
      if (start === null && left < total) start = process.hrtime.bigint();
      if (left === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return `${secs(start ? ms(start) : 0)} for ${total} tasks (first move → last)`;
  } finally {
    await mover.stop();
  }
}

async function measureScale(
  service: BenchService,
  pg: Client,
  admin: Api,
  partnerKey: string,
  ids: { platformId: string; partnerId: string },
  scale: number,
  url: string,
): Promise<void> {
  const base = service.baseUrl;
  const partnerApi = api(base, partnerKey);
  const [tenantFloorMs, taskFloorMs] = await floors(pg, ids.partnerId, scale);
  record('floor: bare INSERT … SELECT of the tenant rows', scale, secs(tenantFloorMs));
  record('floor: bare INSERT … SELECT of the task rows', scale, secs(taskFloorMs));

  for (const [name, path] of [
    ['tenant list, no filter', '/tenants'],
    ['tenant list, partnerId', `/tenants?partnerId=${ids.partnerId}`],
    ['tenant list, softwareVersion', '/tenants?softwareVersion=1.5.0'],
    ['tenant list, softwareVersion range >=1.5.0', '/tenants?softwareVersion=%3E%3D1.5.0'],
    ['tenant count, softwareVersion range <1.5.0', '/tenants/count?softwareVersion=%3C1.5.0'],
    ['tenant list, state', '/tenants?state=active'],
    ['tenant list, pendingUpdate=false', '/tenants?pendingUpdate=false'],
  ])
    record(name, scale, await listLatency(base, partnerKey, path));

  const scope = {
    partnerId: ids.partnerId,
    targetVersion: '2.0.0',
    mode: 'maintenance_window',
    notifyPartner: true,
    notifyCustomer: true,
  };
  const [, dryMs] = await timed(() =>
    partnerApi('POST', '/update-tasks', { ...scope, dryRun: true }),
  );
  record('dry run (every tenant of the partner)', scale, secs(dryMs));
  const [, againMs] = await timed(() =>
    partnerApi('POST', '/update-tasks', { ...scope, dryRun: true }),
  );
  record(
    'the same dry run again (groups counted ≤ DRY_RUN_COUNTS_SECONDS ago)',
    scale,
    secs(againMs),
  );
  const [, rangeDryMs] = await timed(() =>
    partnerApi('POST', '/update-tasks', {
      ...scope,
      partnerId: undefined,
      filter: { softwareVersion: '<1.5.0' },
      dryRun: true,
    }),
  );
  record('dry run (filter softwareVersion <1.5.0)', scale, secs(rangeDryMs));

  const [scheduled, scheduleMs] = await timed(() =>
    partnerApi<{ batchId: string; created: number }>('POST', '/update-tasks', scope),
  );
  record(
    'schedule every tenant of the partner, one request',
    scale,
    `${secs(scheduleMs)} (${scheduled.created} tasks, ${Math.round((scheduled.created / scheduleMs) * 1000)}/s)`,
  );

  for (const [name, path] of [
    ['tenant list, pendingUpdate=true', '/tenants?pendingUpdate=true'],
    ['task list, no filter', '/update-tasks'],
    ['task list, status=scheduled', '/update-tasks?status=scheduled'],
    ['task list, batchId', `/update-tasks?batchId=${scheduled.batchId}`],
    ['task list, partnerId', `/update-tasks?partnerId=${ids.partnerId}`],
    [
      'task list, from/to (next 8 days)',
      `/update-tasks?from=${new Date().toISOString()}&to=${new Date(Date.now() + 8 * 86_400_000).toISOString()}`,
    ],
  ])
    record(name, scale, await listLatency(base, partnerKey, path));

  const countSamples: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const [, t] = await timed(() => partnerApi('GET', `/update-batches/${scheduled.batchId}`));
    countSamples.push(t);
  }
  countSamples.sort((a, b) => a - b);
  record(
    'batch counts (GET /update-batches/{id})',
    scale,
    `p50 ${pct(countSamples, 50).toFixed(1)} ms, p99 ${pct(countSamples, 99).toFixed(1)} ms`,
  );
  record(`GET /metrics with ${scheduled.created} open tasks`, scale, await metricsLatency(base));
  if (scale <= MOVES_UP_TO) {
    record(
      'maintenance announced over every task (reschedule), one request',
      scale,
      await announceMaintenance(admin, pg, ids.platformId, scheduled.batchId),
    );
    record('expired-window moves', scale, await expiredMoves(url, pg, scheduled.batchId));
  }
  record(
    'batch cancel (with notices)',
    scale,
    await cancelBatch(base, partnerKey, pg, scheduled.batchId),
  );
  const size = await pg.query<{ db: string; outbox: string; tasks: string }>(
    `SELECT pg_size_pretty(pg_database_size(current_database())) AS db,
            pg_size_pretty(pg_total_relation_size('outbox_email')) AS outbox,
            pg_size_pretty(pg_total_relation_size('update_task')) AS tasks`,
  );
  record('database size (tasks, outbox)', scale, Object.values(size.rows[0]).join(', '));
}

/** With every task of the earlier sizes finished: a dispatcher runs CLAIM_TASKS immediate tasks. */
async function claimWithHistory(
  url: string,
  pg: Client,
  admin: Api,
  platformId: string,
  pruneBefore?: Date,
) {
  const finished = (
    await pg.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM update_task WHERE status NOT IN ('scheduled', 'running')`,
    )
  ).rows[0].n;
  const partner = await partnerWithCustomers(admin, platformId, 'claim', CLAIM_TASKS);
  const batchId = await updateAllTold(admin, partner.id);
  const dispatcher = await startService(url, NO_OP_DISPATCHER);
  const pruning = pruneBefore ? prune(url, pruneBefore) : null;
  try {
    for (;;) {
      const { rows } = await pg.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM update_task WHERE batch_id = $1 AND status = 'succeeded'`,
        [batchId],
      );
      if (rows[0].n === CLAIM_TASKS) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await dispatcher.stop();
  }
  const pruned = pruning ? await pruning.stop() : null;
  const { rows } = await pg.query<{ seconds: number }>(
    `SELECT extract(epoch FROM max(finished_at) - min(started_at))::float8 AS seconds
     FROM update_task WHERE batch_id = $1`,
    [batchId],
  );
  const rate = `${Math.round(CLAIM_TASKS / rows[0].seconds)} tasks/s (${CLAIM_TASKS} tasks, ${finished} finished tasks present${pruned ? `; retention deleted ${pruned.deleted} of them meanwhile, ${pruned.statements} statements` : ''})`;
  return { rate, batchId };
}

/**
 * The retention job's task deletes (its own statements, RetentionRepository), run back to back on
 * their own connection against the tasks finished before `cutoff`, until stopped.
 */
function prune(url: string, cutoff: Date) {
  const client = new Client({ connectionString: url });
  const tx = {
    query: async (sql: string, params?: unknown[]) => (await client.query(sql, params)).rows,
  } as unknown as Tx;
  const rows = new RetentionRepository();
  let stopping = false;
  const work = (async () => {
    await client.connect();
    let after = FIRST_UUID;
    let deleted = 0;
    let statements = 0;
    while (!stopping) {
      await client.query('BEGIN');
      const step = await rows.pruneTasks(tx, after, cutoff, 1000);
      await client.query('COMMIT');
      statements++;
      deleted += step.deleted;
      if (step.last === null || step.scanned < 1000) break;
      after = step.last;
    }
    await client.end();
    return { deleted, statements };
  })();
  return {
    stop: () => {
      stopping = true;
      return work;
    },
  };
}

/**
 * The tables whose rows outlive an update (its history), by what they hold. The batch's own rows
 * (the batch, its counts, its fan-out rows) and the audit rows of the requests are shared by its
 * tasks.
 */
const HISTORY = {
  task: ['update_task'],
  log: ['task_log_chunk'],
  snapshot: ['snapshot'],
  emails: ['outbox_email'],
  batch: ['update_batch', 'update_batch_count', 'outbox_fanout'],
  audit: ['audit_log'],
  webhooks: ['webhook_delivery', 'webhook_attempt', 'webhook_fanout'],
} as const;
const HISTORY_TABLES: string[] = Object.values(HISTORY).flat();
/** Tables that grow in a run but are not history (the bench's own tenants and partners). */
const NOT_HISTORY = ['tenant', 'partner', 'api_key', 'webhook_endpoint'];

const kB = (bytes: number, digits = 2) => `${(bytes / 1000).toFixed(digits)} kB`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
const gb = (bytes: number) => `${(bytes / 1e9).toFixed(1)} GB`;
const TENANTS_A_YEAR = 100_000;

/** Bytes per update of each part of the history, from the growth of its tables over one batch. */
interface History {
  task: number;
  log: number;
  snapshot: number;
  /** Bytes of one e-mail, and e-mails per update. */
  email: number;
  emails: number;
  batch: number;
  audit: number;
  webhooks: number;
  lines: number;
  chunks: number;
  snapshots: number;
}

/**
 * The history of the batch `batchId`, per task: each group's growth between `before` and `after`
 * (bytes by table). The customers' "scheduled" notices are written by the mail sender from the
 * batch's fan-out row (the sender is off in these runs), so one more e-mail per task is counted at
 * the measured size of the others.
 */
async function historyOf(
  pg: Client,
  batchId: string,
  before: Map<string, number>,
  after: Map<string, number>,
): Promise<History> {
  const { rows } = await pg.query<{
    tasks: number;
    lines: number;
    chunks: number;
    snapshots: number;
    emails: number;
  }>(
    `SELECT (SELECT count(*) FROM update_task WHERE batch_id = $1)::int AS tasks,
            (SELECT count(*) FROM task_event e JOIN update_task t ON t.id = e.task_id
             WHERE t.batch_id = $1)::int AS lines,
            (SELECT count(*) FROM task_log_chunk c JOIN update_task t ON t.id = c.task_id
             WHERE t.batch_id = $1)::int AS chunks,
            (SELECT count(*) FROM snapshot s JOIN update_task t ON t.id = s.task_id
             WHERE t.batch_id = $1)::int AS snapshots,
            (SELECT count(*) FROM outbox_email WHERE batch_id = $1)::int AS emails`,
    [batchId],
  );
  const { tasks, lines, chunks, snapshots, emails } = rows[0];
  const per = (tables: readonly string[]) =>
    tables.reduce((sum, t) => sum + (after.get(t) ?? 0) - (before.get(t) ?? 0), 0) / tasks;
  return {
    task: per(HISTORY.task),
    log: per(HISTORY.log),
    snapshot: per(HISTORY.snapshot),
    email: (per(HISTORY.emails) * tasks) / Math.max(emails, 1),
    emails: emails / tasks + 1,
    batch: per(HISTORY.batch),
    audit: per(HISTORY.audit),
    webhooks: per(HISTORY.webhooks),
    lines: lines / tasks,
    chunks: chunks / tasks,
    snapshots: snapshots / tasks,
  };
}

/** Weeks of webhook deliveries the default retention keeps (those that succeeded: 30 days). */
const WEBHOOK_WEEKS_KEPT = Math.ceil(30 / 7);

/** Bytes of one update's history, webhooks left out. */
const withoutWebhooks = (h: History) =>
  h.task + h.log + h.snapshot + h.email * h.emails + h.batch + h.audit;

const describe = (h: History) =>
  `${kB(withoutWebhooks(h), 1)}: task ${kB(h.task)}, log ${kB(h.log)} (${h.lines.toFixed(1)} lines in ${h.chunks.toFixed(1)} chunks), snapshot ${kB(h.snapshot)} (${h.snapshots.toFixed(1)} rows), e-mails ${h.emails.toFixed(1)} × ${kB(h.email)}, batch and audit rows ${kB(h.batch + h.audit)}`;

/**
 * A year of a 100,000-tenant platform updated weekly (52 batches): kept forever, and with the
 * default retention (tasks with their logs, snapshots and batches 180 days, sent e-mails 30; audit
 * rows 400: all year).
 */
function aYear(h: History): string {
  const weekly = TENANTS_A_YEAR * withoutWebhooks(h);
  const retained =
    TENANTS_A_YEAR * (h.task + h.log + h.snapshot + h.batch) * Math.ceil(180 / 7) +
    TENANTS_A_YEAR * h.email * h.emails * Math.ceil(30 / 7) +
    TENANTS_A_YEAR * h.audit * 52;
  return `${gb(52 * weekly)} kept forever; ${gb(retained)} with the default retention (${mb(weekly)} a week)`;
}

/**
 * What one update leaves behind, from the batch the dispatcher ran (every task with its step log,
 * the snapshot its backup step took, customer and partner notices), as written: the growth of each
 * table, indexes included, on a server whose autovacuum may be off (so the dead versions of the
 * rows an update changes, a task's claim and completion, are counted). Any other table that grew
 * is printed, so a table the dispatcher starts writing is not missed.
 */
async function historyPerTask(pg: Client, batchId: string, before: Map<string, number>) {
  const after = await tableBytes(pg);
  const h = await historyOf(pg, batchId, before, after);
  const last = SCALES[SCALES.length - 1];
  record(
    'history per update as written (task row, step log, snapshot, e-mails, batch and audit rows; with indexes)',
    last,
    describe(h),
  );
  const known = new Set<string>([...HISTORY_TABLES, ...NOT_HISTORY]);
  const others = [...after]
    .filter(([t, b]) => !known.has(t) && b > (before.get(t) ?? 0))
    .map(([t, b]) => `${t} +${kB(b - (before.get(t) ?? 0), 0)}`);
  record('other tables grown during that run (not counted)', last, others.join(', ') || 'none');
  record('a year of 100,000 tenants updated weekly, as written', last, aYear(h));
}

/** A local webhook receiver: answers 204 at once and counts the requests. */
async function webhookReceiver() {
  let received = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.writeHead(204).end();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    received: () => received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * What one update keeps once (auto)vacuum has run, and what a webhook endpoint adds to it: a batch
 * of WEBHOOK_TASKS immediate tasks of a partner with one endpoint subscribed to every task event,
 * run by a dispatcher whose webhook sender delivers to a receiver in this process. Growth as
 * written (table sizes), and of the live bytes (liveBytes: after a VACUUM, the live rows and index
 * entries). The retention job deletes a delivery that succeeded, with its attempts, after
 * RETENTION_WEBHOOK_SUCCEEDED_DAYS (30 by default: 5 weeks of them are kept).
 */
async function webhookHistory(url: string, pg: Client, admin: Api, platformId: string) {
  const sink = await webhookReceiver();
  try {
    const partner = await partnerWithCustomers(admin, platformId, 'hooked', WEBHOOK_TASKS);
    const endpoint = await admin<{ id: string }>('POST', '/webhooks', {
      url: sink.url,
      events: WEBHOOK_EVENTS.filter((e) => e.startsWith('task.')),
      partnerId: partner.id,
      description: 'bench receiver',
    });
    const writtenBefore = await tableBytes(pg);
    const vacuumedBefore = await liveBytes(pg);
    const batchId = await updateAllTold(admin, partner.id);
    const dispatcher = await startService(url, {
      ...NO_OP_DISPATCHER,
      WEBHOOK_SENDER_ENABLED: 'true',
      WEBHOOK_ALLOW_PRIVATE: 'true',
    });
    const deadline = Date.now() + CANCEL_TIMEOUT_MS;
    try {
      for (;;) {
        const { rows } = await pg.query<{ open: number; fanout: number; undelivered: number }>(
          `SELECT (SELECT count(*) FROM update_task WHERE batch_id = $1 AND is_open)::int AS open,
                  (SELECT count(*) FROM webhook_fanout
                   WHERE batch_id = $1 AND status = 'pending')::int AS fanout,
                  (SELECT count(*) FROM webhook_delivery
                   WHERE endpoint_id = $2 AND status <> 'succeeded')::int AS undelivered`,
          [batchId, endpoint.id],
        );
        const { open, fanout, undelivered } = rows[0];
        if (open === 0 && fanout === 0 && undelivered === 0) break;
        if (Date.now() > deadline)
          throw new Error(`webhook run: ${open} open tasks, ${undelivered} undelivered`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    } finally {
      await dispatcher.stop();
    }
    const written = await historyOf(pg, batchId, writtenBefore, await tableBytes(pg));
    const vacuumed = await historyOf(pg, batchId, vacuumedBefore, await liveBytes(pg));
    const { rows } = await pg.query<{ deliveries: number; attempts: number }>(
      `SELECT count(*)::int AS deliveries, coalesce(sum(attempts), 0)::int AS attempts
       FROM webhook_delivery WHERE endpoint_id = $1`,
      [endpoint.id],
    );
    const { deliveries, attempts } = rows[0];
    const last = SCALES[SCALES.length - 1];
    record(
      `history per update, live bytes after VACUUM (the same parts; ${WEBHOOK_TASKS} tasks)`,
      last,
      describe(vacuumed),
    );
    record(
      'a year of 100,000 tenants updated weekly, live bytes after VACUUM',
      last,
      aYear(vacuumed),
    );
    record(
      'webhook history per update, one endpoint with every task event (deliveries, attempts)',
      last,
      `${kB(written.webhooks, 1)} as written, ${kB(vacuumed.webhooks, 1)} live after VACUUM; ${(deliveries / WEBHOOK_TASKS).toFixed(1)} deliveries and ${(attempts / WEBHOOK_TASKS).toFixed(1)} attempts per update (${sink.received()} requests received)`,
    );
    record(
      'a year of 100,000 tenants updated weekly, one webhook endpoint, on top',
      last,
      `kept forever ${gb(52 * TENANTS_A_YEAR * written.webhooks)} as written, ${gb(52 * TENANTS_A_YEAR * vacuumed.webhooks)} live after VACUUM; with the default retention (deliveries that succeeded 30 days) ${gb(WEBHOOK_WEEKS_KEPT * TENANTS_A_YEAR * written.webhooks)} and ${gb(WEBHOOK_WEEKS_KEPT * TENANTS_A_YEAR * vacuumed.webhooks)}`,
    );
  } finally {
    await sink.close();
  }
}

/** Bytes of every table of the schema, with its indexes and TOAST. */
async function tableBytes(pg: Client): Promise<Map<string, number>> {
  const { rows } = await pg.query<{ t: string; b: string }>(
    `SELECT c.relname AS t, pg_total_relation_size(c.oid)::text AS b
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')`,
  );
  return new Map(rows.map((r) => [r.t, Number(r.b)]));
}

/**
 * Bytes the live rows of each history table hold, after a VACUUM: its heap's and its TOAST's live
 * tuples (pgstattuple: their length and line pointers), and of each B-tree index the used part of
 * its leaf pages (pgstatindex: leaf pages × density) and its inner pages; other indexes whole.
 * Packed as tight as PostgreSQL could (no fillfactor room, no half-full page): the lower bound of
 * what the rows take once (auto)vacuum has run, where the growth as written is the upper one.
 */
async function liveBytes(pg: Client): Promise<Map<string, number>> {
  await pg.query(`VACUUM ${HISTORY_TABLES.join(', ')}`);
  const bytes = new Map<string, number>();
  for (const table of HISTORY_TABLES) {
    const { rows } = await pg.query<{ b: string }>(
      `SELECT (
         (SELECT s.tuple_len + 4 * s.tuple_count FROM pgstattuple($1::regclass) s)
         + coalesce((SELECT s.tuple_len + 4 * s.tuple_count
                     FROM pg_class c CROSS JOIN LATERAL pgstattuple(c.reltoastrelid) s
                     WHERE c.oid = $1::regclass AND c.reltoastrelid <> 0), 0)
         + coalesce((SELECT sum(CASE WHEN am.amname <> 'btree' THEN pg_relation_size(i.indexrelid)
                                     ELSE (SELECT st.internal_pages * 8192
                                                  + CASE WHEN st.leaf_pages = 0 THEN 0
                                                         ELSE st.leaf_pages * 8192
                                                              * st.avg_leaf_density / 100 END
                                           FROM pgstatindex(i.indexrelid) st) END)
                     FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
                     JOIN pg_am am ON am.oid = ic.relam
                     WHERE i.indrelid = $1::regclass), 0)
       )::bigint::text AS b`,
      [table],
    );
    bytes.set(table, Number(rows[0].b));
  }
  return bytes;
}

function printTable(): void {
  const [prev, last] = SCALES.slice(-2);
  console.log(
    `\nscale on ${machine()}, database: ${process.env.DATABASE_URL ? 'DATABASE_URL server' : 'embedded PostgreSQL'}`,
  );
  const growthNote =
    SCALES.length > 1
      ? `; "growth" = figure at ${last} / figure at ${prev} (sizes ×${last / prev})`
      : '';
  console.log(`sizes: ${SCALES.join(', ')} tenants${growthNote}`);
  for (const [name, byScale] of results) {
    const cells = SCALES.map((s) => byScale.get(s) ?? '–');
    // Latencies compare their p99; other figures their first number.
    const first = (v?: string) =>
      Number((/p99 ([\d.]+)/.exec(v ?? '') ?? /([\d.]+)/.exec(v ?? ''))?.[1]);
    const growth = first(byScale.get(last)) / first(byScale.get(prev));
    const g = Number.isFinite(growth) ? `×${growth.toFixed(1)}` : '';
    console.log(`  ${name}\n      ${cells.join('  |  ')}  ${g}`);
  }
}

async function main(): Promise<void> {
  await withBenchService(
    async ({ db, service, pg, admin }) => {
      // The live bytes of the history (contrib's pgstattuple).
      await pg.query('CREATE EXTENSION IF NOT EXISTS pgstattuple');
      const platform = await benchPlatform(admin, {
        timezone: 'Europe/Rome',
        versions: ['1.0.0', '1.5.0', '2.0.0'],
      });
      const partner = await benchPartner(admin, platform.id);
      const { key } = partner;
      const ids = { platformId: platform.id, partnerId: partner.id };
      let have = 0;
      for (const scale of SCALES) {
        const [, importMs] = await timed(() =>
          importTenants(api(service.baseUrl, key), have, scale),
        );
        record(
          'import (POST /tenants/bulk)',
          scale,
          `${secs(importMs)} for ${scale - have} (${Math.round(((scale - have) / importMs) * 1000)}/s)`,
        );
        have = scale;
        await measureScale(service, pg, admin, key, ids, scale, db.url);
        record('service peak RSS', scale, `${service.peakRssMiB().toFixed(0)} MiB`);
      }
      const last = SCALES[SCALES.length - 1];
      const before = await tableBytes(pg);
      const claim = await claimWithHistory(db.url, pg, admin, platform.id);
      record('dispatcher claim → completed', last, claim.rate);
      await historyPerTask(pg, claim.batchId, before);
      const whilePruning = await claimWithHistory(db.url, pg, admin, platform.id, new Date());
      record('dispatcher claim → completed, retention deleting meanwhile', last, whilePruning.rate);
      await webhookHistory(db.url, pg, admin, platform.id);
      printTable();
      // The webhook endpoint's URL is a receiver on this machine's loopback.
    },
    { WEBHOOK_ALLOW_PRIVATE: 'true' },
  );
}

runBench(main);
