import type { Page } from 'playwright-core';
import { newViewer, watchErrors } from './support/browser';
import { type ConsoleEnv, signIn, startConsoleEnv } from './support/console-env';
import { consoleWorld } from './support/world';
import { ADMIN_KEY } from '../support/app';

/** A wait on something the page shows, never a sleep. */
const SHOWN = { timeout: 20_000 };

/** The rollouts pages in a real browser against the built service on a real PostgreSQL. */
describe('the rollouts pages of the console', () => {
  let env: ConsoleEnv;
  let world: Awaited<ReturnType<typeof consoleWorld>>;
  const errors: string[] = [];

  beforeAll(async () => {
    env = await startConsoleEnv();
    world = await consoleWorld(env.admin);
  });
  afterAll(() => env?.close());
  afterEach(() => expect(errors.splice(0)).toEqual([]));

  async function page(): Promise<Page> {
    const p = await (await newViewer(env.browser)).newPage();
    errors.push(...watchErrors(p));
    return p;
  }

  it('a platform admin opens a rollout, sees its waves and gates, pauses it and resumes it', async () => {
    // In the tenants' windows, which are never open while the tests run: nothing starts.
    const created = await env.admin
      .post('/rollouts', {
        partnerId: world.partnerId,
        targetVersion: '14.0.0',
        mode: 'maintenance_window',
        waves: [
          { name: 'canary', tags: ['ring:canary'] },
          { name: 'rest', percent: 100 },
        ],
        successThreshold: 95,
      })
      .expect(201);
    const rollout = created.body as { id: string; waves: { gate: string }[] };

    const p = await page();
    await signIn(p, env.baseUrl, ADMIN_KEY);
    await p.goto(`${env.baseUrl}/rollouts`);
    await p.getByRole('heading', { name: 'Rollouts', level: 2 }).waitFor(SHOWN);
    await p
      .getByRole('row', { name: /14\.0\.0.*Scheduled/ })
      .getByRole('link')
      .click();

    await p.getByRole('heading', { name: 'Rollout: update to 14.0.0' }).waitFor(SHOWN);
    await p.getByRole('heading', { name: /canary · open/ }).waitFor(SHOWN);
    await p.getByRole('heading', { name: /rest · held/ }).waitFor(SHOWN);
    await p.getByText(rollout.waves[1].gate).waitFor(SHOWN);
    expect(await p.getByRole('button', { name: 'Resume' }).count()).toBe(0);

    await p.getByRole('button', { name: 'Pause' }).click();
    await p.getByRole('dialog', { name: 'Pause' }).getByRole('button', { name: 'Pause' }).click();
    await p.getByText('The rollout is paused (state: Paused)').waitFor(SHOWN);
    await p.getByRole('button', { name: 'Resume' }).waitFor(SHOWN);
    expect(await p.getByRole('button', { name: 'Pause' }).count()).toBe(0);
    const paused = await env.admin.get(`/rollouts/${rollout.id}`).expect(200);
    expect(paused.body.state).toBe('paused');

    await p.getByRole('button', { name: 'Resume' }).click();
    await p.getByRole('dialog', { name: 'Resume' }).getByRole('button', { name: 'Resume' }).click();
    await p.getByText('The rollout is resumed (state: Scheduled)').waitFor(SHOWN);
    await p.getByRole('button', { name: 'Pause' }).waitFor(SHOWN);
  });
});
