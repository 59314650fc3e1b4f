import { startTestApp, TestApp } from '../support/app';
import { newKey, newTenant, newWorld } from '../support/factories';
import type { Api } from '../support/http';
import { Claimer } from '../../src/scheduler/claimer.service';

/**
 * A task changed before its batch's fan-out was expanded is expanded by the changing statement
 * (migrations 1796021400001 and 1796021400002: one trigger and one insert per statement): here
 * statements that change many tasks at once, some of them not in what the event says.
 */
describe('webhooks: tasks changed by one statement before their fan-out was expanded', () => {
  let t: TestApp;
  let partnerApi: Api;
  let partnerId: string;
  const hooks: string[] = [];

  const register = async (events: string[]) => {
    const hook = (
      await partnerApi.post('/webhooks', { url: 'http://127.0.0.1:9/never', events }).expect(201)
    ).body as { id: string };
    hooks.push(hook.id);
    return hook;
  };
  const schedule = async (n: number, mode: 'custom' | 'immediate' = 'custom') => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push((await newTenant(t.admin, partnerId)).id);
    const body = (
      await t.admin
        .post('/update-tasks', {
          tenantIds: ids,
          targetVersion: '2.0.0',
          mode,
          ...(mode === 'custom' && { runAt: '2027-04-01T10:00:00Z' }),
        })
        .expect(201)
    ).body as { batchId: string };
    const tasks = (await t.ds.query(`SELECT id FROM update_task WHERE batch_id = $1 ORDER BY id`, [
      body.batchId,
    ])) as { id: string }[];
    return { batchId: body.batchId, ids: tasks.map((x) => x.id) };
  };
  /** Per task: its deliveries to the endpoint in seq order (event, status in body, runAt). */
  const byTask = async (endpointId: string) => {
    const rows = (await t.ds.query(
      `SELECT order_key AS task, event, payload->'data'->>'status' AS status,
              payload->'data'->>'runAt' AS "runAt", seq
       FROM webhook_delivery WHERE endpoint_id = $1 ORDER BY seq`,
      [endpointId],
    )) as { task: string; event: string; status: string; runAt: string; seq: string }[];
    const m = new Map<string, { event: string; status: string; runAt: string }[]>();
    for (const r of rows) {
      m.set(r.task, [
        ...(m.get(r.task) ?? []),
        { event: r.event, status: r.status, runAt: r.runAt },
      ]);
    }
    return { rows, m };
  };

  beforeAll(async () => {
    t = await startTestApp({
      env: { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_SENDER_ENABLED: 'false' },
    });
    t.clock.set('2027-03-20T10:00:00Z');
    const world = await newWorld(t.admin);
    partnerId = world.partner.id;
    partnerApi = t.admin.as(await newKey(t.admin, 'partner_admin', partnerId));
  });
  afterEach(async () => {
    for (const id of hooks.splice(0)) await t.admin.delete(`/webhooks/${id}`).expect(204);
  });
  afterAll(() => t.close());

  it('a batch cancelled before its expansion: every task scheduled (as committed) then cancelled', async () => {
    const hook = await register(['task.scheduled', 'task.cancelled']);
    const { batchId, ids } = await schedule(5);
    await t.admin.post(`/update-batches/${batchId}/cancel`).expect(200);
    const { m } = await byTask(hook.id);
    for (const id of ids) {
      expect(m.get(id)).toMatchObject([
        { event: 'task.scheduled', status: 'scheduled' },
        { event: 'task.cancelled', status: 'cancelled' },
      ]);
    }
  });

  it('one statement over two pending batches, some rows changed and some not: exactly the changed ones expanded, from their old rows, in id order', async () => {
    const hook = await register(['task.scheduled']);
    const a = await schedule(4);
    const b = await schedule(3);
    const changed = [a.ids[0], a.ids[2], b.ids[1]];
    await t.ds.query(
      `UPDATE update_task SET progress_percent = 5,
         run_at = CASE WHEN id = ANY($1::uuid[]) THEN run_at + interval '1 hour' ELSE run_at END
       WHERE batch_id = ANY($2::uuid[])`,
      [changed, [a.batchId, b.batchId]],
    );
    const { rows } = await byTask(hook.id);
    expect(rows.map((r) => r.task)).toEqual([...changed].sort());
    for (const r of rows) expect(r.runAt).toBe('2027-04-01T10:00:00.000Z');
  });

  it('a claim of a pending batch: task.scheduled (status scheduled, attempts 0) before task.started', async () => {
    const hook = await register(['task.scheduled', 'task.started']);
    const { ids } = await schedule(4, 'immediate');
    const claims = await t.app.get(Claimer).claim({
      owner: 'fanout-spec',
      leaseSeconds: 60,
      now: new Date('2027-03-21T00:00:00Z'),
      capacity: 10,
      lapsed: false,
      platformLimit: 100,
    });
    expect(claims.map((c) => c.id).sort()).toEqual(ids);
    const { m } = await byTask(hook.id);
    for (const id of ids) {
      expect(m.get(id)).toMatchObject([
        { event: 'task.scheduled', status: 'scheduled' },
        { event: 'task.started', status: 'running' },
      ]);
    }
  });
});
