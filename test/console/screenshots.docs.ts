import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { ADMIN_KEY } from '../support/app';
import { newViewer } from './support/browser';
import { type ConsoleEnv, signIn, startConsoleEnv } from './support/console-env';
import { choose } from './support/pickers';
import { consoleWorld } from './support/world';

const OUT = path.resolve(__dirname, '../../docs/console');
const SHOWN = { timeout: 30_000 };
jest.setTimeout(300_000);

/**
 * Renders the console's main pages, with demo data, into docs/console/*.png for the README:
 * `npm run docs:screenshots`. Not part of `npm test`.
 */
describe('console screenshots for the docs', () => {
  let env: ConsoleEnv;
  let world: Awaited<ReturnType<typeof consoleWorld>>;

  beforeAll(async () => {
    env = await startConsoleEnv({ SIMULATED_STEP_MS: '1500' });
    world = await consoleWorld(env.admin);
    const more = Array.from({ length: 44 }, (_, i) => ({
      partnerId: world.partnerId,
      name: `${['Trattoria', 'Hotel', 'Kanzlei', 'Praxis', 'Autohaus', 'Studio'][i % 6]} ${
        ['Alpina', 'Bergblick', 'Centrale', 'Donau', 'Etna', 'Fontana', 'Garda'][i % 7]
      } ${i + 1}`,
      softwareVersion: i % 5 === 0 ? '14.0.0' : '13.2.0',
      customerEmail: `it${i}@customer.example`,
      locale: ['it', 'de', 'en'][i % 3],
      timezone: ['Europe/Rome', 'Europe/Berlin', 'Europe/Vienna'][i % 3],
      tags: i % 4 === 0 ? ['region:eu', 'ring:early'] : ['region:eu'],
      nodes: i % 9 === 0 ? [{ name: 'node-a' }, { name: 'node-b' }] : [],
    }));
    await env.admin.post('/tenants/bulk', { tenants: more }).expect(201);
    await env.admin
      .post('/update-tasks', {
        tenantIds: world.tenantIds.slice(0, 3),
        targetVersion: '14.0.0',
        mode: 'maintenance_window',
        notifyCustomer: true,
        notifyPartner: true,
      })
      .expect(201);
    await env.admin
      .post(`/platforms/${world.platformId}/maintenance`, {
        startsAt: new Date(Date.now() + 9 * 86_400_000).toISOString(),
        endsAt: new Date(Date.now() + 9 * 86_400_000 + 5 * 3_600_000).toISOString(),
        message: 'Database cluster upgrade. The partner portal stays available.',
        conflictPolicy: 'reschedule',
      })
      .expect(201);
  });
  afterAll(() => env?.close());

  async function shot(page: Page, name: string): Promise<void> {
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: path.join(OUT, `${name}.png`) });
  }

  it('captures the main pages', async () => {
    const page = await (await newViewer(env.browser)).newPage();
    await page.goto(`${env.baseUrl}/sign-in`);
    await page.getByText('Database cluster upgrade').waitFor(SHOWN);
    await shot(page, 'sign-in');

    await signIn(page, env.baseUrl, world.partnerKey);
    await page.getByText('Update to 14.0.0').first().waitFor(SHOWN);
    await shot(page, 'tenants');

    const tags = page.getByRole('combobox', { name: 'Tags' });
    await tags.fill('region:eu');
    await tags.press('Enter');
    await choose(page, page.getByRole('combobox', { name: 'Rows per page' }), '25');
    await page.getByText('1–25 of').waitFor(SHOWN);
    await page.getByRole('checkbox', { name: 'Select every tenant on this page' }).check();
    await page.getByRole('button', { name: /Select all \d+ matching tenants/ }).click();
    await page.getByRole('button', { name: /^Update \d+ tenants…$/ }).click();
    const dialog = page.getByRole('dialog');
    await choose(
      page,
      dialog.getByRole('combobox', { name: 'Target software version' }),
      /14\.0\.0/,
    );
    await dialog.getByText(/tenants? will be updated/).waitFor(SHOWN);
    await shot(page, 'update-dialog');
    await page.keyboard.press('Escape');

    // An immediate update, caught while it runs, then its page when it is done.
    await page.goto(`${env.baseUrl}/tenants/${world.tenantIds[5]}`);
    await page.getByRole('button', { name: 'Update…' }).click();
    const one = page.getByRole('dialog');
    await one.getByRole('radio', { name: 'Immediately' }).check();
    await choose(page, one.getByRole('combobox', { name: 'Target software version' }), /14\.0\.0/);
    await one.getByRole('button', { name: 'Schedule 1 update' }).click();
    await page.getByRole('link', { name: /Tasks/ }).first().click();
    await page
      .getByText(/Installing|Backup|Verifying/)
      .first()
      .waitFor(SHOWN);
    await shot(page, 'tasks');
    await page
      .getByRole('row', { name: /Gelateria Dolce/ })
      .getByRole('link')
      .nth(1)
      .click();
    await page.getByRole('progressbar', { name: 'Progress 100%' }).waitFor(SHOWN);
    await shot(page, 'task');

    await page.goto(`${env.baseUrl}/tenants/${world.tenantIds[0]}`);
    await page.getByText('Update to 14.0.0').first().waitFor(SHOWN);
    await shot(page, 'tenant');

    await page.getByRole('link', { name: 'Batches' }).click();
    await page.getByRole('progressbar').first().waitFor(SHOWN);
    await shot(page, 'batches');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, env.baseUrl, ADMIN_KEY);
    await page.getByRole('link', { name: 'Maintenance' }).click();
    await page.getByText('Database cluster upgrade').first().waitFor(SHOWN);
    await shot(page, 'maintenance');
    await page.goto(`${env.baseUrl}/platforms/${world.platformId}`);
    await page.getByRole('cell', { name: '14.0.0', exact: true }).waitFor(SHOWN);
    await shot(page, 'platform');
  });
});
