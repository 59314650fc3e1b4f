import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';

/** One advisory lock key for "schema changes and first-start bootstrap" across all replicas. */
export const BOOTSTRAP_LOCK_KEY = 727_140_001;

/**
 * Runs `work` while holding a session-level advisory lock, so that replicas starting at the same
 * moment take turns (the second finds the migrations already applied).
 */
export async function withBootstrapLock<T>(ds: DataSource, work: () => Promise<T>): Promise<T> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [BOOTSTRAP_LOCK_KEY]);
    try {
      return await work();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [BOOTSTRAP_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}

/** Applies pending migrations, each in its own transaction, under the bootstrap lock. */
export async function runMigrations(ds: DataSource): Promise<string[]> {
  const logger = new Logger('Migrations');
  return withBootstrapLock(ds, async () => {
    const applied = await ds.runMigrations({ transaction: 'each' });
    const names = applied.map((m) => m.name);
    if (names.length > 0) logger.log({ migrations: names }, 'applied migrations');
    return names;
  });
}
