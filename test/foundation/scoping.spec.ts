import { startTestApp, TestApp } from '../support/app';
import { newKey, newPartner, newPlatform, newTenant, newVersion } from '../support/factories';
import type { Api } from '../support/http';

/**
 * Partner A's admin key against every resource of partner B (on another platform) and of partner C
 * (same platform as A): never a leak. Out-of-scope resources are 404, lists never show them.
 */
describe('partner scoping', () => {
  let t: TestApp;
  let a: Api;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    const p1 = await newPlatform(t.admin);
    const p2 = await newPlatform(t.admin);
    await newVersion(t.admin, p1.id, '1.0.0');
    await newVersion(t.admin, p2.id, '1.0.0');
    const partnerA = await newPartner(t.admin, p1.id);
    const partnerB = await newPartner(t.admin, p2.id);
    const partnerC = await newPartner(t.admin, p1.id);
    a = t.admin.as(await newKey(t.admin, 'partner_admin', partnerA.id));
    Object.assign(ids, {
      p1: p1.id,
      p2: p2.id,
      partnerA: partnerA.id,
      partnerB: partnerB.id,
      partnerC: partnerC.id,
      tenantA: (await newTenant(t.admin, partnerA.id)).id,
      tenantB: (await newTenant(t.admin, partnerB.id)).id,
      tenantC: (await newTenant(t.admin, partnerC.id)).id,
    });
    await newVersion(t.admin, p1.id, '2.0.0');
    await newVersion(t.admin, p2.id, '2.0.0');
    const scheduled = async (tenantId: string) => {
      const res = await t.admin
        .post('/update-tasks', {
          tenantIds: [tenantId],
          targetVersion: '2.0.0',
          mode: 'custom',
          runAt: '2099-01-01T00:00:00Z',
        })
        .expect(201);
      const task = (await t.admin.get(`/update-tasks?batchId=${res.body.batchId}`)).body.items[0];
      return { batch: res.body.batchId as string, task: task.id as string };
    };
    const b = await scheduled(ids.tenantB);
    const c = await scheduled(ids.tenantC);
    const m = await t.admin
      .post(`/platforms/${p2.id}/maintenance`, {
        startsAt: '2098-01-01T00:00:00Z',
        endsAt: '2098-01-02T00:00:00Z',
        message: 'x',
      })
      .expect(201);
    Object.assign(ids, {
      taskB: b.task,
      batchB: b.batch,
      taskC: c.task,
      batchC: c.batch,
      maintenanceB: m.body.id,
    });
  });
  afterAll(() => t.close());

  it.each([
    ['GET', '/partners/:partnerB'],
    ['GET', '/partners/:partnerC'],
    ['GET', '/tenants/:tenantB'],
    ['GET', '/tenants/:tenantC'],
    ['PATCH', '/tenants/:tenantB'],
    ['PATCH', '/tenants/:tenantC'],
    ['DELETE', '/tenants/:tenantB'],
    ['DELETE', '/tenants/:tenantC'],
    ['GET', '/platforms/:p2'],
    ['GET', '/platforms/:p2/versions'],
    ['GET', '/platforms/:p2/versions/1.0.0'],
    ['GET', '/platforms/:p2/maintenance'],
    ['GET', '/update-tasks/:taskB'],
    ['GET', '/update-tasks/:taskC'],
    ['POST', '/update-tasks/:taskB/cancel'],
    ['POST', '/update-tasks/:taskC/cancel'],
    ['POST', '/update-tasks/:taskC/reschedule'],
    ['GET', '/update-batches/:batchB'],
    ['GET', '/update-batches/:batchC'],
    ['POST', '/update-batches/:batchC/cancel'],
  ])('%s %s is 404 for partner A', async (method, template) => {
    const path = template.replace(/:(\w+)/g, (_, k: string) => ids[k]);
    const res =
      method === 'GET'
        ? await a.get(path)
        : method === 'PATCH'
          ? await a.patch(path, { name: 'stolen' })
          : method === 'POST'
            ? await a.post(path, path.endsWith('reschedule') ? { mode: 'immediate' } : {})
            : await a.delete(path);
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain('stolen');
  });

  it('leaves the other partners’ tenants and tasks untouched after those attempts', async () => {
    for (const id of [ids.tenantB, ids.tenantC]) {
      const res = await t.admin.get(`/tenants/${id}`).expect(200);
      expect(res.body.name).not.toBe('stolen');
    }
    for (const id of [ids.taskB, ids.taskC]) {
      const res = await t.admin.get(`/update-tasks/${id}`).expect(200);
      expect(res.body).toMatchObject({ status: 'scheduled', runAt: '2099-01-01T00:00:00.000Z' });
    }
  });

  it.each([
    ['/tenants', 'tenantA'],
    ['/tenants?partnerId=:partnerB', null],
    ['/tenants?partnerId=:partnerC', null],
    ['/tenants?platformId=:p2', null],
    ['/tenants?platformId=:p1', 'tenantA'],
    ['/partners', 'partnerA'],
    ['/partners?platformId=:p2', null],
    ['/platforms', 'p1'],
    ['/update-tasks', null],
    ['/update-tasks?partnerId=:partnerB', null],
    ['/update-tasks?tenantId=:tenantC', null],
    ['/update-tasks?batchId=:batchC', null],
    ['/update-tasks?platformId=:p2', null],
    ['/update-batches', null],
  ])('list %s shows partner A only its own', async (template, onlyKey) => {
    const path = template.replace(/:(\w+)/g, (_, k: string) => ids[k]);
    const res = await a.get(path).expect(200);
    const listed = res.body.items.map((i: { id: string }) => i.id);
    expect(listed).toEqual(onlyKey ? [ids[onlyKey]] : []);
  });

  it('does not let partner A schedule other partners’ tenants', async () => {
    const body = { targetVersion: '2.0.0', mode: 'immediate' };
    await a.post('/update-tasks', { ...body, tenantIds: [ids.tenantC] }).expect(404);
    await a.post('/update-tasks', { ...body, partnerId: ids.partnerC }).expect(404);
    await a.post('/update-tasks', { ...body, platformId: ids.p1 }).expect(403);
    const open = await t.ds.query(
      `SELECT count(*)::int AS n FROM update_task WHERE tenant_id = $1`,
      [ids.tenantC],
    );
    expect(open[0].n).toBe(1);
  });

  it('does not let partner A create tenants for another partner', async () => {
    const single = await a.post('/tenants', {
      partnerId: ids.partnerB,
      name: 'x',
      softwareVersion: '1.0.0',
    });
    expect(single.status).toBe(404);
    const bulk = await a.post('/tenants/bulk', {
      tenants: [
        { name: 'mine', softwareVersion: '1.0.0' },
        { partnerId: ids.partnerC, name: 'theirs', softwareVersion: '1.0.0' },
      ],
    });
    expect(bulk.status).toBe(404);
    const mine = await a.get('/tenants').expect(200);
    expect(mine.body.items.map((i: { name: string }) => i.name)).not.toContain('mine');
  });

  it('lets partner A read its own partner, platform and versions', async () => {
    await a.get(`/partners/${ids.partnerA}`).expect(200);
    await a.get(`/platforms/${ids.p1}`).expect(200);
    const versions = await a.get(`/platforms/${ids.p1}/versions`).expect(200);
    expect(versions.body.items.map((v: { version: string }) => v.version)).toEqual([
      '1.0.0',
      '2.0.0',
    ]);
  });
});
