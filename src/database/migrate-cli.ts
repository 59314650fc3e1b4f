// `npm run migration:run` applies pending migrations; `npm run migration:revert` undoes the last one.
// Uses DATABASE_URL, or the embedded server in DATA_DIR/pg when it is unset.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';
import { runMigrations, withBootstrapLock } from './migrate';
import { resolveDatabase } from './resolve-database';

async function main(command: string | undefined): Promise<void> {
  if (command !== 'run' && command !== 'revert' && command !== 'show') {
    throw new Error('usage: migrate-cli run|revert|show');
  }
  const database = await resolveDatabase(loadConfig());
  const ds = await new DataSource(
    dataSourceOptions({ url: database.url, poolSize: 2 }),
  ).initialize();
  try {
    if (command === 'run') {
      const applied = await runMigrations(ds);
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'no pending migrations');
    } else if (command === 'revert') {
      await withBootstrapLock(ds, () => ds.undoLastMigration({ transaction: 'each' }));
      console.log('reverted the last migration');
    } else {
      const pending = await ds.showMigrations();
      console.log(pending ? 'there are pending migrations' : 'no pending migrations');
    }
  } finally {
    await ds.destroy();
    await database.stop();
  }
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
