import { assignWaves, waveSpecs } from '../../src/rollouts/gates';
import { RolloutGates } from '../../src/rollouts/rollout-gates.service';
import { startTestApp, TestApp } from '../support/app';
import { newKey, newPartner, newSchedulingWorld, newTenant } from '../support/factories';

type World = Awaited<ReturnType<typeof newSchedulingWorld>>;

/** Creating rollouts: waves, held tasks, bad input (no dispatcher runs here). */
describe('POST /rollouts', () => {
  let t: TestApp;
  let w: World;

  const bulk = async (partnerId: string, n: number, extra: (i: number) => object = () => ({})) => {
    const tenants = Array.from({ length: n }, (_, i) => ({
      partnerId,
      name: `bulk-${partnerId.slice(0, 8)}-${i}`,
      softwareVersion: '1.0.0',
      ...extra(i),
    }));
    const res = await t.admin.post('/tenants/bulk', { tenants }).expect(201);
    return res.body.ids as string[];
  };
  const count = async (sql: string, params: unknown[]) =>
    ((await t.ds.query(`SELECT count(*)::int AS n ${sql}`, params)) as { n: number }[])[0].n;

  beforeAll(async () => {
    t = await startTestApp();
    w = await newSchedulingWorld(t.admin, 0);
  });
  afterAll(() => t.close());

  it('creates every task with the rollout: the first wave scheduled, the others held', async () => {
    const partner = await newPartner(t.admin, w.platformId);
    const ids = await bulk(partner.id, 20, (i) => (i % 5 === 0 ? { tags: ['ring:canary'] } : {}));
    const res = await t.admin
      .post('/rollouts', {
        partnerId: partner.id,
        targetVersion: '2.0.0',
        mode: 'immediate',
        waves: [{ name: 'canary', tags: ['ring:canary'] }, { percent: 50 }, { count: 3 }],
        errorThreshold: { count: 2 },
      })
      .expect(201);
    const r = res.body;
    expect(r).toMatchObject({ state: 'scheduled', total: 20, targetVersion: '2.0.0' });
    expect(r.counts).toMatchObject({ scheduled: 4, held: 16 });
    // canary: 4 tagged; 50% of the 16 left: 8; count 3 takes 3 and the 5 left over join it
    expect(r.waves.map((x: { total: number; state: string }) => [x.total, x.state])).toEqual([
      [4, 'open'],
      [8, 'held'],
      [8, 'held'],
    ]);
    expect(r.waves[1].gate).toBe('opens when 100% of wave 1 succeeded: 0% so far');
    expect(r.errorGate).toBe('pauses at 2 failures: 0 failed so far');
    // the canaries are the first wave's tasks
    const canaries = ids.filter((_, i) => i % 5 === 0);
    const firstWave: { tenant_id: string; status: string }[] = await t.ds.query(
      `SELECT tenant_id, status FROM update_task WHERE rollout_id = $1 AND wave = 0`,
      [r.id],
    );
    expect(firstWave.map((x) => x.tenant_id).sort()).toEqual([...canaries].sort());
    // every tenant shows its pending update, and the one-open-task rule holds for held tasks
    const tenant = await t.admin.get(`/tenants/${ids[1]}`).expect(200);
    expect(tenant.body.pendingUpdate).toBe(true);
    expect(tenant.body.pendingTask).toMatchObject({ status: 'held' });
    await t.admin
      .post('/update-tasks', { tenantIds: [ids[1]], targetVersion: '2.0.0', mode: 'immediate' })
      .expect(409);
    const task = await t.admin.get(`/update-tasks?batchId=${r.batchId}&status=held&limit=1`);
    // a held task belongs to a later wave (1 or 2; the list is not ordered by wave)
    expect(task.body.items[0]).toMatchObject({ status: 'held', rolloutId: r.id });
    expect([1, 2]).toContain(task.body.items[0].wave);
    // listed, and found by state and version
    const list = await t.admin.get(`/rollouts?state=scheduled&targetVersion=2.0.0`).expect(200);
    expect(list.body.items.map((x: { id: string }) => x.id)).toContain(r.id);
  });

  it('assigns interleaved count, tag and percent waves in SQL as the arithmetic says, tenant by tenant', async () => {
    const partner = await newPartner(t.admin, w.platformId);
    const tagsOf = (i: number) =>
      i % 4 === 0 ? ['ring:canary'] : i % 7 === 0 ? ['region:eu'] : [];
    const ids = await bulk(partner.id, 30, (i) => ({ tags: tagsOf(i) }));
    // a count before a tag wave takes canaries too; a second tag wave after a percent one
    const waves = [
      { count: 2 },
      { tags: ['ring:canary'] },
      { percent: 25 },
      { tags: ['region:eu'] },
      { count: 3 },
    ];
    const expected = assignWaves(
      waveSpecs(waves),
      ids.map((_, i) => ({ tags: tagsOf(i) })),
    );
    const dry = await t.admin
      .post('/rollouts', {
        partnerId: partner.id,
        targetVersion: '2.0.0',
        mode: 'immediate',
        waves,
        dryRun: true,
      })
      .expect(200);
    const sizes = [0, 1, 2, 3, 4].map((wave) => expected.filter((x) => x === wave).length);
    expect(dry.body.waves.map((x: { tenants: number }) => x.tenants)).toEqual(sizes);
    const r = await t.admin
      .post('/rollouts', {
        partnerId: partner.id,
        targetVersion: '2.0.0',
        mode: 'immediate',
        waves,
      })
      .expect(201);
    const rows: { tenant_id: string; wave: number }[] = await t.ds.query(
      `SELECT tenant_id, wave FROM update_task WHERE rollout_id = $1`,
      [r.body.id],
    );
    const waveOf = new Map(rows.map((x) => [x.tenant_id, x.wave]));
    expect(ids.map((id) => waveOf.get(id))).toEqual(expected);
    expect(r.body.waves.map((x: { total: number }) => x.total)).toEqual(sizes);
  });

  it('rounds at the edges: 0.5% of 150 tenants is one, a rollout of one tenant is one wave', async () => {
    const partner = await newPartner(t.admin, w.platformId);
    await bulk(partner.id, 150);
    const rollouts = await count(`FROM rollout`, []);
    const dry = await t.admin
      .post('/rollouts', {
        partnerId: partner.id,
        targetVersion: '2.0.0',
        mode: 'immediate',
        waves: [{ percent: 0.5 }, { percent: 10 }, { percent: 100 }],
        dryRun: true,
      })
      .expect(200);
    expect(dry.body.waves.map((x: { tenants: number }) => x.tenants)).toEqual([1, 15, 134]);
    expect(dry.body.created).toBe(150);
    expect(await count(`FROM rollout`, [])).toBe(rollouts);

    const single = await newTenant(t.admin, partner.id);
    const one = await t.admin
      .post('/rollouts', {
        tenantIds: [single.id],
        targetVersion: '2.0.0',
        mode: 'immediate',
        waves: [{ percent: 50 }],
      })
      .expect(201);
    expect(one.body.waves).toHaveLength(1);
    expect(one.body.counts).toMatchObject({ scheduled: 1, held: 0 });
  });

  it('refuses bad input with 400 naming the field, and writes nothing', async () => {
    const partner = await newPartner(t.admin, w.platformId);
    await bulk(partner.id, 3);
    const before = await count(`FROM update_task`, []);
    const rolloutsBefore = await count(`FROM rollout`, []);
    const ask = (extra: object) =>
      t.admin.post('/rollouts', {
        partnerId: partner.id,
        targetVersion: '2.0.0',
        mode: 'immediate',
        ...extra,
      });
    const cases: [object, string][] = [
      [{ waves: [{ tags: ['Ring Canary!'] }] }, 'waves[0].tags'],
      [{ waves: [{ percent: 0 }] }, 'waves[0].percent'],
      [{ waves: [{ percent: 101 }] }, 'waves[0].percent'],
      [{ waves: [{ percent: 100 }, { count: 1 }] }, 'waves[1]'],
      [{ waves: [{ percent: 10, count: 1 }] }, 'waves[0]'],
      [{ waves: [{ tags: ['ring:nobody'] }] }, 'waves[0]'],
      [{ successThreshold: 0 }, 'successThreshold'],
      [{ successThreshold: 101 }, 'successThreshold'],
      [{ errorThreshold: { percent: 150 } }, 'errorThreshold.percent'],
      [{ errorThreshold: { count: 0 } }, 'errorThreshold.count'],
      [{ errorThreshold: { count: 1, percent: 5 } }, 'errorThreshold'],
      [{ onError: 'explode' }, 'onError'],
      [{ maxConcurrency: {} }, 'maxConcurrency'],
      [{ soakMinutes: -1 }, 'soakMinutes'],
    ];
    for (const [extra, field] of cases) {
      const res = await ask(extra);
      expect({ extra, status: res.status }).toEqual({ extra, status: 400 });
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    expect(await count(`FROM update_task`, [])).toBe(before);
    expect(await count(`FROM rollout`, [])).toBe(rolloutsBefore);
  });

  it('confines a partner admin to its own tenants and rollouts', async () => {
    const mine = await newPartner(t.admin, w.platformId);
    const other = await newPartner(t.admin, w.platformId);
    await bulk(mine.id, 2);
    await bulk(other.id, 2);
    const api = t.admin.as(await newKey(t.admin, 'partner_admin', mine.id));
    const otherApi = t.admin.as(await newKey(t.admin, 'partner_admin', other.id));
    await api
      .post('/rollouts', { partnerId: other.id, targetVersion: '2.0.0', mode: 'immediate' })
      .expect(404);
    const r = await api
      .post('/rollouts', {
        filter: { softwareVersion: '1.0.0' },
        targetVersion: '2.0.0',
        mode: 'immediate',
      })
      .expect(201);
    expect(r.body).toMatchObject({ total: 2, partnerId: mine.id });
    await otherApi.get(`/rollouts/${r.body.id}`).expect(404);
    await otherApi.post(`/rollouts/${r.body.id}/pause`).expect(404);
    const own = await api.get('/rollouts').expect(200);
    expect(own.body.items.map((x: { id: string }) => x.id)).toEqual([r.body.id]);
    // a forced rollout is the platform admins' to change
    const forced = await t.admin
      .post('/rollouts', {
        partnerId: other.id,
        targetVersion: '2.0.0',
        mode: 'immediate',
        forced: true,
      })
      .expect(201);
    await otherApi.post(`/rollouts/${forced.body.id}/pause`).expect(403);
    await t.admin.post(`/rollouts/${forced.body.id}/pause`).expect(200);
  });

  it('pauses, resumes and cancels, e-mailing the partner and writing the audit log', async () => {
    const partner = await newPartner(t.admin, w.platformId);
    await bulk(partner.id, 4, () => ({ customerEmail: 'someone@tenant.example' }));
    const r = (
      await t.admin
        .post('/rollouts', {
          partnerId: partner.id,
          targetVersion: '2.0.0',
          mode: 'immediate',
          waves: [{ count: 1 }, { percent: 100 }],
          notifyCustomer: true,
        })
        .expect(201)
    ).body;
    const paused = await t.admin.post(`/rollouts/${r.id}/pause`).expect(200);
    expect(paused.body).toMatchObject({ state: 'paused', counts: { held: 4, scheduled: 0 } });
    expect(paused.body.pausedReason).toMatch(/^paused by /);
    await t.admin.post(`/rollouts/${r.id}/pause`).expect(409);
    const resumed = await t.admin.post(`/rollouts/${r.id}/resume`).expect(200);
    expect(resumed.body).toMatchObject({ state: 'scheduled', counts: { held: 3, scheduled: 1 } });
    const cancelled = await t.admin.post(`/rollouts/${r.id}/cancel`).expect(200);
    expect(cancelled.body).toMatchObject({ state: 'cancelled', counts: { cancelled: 4 } });
    await t.admin.post(`/rollouts/${r.id}/resume`).expect(409);
    const mails: { event: string }[] = await t.ds.query(
      `SELECT event FROM outbox_email WHERE partner_id = $1 AND event LIKE 'rollout.%' ORDER BY created_at`,
      [partner.id],
    );
    expect(mails.map((m) => m.event)).toEqual(['rollout.paused', 'rollout.completed']);
    const audit: { action: string }[] = await t.ds.query(
      `SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`,
      [r.id],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'rollout.create',
      'rollout.pause',
      'rollout.resume',
      'rollout.cancel',
    ]);
  });

  it("cancels a rollout's held tasks with its batch, for a partner admin its own only", async () => {
    const partner = await newPartner(t.admin, w.platformId);
    const ids = await bulk(partner.id, 5);
    const r = (
      await t.admin
        .post('/rollouts', {
          partnerId: partner.id,
          targetVersion: '2.0.0',
          mode: 'immediate',
          waves: [{ count: 1 }, { count: 2 }, { percent: 100 }],
        })
        .expect(201)
    ).body;
    expect(r.counts).toMatchObject({ scheduled: 1, held: 4 });
    const api = t.admin.as(await newKey(t.admin, 'partner_admin', partner.id));
    const batch = await api.post(`/update-batches/${r.batchId}/cancel`).expect(200);
    expect(batch.body.counts).toMatchObject({ held: 0, scheduled: 0, cancelled: 5 });
    const after = await t.admin.get(`/rollouts/${r.id}`).expect(200);
    expect(after.body.counts).toMatchObject({ held: 0, scheduled: 0, cancelled: 5 });
    // With nothing left to gate, the gates end the rollout cancelled (and e-mail it).
    await t.app.get(RolloutGates).advanceAll();
    const ended = await t.admin.get(`/rollouts/${r.id}`).expect(200);
    expect(ended.body).toMatchObject({
      state: 'cancelled',
      pausedReason: 'every task of the rollout was cancelled',
    });
    // No task is left open: every tenant is free for a new update.
    expect(
      await count(`FROM update_task WHERE tenant_id = ANY($1::uuid[]) AND is_open`, [ids]),
    ).toBe(0);
    const single = await t.admin
      .post('/rollouts', { partnerId: partner.id, targetVersion: '2.0.0', mode: 'immediate' })
      .expect(201);
    expect(single.body.total).toBe(5);
  });
});
