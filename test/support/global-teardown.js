const { Client } = require('pg');

module.exports = async function globalTeardown() {
  const server = globalThis.__TUS_EMBEDDED_PG__;
  if (server) {
    await server.stop();
    return;
  }
  // Drop what this run's test files left behind (a file that crashed cannot drop its own).
  const client = new Client({ connectionString: process.env.TEST_PG_ADMIN_URL });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
      `tus_t_${process.env.TUS_TEST_RUN}_%`,
    ]);
    for (const { datname } of rows) {
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
};
