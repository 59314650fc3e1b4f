const { Client } = require('pg');

/** Drops at once, on this many connections: each drop waits for a checkpoint, which they share. */
const AT_ONCE = 16;

module.exports = async function globalTeardown() {
  const server = globalThis.__TUS_EMBEDDED_PG__;
  if (server) {
    await server.stop();
    return;
  }
  // Every database of this run's test files (dropTestDatabase leaves them to here, and a file that
  // crashed cannot drop its own).
  const admin = new Client({ connectionString: process.env.TEST_PG_ADMIN_URL });
  await admin.connect();
  let names;
  try {
    const { rows } = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
      `tus\\_t\\_${process.env.TUS_TEST_RUN}\\_%`,
    ]);
    names = rows.map((r) => r.datname);
  } finally {
    await admin.end();
  }
  const drop = async () => {
    const client = new Client({ connectionString: process.env.TEST_PG_ADMIN_URL });
    await client.connect();
    try {
      for (let name = names.pop(); name !== undefined; name = names.pop())
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await client.end();
    }
  };
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, names.length) }, drop));
};
