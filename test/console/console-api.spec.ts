import { startTestApp, TestApp } from '../support/app';
import type { Api } from '../support/http';
import { newKey, newPartner, newTenant, newWorld } from '../support/factories';

/** What the console asks of the API beyond the first wave: tags, search, counts, previews. */
describe('the API behind the console', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof newWorld>>;

  beforeAll(async () => {
    t = await startTestApp();
    t.clock.set('2027-01-04T10:00:00Z');
    w = await newWorld(t.admin);
  });
  afterAll(() => t.close());

  const names = (res: { body: { items: { name: string }[] } }) =>
    res.body.items.map((i) => i.name).sort();

  describe('tenant tags', () => {
    it('are kept in lower case, replaced by PATCH, and filtered all-of', async () => {
      const a = await newTenant(t.admin, w.partner.id, {
        name: 'tags-a',
        tags: ['Ring:Canary', 'region:eu'],
      });
      expect(a.tags).toEqual(['ring:canary', 'region:eu']);
      await newTenant(t.admin, w.partner.id, { name: 'tags-b', tags: ['region:eu'] });
      const bulk = await w.partnerApi
        .post('/tenants/bulk', {
          tenants: [{ name: 'tags-c', softwareVersion: '1.0.0', tags: ['ring:canary'] }],
        })
        .expect(201);
      const c = await t.admin.get(`/tenants/${bulk.body.ids[0]}`).expect(200);
      expect(c.body.tags).toEqual(['ring:canary']);

      expect(names(await t.admin.get('/tenants?tags=region:eu').expect(200))).toEqual([
        'tags-a',
        'tags-b',
      ]);
      expect(names(await t.admin.get('/tenants?tags=ring:canary,region:eu').expect(200))).toEqual([
        'tags-a',
      ]);
      const patched = await t.admin.patch(`/tenants/${a.id}`, { tags: [] }).expect(200);
      expect(patched.body.tags).toEqual([]);
      expect(names(await t.admin.get('/tenants?tags=RING:CANARY').expect(200))).toEqual(['tags-c']);
    });

    it('refuses bad tags with 400 naming the field', async () => {
      const bad = await t.admin
        .post('/tenants', {
          partnerId: w.partner.id,
          name: 'bad-tags',
          softwareVersion: '1.0.0',
          tags: ['ok', 'no spaces'],
        })
        .expect(400);
      expect(bad.body.details).toEqual([
        { field: 'tags', reason: expect.stringContaining('[1] must be 1 to 64 letters') },
      ]);
      const many = Array.from({ length: 33 }, (_, i) => `t${i}`);
      const tooMany = await t.admin
        .post('/tenants', {
          partnerId: w.partner.id,
          name: 'x',
          softwareVersion: '1.0.0',
          tags: many,
        })
        .expect(400);
      expect(tooMany.body.details[0]).toEqual({
        field: 'tags',
        reason: 'must hold at most 32 tags',
      });
      const query = await t.admin.get('/tenants?tags=a%20b').expect(400);
      expect(query.body.details[0].field).toBe('tags');
      const twice = await t.admin.get('/tenants?tags=a&tags=b').expect(400);
      expect(twice.body.details[0]).toEqual({
        field: 'tags',
        reason: 'must be given once, as tags separated by commas',
      });
    });
  });

  describe('tenant search and counts', () => {
    it('finds tenants by part of the name in any case, wildcards taken literally', async () => {
      const partner = await newPartner(t.admin, w.platform.id);
      for (const name of ['Pizzeria Da Mario', 'Bäckerei Schmidt', 'Mario_Bros 100%', 'MarioXBros'])
        await newTenant(t.admin, partner.id, { name });
      const q = (s: string) =>
        t.admin.get(`/tenants?partnerId=${partner.id}&search=${encodeURIComponent(s)}`).expect(200);
      expect(names(await q('mario'))).toEqual([
        'MarioXBros',
        'Mario_Bros 100%',
        'Pizzeria Da Mario',
      ]);
      expect(names(await q('o_b'))).toEqual(['Mario_Bros 100%']);
      expect(names(await q('100%'))).toEqual(['Mario_Bros 100%']);
      expect(names(await q('BÄCK'))).toEqual(['Bäckerei Schmidt']);
      const count = await t.admin
        .get(`/tenants/count?partnerId=${partner.id}&search=mario`)
        .expect(200);
      expect(count.body).toEqual({ count: 3 });
    });

    it("counts only the caller's tenants", async () => {
      const mine = await t.admin.get(`/tenants/count?partnerId=${w.partner.id}`).expect(200);
      const all = await w.partnerApi.get('/tenants/count').expect(200);
      expect(all.body.count).toBe(mine.body.count);
      await w.partnerApi
        .get(`/tenants/count?partnerId=${(await newPartner(t.admin, w.platform.id)).id}`)
        .expect(200, { count: 0 });
    });
  });

  describe('scheduling every tenant that matches a filter', () => {
    it("schedules the matching tenants only, within the caller's own partner", async () => {
      const partner = await newPartner(t.admin, w.platform.id);
      const key = await newKey(t.admin, 'partner_admin', partner.id);
      const api = t.admin.as(key);
      const eu = await newTenant(api, undefined, { tags: ['region:eu'] });
      const euNew = await newTenant(api, undefined, {
        tags: ['region:eu'],
        softwareVersion: '2.0.0',
      });
      await newTenant(api, undefined, { tags: ['region:us'] });
      const foreign = await newTenant(t.admin, w.partner.id, { tags: ['region:eu'] });

      const filter = { tags: ['region:eu'], softwareVersion: '1.0.0' };
      const preview = await api
        .post('/update-tasks', { filter, targetVersion: '2.0.0', mode: 'immediate', dryRun: true })
        .expect(200);
      expect(preview.body.created).toBe(1);
      const res = await api
        .post('/update-tasks', { filter, targetVersion: '2.0.0', mode: 'immediate' })
        .expect(201);
      expect(res.body.created).toBe(1);
      const tasks = await t.admin.get(`/update-tasks?batchId=${res.body.batchId}`).expect(200);
      expect(tasks.body.items.map((x: { tenantId: string }) => x.tenantId)).toEqual([eu.id]);
      expect(tasks.body.items[0].tenantName).toBe(eu.name);
      for (const other of [euNew, foreign]) {
        const tenant = await t.admin.get(`/tenants/${other.id}`).expect(200);
        expect(tenant.body.pendingUpdate).toBe(false);
      }
      const pending = await api.get(`/tenants/${eu.id}`).expect(200);
      expect(pending.body.pendingTask).toEqual({
        id: tasks.body.items[0].id,
        status: 'scheduled',
        runAt: '2027-01-04T10:00:00.000Z',
        targetVersion: '2.0.0',
        mode: 'immediate',
        forced: false,
      });
    });

    it("refuses another partner's filter with 404 and a bad one with 400 naming the field", async () => {
      const other = await newPartner(t.admin, w.platform.id);
      await w.partnerApi
        .post('/update-tasks', {
          filter: { partnerId: other.id },
          targetVersion: '2.0.0',
          mode: 'immediate',
        })
        .expect(404);
      const bad = await w.partnerApi
        .post('/update-tasks', {
          filter: { tags: ['Not OK'] },
          targetVersion: '2.0.0',
          mode: 'immediate',
        })
        .expect(400);
      expect(bad.body.details[0].field).toBe('filter.tags');
      const both = await w.partnerApi
        .post('/update-tasks', {
          filter: {},
          partnerId: w.partner.id,
          targetVersion: '2.0.0',
          mode: 'immediate',
        })
        .expect(400);
      expect(both.body.details.map((d: { field: string }) => d.field)).toEqual([
        'partnerId',
        'filter',
      ]);
    });

    it("previews when each tenant's window starts, per time zone", async () => {
      const partner = await newPartner(t.admin, w.platform.id);
      await newTenant(t.admin, partner.id, {
        maintenanceWindow: { cron: '0 2 * * *', durationMinutes: 60, timezone: 'Europe/Rome' },
      });
      await newTenant(t.admin, partner.id, {
        maintenanceWindow: { cron: '0 2 * * *', durationMinutes: 60, timezone: 'America/New_York' },
      });
      const preview = await t.admin
        .post('/update-tasks', {
          partnerId: partner.id,
          targetVersion: '2.0.0',
          mode: 'maintenance_window',
          dryRun: true,
        })
        .expect(200);
      expect(preview.body.slots).toEqual([
        {
          runAt: '2027-01-05T01:00:00.000Z',
          expiresAt: '2027-01-05T02:00:00.000Z',
          timezone: 'Europe/Rome',
          tenants: 1,
        },
        {
          runAt: '2027-01-05T07:00:00.000Z',
          expiresAt: '2027-01-05T08:00:00.000Z',
          timezone: 'America/New_York',
          tenants: 1,
        },
      ]);
    });
  });

  describe('tasks as the console lists them', () => {
    async function scheduleOne(api: Api, extra: Record<string, unknown> = {}) {
      const tenant = await newTenant(t.admin, w.partner.id);
      const res = await api
        .post('/update-tasks', {
          tenantIds: [tenant.id],
          targetVersion: '2.0.0',
          mode: 'custom',
          runAt: '2027-02-01T10:00:00Z',
          ...extra,
        })
        .expect(201);
      const list = await api.get(`/update-tasks?batchId=${res.body.batchId}`).expect(200);
      return list.body.items[0];
    }

    it('offer the actions the role may take', async () => {
      const own = await scheduleOne(w.partnerApi);
      expect(own.actions).toEqual(['cancel', 'reschedule']);
      const forced = await scheduleOne(t.admin, { forced: true });
      expect(
        (await w.partnerApi.get(`/update-tasks/${forced.id}`).expect(200)).body.actions,
      ).toEqual([]);
      expect((await t.admin.get(`/update-tasks/${forced.id}`).expect(200)).body.actions).toEqual([
        'cancel',
        'reschedule',
      ]);
      const cancelled = await w.partnerApi.post(`/update-tasks/${own.id}/cancel`, {}).expect(200);
      expect(cancelled.body.actions).toEqual([]);
    });

    it('come newest first with order=desc, page by page', async () => {
      const first = await scheduleOne(w.partnerApi);
      const second = await scheduleOne(w.partnerApi);
      const page1 = await w.partnerApi.get('/update-tasks?order=desc&limit=1').expect(200);
      expect(page1.body.items[0].id).toBe(second.id);
      const page2 = await w.partnerApi
        .get(`/update-tasks?order=desc&limit=1&cursor=${page1.body.nextCursor}`)
        .expect(200);
      expect(page2.body.items[0].id).toBe(first.id);
    });
  });

  describe('announcing platform maintenance as a dry run', () => {
    it('says how many updates it would cancel or move, and writes nothing', async () => {
      const tenant = await newTenant(t.admin, w.partner.id);
      await t.admin
        .post('/update-tasks', {
          tenantIds: [tenant.id],
          targetVersion: '2.0.0',
          mode: 'custom',
          runAt: '2027-03-01T10:00:00Z',
          notifyCustomer: true,
        })
        .expect(201);
      const outbox = async () =>
        (await t.ds.query('SELECT count(*)::int AS n FROM outbox_email'))[0].n;
      const before = await outbox();
      const body = {
        startsAt: '2027-03-01T09:00:00Z',
        endsAt: '2027-03-01T12:00:00Z',
        message: 'Storage upgrade',
        conflictPolicy: 'cancel',
      };
      const dry = await t.admin
        .post(`/platforms/${w.platform.id}/maintenance`, { ...body, dryRun: true })
        .expect(200);
      expect(dry.body.affected).toEqual({ cancelled: 1, rescheduled: 0 });
      const list = await t.admin.get(`/platforms/${w.platform.id}/maintenance`).expect(200);
      expect(list.body.items).toEqual([]);
      expect(await outbox()).toBe(before);
      expect((await t.admin.get(`/tenants/${tenant.id}`).expect(200)).body.pendingUpdate).toBe(
        true,
      );

      const real = await t.admin.post(`/platforms/${w.platform.id}/maintenance`, body).expect(201);
      expect(real.body.affected).toEqual({ cancelled: 1, rescheduled: 0 });
    });
  });

  it('lists the audit log newest first with order=desc', async () => {
    const res = await t.admin.get('/audit-log?order=desc&limit=2').expect(200);
    expect(res.body.items[0].id > res.body.items[1].id).toBe(true);
  });
});
