import { Dispatcher } from '../../src/scheduler/dispatcher.service';
import { startTestApp, TestApp } from '../support/app';
import { newPartner, newPlatform, newTenant, newVersion } from '../support/factories';
import { FakeExecutor } from './fake-executor';
import { finished, schedulerEnv, until } from './support';

const SECRET = 'executor-secret-for-tests-0123456789';

/**
 * Two dispatchers on one database, each allowed 3 runs (SCHEDULER_CONCURRENCY), every platform 4
 * (SCHEDULER_PLATFORM_CONCURRENCY, counted across both). The executor holds every backup step
 * until the test lets go, so the limits are reached and stay reached for a while.
 */
describe('concurrency limits per process and per platform', () => {
  let a: TestApp;
  let b: TestApp;
  let fake: FakeExecutor;
  let hold = true;
  const maxima = { perOwner: 0, perPlatform: 0, total: 0 };
  let sampling = true;
  let sampler: Promise<void>;

  async function sample(): Promise<void> {
    while (sampling) {
      const rows: { owner: string; platform: string; n: number }[] = await a.ds.query(
        `SELECT lease_owner AS owner, platform_id AS platform, count(*)::int AS n
         FROM update_task WHERE status = 'running' GROUP BY 1, 2`,
      );
      const sum = (key: 'owner' | 'platform') => {
        const totals = new Map<string, number>();
        for (const r of rows) totals.set(r[key], (totals.get(r[key]) ?? 0) + r.n);
        return Math.max(0, ...totals.values());
      };
      maxima.perOwner = Math.max(maxima.perOwner, sum('owner'));
      maxima.perPlatform = Math.max(maxima.perPlatform, sum('platform'));
      maxima.total = Math.max(
        maxima.total,
        rows.reduce((n, r) => n + r.n, 0),
      );
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  beforeAll(async () => {
    fake = await new FakeExecutor(SECRET).start();
    fake.onStep = (c) => ({
      body: { status: hold && c.body.step === 'backup' ? 'running' : 'succeeded' },
    });
    const env = schedulerEnv({
      SCHEDULER_CONCURRENCY: '3',
      SCHEDULER_PLATFORM_CONCURRENCY: '4',
      EXECUTOR_POLL_MS: '20',
      SCHEDULER_TICK_MS: '50',
    });
    a = await startTestApp({ env });
    b = await startTestApp({ env, databaseUrl: a.databaseUrl, clock: a.clock });
  });
  afterAll(async () => {
    sampling = false;
    await sampler;
    await b.close();
    await a.close();
    await fake.stop();
  });

  it('never runs more than 3 updates per process nor 4 per platform', async () => {
    const tenantsOf = async (count: number) => {
      const platform = await newPlatform(a.admin, {
        executor: { driver: 'http', url: fake.url, secret: SECRET },
      });
      await newVersion(a.admin, platform.id, '1.0.0');
      await newVersion(a.admin, platform.id, '2.0.0');
      const partner = await newPartner(a.admin, platform.id);
      const ids: string[] = [];
      for (let i = 0; i < count; i++) ids.push((await newTenant(a.admin, partner.id)).id);
      return ids;
    };
    // With 2 quiet tenants the only way to fill both processes (6 runs) within the limits is 4 on the
    // busy platform and 2 on the quiet one, whatever order the claims take the tasks in.
    const busy = await tenantsOf(10);
    const quiet = await tenantsOf(2);
    sampler = sample();
    const res = await a.admin
      .post('/update-tasks', {
        tenantIds: [...busy, ...quiet],
        targetVersion: '2.0.0',
        mode: 'immediate',
      })
      .expect(201);

    // Both processes full (6 runs), so the busy platform at its 4: wait until that holds, then let a
    // few ticks of both dispatchers pass to see that nothing more gets claimed.
    const waitingAtBackup = () =>
      new Set(
        fake
          .stepCalls()
          .filter((c) => c.body.step === 'backup')
          .map((c) => c.body.taskId),
      ).size;
    await until(async () => waitingAtBackup() === 6, 'six runs waiting at backup');
    const ticks = async () =>
      (await Promise.all([a, b].map((app) => app.anonymous.root('/metrics')))).map((r) =>
        Number(/scheduler_wakeups_total\{reason="tick"\} (\d+)/.exec(r.text)?.[1] ?? 0),
      );
    const before = await ticks();
    await until(
      async () => (await ticks()).every((n, i) => n >= before[i] + 3),
      'three more ticks of both',
    );
    expect(waitingAtBackup()).toBe(6);
    expect(maxima).toEqual({ perOwner: 3, perPlatform: 4, total: 6 });

    hold = false;
    const tasks = (await a.admin.get(`/update-tasks?batchId=${res.body.batchId}&limit=100`)).body
      .items;
    for (const task of tasks) expect((await finished(a.ds, task.id)).status).toBe('succeeded');
    expect(maxima).toEqual({ perOwner: 3, perPlatform: 4, total: 6 });
    const owners = await a.ds.query(
      `SELECT DISTINCT substring(message from 'started on (.*)$') AS owner FROM task_event
       WHERE message LIKE 'attempt 1 started on %'`,
    );
    expect(owners.map((o: { owner: string }) => o.owner).sort()).toEqual(
      [a.app.get(Dispatcher).leaseOwner, b.app.get(Dispatcher).leaseOwner].sort(),
    );
  });
});
