import type { Page } from 'playwright-core';
import request from 'supertest';
import { newViewer, type Viewer, watchErrors } from './support/browser';
import { type ConsoleEnv, signIn, startConsoleEnv } from './support/console-env';
import { choose, daysFromNow, pickDateTime } from './support/pickers';
import { consoleWorld } from './support/world';
import { ADMIN_KEY } from '../support/app';

/** A wait on something the page shows, never a sleep. */
const SHOWN = { timeout: 20_000 };

/**
 * The console in a real browser (Debian's Chromium, headless) against the built service on a real
 * PostgreSQL, with its e-mail going to a real SMTP server: what partner and platform admins do.
 */
describe('the web console in a browser', () => {
  let env: ConsoleEnv;
  let world: Awaited<ReturnType<typeof consoleWorld>>;
  const errors: string[] = [];

  beforeAll(async () => {
    env = await startConsoleEnv();
    world = await consoleWorld(env.admin);
  });
  afterAll(() => env?.close());
  afterEach(() => expect(errors.splice(0)).toEqual([]));

  async function page(viewer: Parameters<typeof newViewer>[1] = {}): Promise<Page> {
    const context = await newViewer(env.browser, viewer);
    const p = await context.newPage();
    errors.push(...watchErrors(p));
    return p;
  }

  /** Sessions signed in on the sign-in page, by key, for the tests that do not test signing in. */
  const sessions = new Map<string, Viewer['storageState']>();
  async function keepSession(key: string, p: Page): Promise<void> {
    sessions.set(key, await p.context().storageState());
  }

  /** A fresh viewer with `key`'s session (signed in on the sign-in page the first time) on the tenant list. */
  async function signedIn(key: string): Promise<Page> {
    const storageState = sessions.get(key);
    const p = await page({ storageState });
    if (!storageState) {
      await signIn(p, env.baseUrl, key);
      await keepSession(key, p);
      return p;
    }
    await p.goto(`${env.baseUrl}/tenants`);
    await p.getByRole('heading', { name: 'Tenants', level: 2 }).waitFor(SHOWN);
    return p;
  }

  it('a partner admin signs in, filters, schedules three tenants in their windows with customer e-mails, sees when, cancels one, and the e-mails arrive', async () => {
    // The viewer is in New York: every time is shown there, with its offset.
    const p = await page({ timezoneId: 'America/New_York' });
    await signIn(p, env.baseUrl, world.partnerKey);
    await keepSession(world.partnerKey, p);

    // The key is not kept by the browser: the cookie is HttpOnly and storage is empty.
    const storage = await p.evaluate('JSON.stringify({ ...localStorage, ...sessionStorage })');
    expect(storage).not.toContain(world.partnerKey);
    const cookies = await p.context().cookies();
    expect(cookies).toEqual([
      expect.objectContaining({ name: 'tus_session', httpOnly: true, sameSite: 'Strict' }),
    ]);
    expect(cookies[0].value).not.toContain(world.partnerKey);

    // A partner admin sees its own tenants only, and no partner filter.
    await p.getByRole('cell', { name: 'Pizzeria Da Mario', exact: true }).waitFor(SHOWN);
    expect(await p.getByText('Globex Headquarters').count()).toBe(0);
    expect(await p.getByLabel('Partner').count()).toBe(0);

    // Filter by tag: the three canary tenants.
    const tags = p.getByRole('combobox', { name: 'Tags' });
    await tags.fill('ring:canary');
    await tags.press('Enter');
    await p.getByText('1–3 of 3').waitFor(SHOWN);
    await p.getByRole('checkbox', { name: 'Select every tenant on this page' }).check();
    await p.getByRole('button', { name: 'Update 3 tenants…' }).click();

    const dialog = p.getByRole('dialog', { name: 'Update 3 tenants' });
    await expect(
      dialog.getByRole('radio', { name: "In each tenant's maintenance window" }).isChecked(),
    ).resolves.toBe(true);
    await choose(p, dialog.getByRole('combobox', { name: 'Target software version' }), /14\.0\.0/);
    await expect(dialog.getByLabel('Send e-mail (customer)').isChecked()).resolves.toBe(true);
    // Only platform admins force updates.
    expect(await dialog.getByLabel('Forced update').count()).toBe(0);
    await dialog.getByText('3 tenants will be updated').waitFor(SHOWN);
    await dialog.getByRole('button', { name: 'Schedule 3 updates' }).click();
    await p.getByText('Scheduled 3 updates').waitFor(SHOWN);

    // The pending-update icon's text with the planned time, in the viewer's zone and offset.
    const pending = await env.admin
      .as(world.partnerKey)
      .get(`/tenants/${world.tenantIds[0]}`)
      .expect(200);
    const runAt = new Date(pending.body.pendingTask.runAt);
    const shown = new Intl.DateTimeFormat('en-GB', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'America/New_York',
    }).format(runAt);
    const pendingCell = p
      .getByRole('row', { name: /Pizzeria Da Mario/ })
      .getByRole('cell')
      .filter({ hasText: 'Update to 14.0.0' });
    await pendingCell.getByText(new RegExp(`${escape(shown)} \\(UTC-0[45]:00\\)`)).waitFor(SHOWN);
    expect(await p.getByText('Update to 14.0.0').count()).toBe(3);

    // Cancel one of them, from its tenant page.
    await p.getByRole('link', { name: 'Hotel Bellavista' }).click();
    await p.getByRole('heading', { name: 'Hotel Bellavista' }).waitFor(SHOWN);
    await p.getByRole('button', { name: 'Cancel' }).click();
    const confirm = p.getByRole('dialog', { name: 'Cancel the update of Hotel Bellavista' });
    await confirm.getByLabel('Reason').fill('Customer asked to wait');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await p.getByText('The task is now: Cancelled').waitFor(SHOWN);
    await p.getByRole('row', { name: /Cancelled/ }).waitFor(SHOWN);

    // The customers were told: three planned updates, then one cancellation.
    const customers = [
      'customer0@tenant.example',
      'customer1@tenant.example',
      'customer2@tenant.example',
    ];
    await env.smtp.waitUntil(() => customers.every((c) => env.smtp.to(c).length > 0));
    for (const c of customers) {
      expect(env.smtp.to(c)[0].mail.subject).toMatch(/to version 14\.0\.0 on /);
    }
    await env.smtp.waitUntil(() => env.smtp.to('customer2@tenant.example').length === 2);
    const cancelled = env.smtp.to('customer2@tenant.example')[1].mail;
    expect(cancelled.subject).toBe('Update of Hotel Bellavista to version 14.0.0 cancelled');
    expect(cancelled.text).toContain('Customer asked to wait');
    expect(env.smtp.to('customer3@tenant.example')).toEqual([]);
  });

  it('a platform admin announces maintenance, seeing first what it does, and the sign-in page shows it', async () => {
    const p = await page();
    await signIn(p, env.baseUrl, ADMIN_KEY);
    await p.getByRole('link', { name: 'Maintenance' }).click();
    await p.getByRole('heading', { name: 'Platform maintenance' }).waitFor(SHOWN);
    await choose(p, p.getByRole('combobox', { name: 'Platform' }), 'EU cloud');
    const starts = daysFromNow(20, 'Europe/Berlin', 22);
    const ends = daysFromNow(21, 'Europe/Berlin', 4);
    await pickDateTime(p, p.getByRole('button', { name: /Starts/ }), starts);
    await pickDateTime(p, p.getByRole('button', { name: /Ends/ }), ends);
    const message = 'Storage cluster upgrade: the portal stays available';
    await p.getByLabel('Message').fill(message);
    await p.getByRole('button', { name: 'Announce…' }).click();
    const confirm = p.getByRole('dialog', { name: 'Announce this maintenance?' });
    await confirm.getByText(/cancels 0 and moves 0 scheduled updates/).waitFor(SHOWN);
    await confirm.getByRole('button', { name: 'Announce', exact: true }).click();
    await p.getByText('Maintenance announced: 0 updates cancelled, 0 moved').waitFor(SHOWN);
    await p.getByRole('cell', { name: message }).waitFor(SHOWN);

    await p.getByRole('button', { name: 'Sign out' }).click();
    await p.getByText('You have signed out.').waitFor(SHOWN);
    const notice = p.getByRole('region', { name: 'Platform maintenance' });
    await notice.getByText(message).waitFor(SHOWN);
    await notice.getByText(/Upcoming · EU cloud/).waitFor(SHOWN);
    // In the viewer's zone, with its offset.
    await notice.getByText(/22:00 \(UTC\+0[12]:00\)/).waitFor(SHOWN);
  });

  it("an immediate update's progress bar reaches 100% and its log downloads", async () => {
    const p = await signedIn(world.partnerKey);
    await p.getByRole('link', { name: 'Gelateria Dolce' }).click();
    await p.getByRole('button', { name: 'Update…' }).click();
    const dialog = p.getByRole('dialog', { name: 'Update Gelateria Dolce' });
    await dialog.getByRole('radio', { name: 'Immediately' }).check();
    await choose(p, dialog.getByRole('combobox', { name: 'Target software version' }), /14\.0\.0/);
    await dialog.getByText('1 tenant will be updated').waitFor(SHOWN);
    await dialog.getByRole('button', { name: 'Schedule 1 update' }).click();
    await p.getByText('Scheduled 1 update').waitFor(SHOWN);

    await p
      .getByRole('row', { name: /13\.2\.0 → 14\.0\.0/ })
      .getByRole('link')
      .first()
      .click();
    await p.getByRole('heading', { name: 'Gelateria Dolce → 14.0.0' }).waitFor(SHOWN);
    const bar = p.getByRole('progressbar', { name: 'Progress 100%' });
    await bar.waitFor(SHOWN);
    expect(await bar.getAttribute('aria-valuenow')).toBe('100');
    await p.getByText('Succeeded').first().waitFor(SHOWN);
    await p
      .getByText(/verify/)
      .first()
      .waitFor(SHOWN);

    const [download] = await Promise.all([
      p.waitForEvent('download'),
      p.getByRole('link', { name: 'Download the log' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^update-task-[0-9a-f-]+\.log$/);
    const stream = await download.createReadStream();
    let text = '';
    for await (const chunk of stream) text += String(chunk);
    expect(text).toMatch(/precheck/);
    expect(text).toMatch(/apply/);
    expect(text).toMatch(/verify/);

    // The snapshot its backup step took, and a rollback to it.
    await p.getByRole('cell', { name: /^sim-/ }).waitFor(SHOWN);
    await p.getByRole('button', { name: 'Roll back' }).click();
    const back = p.getByRole('dialog', {
      name: 'Roll Gelateria Dolce back to the snapshot taken before the update',
    });
    await back.getByRole('radio', { name: 'Immediately' }).check();
    await back.getByRole('button', { name: 'Roll back' }).click();
    await p.getByText('The rollback is scheduled: a new task restores the snapshot').waitFor(SHOWN);
  });

  it("a partner admin cannot reach another partner's tenant by URL", async () => {
    const p = await signedIn(world.partnerKey);
    await p.goto(`${env.baseUrl}/tenants/${world.foreignTenantId}`);
    await p
      .getByRole('alert')
      .getByText(/was not found/)
      .waitFor(SHOWN);
    expect(await p.getByText('Globex Headquarters').count()).toBe(0);
    // Platform pages are not offered to a partner admin, and refused if typed in.
    expect(await p.getByRole('link', { name: 'API keys' }).count()).toBe(0);
    await p.goto(`${env.baseUrl}/api-keys`);
    await p.getByRole('heading', { name: 'Not available' }).waitFor(SHOWN);
  });

  it('sign-out ends the session: its cookie no longer works and the console asks to sign in', async () => {
    const p = await page();
    await signIn(p, env.baseUrl, world.partnerKey);
    const [cookie] = await p.context().cookies();
    await request(env.baseUrl)
      .get('/api/v1/tenants')
      .set('Cookie', `${cookie.name}=${cookie.value}`)
      .expect(200);
    await p.getByRole('button', { name: 'Sign out' }).click();
    await p.getByRole('heading', { name: 'Sign in' }).waitFor(SHOWN);
    await request(env.baseUrl)
      .get('/api/v1/tenants')
      .set('Cookie', `${cookie.name}=${cookie.value}`)
      .expect(401);
    expect(await p.context().cookies()).toEqual([]);
    await p.goto(`${env.baseUrl}/tenants`);
    await p.getByRole('heading', { name: 'Sign in' }).waitFor(SHOWN);
  });

  it('works from the keyboard: sign in, move through the navigation, open a tenant', async () => {
    const p = await page();
    await p.goto(`${env.baseUrl}/sign-in`);
    await p.getByRole('heading', { name: 'Sign in' }).waitFor(SHOWN);
    // Tab from the top of the page to the key field, type, and press Enter.
    const keyFocused = () =>
      p.evaluate(`document.activeElement?.getAttribute('type') === 'password'`);
    for (let i = 0; i < 10 && !(await keyFocused()); i++) await p.keyboard.press('Tab');
    expect(await keyFocused()).toBe(true);
    await p.keyboard.type(world.partnerKey);
    await p.keyboard.press('Enter');
    await p.getByRole('heading', { name: 'Tenants', level: 2 }).waitFor(SHOWN);
    await p.getByRole('link', { name: 'Tasks' }).focus();
    await p.keyboard.press('Enter');
    await p.getByRole('heading', { name: 'Tasks', level: 2 }).waitFor(SHOWN);
    await p.getByRole('link', { name: 'Tenants' }).focus();
    await p.keyboard.press('Enter');
    await p.getByRole('link', { name: 'Autohaus Weber' }).focus();
    await p.keyboard.press('Enter');
    await p.getByRole('heading', { name: 'Autohaus Weber' }).waitFor(SHOWN);
    await p.getByRole('button', { name: 'Update…' }).focus();
    await p.keyboard.press('Enter');
    const dialog = p.getByRole('dialog', { name: 'Update Autohaus Weber' });
    await dialog.waitFor(SHOWN);
    await p.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached', ...SHOWN });
  });

  it('a partner admin filters by a version range and tags every matching tenant at once; a bad range is named', async () => {
    const partnerApi = env.admin.as(world.partnerKey);
    const below = await partnerApi.get('/tenants/count?softwareVersion=%3C14.0.0').expect(200);
    const n: number = below.body.count;
    const tenants = (k: number) => `${k} ${k === 1 ? 'tenant' : 'tenants'}`;
    const p = await signedIn(world.partnerKey);
    await p.getByRole('cell', { name: 'Pizzeria Da Mario', exact: true }).waitFor(SHOWN);

    const version = p.getByRole('textbox', { name: 'Version', exact: true });
    await version.fill('<<14');
    await p.getByText('must be a version or a semver range').waitFor(SHOWN);
    await version.fill('<14.0.0');
    await p.getByText(`1–${n} of ${n}`).waitFor(SHOWN);
    expect(new URL(p.url()).searchParams.get('version')).toBe('<14.0.0');

    await p.getByRole('checkbox', { name: 'Select every tenant on this page' }).check();
    await p.getByRole('button', { name: `Tag ${tenants(n)}…` }).click();
    const dialog = p.getByRole('dialog', { name: `Tags of ${tenants(n)}` });
    const add = dialog.getByRole('combobox', { name: 'Add these tags' });
    await add.fill('Wave:1');
    await add.press('Enter');
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await p.getByText(`Tags changed on ${n} of ${tenants(n)}`).waitFor(SHOWN);
    const tagged = await partnerApi.get('/tenants/count?tags=wave:1').expect(200);
    expect(tagged.body.count).toBe(n);
  });

  it("speaks the browser's language, and the viewer's choice after that", async () => {
    const p = await page({ locale: 'de-DE' });
    await p.goto(`${env.baseUrl}/`);
    await p.getByRole('heading', { name: 'Anmelden' }).waitFor(SHOWN);
    await choose(p, p.getByRole('combobox', { name: 'Sprache' }), 'Italiano');
    await p.getByRole('heading', { name: 'Accedi' }).waitFor(SHOWN);
    await p.reload();
    await p.getByRole('heading', { name: 'Accedi' }).waitFor(SHOWN);
    await p.getByLabel('Chiave API').fill(world.partnerKey);
    await p.getByRole('button', { name: 'Accedi' }).click();
    await p.getByRole('heading', { name: 'Tenant', level: 2 }).waitFor(SHOWN);
    await p.getByRole('columnheader', { name: 'Prossima finestra di manutenzione' }).waitFor(SHOWN);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
