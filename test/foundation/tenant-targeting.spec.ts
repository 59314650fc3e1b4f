import * as semver from 'semver';
import { startTestApp, TestApp } from '../support/app';
import { newKey, newPartner, newTenant, newVersion, newWorld } from '../support/factories';

/** Targeting tenants by a semver range of their installed version, and scheduling by a filter. */
describe('targeting tenants by version range and filter', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof newWorld>>;

  beforeAll(async () => {
    t = await startTestApp();
    t.clock.set('2027-01-04T10:00:00Z');
    w = await newWorld(t.admin);
  });
  afterAll(() => t.close());

  const VERSIONS = [
    '0.9.0',
    '1.0.0-0',
    '1.0.0-9',
    '1.0.0-10',
    '1.0.0-alpha',
    '1.0.0-alpha.1',
    '1.0.0-alpha.beta',
    '1.0.0-alpha-x',
    '1.0.0-beta.2',
    '1.0.0-beta.11',
    '1.0.0-rc.1',
    '1.0.0',
    '1.0.1',
    '1.2.0',
    '1.10.0',
    '2.0.0-rc.1',
    '2.0.0',
    '9.9.9',
    '10.0.0',
    '13.2.0',
    '13.10.4',
    '14.0.0-rc.2',
    '14.0.0',
    '14.0.1',
    '100.0.0',
    '99.99.99',
    '1234567890.0.1',
  ];
  const RANGES = [
    '<14.0.0',
    '<=14.0.0',
    '>13.2.0',
    '>=1.0.0 <2.0.0',
    '^13.2.0',
    '~1.0.0',
    '1.x',
    '1.0.0',
    '=1.0.0',
    '*',
    '>=1.0.0-alpha <1.0.0',
    '>1.0.0-alpha.1',
    '<1.0.0-beta.11',
    '>=1.0.0-10',
    '^14.0.0-rc.1',
    '<2.0.0 || >=14.0.0',
    '1.0.0 - 2.0.0',
    '>=13',
    '<0.9.0',
    '2.0.0-rc.1',
    '>=9.9.10 <100.0.0',
    '>99.99.99 <=1234567890.0.1',
  ];

  it('matches a range exactly as semver does, pre-releases included', async () => {
    const partner = await newPartner(t.admin, w.platform.id);
    const tenants = VERSIONS.map((v, i) => ({ name: `v${i}`, softwareVersion: v }));
    await t.admin
      .post('/tenants/bulk', { tenants: tenants.map((x) => ({ ...x, partnerId: partner.id })) })
      .expect(201);
    for (const range of RANGES) {
      const res = await t.admin
        .get(
          `/tenants?partnerId=${partner.id}&limit=100&softwareVersion=${encodeURIComponent(range)}`,
        )
        .expect(200);
      const found = (res.body.items as { softwareVersion: string }[])
        .map((x) => x.softwareVersion)
        .sort(semver.compare);
      const expected = VERSIONS.filter((v) => semver.satisfies(v, range)).sort(semver.compare);
      expect({ range, found }).toEqual({ range, found: expected });
    }
  });

  it('refuses a bad range with 400 naming the field', async () => {
    const list = await t.admin.get('/tenants?softwareVersion=not-a-range').expect(400);
    expect(list.body.details[0]).toEqual({
      field: 'softwareVersion',
      reason: expect.stringContaining('semver range'),
    });
    const schedule = await t.admin
      .post('/update-tasks', {
        filter: { partnerId: w.partner.id, softwareVersion: '<<14' },
        targetVersion: '2.0.0',
        mode: 'immediate',
      })
      .expect(400);
    expect(schedule.body.details[0].field).toBe('filter.softwareVersion');
  });

  it('schedules the tenants of a partner with a tag that are not yet on a version', async () => {
    await newVersion(t.admin, w.platform.id, '14.0.0', 'recommended');
    const partner = await newPartner(t.admin, w.platform.id);
    const old = await newTenant(t.admin, partner.id, {
      softwareVersion: '13.2.0',
      tags: ['region:eu'],
    });
    const older = await newTenant(t.admin, partner.id, {
      softwareVersion: '12.0.0',
      tags: ['region:eu', 'ring:canary'],
    });
    await newTenant(t.admin, partner.id, { softwareVersion: '14.0.0', tags: ['region:eu'] });
    await newTenant(t.admin, partner.id, { softwareVersion: '13.2.0', tags: ['region:us'] });
    const other = await newPartner(t.admin, w.platform.id);
    await newTenant(t.admin, other.id, { softwareVersion: '13.2.0', tags: ['region:eu'] });

    const filter = { partnerId: partner.id, tags: ['region:eu'], softwareVersion: '<14.0.0' };
    const body = { filter, targetVersion: '14.0.0', mode: 'immediate' };
    const preview = await t.admin.post('/update-tasks', { ...body, dryRun: true }).expect(200);
    expect(preview.body).toMatchObject({ batchId: null, matched: 2, created: 2, skipped: [] });
    const res = await t.admin.post('/update-tasks', body).expect(201);
    expect(res.body).toMatchObject({ matched: 2, created: 2 });
    const tasks = await t.admin.get(`/update-tasks?batchId=${res.body.batchId}`).expect(200);
    expect(tasks.body.items.map((x: { tenantId: string }) => x.tenantId).sort()).toEqual(
      [old.id, older.id].sort(),
    );
  });

  it("confines a partner admin's filter to its own tenants, whatever else it names", async () => {
    const partner = await newPartner(t.admin, w.platform.id);
    const api = t.admin.as(await newKey(t.admin, 'partner_admin', partner.id));
    const mine = await newTenant(api, undefined, { softwareVersion: '1.0.0', tags: ['ring:a'] });
    await newTenant(t.admin, w.partner.id, { softwareVersion: '1.0.0', tags: ['ring:a'] });
    const body = { targetVersion: '2.0.0', mode: 'immediate', dryRun: true };
    const own = await api
      .post('/update-tasks', { ...body, filter: { tags: ['ring:a'], softwareVersion: '<2' } })
      .expect(200);
    expect(own.body).toMatchObject({ matched: 1, created: 1 });
    const platformWide = await api
      .post('/update-tasks', { ...body, filter: { platformId: w.platform.id, tags: ['ring:a'] } })
      .expect(200);
    expect(platformWide.body).toMatchObject({ matched: 1, created: 1 });
    const counted = await api.get('/tenants/count?tags=ring:a&softwareVersion=1.0.0').expect(200);
    expect(counted.body).toEqual({ count: 1 });
    await api.post('/update-tasks', { ...body, filter: { partnerId: w.partner.id } }).expect(404);
    expect((await t.admin.get(`/tenants/${mine.id}`).expect(200)).body.pendingUpdate).toBe(false);
  });

  it('refuses a filter naming both a partner and a platform, writing nothing', async () => {
    const res = await t.admin
      .post('/update-tasks', {
        filter: { partnerId: w.partner.id, platformId: w.platform.id },
        targetVersion: '2.0.0',
        mode: 'immediate',
      })
      .expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual([
      'filter.partnerId',
      'filter.platformId',
    ]);
  });

  it('follows a tenant whose version changes', async () => {
    const partner = await newPartner(t.admin, w.platform.id);
    const tenant = await newTenant(t.admin, partner.id, { softwareVersion: '13.2.0' });
    const count = async (range: string) =>
      (
        await t.admin
          .get(
            `/tenants/count?partnerId=${partner.id}&softwareVersion=${encodeURIComponent(range)}`,
          )
          .expect(200)
      ).body.count;
    expect(await count('<14.0.0')).toBe(1);
    await t.admin.patch(`/tenants/${tenant.id}`, { softwareVersion: '14.0.0-rc.1' }).expect(200);
    expect(await count('<14.0.0')).toBe(0);
    expect(await count('>=14.0.0-rc.0')).toBe(1);
  });
});
