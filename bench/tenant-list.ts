// npm run bench:tenant-list
// The console's tenant list at 100,000 tenants under one partner: one page (50 rows) with each
// filter, the count the list shows, and the preview of "update every tenant that matches", as the
// partner admin's browser asks for them. Prints p50/p99 of 40 requests each next to the floor: a
// bare SELECT of the first 50 rows of the partner by seq on the same database.
import {
  api,
  benchPartner,
  benchPlatform,
  machine,
  ms,
  runBench,
  withBenchService,
} from './support';

const TENANTS = Number(process.env.BENCH_TENANTS ?? 100_000);
const CHUNK = 10_000;
const RUNS = 40;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function timed(run: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  await run(); // warm
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    await run();
    samples.push(ms(start));
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

async function main(): Promise<void> {
  await withBenchService(async ({ service, pg, admin }) => {
    const platform = await benchPlatform(admin, {
      timezone: 'Europe/Rome',
      versions: ['13.2.0', '14.0.0'],
    });
    const partner = await benchPartner(admin, platform.id, { contacts: false });
    const { key } = partner;
    const partnerApi = api(service.baseUrl, key);
    const ids: string[] = [];
    for (let offset = 0; offset < TENANTS; offset += CHUNK) {
      const tenants = Array.from({ length: Math.min(CHUNK, TENANTS - offset) }, (_, i) => {
        const n = offset + i;
        return {
          name: `tenant-${n}`,
          softwareVersion: n % 4 === 0 ? '14.0.0' : '13.2.0',
          customerEmail: `it@tenant-${n}.example`,
          tags: n % 10 === 0 ? ['ring:canary', 'region:eu'] : ['region:eu'],
        };
      });
      const created = await partnerApi<{ ids: string[] }>('POST', '/tenants/bulk', { tenants });
      ids.push(...created.ids);
    }
    // 1,000 tenants with a pending update (the list's pending filter and icon).
    await partnerApi('POST', '/update-tasks', {
      tenantIds: ids.filter((_, i) => i % 100 === 1),
      targetVersion: '14.0.0',
      mode: 'custom',
      runAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    await pg.query('ANALYZE tenant');
    await pg.query('ANALYZE update_task');

    const floor = await timed(() =>
      pg.query('SELECT * FROM tenant WHERE partner_id = $1 ORDER BY seq LIMIT 51', [partner.id]),
    );
    const list = (query: string) => () => partnerApi('GET', `/tenants?limit=50${query}`);
    const cases: [string, () => Promise<unknown>][] = [
      ['first page, no filter', list('')],
      ['version = 14.0.0', list('&softwareVersion=14.0.0')],
      ['state = active', list('&state=active')],
      ['tags = ring:canary (10%)', list('&tags=ring:canary')],
      ['pending update (1%)', list('&pendingUpdate=true')],
      ['no pending update', list('&pendingUpdate=false')],
      ['name contains "tenant-9999" (11 rows)', list('&search=tenant-9999')],
      ['name contains "no such name" (0 rows)', list('&search=no%20such%20name')],
      ['count, no filter', () => partnerApi('GET', '/tenants/count')],
      ['count, tags = ring:canary', () => partnerApi('GET', '/tenants/count?tags=ring:canary')],
      [
        'preview: update every ring:canary tenant',
        () =>
          partnerApi('POST', '/update-tasks', {
            filter: { tags: ['ring:canary'] },
            targetVersion: '14.0.0',
            mode: 'maintenance_window',
            onConflict: 'skip',
            dryRun: true,
          }),
      ],
    ];
    process.stdout.write(
      `\nTenant list at ${TENANTS.toLocaleString('en')} tenants (${machine()})\n`,
    );
    process.stdout.write(
      `  ${'request'.padEnd(44)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}\n`,
    );
    const line = (name: string, r: { p50: number; p99: number }) =>
      process.stdout.write(
        `  ${name.padEnd(44)} ${r.p50.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)}\n`,
      );
    for (const [name, run] of cases) line(name, await timed(run));
    line('floor: bare SELECT of 50 rows (no HTTP)', floor);
  });
}

runBench(main);
