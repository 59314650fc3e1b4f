import { DataSource } from 'typeorm';
import { Dispatcher } from '../../src/scheduler/dispatcher.service';
import { startTestApp } from '../support/app';
import { TestClock } from '../support/clock';
import { createTestDatabase, dropTestDatabase } from '../support/database';
import { newPartner, newPlatform, newTenant, newVersion } from '../support/factories';
import { FakeExecutor } from './fake-executor';
import { finished, schedulerEnv, scheduleNow, stepLog, taskRow, until } from './support';

const SECRET = 'executor-secret-for-tests-0123456789';

/** Graceful shutdown (what main.ts does on SIGTERM: app.close()). */
describe('dispatcher shutdown', () => {
  let databaseUrl: string;
  /** The test's own connection: it outlives the apps it watches. */
  let db: DataSource;
  let fake: FakeExecutor;
  const clock = new TestClock();
  let partnerId: string;
  const start = (env: Record<string, string>) =>
    startTestApp({ databaseUrl, clock, env: schedulerEnv({ EXECUTOR_POLL_MS: '30', ...env }) });

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    db = await new DataSource({
      type: 'postgres',
      url: databaseUrl,
      extra: { max: 2 },
    }).initialize();
    fake = await new FakeExecutor(SECRET).start();
    const setup = await startTestApp({ databaseUrl, clock });
    const platform = await newPlatform(setup.admin, {
      executor: { driver: 'http', url: fake.url, secret: SECRET },
    });
    await newVersion(setup.admin, platform.id, '1.0.0');
    await newVersion(setup.admin, platform.id, '2.0.0');
    partnerId = (await newPartner(setup.admin, platform.id)).id;
    await setup.close();
  });
  afterAll(async () => {
    await fake.stop();
    await db.destroy();
    await dropTestDatabase(databaseUrl);
  });

  it('lets running updates finish within SHUTDOWN_TIMEOUT_MS', async () => {
    const app = await start({ SHUTDOWN_TIMEOUT_MS: '10000' });
    let release = false;
    fake.onStep = (c) => ({
      body: { status: c.body.step === 'apply' && !release ? 'running' : 'succeeded' },
    });
    const tenants = [await newTenant(app.admin, partnerId), await newTenant(app.admin, partnerId)];
    const ids = await scheduleNow(
      app.admin,
      tenants.map((x) => x.id),
    );
    for (const id of ids)
      await fake.waitForCall((c) => c.body.taskId === id && c.body.step === 'apply');
    const closing = app.close();
    release = true;
    await closing;
    for (const id of ids) expect((await taskRow(db, id)).status).toBe('succeeded');
  });

  it('hands the leases of unfinished runs back: resumable at once, or scheduled again if no step completed', async () => {
    const app = await start({ SHUTDOWN_TIMEOUT_MS: '100' });
    const owner = app.app.get(Dispatcher).leaseOwner;
    let hold = true;
    fake.onStep = (c) => {
      const holding =
        hold &&
        (c.body.tenant.name.startsWith('mid')
          ? c.body.step === 'apply'
          : c.body.step === 'precheck');
      return { body: { status: holding ? 'running' : 'succeeded' } };
    };
    const mid = await newTenant(app.admin, partnerId, { name: `mid-${Date.now()}` });
    const early = await newTenant(app.admin, partnerId, { name: `early-${Date.now()}` });
    const [midTask, earlyTask] = await scheduleNow(app.admin, [mid.id, early.id], {
      notifyCustomer: true,
    });
    await fake.waitForCall((c) => c.body.taskId === midTask && c.body.step === 'apply');
    await fake.waitForCall((c) => c.body.taskId === earlyTask && c.body.step === 'precheck');
    await app.close();

    const [leased] = await db.query(
      `SELECT count(*)::int AS n FROM update_task WHERE lease_owner = $1`,
      [owner],
    );
    expect(leased.n).toBe(0);
    expect(await taskRow(db, midTask)).toMatchObject({
      status: 'running',
      lease_owner: null,
      lease_expires_at: null,
      done_steps: ['precheck', 'backup'],
    });
    expect(await taskRow(db, earlyTask)).toMatchObject({
      status: 'scheduled',
      lease_owner: null,
      started_at: null,
      done_steps: [],
    });
    const states = await db.query(
      `SELECT id, state FROM tenant WHERE id = ANY($1) ORDER BY name DESC`,
      [[mid.id, early.id]],
    );
    expect(states.map((s: { state: string }) => s.state)).toEqual(['updating', 'active']);

    hold = false;
    const next = await start({});
    try {
      await until(
        async () =>
          (
            await db.query(
              `SELECT 1 FROM update_task WHERE status = 'running' AND lease_owner IS NULL`,
            )
          ).length === 0 || undefined,
        'no running task without a lease',
      );
      expect((await finished(db, midTask)).status).toBe('succeeded');
      expect((await finished(db, earlyTask)).status).toBe('succeeded');
      expect((await stepLog(db, midTask)).filter((s) => s.startsWith('precheck'))).toHaveLength(2); // not run again
      const [handed] = await db.query(
        `SELECT message FROM task_event WHERE task_id = $1 AND kind = 'warning'`,
        [midTask],
      );
      expect(handed.message).toBe(
        `${owner} is shutting down and handed the task back (another replica resumes it from its last completed step)`,
      );
    } finally {
      await next.close();
    }
  });
});
