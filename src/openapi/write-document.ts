import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import * as fs from 'node:fs';
import { AppModule } from '../app.module';
import { loadConfig } from '../config/app-config';
import { API_PREFIX, ROOT_ROUTES } from '../configure-app';
import { buildOpenApiDocument } from './document';

/**
 * Writes the OpenAPI document without starting the service (Nest's preview mode builds the routes
 * but no provider, so no database is needed): `node dist/src/openapi/write-document.js <file>`.
 * The console's API types are generated from it (npm run api:types).
 */
async function main(file: string): Promise<void> {
  const config = loadConfig({ DATABASE_URL: 'postgres://unused@127.0.0.1:1/unused' });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    preview: true,
    logger: false,
    bodyParser: false,
    // Fail with the cause instead of exiting silently.
    abortOnError: false,
  });
  app.setGlobalPrefix(API_PREFIX, { exclude: ROOT_ROUTES });
  fs.writeFileSync(file, `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`);
  await app.close();
}

main(process.argv[2] ?? 'openapi.json').catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
