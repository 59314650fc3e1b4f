// npm run bench:webhooks
// The webhook outbox and its sender against one local receiver (a node http server in this
// process, answering 204 at once; it counts distinct webhook-ids and does not verify signatures):
//
// 1. burst: ONE `POST /update-tasks` of 10,000 tenants queues 10,000 task.scheduled deliveries to one
//    endpoint; events/s from the first to the last delivery received. Target ≥ 500 events/s.
// 2. steady: single-task creates (`POST /update-tasks {tenantIds: [one], mode: custom}`), 10 a second
//    for 60 s; the lag of each from its commit to its receipt. The commit lies between the request's
//    start and its answer: the lag is given from both (the true lag is between). Target p99 < 1 s.
// 3. queueing: ONE `POST /update-tasks` of 100,000 tenants (maintenance_window, notifications on,
//    as bench/bulk-schedule.ts) with no endpoint subscribed, then the same request for another
//    100,000 tenants with one endpoint subscribed (one fan-out row written in the request's
//    transaction, expanded into 100,000 deliveries by the sender after the commit), then without again (each request writes into tables the one before grew).
//    Target: with ≤ 1.3 × the mean of the two without.
//
// BENCH_BURST (10,000), BENCH_STEADY_SECONDS (60), BENCH_TENANTS (100,000: each of 3.) scale it down.
// The service runs its webhook sender (WEBHOOK_CONCURRENCY, WEBHOOK_ENDPOINT_CONCURRENCY as set).
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Api, benchPlatform, machine, ms, runBench, withBenchService } from './support';

const BURST = Number(process.env.BENCH_BURST ?? 10_000);
const STEADY_SECONDS = Number(process.env.BENCH_STEADY_SECONDS ?? 60);
const STEADY_RATE = 10; // changes a second
const TENANTS = Number(process.env.BENCH_TENANTS ?? 100_000);
const CHUNK = 10_000;
const BULK = { mode: 'maintenance_window', notifyPartner: true, notifyCustomer: true };

interface Received {
  /** performance.now() of the first receipt of this webhook-id. */
  at: number;
  type: string;
  data: { taskId?: string; batchId?: string };
}

/** A local receiver: answers 204 at once, keeps the first receipt of each webhook-id. */
async function receiver() {
  const byId = new Map<string, Received>();
  /** Distinct webhook-ids received per batch. */
  const perBatch = new Map<string, number>();
  let requests = 0;
  let waiter: { done: () => boolean; resolve: () => void } | null = null;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = performance.now();
      requests++;
      res.writeHead(204).end();
      const id = String(req.headers['webhook-id']);
      if (!byId.has(id)) {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Omit<Received, 'at'>;
        byId.set(id, { at, type: body.type, data: body.data });
        const batch = body.data.batchId ?? '';
        perBatch.set(batch, (perBatch.get(batch) ?? 0) + 1);
      }
      if (waiter?.done()) {
        waiter.resolve();
        waiter = null;
      }
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    byId,
    ofBatch: (batchId: string) => perBatch.get(batchId) ?? 0,
    requests: () => requests,
    /** Resolves once `done` holds (checked at every request). */
    until: (done: () => boolean) =>
      done() ? Promise.resolve() : new Promise<void>((resolve) => (waiter = { done, resolve })),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** A partner with `n` tenants (windows on Sundays, as bench/bulk-schedule.ts); their ids. */
async function partnerWithTenants(
  admin: Api,
  platformId: string,
  name: string,
  n: number,
): Promise<{ id: string; tenantIds: string[] }> {
  const partner = await admin<{ id: string }>('POST', '/partners', {
    platformId,
    name,
    contacts: [{ email: 'ops@partner.example', locale: 'de', timezone: 'Europe/Berlin' }],
  });
  const tenantIds: string[] = [];
  for (let offset = 0; offset < n; offset += CHUNK) {
    const tenants = Array.from({ length: Math.min(CHUNK, n - offset) }, (_, i) => ({
      partnerId: partner.id,
      name: `${name}-${offset + i}`,
      softwareVersion: '1.0.0',
      customerEmail: `it@${name}-${offset + i}.example`,
      locale: (['en', 'de', 'it'] as const)[(offset + i) % 3],
      timezone: 'Europe/Rome',
      maintenanceWindow: { cron: `0 ${1 + ((offset + i) % 4)} * * SUN`, durationMinutes: 240 },
    }));
    tenantIds.push(...(await admin<{ ids: string[] }>('POST', '/tenants/bulk', { tenants })).ids);
  }
  return { id: partner.id, tenantIds };
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = process.hrtime.bigint();
  const result = await work();
  return { ms: ms(start), result };
}

const seconds = (value: number) => `${(value / 1000).toFixed(2)} s`;
const met = (ok: boolean) => (ok ? 'met' : 'NOT met');

async function main(): Promise<void> {
  const sink = await receiver();
  const env = { WEBHOOK_SENDER_ENABLED: 'true', WEBHOOK_ALLOW_PRIVATE: 'true' };
  try {
    await withBenchService(async ({ service, pg, admin }) => {
      const platform = await benchPlatform(admin, {
        timezone: 'Europe/Rome',
        versions: ['1.0.0', '2.0.0'],
        recommended: '2.0.0',
      });
      const steadyCount = STEADY_SECONDS * STEADY_RATE;
      const burstPartner = await partnerWithTenants(admin, platform.id, 'burst', BURST);
      const steadyPartner = await partnerWithTenants(admin, platform.id, 'steady', steadyCount);
      const queueing = [];
      for (const name of ['without-1', 'with', 'without-2'])
        queueing.push(await partnerWithTenants(admin, platform.id, name, TENANTS));
      await pg.query('VACUUM ANALYZE');
      const endpoint = (partnerId: string) =>
        admin<{ id: string }>('POST', '/webhooks', {
          url: sink.url,
          events: ['task.scheduled'],
          partnerId,
          description: 'bench receiver',
        });

      // 1. burst
      const burstEndpoint = await endpoint(burstPartner.id);
      const burstRequest = await timed(() =>
        admin<{ batchId: string }>('POST', '/update-tasks', {
          partnerId: burstPartner.id,
          targetVersion: '2.0.0',
          ...BULK,
        }),
      );
      const committed = performance.now();
      const batchId = burstRequest.result.batchId;
      await sink.until(() => sink.ofBatch(batchId) >= BURST);
      const burst = [...sink.byId.values()]
        .filter((r) => r.data.batchId === batchId)
        .map((r) => r.at);
      const first = burst.reduce((a, b) => Math.min(a, b));
      const last = burst.reduce((a, b) => Math.max(a, b));
      const burstRate = ((burst.length - 1) / (last - first)) * 1000;
      const burstRequests = sink.requests();
      await admin('DELETE', `/webhooks/${burstEndpoint.id}`);

      // 2. steady
      const steadyEndpoint = await endpoint(steadyPartner.id);
      const sent = new Map<string, { start: number; answered: number }>();
      const steadyStart = performance.now();
      const creates: Promise<unknown>[] = [];
      for (let i = 0; i < steadyCount; i++) {
        const due = steadyStart + (i * 1000) / STEADY_RATE;
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
        const start = performance.now();
        creates.push(
          admin<{ batchId: string }>('POST', '/update-tasks', {
            tenantIds: [steadyPartner.tenantIds[i]],
            targetVersion: '2.0.0',
            mode: 'custom',
            runAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
          }).then((r) => sent.set(r.batchId, { start, answered: performance.now() })),
        );
      }
      await Promise.all(creates);
      let steadyReceived = 0;
      await sink.until(() => {
        steadyReceived = [...sent.keys()].reduce((n, batch) => n + sink.ofBatch(batch), 0);
        return steadyReceived >= steadyCount;
      });
      const fromAnswer: number[] = [];
      const fromStart: number[] = [];
      for (const r of sink.byId.values()) {
        const request = sent.get(r.data.batchId as string);
        if (!request) continue;
        fromAnswer.push(r.at - request.answered);
        fromStart.push(r.at - request.start);
      }
      fromAnswer.sort((a, b) => a - b);
      fromStart.sort((a, b) => a - b);

      // 3. queueing: without, with, without (no other endpoint exists meanwhile)
      await admin('DELETE', `/webhooks/${steadyEndpoint.id}`);
      const bulk = (partnerId: string) =>
        timed(() =>
          admin<{ created: number }>('POST', '/update-tasks', {
            partnerId,
            targetVersion: '2.0.0',
            ...BULK,
          }),
        );
      const without1 = await bulk(queueing[0].id);
      await pg.query('VACUUM ANALYZE');
      const queueEndpoint = await endpoint(queueing[1].id);
      const withEndpoint = await bulk(queueing[1].id);
      // What the request wrote for the endpoint: its batch's fan-out row, expanded after the commit.
      const queued = (
        await pg.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM webhook_fanout WHERE endpoint_id = $1',
          [queueEndpoint.id],
        )
      ).rows[0].n;
      // Its deliveries are not what this measures: the endpoint goes, and its deliveries with it.
      await admin('DELETE', `/webhooks/${queueEndpoint.id}`);
      await pg.query('VACUUM ANALYZE');
      const without2 = await bulk(queueing[2].id);
      const withoutMs = (without1.ms + without2.ms) / 2;
      const ratio = withEndpoint.ms / withoutMs;
      const rss = service.peakRssMiB();

      const p = (values: number[]) =>
        `p50 ${Math.round(percentile(values, 50))} ms, p99 ${Math.round(percentile(values, 99))} ms, max ${Math.round(values[values.length - 1])} ms`;
      console.log(
        `bench:webhooks on ${machine()}, database: ${process.env.DATABASE_URL ? 'DATABASE_URL server' : 'embedded PostgreSQL'}`,
      );
      console.log(
        `  burst: ${BURST} task.scheduled events queued by one request (${seconds(burstRequest.ms)}), one receiver`,
      );
      console.log(
        `    first → last delivery   ${seconds(last - first)}: ${Math.round(burstRate)} events/s (target ≥ 500: ${met(burstRate >= 500)})`,
      );
      console.log(
        `    commit → last delivery  ${seconds(last - committed)}; commit → first ${Math.round(first - committed)} ms; ${burst.length} distinct webhook-ids in ${burstRequests} requests`,
      );
      console.log(
        `  steady: ${steadyCount} single-task creates, ${STEADY_RATE}/s for ${STEADY_SECONDS} s`,
      );
      console.log(
        `    lag answer → delivery   ${p(fromAnswer)} (target p99 < 1 s: ${met(percentile(fromAnswer, 99) < 1000)})`,
      );
      console.log(`    lag request → delivery  ${p(fromStart)} (the request's own time included)`);
      console.log(
        `  queueing: POST /update-tasks of ${TENANTS} tenants (${BULK.mode}, notifications on)`,
      );
      console.log(
        `    no endpoint             ${seconds(without1.ms)} before, ${seconds(without2.ms)} after (${without1.result.created} / ${without2.result.created} tasks)`,
      );
      console.log(
        `    one endpoint            ${seconds(withEndpoint.ms)} (${withEndpoint.result.created} tasks, ${queued} fan-out row written, expanded after the commit)`,
      );
      console.log(
        `    → with / without        ${ratio.toFixed(2)}× the mean of both (target ≤ 1.30×: ${met(ratio <= 1.3)})`,
      );
      console.log(`  service peak RSS ${rss.toFixed(0)} MiB`);
    }, env);
  } finally {
    await sink.close();
  }
}

runBench(main);
