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

  it('a rollout awaiting confirmation takes the e-mailed code: wrong, locked, a new code, confirmed', async () => {
    // the partner's tenants are free again: the earlier rollout is cancelled
    const earlier = await env.admin.get(`/rollouts?partnerId=${world.partnerId}`).expect(200);
    for (const r of earlier.body.items as { id: string; state: string }[])
      if (['scheduled', 'running', 'paused'].includes(r.state))
        await env.admin.post(`/rollouts/${r.id}/cancel`).expect(200);
    const licence = 'licence@acme.example';
    await env.admin.patch(`/partners/${world.partnerId}`, { licenceEmail: licence }).expect(200);
    await env.admin
      .patch(`/platforms/${world.platformId}`, { rolloutConfirmation: { tenantsOver: 2 } })
      .expect(200);
    /** The code of the `nth` e-mail to the licence contact (the sender runs in the service). */
    const codeOf = async (nth: number) => {
      const codes = () =>
        env.smtp
          .to(licence)
          .map((m) => /: ([A-HJ-NP-Z2-9]{8})\n/.exec(m.mail.text ?? '')?.[1])
          .filter((c): c is string => c !== undefined);
      await env.smtp.waitUntil(() => codes().length >= nth);
      return codes()[nth - 1];
    };
    const wrongOf = (code: string) => (code.startsWith('A') ? 'B' : 'A') + code.slice(1);
    const created = await env.admin
      .post('/rollouts', {
        partnerId: world.partnerId,
        targetVersion: '14.0.0',
        mode: 'maintenance_window',
        waves: [{ name: 'canary', tags: ['ring:canary'] }, { percent: 100 }],
      })
      .expect(202);
    const id = (created.body as { id: string }).id;
    const first = await codeOf(1);

    const p = await page();
    await signIn(p, env.baseUrl, ADMIN_KEY);
    await p.goto(`${env.baseUrl}/rollouts/${id}`);
    const card = p.getByRole('region', { name: 'Confirmation needed' });
    await card.getByText('it updates many tenants').waitFor(SHOWN);
    await card.getByText(licence).waitFor(SHOWN);
    await p.getByRole('button', { name: 'Cancel the rollout' }).waitFor(SHOWN);

    // a wrong code: refused, with the tries left
    await card.getByLabel('Confirmation code').fill(wrongOf(first));
    await card.getByRole('button', { name: 'Confirm and start' }).click();
    await card.getByRole('alert').getByText('Wrong code: 4 tries left').waitFor(SHOWN);
    // four more wrong codes elsewhere lock it: the page says so and takes no code
    for (let i = 0; i < 4; i++)
      await env.admin
        .post(`/rollouts/${id}/confirm`, { code: wrongOf(first) })
        .expect(i < 3 ? 422 : 423);
    await card.getByText(/Too many wrong codes/).waitFor(SHOWN);
    expect(await card.getByLabel('Confirmation code').isDisabled()).toBe(true);

    // a new code (the platform admin's) lifts the lock; the old one no longer works
    await card.getByRole('button', { name: 'Send a new code' }).click();
    await p
      .getByText(`A new code was sent to ${licence}; the old one no longer works`)
      .waitFor(SHOWN);
    const second = await codeOf(2);
    expect(second).not.toBe(first);
    await card.getByLabel('Confirmation code').fill(second.toLowerCase());
    await card.getByRole('button', { name: 'Confirm and start' }).click();
    await p.getByText('The rollout is confirmed (state: Scheduled)').waitFor(SHOWN);
    await p.getByRole('button', { name: 'Pause' }).waitFor(SHOWN);
    expect(await p.getByRole('region', { name: 'Confirmation needed' }).count()).toBe(0);
    const confirmed = await env.admin.get(`/rollouts/${id}`).expect(200);
    expect(confirmed.body).toMatchObject({ state: 'scheduled', confirmation: { locked: false } });
  });
});
