// npm run bench:mail
// The e-mail sender against a local SMTP sink (smtp-server in this process, accepting everything).
//  1. burst: ONE request schedules 10,000 tenants with notifyCustomer and notifyPartner, which
//     queues 10,000 customer e-mails (each with an .ics) and one partner digest (with a
//     10,000-line CSV); the service's sender drains them. Prints e-mails/s and the lag from the
//     request's commit to each e-mail's acceptance by the server (p50/p99/max).
//  2. steady: 10 tenants a request, 10 requests a second, for 10 seconds (≈110 e-mails/s):
//     the lag of each e-mail when the sender is not behind.
// The floor: the same SMTP sink fed by bare nodemailer (the same pool size), one pre-rendered
// e-mail sent 3,000 times, no database and no rendering.
import nodemailer from 'nodemailer';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { benchPlatform, machine, runBench, withBenchService } from './support';

const BURST = Number(process.env.BENCH_EMAILS ?? 10_000);
const STEADY_REQUESTS = 100;
const STEADY_TENANTS = 10;
const STEADY_RATE = 10; // requests a second
const CONCURRENCY = Number(process.env.MAIL_CONCURRENCY ?? 5);
const TARGET = 300;

/** Accepts everything; records when each e-mail was accepted, and for whom. */
async function smtpSink() {
  const accepted: { to: string; at: number }[] = [];
  let waiter: { count: number; resolve: () => void } | null = null;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    size: 50 * 1024 * 1024,
    onData(stream, session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        const at = performance.now();
        for (const r of session.envelope.rcptTo) accepted.push({ to: r.address, at });
        callback();
        if (waiter && accepted.length >= waiter.count) waiter.resolve();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    accepted,
    waitFor: (count: number) =>
      accepted.length >= count
        ? Promise.resolve()
        : new Promise<void>((resolve) => (waiter = { count, resolve })),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Customer e-mails only: their address says which request queued them. */
function lags(
  committedAt: (email: string) => number | undefined,
  accepted: { to: string; at: number }[],
) {
  const values: number[] = [];
  for (const { to, at } of accepted) {
    const commit = committedAt(to);
    if (commit !== undefined) values.push(at - commit);
  }
  values.sort((a, b) => a - b);
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  return `p50 ${s(percentile(values, 50))}, p99 ${s(percentile(values, 99))}, max ${s(values[values.length - 1])} (${values.length} e-mails)`;
}

async function floor(url: string): Promise<number> {
  const transport = nodemailer.createTransport({ url, pool: true, maxConnections: CONCURRENCY });
  const mail = {
    from: 'updates@bench.example',
    subject: 'Update of tenant 1 to version 2.0.0 on Sunday, 6 June 2027 at 03:00 (UTC+02:00)',
    text: 'x'.repeat(1500),
    html: `<p>${'x'.repeat(3000)}</p>`,
    icalEvent: { method: 'REQUEST', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' },
  };
  const n = 3000;
  const start = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < n) await transport.sendMail({ ...mail, to: `floor-${next++}@bench.example` });
  };
  await Promise.all(Array.from({ length: CONCURRENCY * 2 }, worker));
  const rate = (n / (performance.now() - start)) * 1000;
  transport.close();
  return rate;
}

async function main(): Promise<void> {
  const sink = await smtpSink();
  try {
    await withBenchService(
      async ({ service, admin }) => {
        const platform = await benchPlatform(admin, {
          timezone: 'Europe/Rome',
          versions: ['1.0.0', '2.0.0'],
        });
        const partner = await admin<{ id: string }>('POST', '/partners', {
          platformId: platform.id,
          name: 'bench partner',
          contacts: [{ email: 'ops@partner.example', locale: 'de', timezone: 'Europe/Berlin' }],
        });
        const total = BURST + STEADY_REQUESTS * STEADY_TENANTS;
        const ids: string[] = [];
        for (let offset = 0; offset < total; offset += 10_000) {
          const tenants = Array.from({ length: Math.min(10_000, total - offset) }, (_, i) => ({
            partnerId: partner.id,
            name: `tenant ${offset + i}`,
            softwareVersion: '1.0.0',
            customerEmail: `it@tenant-${offset + i}.example`,
            locale: (['en', 'de', 'it'] as const)[(offset + i) % 3],
            timezone: 'Europe/Rome',
            maintenanceWindow: {
              cron: `0 ${1 + ((offset + i) % 4)} * * SUN`,
              durationMinutes: 240,
            },
          }));
          ids.push(...(await admin<{ ids: string[] }>('POST', '/tenants/bulk', { tenants })).ids);
        }
        const schedule = (tenantIds: string[]) =>
          admin('POST', '/update-tasks', {
            tenantIds,
            targetVersion: '2.0.0',
            mode: 'maintenance_window',
            notifyCustomer: true,
            notifyPartner: true,
          });
        const index = (email: string) => Number(/^it@tenant-(\d+)\./.exec(email)?.[1] ?? -1);

        // 1. burst
        await schedule(ids.slice(0, BURST));
        const burstCommit = performance.now();
        await sink.waitFor(BURST + 1);
        const burstMs = performance.now() - burstCommit;
        const burstLag = lags((e) => (index(e) >= 0 ? burstCommit : undefined), sink.accepted);
        sink.accepted.length = 0;

        // 2. steady
        const committed: number[] = [];
        const steadyStart = performance.now();
        const requests: Promise<unknown>[] = [];
        for (let r = 0; r < STEADY_REQUESTS; r++) {
          const due = steadyStart + (r * 1000) / STEADY_RATE;
          await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
          const batch = ids.slice(BURST + r * STEADY_TENANTS, BURST + (r + 1) * STEADY_TENANTS);
          requests.push(
            schedule(batch).then(() => {
              const at = performance.now();
              for (let i = 0; i < batch.length; i++) committed[BURST + r * STEADY_TENANTS + i] = at;
            }),
          );
        }
        await Promise.all(requests);
        await sink.waitFor(STEADY_REQUESTS * (STEADY_TENANTS + 1));
        const steadyLag = lags((e) => committed[index(e)], sink.accepted);
        const rss = service.peakRssMiB();
        sink.accepted.length = 0;
        const floorRate = await floor(sink.url);

        const rate = ((BURST + 1) / burstMs) * 1000;
        console.log(
          `bench:mail on ${machine()}, database: ${process.env.DATABASE_URL ? 'DATABASE_URL server' : 'embedded PostgreSQL'}, ${CONCURRENCY} SMTP connections`,
        );
        console.log(
          `  burst: ${BURST + 1} e-mails queued by one request (customers + 1 digest with CSV)`,
        );
        console.log(
          `    drained in ${(burstMs / 1000).toFixed(1)} s: ${Math.round(rate)} e-mails/s (target ≥ ${TARGET})`,
        );
        console.log(`    lag commit → accepted: ${burstLag}`);
        console.log(
          `  steady: ${STEADY_RATE} requests/s × ${STEADY_TENANTS} tenants for ${STEADY_REQUESTS / STEADY_RATE} s`,
        );
        console.log(`    lag commit → accepted: ${steadyLag}`);
        console.log(
          `  floor: bare nodemailer pool → same sink, no database, no rendering: ${Math.round(floorRate)} e-mails/s (the sender is at ${((rate / floorRate) * 100).toFixed(0)}% of it)`,
        );
        console.log(`  service peak RSS ${rss.toFixed(0)} MiB`);
      },
      {
        SMTP_URL: sink.url,
        MAIL_SENDER_ENABLED: 'true',
        MAIL_FROM: 'Updates <updates@bench.example>',
      },
    );
  } finally {
    await sink.close();
  }
}

runBench(main);
