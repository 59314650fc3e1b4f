import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { runMigrations } from '../../src/database/migrate';
import { MIGRATIONS } from '../../migrations';
import { isOpen, TASK_STATUSES } from '../../src/updates/task-status';
import { createTestDatabase, dropTestDatabase } from '../support/database';

const TABLES = [
  'api_key',
  'audit_log',
  'outbox_email',
  'partner',
  'platform',
  'platform_maintenance',
  'software_version',
  'tenant',
  'update_batch',
  'update_task',
];

async function tables(ds: DataSource): Promise<string[]> {
  const rows: { table_name: string }[] = await ds.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migrations'`,
  );
  return rows.map((r) => r.table_name).sort();
}

describe('migrations', () => {
  let url: string;
  const open: DataSource[] = [];
  const connect = async () => {
    const ds = await new DataSource(dataSourceOptions({ url, poolSize: 2 })).initialize();
    open.push(ds);
    return ds;
  };

  beforeEach(async () => {
    url = await createTestDatabase({ migrated: false });
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((ds) => ds.destroy()));
    await dropTestDatabase(url);
  });

  it('builds the schema from an empty database, reverts it, and builds it again', async () => {
    const ds = await connect();
    expect(await tables(ds)).toEqual([]);
    expect(await runMigrations(ds)).toEqual(MIGRATIONS.map((m) => m.name));
    expect(await tables(ds)).toEqual(expect.arrayContaining(TABLES));
    expect(await runMigrations(ds)).toEqual([]);
    for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration();
    expect(await tables(ds)).toEqual([]);
    expect(await runMigrations(ds)).toHaveLength(MIGRATIONS.length);
  });

  it('lets replicas that start at the same moment apply each migration once', async () => {
    const replicas = await Promise.all([connect(), connect(), connect()]);
    const applied = await Promise.all(replicas.map((ds) => runMigrations(ds)));
    expect(applied.flat().sort()).toEqual(MIGRATIONS.map((m) => m.name).sort());
    const rows = await replicas[0].query('SELECT name FROM schema_migrations');
    expect(rows).toHaveLength(MIGRATIONS.length);
  });

  it('defines open tasks as the code does: the database accepts every status and computes is_open alike', async () => {
    const ds = await connect();
    await runMigrations(ds);
    const rows: { status: string; is_open: boolean }[] = await ds.query(
      `INSERT INTO update_task (batch_id, tenant_id, partner_id, platform_id, from_version,
         target_version, mode, run_at, expected_duration_minutes, status)
       SELECT gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), '1.0.0',
         '2.0.0', 'immediate', now(), 60, s
       FROM unnest($1::text[]) AS s
       RETURNING status, is_open`,
      [TASK_STATUSES],
    );
    expect(Object.fromEntries(rows.map((r) => [r.status, r.is_open]))).toEqual(
      Object.fromEntries(TASK_STATUSES.map((s) => [s, isOpen(s)])),
    );
    await expect(
      ds.query(
        `INSERT INTO update_task (batch_id, tenant_id, partner_id, platform_id, from_version,
           target_version, mode, run_at, expected_duration_minutes, status)
         VALUES (gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), '1',
           '2', 'immediate', now(), 60, 'no_such_status')`,
      ),
    ).rejects.toThrow(/check constraint/);
  });
});
