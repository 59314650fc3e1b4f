import { SchedulerRegistry } from '@nestjs/schedule';
import { afterCommit, Transactions } from '../../src/database/transactions';
import { RolloutGates } from '../../src/rollouts/rollout-gates.service';
import { startTestApp, TestApp } from '../support/app';
import { newPartner, newSchedulingWorld, newTenant } from '../support/factories';
import { schedulerEnv, until } from '../scheduler/support';

/** `/metrics` of rollouts (docs/rollouts.md, "E-mails, audit, metrics"), read as a scraper does. */
describe('rollout metrics', () => {
  let t: TestApp;
  let platformId: string;

  const metric = async (name: string): Promise<number> => {
    const text = (await t.anonymous.root('/metrics')).text;
    const line = text.split('\n').find((l) => l.startsWith(`${name} `));
    return line ? Number(line.slice(name.length + 1)) : 0;
  };

  beforeAll(async () => {
    t = await startTestApp({ env: schedulerEnv() });
    platformId = (await newSchedulingWorld(t.admin, 0)).platformId;
    t.app.get(SchedulerRegistry).deleteInterval('rollout-gates');
  });
  afterAll(() => t.close());

  it('counts rollouts by state, held tasks and a tripped error gate', async () => {
    const tripped = await metric('rollout_gates_tripped_total{gate="error",action="pause"}');
    const started = await metric('rollout_gates_opened_total{gate="start"}');
    const paused = await metric('rollouts{state="paused"}');
    const partner = await newPartner(t.admin, platformId);
    for (let i = 0; i < 4; i++)
      await newTenant(t.admin, partner.id, { simulate: { failStep: 'precheck' } });
    const r = (
      await t.admin
        .post('/rollouts', {
          partnerId: partner.id,
          targetVersion: '2.0.0',
          mode: 'immediate',
          waves: [{ count: 1 }, { percent: 100 }],
          errorThreshold: { count: 1 },
          onError: 'pause',
        })
        .expect(201)
    ).body as { id: string };
    // The first wave opened with the rollout.
    expect(await metric('rollout_gates_opened_total{gate="start"}')).toBe(started + 1);
    expect(await metric('rollouts{state="scheduled"}')).toBeGreaterThanOrEqual(1);
    expect(await metric('rollout_tasks_held')).toBeGreaterThanOrEqual(3);
    await until(
      async () => (await t.admin.get(`/rollouts/${r.id}`)).body.state === 'paused',
      'the rollout to pause',
    );
    await t.app.get(RolloutGates).advanceAll();
    expect(await metric('rollout_gates_tripped_total{gate="error",action="pause"}')).toBe(
      tripped + 1,
    );
    expect(await metric('rollouts{state="paused"}')).toBe(paused + 1);
    expect(await metric('rollout_tasks_held')).toBeGreaterThanOrEqual(3);
  });

  it('counts a gate only once its transaction committed (afterCommit)', async () => {
    const db = t.app.get(Transactions);
    let counted = 0;
    await expect(
      db.run(async (tx) => {
        afterCommit(tx, () => counted++);
        await tx.query('SELECT 1');
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(counted).toBe(0);
    await db.run(async (tx) => {
      afterCommit(tx, () => counted++);
      await tx.query('SELECT 1');
      expect(counted).toBe(0);
    });
    expect(counted).toBe(1);
  });
});
