import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Api } from '../support/http';
import { freePort, ServiceProcess } from '../support/service-process';

const READY = /Tenant update scheduler is running/;

/** `npm start` on a fresh machine: no DATABASE_URL, an empty DATA_DIR. */
describe('embedded PostgreSQL mode', () => {
  let dataDir: string;
  let pgHome: string;
  let service: ServiceProcess | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tus-embedded-'));
    // As root from a clone PostgreSQL cannot reach (e.g. in /root), the binaries go here.
    pgHome = fs.mkdtempSync(path.join(os.tmpdir(), 'tus-embedded-home-'));
    env = {
      DATA_DIR: dataDir,
      EMBEDDED_PG_HOME: pgHome,
      PORT: String(await freePort()),
      EMBEDDED_PG_PORT: String(await freePort()),
      SCHEDULER_ENABLED: 'false',
      LOG_LEVEL: 'info',
    };
  });
  afterAll(async () => {
    await service?.stop('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(pgHome, { recursive: true, force: true });
  });

  it('starts from an empty DATA_DIR, prints the admin key once and stores it', async () => {
    service = new ServiceProcess(env);
    await service.waitFor(READY);
    const key = (await service.waitFor(/Admin key: (tus_\S+)/))[1];
    expect(fs.readFileSync(path.join(dataDir, 'admin-api-key'), 'utf8').trim()).toBe(key);
    expect(fs.statSync(path.join(dataDir, 'admin-api-key')).mode & 0o777).toBe(0o600);
    expect(fs.existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);

    const api = new Api(`http://127.0.0.1:${env.PORT}`, key);
    await api.root('/health').expect(200);
    await api.post('/platforms', { name: 'survives restarts', timezone: 'UTC' }).expect(201);

    expect(await service.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(service.output).toMatch(/"msg":"embedded PostgreSQL stopped"/);
    expect(service.output).not.toMatch(/Unsupported route path/);
    expect(fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  });

  it('restarts on the same DATA_DIR with its data and without a new key', async () => {
    service = new ServiceProcess(env);
    await service.waitFor(READY);
    expect(service.output).not.toMatch(/Admin key: tus_/);
    const key = fs.readFileSync(path.join(dataDir, 'admin-api-key'), 'utf8').trim();
    const api = new Api(`http://127.0.0.1:${env.PORT}`, key);
    const platforms = await api.get('/platforms').expect(200);
    expect(platforms.body.items.map((p: { name: string }) => p.name)).toEqual([
      'survives restarts',
    ]);
    expect(await service.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  });

  it('recovers when the previous process was killed and left PostgreSQL running', async () => {
    service = new ServiceProcess(env);
    await service.waitFor(READY);
    expect(await service.stop('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
    expect(fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(true);

    service = new ServiceProcess(env);
    await service.waitFor(READY);
    expect(service.output).toMatch(/left running by an earlier start/);
    const key = fs.readFileSync(path.join(dataDir, 'admin-api-key'), 'utf8').trim();
    await new Api(`http://127.0.0.1:${env.PORT}`, key).get('/platforms').expect(200);
    expect(await service.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  });
});
