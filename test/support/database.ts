import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { runMigrations } from '../../src/database/migrate';

const TEMPLATE_LOCK = 727_140_099;

export function adminUrl(): string {
  const url = process.env.TEST_PG_ADMIN_URL;
  if (!url)
    throw new Error('TEST_PG_ADMIN_URL is not set: run the tests through jest (global setup)');
  return url;
}

export function urlFor(database: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * The admin connections of this run that make databases carry this name, so that the end of the
 * run can wait for any still at work (test/support/global-teardown.js).
 */
function cloneApplicationName(): string {
  return `tus-clone-${process.env.TUS_TEST_RUN ?? process.pid}`;
}

async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({
    connectionString: adminUrl(),
    application_name: cloneApplicationName(),
  });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Changes to any migration file give a new template. */
function templateName(): string {
  const dir = path.resolve(__dirname, '../../migrations');
  const hash = createHash('sha1');
  for (const file of fs.readdirSync(dir).sort())
    hash.update(file).update(fs.readFileSync(path.join(dir, file)));
  return `tus_tpl_${hash.digest('hex').slice(0, 12)}`;
}

export async function migrate(url: string): Promise<void> {
  const ds = await new DataSource(dataSourceOptions({ url, poolSize: 2 })).initialize();
  try {
    await runMigrations(ds);
  } finally {
    await ds.destroy();
  }
}

/** Every database of a run starts with this (the run's databases are dropped at its end). */
function runPrefix(): string {
  return `tus_t_${process.env.TUS_TEST_RUN ?? process.pid}_`;
}

/**
 * The clone this process makes ahead for its next test file, while the current one runs: a jest
 * worker runs its files one after another in one process, and a clone takes about half a second.
 */
function sparePrefix(): string {
  return `${runPrefix()}s${process.pid}_`;
}

/**
 * Clones the migrated template as `name`, building the template first if this migration set has
 * none yet (unless `build` is false: then nothing is made and the answer is false). Every clone
 * and build of every checkout takes turns under one advisory lock: PostgreSQL refuses to copy a
 * template while another session copies it, and a turn has no deadline to miss on a busy machine.
 */
async function cloneTemplate(client: Client, name: string, build: boolean): Promise<boolean> {
  const template = templateName();
  await client.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
  try {
    const { rows } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (rows.length === 0) {
      if (!build) return false;
      await buildTemplate(client, template);
    }
    await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    return true;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
  }
}

/** Builds `template` (under the caller's lock) and drops the templates of other migration sets. */
async function buildTemplate(client: Client, template: string): Promise<void> {
  await client.query(`CREATE DATABASE "${template}"`);
  try {
    await migrate(urlFor(template));
  } catch (error) {
    await client.query(`DROP DATABASE "${template}" WITH (FORCE)`);
    throw error;
  }
  // Templates of earlier migration sets are not needed any more (every clone takes the lock held
  // here, so none is being copied now).
  const stale = await client.query(
    `SELECT datname FROM pg_database WHERE datname LIKE 'tus\\_tpl\\_%' AND datname <> $1`,
    [template],
  );
  for (const { datname } of stale.rows) {
    await client.query(`DROP DATABASE IF EXISTS "${datname}"`).catch(() => undefined);
  }
}

/** Takes this process's spare clone as `name`, if one is ready (its CREATE has committed). */
async function claimSpare(client: Client, name: string): Promise<boolean> {
  const { rows } = await client.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE starts_with(datname, $1) LIMIT 1`,
    [sparePrefix()],
  );
  if (rows.length === 0) return false;
  try {
    await client.query(`ALTER DATABASE "${rows[0].datname}" RENAME TO "${name}"`);
    return true;
  } catch {
    return false; // taken meanwhile by another file of this process (files that start apps at once)
  }
}

/** A new database for one test file, cloned from a template with every migration applied. */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<string> {
  const name = `${runPrefix()}${randomBytes(5).toString('hex')}`;
  if (options.migrated === false) {
    await withAdmin((client) => client.query(`CREATE DATABASE "${name}"`));
    return urlFor(name);
  }
  await withAdmin(async (client) => {
    if (!(await claimSpare(client, name))) await cloneTemplate(client, name, true);
  });
  // Not awaited: it runs while this file does. One that failed leaves no spare, and the next file
  // clones its own; the end of the run waits for any still running before it drops them all.
  const spare = `${sparePrefix()}${randomBytes(5).toString('hex')}`;
  // It never builds a template: that runs migrations, which must not outlive this file's jest
  // environment (a template is missing only when another checkout's run replaced it meanwhile).
  void withAdmin((client) => cloneTemplate(client, spare, false)).catch(() => undefined);
  return urlFor(name);
}

/**
 * Done with a test database: it is dropped at the end of the run, with every other database of
 * the run at once (test/support/global-teardown.js). A drop waits for a checkpoint, about a second
 * each on its own, shared when they run at once. Only its name is checked here.
 */
export function dropTestDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  if (!name.startsWith(runPrefix()))
    return Promise.reject(new Error(`${name} is not a database of this test run`));
  return Promise.resolve();
}
