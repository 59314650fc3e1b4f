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
  const prefix = `tus_t_${process.env.TUS_TEST_RUN}_`;
  const admin = new Client({ connectionString: process.env.TEST_PG_ADMIN_URL });
  await admin.connect();
  let names;
  try {
    // The clones made ahead for a next file (test/support/database.ts) that are still being made
    // or waiting for their turn: a worker that ended meanwhile does not stop them. They connect as
    // `tus-clone-<run>`; each takes about half a second, so this waits at most a minute.
    for (let i = 0; i < 600; i++) {
      const { rows } = await admin.query(
        `SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()`,
        [`tus-clone-${process.env.TUS_TEST_RUN}`],
      );
      if (rows.length === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const { rows } = await admin.query(
      `SELECT datname FROM pg_database WHERE starts_with(datname, $1)`,
      [prefix],
    );
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
