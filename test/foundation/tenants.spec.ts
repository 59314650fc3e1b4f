import { startTestApp, TestApp } from '../support/app';
import { newPartner, newPlatform, newTenant } from '../support/factories';

describe('tenants', () => {
  let t: TestApp;
  let platformId: string;
  let partnerId: string;
  const row = (i: number, overrides: Record<string, unknown> = {}) => ({
    partnerId,
    name: `bulk-${i}`,
    softwareVersion: '1.0.0',
    customerEmail: `c${i}@tenant.example`,
    ...overrides,
  });
  const count = async () =>
    (await t.ds.query('SELECT count(*)::int AS n FROM tenant'))[0].n as number;

  beforeAll(async () => {
    t = await startTestApp();
    platformId = (
      await newPlatform(t.admin, {
        timezone: 'America/New_York',
        defaultMaintenanceWindow: { cron: '30 1 * * SAT', durationMinutes: 180 },
      })
    ).id;
    partnerId = (await newPartner(t.admin, platformId)).id;
  });
  afterAll(() => t.close());

  it('creates a tenant with the defaults of its platform', async () => {
    t.clock.set('2027-01-04T12:00:00Z');
    const res = await t.admin
      .post('/tenants', { partnerId, name: 'defaults', softwareVersion: '1.2.3' })
      .expect(201);
    expect(res.body).toMatchObject({
      partnerId,
      platformId,
      name: 'defaults',
      softwareVersion: '1.2.3',
      customerEmail: null,
      locale: 'en',
      timezone: 'America/New_York',
      maintenanceWindow: {
        cron: '30 1 * * SAT',
        durationMinutes: 180,
        timezone: 'America/New_York',
      },
      autoUpdateAllowed: true,
      customizations: false,
      nodes: [],
      state: 'active',
      pendingUpdate: false,
    });
    // Saturday 2027-01-09 01:30 in New York is 06:30Z.
    expect(res.body.nextMaintenanceWindow).toEqual({
      start: '2027-01-09T06:30:00.000Z',
      end: '2027-01-09T09:30:00.000Z',
    });
  });

  it('reads, updates and deletes a tenant, auditing each write', async () => {
    const tenant = await newTenant(t.admin, partnerId, { nodes: [{ name: 'a' }, { name: 'b' }] });
    const patched = await t.admin
      .patch(`/tenants/${tenant.id}`, {
        locale: 'de',
        maintenanceWindow: { cron: '0 3 * * SUN', durationMinutes: 60 },
        customizations: true,
      })
      .expect(200);
    expect(patched.body).toMatchObject({
      locale: 'de',
      customizations: true,
      maintenanceWindow: { cron: '0 3 * * SUN', durationMinutes: 60, timezone: 'Europe/Rome' },
    });
    await t.admin.delete(`/tenants/${tenant.id}`).expect(204);
    await t.admin.get(`/tenants/${tenant.id}`).expect(404);
    const audit = await t.admin
      .get(`/audit-log?entityType=tenant&entityId=${tenant.id}`)
      .expect(200);
    expect(audit.body.items.map((a: { action: string }) => a.action)).toEqual([
      'tenant.create',
      'tenant.update',
      'tenant.delete',
    ]);
    const update = audit.body.items[1];
    expect(update.before.locale).toBe('en');
    expect(update.after.locale).toBe('de');
    expect(update.actor.role).toBe('platform_admin');
  });

  it('stores time zone names as the tz database spells them', async () => {
    const res = await t.admin
      .post('/tenants', {
        partnerId,
        name: 'lower-case zone',
        softwareVersion: '1.0.0',
        timezone: 'europe/rome',
        maintenanceWindow: { cron: '0 2 * * *', durationMinutes: 60, timezone: 'america/new_york' },
      })
      .expect(201);
    expect(res.body.timezone).toBe('Europe/Rome');
    expect(res.body.maintenanceWindow.timezone).toBe('America/New_York');
  });

  it('refuses a second tenant with the same name for the partner', async () => {
    await newTenant(t.admin, partnerId, { name: 'twin' });
    const res = await t.admin
      .post('/tenants', { partnerId, name: 'twin', softwareVersion: '1.0.0' })
      .expect(409);
    expect(res.body.details).toEqual([
      { field: 'name', reason: 'is already used by another tenant of this partner' },
    ]);
  });

  it('refuses every write while the tenant is updating', async () => {
    const tenant = await newTenant(t.admin, partnerId);
    await t.ds.query(`UPDATE tenant SET state = 'updating' WHERE id = $1`, [tenant.id]);
    await t.admin.patch(`/tenants/${tenant.id}`, { locale: 'it' }).expect(409);
    await t.admin.delete(`/tenants/${tenant.id}`).expect(409);
    const res = await t.admin.get(`/tenants/${tenant.id}`).expect(200);
    expect(res.body).toMatchObject({ state: 'updating', locale: 'en' });
  });

  it('lets only platform admins lock a tenant', async () => {
    const tenant = await newTenant(t.admin, partnerId);
    const res = await t.admin.patch(`/tenants/${tenant.id}`, { state: 'locked' }).expect(200);
    expect(res.body.state).toBe('locked');
    await t.admin.patch(`/tenants/${tenant.id}`, { state: 'updating' }).expect(400);
  });

  describe('bulk import', () => {
    it('creates every row and returns the ids in request order', async () => {
      const res = await t.admin
        .post('/tenants/bulk', { tenants: [row(1), row(2, { locale: 'it' }), row(3)] })
        .expect(201);
      expect(res.body.created).toBe(3);
      const names = [];
      for (const id of res.body.ids) names.push((await t.admin.get(`/tenants/${id}`)).body.name);
      expect(names).toEqual(['bulk-1', 'bulk-2', 'bulk-3']);
    });

    it('creates nothing when one row is invalid, naming the row', async () => {
      const before = await count();
      const res = await t.admin
        .post('/tenants/bulk', {
          tenants: [row(10), row(11, { customerEmail: 'broken' }), row(12)],
        })
        .expect(400);
      expect(res.body.details).toEqual([
        { field: 'tenants[1].customerEmail', reason: 'must be an email' },
      ]);
      expect(await count()).toBe(before);
    });

    it('creates nothing when one row breaks a rule, listing every refused row', async () => {
      await newTenant(t.admin, partnerId, { name: 'taken' });
      const before = await count();
      const res = await t.admin
        .post('/tenants/bulk', {
          tenants: [row(20), row(21, { name: 'taken' }), row(22), row(23, { name: 'bulk-22' })],
        })
        .expect(422);
      expect(res.body.details).toEqual([
        {
          index: 1,
          field: 'tenants[1].name',
          reason: 'is already used by another tenant of this partner',
        },
        { index: 3, field: 'tenants[3].name', reason: 'appears twice for the same partner' },
      ]);
      expect(await count()).toBe(before);
    });

    it('accepts 10,000 tenants in one request and refuses 10,001', async () => {
      const tenants = Array.from({ length: 10_000 }, (_, i) => row(100_000 + i));
      const res = await t.admin.post('/tenants/bulk', { tenants }).expect(201);
      expect(res.body.created).toBe(10_000);
      const tooMany = await t.admin
        .post('/tenants/bulk', {
          tenants: [...tenants, row(999_999)].map((r, i) => ({ ...r, name: `x${i}` })),
        })
        .expect(400);
      expect(tooMany.body.details).toEqual([
        { field: 'tenants', reason: 'must contain no more than 10000 elements' },
      ]);
    });

    it('refuses an empty list', async () => {
      await t.admin.post('/tenants/bulk', { tenants: [] }).expect(400);
    });
  });

  describe('listing', () => {
    let otherPartner: string;
    beforeAll(async () => {
      otherPartner = (await newPartner(t.admin, platformId)).id;
      await t.admin.post('/tenants/bulk', {
        tenants: Array.from({ length: 7 }, (_, i) => ({
          partnerId: otherPartner,
          name: `list-${i}`,
          softwareVersion: i < 3 ? '2.0.0' : '1.0.0',
        })),
      });
    });

    it('filters by partner, version and state', async () => {
      const v2 = await t.admin
        .get(`/tenants?partnerId=${otherPartner}&softwareVersion=2.0.0`)
        .expect(200);
      expect(v2.body.items.map((i: { name: string }) => i.name)).toEqual([
        'list-0',
        'list-1',
        'list-2',
      ]);
      const locked = await t.admin
        .get(`/tenants?partnerId=${otherPartner}&state=locked`)
        .expect(200);
      expect(locked.body.items).toEqual([]);
      const pending = await t.admin
        .get(`/tenants?partnerId=${otherPartner}&pendingUpdate=false`)
        .expect(200);
      expect(pending.body.items).toHaveLength(7);
    });

    it('pages with an opaque cursor, without gaps or repeats', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `/tenants?partnerId=${otherPartner}&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
        const page = await t.admin.get(query).expect(200);
        seen.push(...page.body.items.map((i: { name: string }) => i.name));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(Array.from({ length: 7 }, (_, i) => `list-${i}`));
    });
  });
});
