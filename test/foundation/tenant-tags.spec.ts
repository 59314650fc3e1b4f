import { startTestApp, TestApp } from '../support/app';
import { newKey, newPartner, newTenant, newWorld } from '../support/factories';

/** POST /tenants/tags: tags added and removed on many tenants at once, all or nothing. */
describe('bulk tag edit', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof newWorld>>;

  beforeAll(async () => {
    t = await startTestApp();
    w = await newWorld(t.admin);
  });
  afterAll(() => t.close());

  const tagsOf = async (id: string) => (await t.admin.get(`/tenants/${id}`).expect(200)).body.tags;

  it('adds and removes tags on tenants named by id, keeping order, and audits one summary', async () => {
    const a = await newTenant(t.admin, w.partner.id, { tags: ['ring:late', 'region:eu'] });
    const b = await newTenant(t.admin, w.partner.id, { tags: ['region:us'] });
    const c = await newTenant(t.admin, w.partner.id, { tags: ['ring:canary'] });
    const body = {
      tenantIds: [a.id, b.id, c.id],
      add: ['ring:canary', 'Wave:1'],
      remove: ['ring:late'],
    };
    const res = await t.admin.post('/tenants/tags', body).expect(200);
    expect(res.body).toEqual({ matched: 3, updated: 3 });
    expect(await tagsOf(a.id)).toEqual(['region:eu', 'ring:canary', 'wave:1']);
    expect(await tagsOf(b.id)).toEqual(['region:us', 'ring:canary', 'wave:1']);
    expect(await tagsOf(c.id)).toEqual(['ring:canary', 'wave:1']);
    const again = await t.admin.post('/tenants/tags', body).expect(200);
    expect(again.body).toEqual({ matched: 3, updated: 0 });

    const audit = await t.admin.get('/audit-log?action=tenant.bulk_tags').expect(200);
    expect(audit.body.items.map((a: { after: unknown }) => a.after)).toEqual(
      [3, 0].map((updated) =>
        expect.objectContaining({
          add: ['ring:canary', 'wave:1'],
          remove: ['ring:late'],
          by: { tenantIds: 3 },
          matched: 3,
          updated,
          tenants: { count: 3, first: expect.arrayContaining([a.id, b.id, c.id]) },
        }),
      ),
    );
  });

  it("edits a partner admin's tenants matched by a filter, never another partner's", async () => {
    const partner = await newPartner(t.admin, w.platform.id);
    const api = t.admin.as(await newKey(t.admin, 'partner_admin', partner.id));
    const old = await newTenant(api, undefined, { softwareVersion: '1.0.0', tags: ['region:eu'] });
    const current = await newTenant(api, undefined, {
      softwareVersion: '2.0.0',
      tags: ['region:eu'],
    });
    const foreign = await newTenant(t.admin, w.partner.id, {
      softwareVersion: '1.0.0',
      tags: ['region:eu'],
    });
    const res = await api
      .post('/tenants/tags', {
        filter: { tags: ['region:eu'], softwareVersion: '<2.0.0' },
        add: ['needs:2'],
      })
      .expect(200);
    expect(res.body).toEqual({ matched: 1, updated: 1 });
    expect(await tagsOf(old.id)).toEqual(['region:eu', 'needs:2']);
    expect(await tagsOf(current.id)).toEqual(['region:eu']);
    expect(await tagsOf(foreign.id)).toEqual(['region:eu']);

    await api
      .post('/tenants/tags', { filter: { partnerId: w.partner.id }, add: ['x'] })
      .expect(404);
    const byId = await api
      .post('/tenants/tags', { tenantIds: [old.id, foreign.id], add: ['x'] })
      .expect(404);
    expect(byId.body.details).toEqual([
      { index: 1, field: 'tenantIds[1]', tenantId: foreign.id, reason: 'no such tenant' },
    ]);
    expect(await tagsOf(old.id)).toEqual(['region:eu', 'needs:2']);
    expect(await tagsOf(foreign.id)).toEqual(['region:eu']);
  });

  it('changes nothing when one tenant would hold more than 32 tags', async () => {
    const full = await newTenant(t.admin, w.partner.id, {
      tags: Array.from({ length: 31 }, (_, i) => `t${i}`),
    });
    const other = await newTenant(t.admin, w.partner.id, { tags: [] });
    const res = await t.admin
      .post('/tenants/tags', { tenantIds: [other.id, full.id], add: ['a', 'b'] })
      .expect(422);
    expect(res.body.details).toEqual([
      { field: 'add', tenantId: full.id, reason: 'would give the tenant more than 32 tags' },
    ]);
    expect(await tagsOf(other.id)).toEqual([]);
    // Removing one first leaves room for one more.
    await t.admin
      .post('/tenants/tags', { tenantIds: [full.id], add: ['a'], remove: ['t0'] })
      .expect(200, { matched: 1, updated: 1 });
  });

  it('refuses bad requests with 400 naming the field', async () => {
    const tenant = await newTenant(t.admin, w.partner.id, { tags: ['keep'] });
    const fields = async (body: Record<string, unknown>) =>
      (await t.admin.post('/tenants/tags', body).expect(400)).body.details.map(
        (d: { field: string }) => d.field,
      );
    expect(await fields({ tenantIds: [tenant.id], add: ['no spaces'] })).toEqual(['add']);
    expect(await fields({ add: ['a'] })).toEqual(['tenantIds', 'filter']);
    expect(await fields({ tenantIds: [tenant.id], filter: {}, add: ['a'] })).toEqual([
      'tenantIds',
      'filter',
    ]);
    expect(await fields({ tenantIds: [tenant.id] })).toEqual(['add', 'remove']);
    expect(await fields({ tenantIds: [tenant.id], add: ['a'], remove: ['b', 'a'] })).toEqual([
      'remove[1]',
    ]);
    expect(await fields({ tenantIds: ['nope'], add: ['a'] })).toEqual(['tenantIds']);
    expect(
      await fields({ filter: { partnerId: w.partner.id, platformId: w.platform.id }, add: ['a'] }),
    ).toEqual(['filter.partnerId', 'filter.platformId']);
    expect(await fields({ filter: { softwareVersion: '<<1' }, add: ['a'] })).toEqual([
      'filter.softwareVersion',
    ]);
    expect(await tagsOf(tenant.id)).toEqual(['keep']);
  });
});
