import { SchedulerRegistry } from '@nestjs/schedule';
import { RolloutGates } from '../../src/rollouts/rollout-gates.service';
import { expandCustomerNotices, startTestApp, TestApp } from '../support/app';
import { newKey, newPartner, newSchedulingWorld, newTenant } from '../support/factories';
import { schedulerEnv, until } from '../scheduler/support';
import { rolloutCalls } from '../support/rollouts';

type World = Awaited<ReturnType<typeof newSchedulingWorld>>;
type Rollout = {
  id: string;
  state: string;
  pausedReason: string | null;
  counts: Record<string, number>;
  waves: { state: string; gate: string; counts: Record<string, number> }[];
};

/**
 * The gates with a running dispatcher and the simulated executor (failures injected per tenant).
 * The gates' job is driven by hand (`advanceAll`) with the test clock: no test waits for time.
 */
describe('rollout gates', () => {
  let t: TestApp;
  let w: World;
  let gates: RolloutGates;

  const tenants = async (partnerId: string, n: number, extra: Record<string, unknown> = {}) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push((await newTenant(t.admin, partnerId, extra)).id);
    return ids;
  };
  const { get, settled, create } = rolloutCalls<Rollout>(() => t.admin);
  const mails = async (partnerId: string) =>
    (
      (await t.ds.query(
        `SELECT event FROM outbox_email WHERE partner_id = $1 AND event LIKE 'rollout.%' ORDER BY id`,
        [partnerId],
      )) as { event: string }[]
    ).map((m) => m.event);

  beforeAll(async () => {
    t = await startTestApp({ env: schedulerEnv() });
    w = await newSchedulingWorld(t.admin, 0);
    gates = t.app.get(RolloutGates);
    // The tests move the gates themselves (advanceAll, on the test clock). The job that does it
    // every 2 s in a running service is stopped, or it could open or pass a wave between a test's
    // wait and its assertion (a wave seen 'passed' where the test looks for 'open').
    t.app.get(SchedulerRegistry).deleteInterval('rollout-gates');
  });
  afterAll(() => t.close());

  it('opens the next wave when the success gate passed and the soak time is over', async () => {
    const partner = await newPartner(t.admin, w.platformId);
    await tenants(partner.id, 3);
    const r = await create({
      partnerId: partner.id,
      waves: [{ count: 1 }, { percent: 100 }],
      soakMinutes: 30,
    });
    await until(async () => (await get(r.id)).waves[0].counts.succeeded === 1, 'wave 1 done');
    await gates.advanceAll();
    let now = await get(r.id);
    expect(now.state).toBe('running');
    expect(now.waves.map((x) => x.state)).toEqual(['passed', 'held']);
    expect(now.waves[1].gate).toMatch(/^wave 1 passed; opens after 30 minutes of soak, at /);
    t.clock.advance(30 * 60_000 - 1000);
    await gates.advanceAll();
    expect((await get(r.id)).waves[1].state).toBe('held');
    t.clock.advance(1000);
    await gates.advanceAll();
    now = await get(r.id);
    expect(now.waves[1].state).toBe('open');
    await until(async () => (await get(r.id)).counts.succeeded === 3, 'every task done');
    await gates.advanceAll();
    now = await get(r.id);
    expect(now.state).toBe('succeeded');
    expect(now.waves.map((x) => x.state)).toEqual(['passed', 'passed']);
    expect(await mails(partner.id)).toEqual(['rollout.completed']);
  });

  it('passes a wave at its success threshold while a failure stays below the error gate', async () => {
    const partner = await newPartner(t.admin, w.platformId);
    await tenants(partner.id, 3);
    await tenants(partner.id, 1, { simulate: { failStep: 'precheck' } });
    await tenants(partner.id, 2);
    const r = await create({
      partnerId: partner.id,
      waves: [{ count: 4 }, { percent: 100 }],
      successThreshold: 75,
      errorThreshold: { count: 2 },
    });
    await settled(r.id);
    await gates.advanceAll();
    const now = await get(r.id);
    expect(now.waves[0]).toMatchObject({ state: 'passed', counts: { succeeded: 3, failed: 1 } });
    expect(now.waves[1].state).toBe('open');
  });

  it('pauses at the error threshold: no further task starts; resume counts failures anew', async () => {
    const partner = await newPartner(t.admin, w.platformId);
    await tenants(partner.id, 6, { simulate: { failStep: 'precheck' } });
    // One task at a time: the third task of wave 1 could only start after the second failure.
    const r = await create({
      partnerId: partner.id,
      waves: [{ count: 3 }, { percent: 100 }],
      errorThreshold: { count: 2 },
      onError: 'pause',
      maxConcurrency: { count: 1 },
    });
    await until(async () => (await get(r.id)).state === 'paused', 'the rollout to pause');
    await gates.advanceAll(); // its scheduled task is held again
    let now = await get(r.id);
    expect(now.counts).toMatchObject({ failed: 2, held: 4, running: 0, scheduled: 0 });
    expect(now.pausedReason).toBe('2 tasks failed, reaching the error threshold of 2');
    expect(now.waves[0].state).toBe('tripped');
    const started: { n: number }[] = await t.ds.query(
      `SELECT count(*)::int AS n FROM update_task WHERE rollout_id = $1 AND started_at IS NOT NULL`,
      [r.id],
    );
    expect(started[0].n).toBe(2);
    expect(await mails(partner.id)).toEqual(['rollout.paused']);

    // Resumed: the last task of wave 1 runs (and fails: 1 since the resume, below the gate); the
    // wave then ends below its success threshold of 100%, which pauses the rollout again.
    await t.admin.post(`/rollouts/${r.id}/resume`).expect(200);
    await settled(r.id);
    await gates.advanceAll();
    now = await get(r.id);
    expect(now.state).toBe('paused');
    expect(now.counts).toMatchObject({ failed: 3, held: 3 });
    expect(now.pausedReason).toBe(
      'wave 1 finished with 0% succeeded, below the success threshold of 100%',
    );
    expect(await mails(partner.id)).toEqual(['rollout.paused', 'rollout.paused']);
  });

  it('stops at the error threshold: held and scheduled tasks are cancelled and their recipients told', async () => {
    const partner = await newPartner(t.admin, w.platformId);
    await tenants(partner.id, 4, { simulate: { failStep: 'precheck' } });
    const r = await create({
      partnerId: partner.id,
      waves: [{ count: 2 }, { percent: 100 }],
      errorThreshold: { count: 1 },
      onError: 'stop',
      maxConcurrency: { count: 1 },
      notifyCustomer: true,
    });
    await expandCustomerNotices(t);
    await until(async () => (await get(r.id)).state === 'stopped', 'the rollout to stop');
    await gates.advanceAll();
    const now = await get(r.id);
    expect(now.counts).toMatchObject({ failed: 1, cancelled: 3, held: 0, scheduled: 0 });
    const told: { n: number }[] = await t.ds.query(
      `SELECT count(DISTINCT task_id)::int AS n FROM outbox_email
       WHERE batch_id = (SELECT batch_id FROM rollout WHERE id = $1)
         AND event = 'task.cancelled' AND recipient_kind = 'customer'`,
      [r.id],
    );
    expect(told[0].n).toBe(3);
    expect(await mails(partner.id)).toEqual(['rollout.stopped']);
    await t.admin.post(`/rollouts/${r.id}/resume`).expect(409);
  });

  it("retries a wave's failed tasks: all or nothing, partner-scoped, held while paused", async () => {
    const partner = await newPartner(t.admin, w.platformId);
    const good = await tenants(partner.id, 2);
    const bad = await tenants(partner.id, 2, { simulate: { failStep: 'precheck' } });
    await tenants(partner.id, 2);
    const r = await create({
      partnerId: partner.id,
      waves: [{ count: 4 }, { percent: 100 }],
      errorThreshold: { count: 2 },
    });
    await until(async () => (await get(r.id)).state === 'paused', 'the rollout to pause');
    await settled(r.id);
    let now = await get(r.id);
    expect(now.waves[0]).toMatchObject({ state: 'tripped', counts: { failed: 2, succeeded: 2 } });

    const own = t.admin.as(await newKey(t.admin, 'partner_admin', partner.id));
    const other = w.partnerApi;
    await other.post(`/rollouts/${r.id}/waves/0/retry`).expect(404);
    const bad400 = await own.post(`/rollouts/${r.id}/waves/x/retry`).expect(400);
    expect(bad400.body.details[0]).toMatchObject({ field: 'index' });
    await own.post(`/rollouts/${r.id}/waves/7/retry`).expect(404);
    await own.post(`/rollouts/${r.id}/waves/1/retry`).expect(409); // no failed task

    // All or nothing: one tenant now has another open task, so neither task is retried.
    await t.admin.patch(`/tenants/${bad[0]}`, { simulate: null }).expect(200);
    await t.admin.patch(`/tenants/${bad[1]}`, { simulate: null }).expect(200);
    const blocker = await t.admin
      .post('/update-tasks', {
        tenantIds: [bad[1]],
        targetVersion: '2.0.0',
        mode: 'custom',
        runAt: new Date(t.clock.now().getTime() + 86_400_000).toISOString(),
      })
      .expect(201);
    const refused = await own.post(`/rollouts/${r.id}/waves/0/retry`).expect(409);
    expect(refused.body.details).toEqual([
      expect.objectContaining({ taskId: expect.any(String), reason: expect.any(String) }),
    ]);
    expect((await get(r.id)).counts).toMatchObject({ failed: 2 });
    await t.admin.post(`/update-batches/${blocker.body.batchId}/cancel`).expect(200);

    // Paused: the retried tasks are held, and run when the rollout resumes.
    const retried = (await own.post(`/rollouts/${r.id}/waves/0/retry`).expect(200)).body;
    expect(retried.counts).toMatchObject({ failed: 0, held: 4, succeeded: 2 });
    expect(retried.errorGate).toBe('pauses at 2 failures: 0 failed so far');
    await own.post(`/rollouts/${r.id}/resume`).expect(200);
    await until(async () => (await get(r.id)).waves[0].counts.succeeded === 4, 'wave 1 retried');
    await gates.advanceAll();
    await until(async () => (await get(r.id)).counts.succeeded === 6, 'every task done');
    await gates.advanceAll();
    now = await get(r.id);
    expect(now.state).toBe('succeeded');
    const audit: { action: string; after: Record<string, unknown> }[] = await t.ds.query(
      `SELECT action, after FROM audit_log WHERE entity_id = $1 AND action = 'rollout.retry_wave'`,
      [r.id],
    );
    expect(audit).toEqual([
      { action: 'rollout.retry_wave', after: { wave: 0, retried: 2, state: 'paused' } },
    ]);
    expect(good).toHaveLength(2);
  });

  it('retrying a wave of a rollout that ended failed reopens it: running again, the gates counting the new runs', async () => {
    const partner = await newPartner(t.admin, w.platformId);
    await tenants(partner.id, 1);
    const bad = await tenants(partner.id, 1, { simulate: { failStep: 'precheck' } });
    const r = await create({ partnerId: partner.id, waves: [{ count: 1 }, { percent: 100 }] });
    await until(async () => (await get(r.id)).waves[0].counts.succeeded === 1, 'wave 1 done');
    await gates.advanceAll(); // wave 1 passes
    await gates.advanceAll(); // wave 2 opens
    await settled(r.id);
    await gates.advanceAll(); // wave 2 finished below the threshold: the rollout ends failed
    let now = await get(r.id);
    expect(now).toMatchObject({ state: 'failed', counts: { failed: 1, succeeded: 1 } });
    expect(now.waves[1].state).toBe('tripped');

    await t.admin.patch(`/tenants/${bad[0]}`, { simulate: null }).expect(200);
    const reopened = (await t.admin.post(`/rollouts/${r.id}/waves/1/retry`).expect(200)).body;
    expect(reopened).toMatchObject({ state: 'running', pausedReason: null, finishedAt: null });
    expect(reopened.waves[1].state).toBe('open');
    await until(
      async () => (await get(r.id)).counts.succeeded === 2,
      'the retried task to succeed',
    );
    await gates.advanceAll();
    now = await get(r.id);
    expect(now.state).toBe('succeeded');
    expect(now.waves.map((x) => x.state)).toEqual(['passed', 'passed']);
    const audit: { action: string; before: unknown; after: unknown }[] = await t.ds.query(
      `SELECT action, before, after FROM audit_log WHERE entity_id = $1
         AND action IN ('rollout.failed', 'rollout.retry_wave', 'rollout.succeeded') ORDER BY id`,
      [r.id],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'rollout.failed',
      'rollout.retry_wave',
      'rollout.succeeded',
    ]);
    expect(audit[1]).toMatchObject({
      before: { state: 'failed' },
      after: { wave: 1, retried: 1, state: 'running' },
    });
    // a rollout that succeeded (or was stopped or cancelled) takes no retry
    await t.admin.post(`/rollouts/${r.id}/waves/1/retry`).expect(409);
  });

  it('a reopened rollout that fails again is e-mailed as failed again', async () => {
    const partner = await newPartner(t.admin, w.platformId);
    await tenants(partner.id, 1, { simulate: { failStep: 'precheck' } });
    const r = await create({ partnerId: partner.id });
    await settled(r.id);
    await gates.advanceAll();
    expect((await get(r.id)).state).toBe('failed');
    await t.admin.post(`/rollouts/${r.id}/waves/0/retry`).expect(200);
    await until(async () => (await get(r.id)).counts.failed === 1, 'the retry to fail');
    await gates.advanceAll();
    expect((await get(r.id)).state).toBe('failed');
    expect(await mails(partner.id)).toEqual(['rollout.completed', 'rollout.completed']);
  });

  describe('a wave opening into blocked time', () => {
    const taskOf = async (rolloutId: string, tenantId: string) =>
      (
        (await t.ds.query(
          `SELECT status, run_at AS "runAt", notice_sequence AS "sequence"
           FROM update_task WHERE rollout_id = $1 AND tenant_id = $2`,
          [rolloutId, tenantId],
        )) as { status: string; runAt: Date; sequence: number }[]
      )[0];
    const at = (minutes: number) => new Date(t.clock.now().getTime() + minutes * 60_000);

    /**
     * Wave 1 (tenant a) runs; `block` then blocks tenant b's time from now on (platform
     * maintenance: c's too) and returns when the block ends; wave 2 (b and c) opens. A free task
     * runs (c, or with maintenance a task on another platform scheduled after the opening), so the
     * dispatcher has claimed what was due; the blocked tasks wait for the end of the block and are
     * claimed once the clock reaches it.
     */
    const opensPastTheBlock = async (
      world: World,
      block: (b: string) => Promise<Date>,
      platformWide = false,
    ): Promise<void> => {
      const partner = await newPartner(t.admin, world.platformId);
      const [, b, c] = await tenants(partner.id, 3);
      const r = await create({ partnerId: partner.id, waves: [{ count: 1 }, { percent: 100 }] });
      await until(async () => (await get(r.id)).waves[0].counts.succeeded === 1, 'wave 1 done');
      const end = await block(b);
      await gates.advanceAll();
      expect((await get(r.id)).waves[1].state).toBe('open');
      const blocked = platformWide ? [b, c] : [b];
      let free = c;
      if (platformWide) {
        free = (await newTenant(t.admin, (await newPartner(t.admin, w.platformId)).id)).id;
        await t.admin
          .post('/update-tasks', { tenantIds: [free], targetVersion: '2.0.0', mode: 'immediate' })
          .expect(201);
      }
      const state = async (tenantId: string) =>
        (
          (await t.ds.query(
            `SELECT status FROM update_task WHERE tenant_id = $1 ORDER BY created_at DESC LIMIT 1`,
            [tenantId],
          )) as { status: string }[]
        )[0]?.status;
      await until(async () => (await state(free)) === 'succeeded', 'a free task to run');
      for (const id of blocked)
        expect(await taskOf(r.id, id)).toMatchObject({ status: 'scheduled', runAt: end });
      t.clock.set(end);
      for (const id of blocked)
        await until(async () => (await taskOf(r.id, id)).status === 'succeeded', 'b to run');
    };

    it('an immediate wave opening in a tenant blackout is placed at its end', async () => {
      await opensPastTheBlock(w, async (b) => {
        const endsAt = at(120);
        await t.admin
          .post(`/tenants/${b}/blackouts`, {
            startsAt: at(-1).toISOString(),
            endsAt: endsAt.toISOString(),
            reason: 'Stocktaking',
          })
          .expect(201);
        return endsAt;
      });
    });

    it('an immediate wave whose updates would overlap platform maintenance starts after it', async () => {
      const world = await newSchedulingWorld(t.admin, 0);
      await opensPastTheBlock(
        world,
        async () => {
          const endsAt = at(120);
          await t.admin
            .post(`/platforms/${world.platformId}/maintenance`, {
              startsAt: at(10).toISOString(),
              endsAt: endsAt.toISOString(),
              message: 'Database upgrade',
            })
            .expect(201);
          return endsAt;
        },
        true,
      );
    });

    it("a platform admin's forced rollout opens inside a tenant blackout", async () => {
      const partner = await newPartner(t.admin, w.platformId);
      const [, b] = await tenants(partner.id, 2);
      const r = await create({
        partnerId: partner.id,
        waves: [{ count: 1 }, { percent: 100 }],
        forced: true,
      });
      await until(async () => (await get(r.id)).waves[0].counts.succeeded === 1, 'wave 1 done');
      await t.admin
        .post(`/tenants/${b}/blackouts`, {
          startsAt: at(-1).toISOString(),
          endsAt: at(120).toISOString(),
          reason: 'Stocktaking',
        })
        .expect(201);
      await gates.advanceAll();
      await until(async () => (await taskOf(r.id, b)).status === 'succeeded', 'b to run');
    });
  });
});
