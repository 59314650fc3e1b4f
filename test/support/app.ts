import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { AdminKeyBootstrap } from '../../src/auth/admin-key.bootstrap';
import { Clock } from '../../src/common/clock';
import { FanoutRepository } from '../../src/notifications/fanout.repository';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { configureApp } from '../../src/configure-app';
import { TestClock } from './clock';
import { createTestDatabase, dropTestDatabase } from './database';
import { Api } from './http';

export const ADMIN_KEY = 'tus_test-platform-admin-key-0123456789';

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  clock: TestClock;
  ds: DataSource;
  /** Authenticated as the platform admin. */
  admin: Api;
  /** Not authenticated. */
  anonymous: Api;
  databaseUrl: string;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Extra environment, as a user would set it. */
  env?: Record<string, string>;
  /** Reuse a database (several apps on one database); otherwise a fresh one is created and dropped. */
  databaseUrl?: string;
  clock?: TestClock;
}

/** The whole service on a real PostgreSQL database, listening on a random local port. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const ownDatabase = !options.databaseUrl;
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase());
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tus-test-data-'));
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    ADMIN_API_KEY: ADMIN_KEY,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    SCHEDULER_ENABLED: 'false',
    DB_POOL_SIZE: '5',
    RATE_LIMIT_PER_MINUTE: '0',
    ...options.env,
  });
  const clock = options.clock ?? new TestClock();
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({
    logger: false,
    bodyParser: false,
  });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  return {
    app,
    config,
    clock,
    ds: app.get(DataSource),
    admin: new Api(baseUrl, ADMIN_KEY),
    anonymous: new Api(baseUrl),
    databaseUrl,
    close: async () => {
      await app.close();
      if (ownDatabase) await dropTestDatabase(databaseUrl);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * What the e-mail sender does first with a new batch: its customers' notices are written from the
 * batch's fan-out row (no sender runs in most tests). Returns how many were written.
 */
/**
 * Empties every table but the migration record and creates the platform admin key again as the
 * app does on start: the database is as a fresh app on a fresh clone of the template (which holds
 * no other rows) finds it. For files whose tests read platform-wide state (public lists, counts
 * over all rows) but can share one app.
 */
export async function emptyDatabase(t: TestApp): Promise<void> {
  const rows: { tablename: string }[] = await t.ds.query(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'`,
  );
  await t.ds.query(
    `TRUNCATE ${rows.map((r) => `"${r.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`,
  );
  await t.app.get(AdminKeyBootstrap).onModuleInit();
}

export async function expandCustomerNotices(t: TestApp): Promise<number> {
  const fanout = t.app.get(FanoutRepository);
  let written = 0;
  for (;;) {
    const step = await fanout.expandNext(t.clock.now(), 10_000);
    if (step.batchId === null) return written;
    written += step.written;
  }
}
