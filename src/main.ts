import 'reflect-metadata';
import { ConsoleLogger, Logger as NestLogger, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import * as path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { AdminKeyBootstrap } from './auth/admin-key.bootstrap';
import { AppConfig, ConfigError, loadConfig } from './config/app-config';
import { configureApp } from './configure-app';
import { EmbeddedAccessError } from './database/embedded-access';
import { resolveDatabase, type ResolvedDatabase } from './database/resolve-database';

const SHUTDOWN_SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

function banner(config: AppConfig, admin: AdminKeyBootstrap, database: ResolvedDatabase): string {
  const base = `http://localhost:${config.port}`;
  const lines = [
    '',
    `  Tenant update scheduler is running`,
    `  Console:   ${base}/`,
    `  API:       ${base}/api/v1`,
    `  Docs:      ${base}/docs  (OpenAPI JSON: ${base}/docs-json)`,
    `  Health:    ${base}/health`,
    `  Database:  ${database.embedded ? `embedded PostgreSQL in ${database.databaseDir}` : 'DATABASE_URL'}`,
    ...(database.binariesCopy
      ? [
          `             (PostgreSQL runs as the "postgres" user, which cannot enter this folder, so`,
          `             its binaries run from ${database.binariesCopy}; EMBEDDED_PG_HOME moves both)`,
        ]
      : database.embedded && database.databaseDir !== path.join(config.dataDir, 'pg')
        ? [
            `             (the "postgres" user cannot enter ${config.dataDir}; EMBEDDED_PG_HOME moves it)`,
          ]
        : []),
    `  E-mail:    ${config.smtpUrl ? 'SMTP_URL' : `.eml files in ${config.dataDir}/mail`}`,
  ];
  const outcome = admin.outcome;
  if (outcome.kind === 'generated') {
    lines.push(
      `  Admin key: ${outcome.key}`,
      `             (shown once; also saved in ${outcome.file})`,
    );
  } else if (outcome.kind === 'from-env') {
    lines.push('  Admin key: the ADMIN_API_KEY you configured');
  }
  return `${lines.join('\n')}\n`;
}

const NEST_LEVELS: Record<string, LogLevel[]> = {
  trace: ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'],
  debug: ['debug', 'log', 'warn', 'error', 'fatal'],
  info: ['log', 'warn', 'error', 'fatal'],
  warn: ['warn', 'error', 'fatal'],
  error: ['error', 'fatal'],
  fatal: ['fatal'],
  silent: [],
};

/** Until the app's pino logger takes over, start-up messages are logged in the same shape. */
function startupLogger(config: AppConfig): ConsoleLogger {
  return new ConsoleLogger({
    json: config.logFormat === 'json',
    logLevels: NEST_LEVELS[config.logLevel],
  });
}

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  NestLogger.overrideLogger(startupLogger(config));
  const database = await resolveDatabase(config);
  let app: NestExpressApplication;
  try {
    app = await NestFactory.create<NestExpressApplication>(
      AppModule.forRoot({ ...config, databaseUrl: database.url }),
      { bufferLogs: true, bodyParser: false },
    );
  } catch (error) {
    await database.stop();
    throw error;
  }
  app.useLogger(app.get(Logger));
  configureApp(app);
  await app.listen(config.port);
  process.stdout.write(banner(config, app.get(AdminKeyBootstrap), database));

  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) {
      process.stderr.write(`${signal} again: exiting at once\n`);
      process.exit(1);
    }
    stopping = true;
    new NestLogger('Main').log({ signal }, 'shutting down');
    try {
      await app.close();
    } finally {
      await database.stop();
    }
    process.exit(0);
  };
  for (const signal of SHUTDOWN_SIGNALS) process.on(signal, (s) => void shutdown(s));
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof EmbeddedAccessError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `The service could not start: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
  }
  process.exit(1);
});
