import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { newViewer, watchErrors } from './support/browser';
import { type ConsoleEnv, signIn, startConsoleEnv } from './support/console-env';
import { consoleWorld } from './support/world';
import { ADMIN_KEY } from '../support/app';

const SHOWN = { timeout: 20_000 };
jest.setTimeout(240_000);

interface Found {
  page: string;
  rule: string;
  impact: string | null | undefined;
  targets: string[];
}

/**
 * axe-core on every page of the console, signed in as either role, with its dialogs open: no
 * serious or critical violation (WCAG 2.1 A and AA rules).
 */
describe('accessibility of the console (axe-core)', () => {
  let env: ConsoleEnv;
  let world: Awaited<ReturnType<typeof consoleWorld>>;
  let taskId: string;
  let batchId: string;
  let rolloutId: string;

  beforeAll(async () => {
    env = await startConsoleEnv();
    world = await consoleWorld(env.admin);
    const scheduled = await env.admin
      .post('/update-tasks', {
        tenantIds: world.tenantIds.slice(0, 2),
        targetVersion: '14.0.0',
        mode: 'maintenance_window',
        notifyCustomer: true,
      })
      .expect(201);
    batchId = scheduled.body.batchId;
    const tasks = await env.admin.get(`/update-tasks?batchId=${batchId}`).expect(200);
    taskId = tasks.body.items[0].id;
    // Three other tenants in a rollout of two waves (in their windows: nothing starts); Autohaus
    // Weber (the fourth) is left free for the update dialog below.
    const rollout = await env.admin
      .post('/rollouts', {
        tenantIds: [world.tenantIds[2], ...world.tenantIds.slice(4)],
        targetVersion: '14.0.0',
        mode: 'maintenance_window',
        waves: [{ count: 1 }, { percent: 100 }],
      })
      .expect(201);
    rolloutId = rollout.body.id;
    await env.admin
      .post(`/platforms/${world.platformId}/maintenance`, {
        startsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        endsAt: new Date(Date.now() + 30 * 86_400_000 + 4 * 3_600_000).toISOString(),
        message: 'Storage cluster upgrade',
        conflictPolicy: 'reschedule',
      })
      .expect(201);
  });
  afterAll(() => env?.close());

  /**
   * One `axe.run` in the page itself (legacy mode: the console has no frames to combine, and the
   * default mode opens a second page per pass to merge them), with only the violations worked out
   * in full (`resultTypes`: axe then skips building selectors for the passes it would discard).
   * The same rules run on the same nodes: the violations found are identical, at a third of the time.
   */
  async function violations(page: Page, name: string): Promise<Found[]> {
    const result = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
      .setLegacyMode()
      .options({ resultTypes: ['violations'] })
      .analyze();
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        page: name,
        rule: v.id,
        impact: v.impact,
        targets: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
      }));
  }

  /**
   * Opens `path` as the console's own links do once it is loaded (a route change in the page,
   * without loading its scripts again), and waits until the page has settled.
   */
  async function visit(page: Page, path: string, ready: string | RegExp): Promise<void> {
    if (new URL(page.url()).origin === env.baseUrl)
      await page.evaluate(
        `history.pushState(null, '', ${JSON.stringify(path)}); dispatchEvent(new PopStateEvent('popstate'))`,
      );
    else await page.goto(`${env.baseUrl}${path}`);
    await page.getByRole('heading', { name: ready, level: 2 }).first().waitFor(SHOWN);
    // Everything the page asks for has been answered, and no loader is left.
    await page.waitForLoadState('networkidle');
    await page
      .locator('.mantine-Loader-root')
      .first()
      .waitFor({ state: 'detached', ...SHOWN });
  }

  it('finds no serious or critical violation on any page of a platform admin', async () => {
    const page = await (await newViewer(env.browser)).newPage();
    const errors = watchErrors(page);
    const found: Found[] = [];

    await page.goto(`${env.baseUrl}/sign-in`);
    await page.getByText('Storage cluster upgrade').waitFor(SHOWN);
    found.push(...(await violations(page, 'sign-in')));

    await signIn(page, env.baseUrl, ADMIN_KEY);
    const pages: [string, string | RegExp][] = [
      ['/tenants', 'Tenants'],
      [`/tenants/${world.tenantIds[0]}`, 'Pizzeria Da Mario'],
      ['/tasks', 'Tasks'],
      [`/tasks/${taskId}`, /→ 14\.0\.0/],
      ['/batches', 'Batches'],
      [`/batches/${batchId}`, /Batch: update to 14\.0\.0/],
      ['/rollouts', 'Rollouts'],
      [`/rollouts/${rolloutId}`, /Rollout: update to 14\.0\.0/],
      ['/platforms', 'Platforms'],
      [`/platforms/${world.platformId}`, 'EU cloud'],
      ['/maintenance', 'Platform maintenance'],
      ['/partners', 'Partners'],
      [`/partners/${world.partnerId}`, /ACME Telecom/],
      ['/api-keys', 'API keys'],
      ['/notifications', 'E-mail deliveries'],
      ['/audit-log', 'Audit log'],
    ];
    for (const [path, heading] of pages) {
      await visit(page, path, heading);
      found.push(...(await violations(page, path)));
    }

    // The dialogs: the update dialog with its preview, a date picker open, a new API key.
    await visit(page, '/tenants', 'Tenants');
    await page.getByRole('checkbox', { name: 'Select Autohaus Weber' }).check();
    await page.getByRole('button', { name: 'Update 1 tenant…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Update 1 tenant' });
    await dialog.getByRole('combobox', { name: 'Target software version' }).click();
    await page.getByRole('option', { name: /14\.0\.0/ }).click();
    await dialog.getByText('1 tenant will be updated').waitFor(SHOWN);
    found.push(...(await violations(page, 'update dialog')));
    await dialog.getByRole('radio', { name: 'At a time of my choice' }).check();
    await dialog.getByRole('button', { name: /Date and time/ }).click();
    await page.getByRole('button', { name: 'Next month' }).waitFor(SHOWN);
    found.push(...(await violations(page, 'date picker')));
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');

    await visit(page, '/api-keys', 'API keys');
    await page.getByRole('button', { name: 'New API key' }).click();
    const keyDialog = page.getByRole('dialog', { name: 'New API key' });
    await keyDialog.getByLabel('Name').fill('axe check');
    await keyDialog.getByRole('combobox', { name: 'Role' }).click();
    await page.getByRole('option', { name: 'Platform admin' }).click();
    await keyDialog.getByRole('button', { name: 'Create' }).click();
    await keyDialog.getByText('Copy the key now').waitFor(SHOWN);
    found.push(...(await violations(page, 'new API key')));

    expect(found).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('finds no serious or critical violation on the pages of a partner admin, in German', async () => {
    const page = await (await newViewer(env.browser, { locale: 'de-DE' })).newPage();
    const errors = watchErrors(page);
    const found: Found[] = [];
    await page.goto(`${env.baseUrl}/sign-in`);
    await page.getByLabel('API-Schlüssel').fill(world.partnerKey);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByRole('heading', { name: 'Tenants', level: 2 }).waitFor(SHOWN);
    for (const [path, heading] of [
      ['/tenants', 'Tenants'],
      ['/tasks', 'Aufgaben'],
      ['/batches', 'Aufträge'],
      ['/rollouts', 'Rollouts'],
      ['/partner', /ACME Telecom/],
      ['/platforms', 'Plattformen'],
      [`/platforms/${world.platformId}`, 'EU cloud'],
      ['/maintenance', 'Plattformwartung'],
    ] as [string, string | RegExp][]) {
      await visit(page, path, heading);
      found.push(...(await violations(page, path)));
    }
    expect(found).toEqual([]);
    expect(errors).toEqual([]);
  });
});
