import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SmtpSink } from '../../notifications/support/smtp-sink';
import { ADMIN_KEY } from '../../support/app';
import { createTestDatabase, dropTestDatabase } from '../../support/database';
import { Api } from '../../support/http';
import { freePort, ServiceProcess } from '../../support/service-process';
import { launchChromium } from './browser';

export interface ConsoleEnv {
  baseUrl: string;
  /** The API as the platform admin (Bearer key), for setting up and checking. */
  admin: Api;
  smtp: SmtpSink;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * The built service (`npm run build`: service and console) as a real process on a real
 * PostgreSQL database, sending its e-mail to an SMTP server in the test, and a headless Chromium.
 */
export async function startConsoleEnv(env: Record<string, string> = {}): Promise<ConsoleEnv> {
  const smtp = await new SmtpSink().start();
  const databaseUrl = await createTestDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tus-console-'));
  const port = await freePort();
  const service = new ServiceProcess({
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    DATA_DIR: dataDir,
    ADMIN_API_KEY: ADMIN_KEY,
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Cloud Updates <updates@cloud.example>',
    MAIL_DIGEST_WINDOW_SECONDS: '0',
    SIMULATED_STEP_MS: '250',
    SCHEDULER_TICK_MS: '100',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    ...env,
  });
  await service.waitFor(/Tenant update scheduler is running/);
  const baseUrl = `http://127.0.0.1:${port}`;
  const browser = await launchChromium();
  return {
    baseUrl,
    admin: new Api(baseUrl, ADMIN_KEY),
    smtp,
    browser,
    close: async () => {
      await browser.close();
      await service.stop();
      await smtp.stop();
      await dropTestDatabase(databaseUrl);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in on the sign-in page with `apiKey` and waits for the tenant list. */
export async function signIn(page: Page, baseUrl: string, apiKey: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('API key').fill(apiKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Tenants', level: 2 }).waitFor();
}
