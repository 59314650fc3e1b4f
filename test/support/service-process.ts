import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { freePort } from '../../bench/support';
import { FakeExecutor } from '../scheduler/fake-executor';
import { ADMIN_KEY } from './app';
import { createTestDatabase, dropTestDatabase } from './database';
import { Api } from './http';

export { freePort };

const MAIN = path.resolve(__dirname, '../../dist/src/main.js');
/** What the service prints once it serves (the start banner). */
export const READY = /Tenant update scheduler is running/;

/** The built service (dist/, from `npm run build`) as a real process, as users run it. */
export class ServiceProcess {
  readonly child: ChildProcess;
  output = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  /** `main` and `cwd`: another copy of the built service (e.g. a clone in a closed folder). */
  constructor(
    env: Record<string, string | undefined>,
    options: { main?: string; cwd?: string } = {},
  ) {
    const base = { ...process.env };
    for (const key of ['DATABASE_URL', 'TEST_DATABASE_URL', 'ADMIN_API_KEY', 'SMTP_URL'])
      delete base[key];
    this.child = spawn(process.execPath, [options.main ?? MAIN], {
      cwd: options.cwd,
      env: { ...base, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) =>
      this.child.on('exit', (code, signal) => resolve({ code, signal })),
    );
  }

  /** Resolves with the first match of `pattern` in the output; fails if the process exits first. */
  waitFor(pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => finish(new Error(`timed out waiting for ${pattern}:\n${this.output}`)),
        timeoutMs,
      );
      const check = () => {
        const match = this.output.match(pattern);
        if (match) finish(undefined, match);
      };
      const onExit = () =>
        finish(new Error(`process exited while waiting for ${pattern}:\n${this.output}`));
      const finish = (error?: Error, match?: RegExpMatchArray) => {
        clearTimeout(timer);
        this.child.stdout?.off('data', check);
        this.child.stderr?.off('data', check);
        this.child.off('exit', onExit);
        if (error) reject(error);
        else resolve(match as RegExpMatchArray);
      };
      this.child.stdout?.on('data', check);
      this.child.stderr?.on('data', check);
      this.child.once('exit', onExit);
      check();
    });
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM') {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }
}

/**
 * Built service processes (`npm run build`) on one new database, running their updates against a
 * deployment API on a real HTTP server, with a platform (versions 1.0.0 and 2.0.0) whose executor
 * that API is, and a client on the database for the test's checks.
 */
export interface ServiceGroup {
  databaseUrl: string;
  pg: Client;
  fake: FakeExecutor;
  /** The first process's API, as the platform admin. */
  api: Api;
  platformId: string;
  /** By index; `start(i)` replaces process `i`. */
  services: ServiceProcess[];
  /** Starts process `i` (again) with its environment and waits until it is ready. */
  start(i: number): Promise<ServiceProcess>;
  /** `SELECT count(*)` of `sql` (what follows the select list) on the group's database. */
  count(sql: string, params?: unknown[]): Promise<number>;
  /** Kills the processes, stops the deployment API, drops the database. */
  close(): Promise<void>;
}

export interface ServiceGroupOptions {
  processes: number;
  /** The executor's signing secret. */
  secret: string;
  platform: { name: string; updateSteps?: string[] };
  /** Each process's environment beyond its database, port, data directory and admin key. */
  env: Record<string, string>;
}

export async function startServiceGroup(options: ServiceGroupOptions): Promise<ServiceGroup> {
  if (!fs.existsSync(MAIN)) throw new Error('run `npm run build:service` first');
  const services: ServiceProcess[] = [];
  const dataDirs: string[] = [];
  const databaseUrl = await createTestDatabase();
  const pg = new Client({ connectionString: databaseUrl });
  let fake: FakeExecutor | undefined;
  const close = async () => {
    await Promise.all(services.map((s) => s?.stop('SIGKILL')));
    await fake?.stop();
    await pg.end().catch(() => undefined);
    await dropTestDatabase(databaseUrl);
    for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await pg.connect();
    fake = await new FakeExecutor(options.secret).start();
    const envs: Record<string, string>[] = [];
    for (let i = 0; i < options.processes; i++) {
      dataDirs.push(fs.mkdtempSync(path.join(os.tmpdir(), 'tus-proc-')));
      envs.push({
        DATABASE_URL: databaseUrl,
        PORT: String(await freePort()),
        DATA_DIR: dataDirs[i],
        ADMIN_API_KEY: ADMIN_KEY,
        ...options.env,
      });
    }
    const start = async (i: number) => {
      const service = new ServiceProcess(envs[i]);
      services[i] = service;
      await service.waitFor(READY);
      return service;
    };
    await Promise.all(envs.map((_, i) => start(i)));
    const api = new Api(`http://127.0.0.1:${envs[0].PORT}`, ADMIN_KEY);
    const platform = await api
      .post('/platforms', {
        ...options.platform,
        timezone: 'UTC',
        executor: { driver: 'http', url: fake.url, secret: options.secret },
      })
      .expect(201);
    const platformId: string = platform.body.id;
    for (const version of ['1.0.0', '2.0.0'])
      await api.post(`/platforms/${platformId}/versions`, { version }).expect(201);
    return {
      databaseUrl,
      pg,
      fake,
      api,
      platformId,
      services,
      start,
      count: async (sql, params = []) =>
        (await pg.query<{ n: number }>(`SELECT count(*)::int AS n ${sql}`, params)).rows[0].n,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
