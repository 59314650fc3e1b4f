import { randomUUID } from 'node:crypto';
import { startTestApp, TestApp } from '../support/app';
import { newKey, newPartner, newSchedulingWorld, newTenant } from '../support/factories';

type World = Awaited<ReturnType<typeof newSchedulingWorld>>;
type Detail = { field?: string; index?: number; tenantId?: string; code?: string; reason: string };

describe('scheduling rules', () => {
  let t: TestApp;
  let w: World;
  const counts = async () => {
    const [row] = await t.ds.query(
      `SELECT (SELECT count(*)::int FROM update_task) AS tasks, (SELECT count(*)::int FROM update_batch) AS batches,
              (SELECT count(*)::int FROM outbox_email) AS emails`,
    );
    return row as { tasks: number; batches: number; emails: number };
  };
  const freshTenant = (overrides: Record<string, unknown> = {}) =>
    newTenant(t.admin, w.partner.id, overrides);
  const schedule = (body: Record<string, unknown>, api = w.partnerApi) =>
    api.post('/update-tasks', { targetVersion: '2.0.0', mode: 'immediate', ...body });

  beforeAll(async () => {
    t = await startTestApp();
    t.clock.set('2027-01-04T10:00:00Z');
    w = await newSchedulingWorld(t.admin, 0);
  });
  afterAll(() => t.close());

  describe('each refusal reason', () => {
    it.each([
      [
        'a version the platform does not have',
        { targetVersion: '9.9.9' },
        {},
        422,
        'version_unknown',
      ],
      ['a prohibited version', { targetVersion: '2.5.0' }, {}, 422, 'version_prohibited'],
      [
        'a downgrade without allowDowngrade',
        { targetVersion: '0.9.0' },
        {},
        422,
        'downgrade_not_allowed',
      ],
      [
        'the installed version without redeploy',
        { targetVersion: '1.0.0' },
        {},
        422,
        'already_on_version',
      ],
      [
        'a tenant that refuses automatic updates',
        {},
        { autoUpdateAllowed: false },
        422,
        'auto_update_disabled',
      ],
      [
        'an update longer than the window',
        { mode: 'maintenance_window', expectedDurationMinutes: 300 },
        {},
        422,
        'window_too_short',
      ],
    ])('refuses %s', async (_case, body, tenant, status, code) => {
      const { id } = await freshTenant(tenant);
      const before = await counts();
      const res = await schedule({ tenantIds: [id], ...body }).expect(status);
      expect(res.body.details).toEqual([
        { field: 'tenantIds[0]', index: 0, tenantId: id, code, reason: expect.any(String) },
      ]);
      expect(await counts()).toEqual(before);
    });

    it('refuses a tenant with an open task with 409', async () => {
      const { id } = await freshTenant();
      await schedule({ tenantIds: [id] }).expect(201);
      const res = await schedule({ tenantIds: [id] }).expect(409);
      expect(res.body.details[0]).toMatchObject({ tenantId: id, code: 'open_task' });
      expect(res.body.details[0].reason).toMatch(/already open/);
    });

    it('refuses a locked tenant with 409', async () => {
      const { id } = await freshTenant();
      await t.admin.patch(`/tenants/${id}`, { state: 'locked' }).expect(200);
      const res = await schedule({ tenantIds: [id] }).expect(409);
      expect(res.body.details[0].code).toBe('tenant_locked');
    });

    it('answers 404 for a tenant that does not exist or is not the caller’s', async () => {
      const other = await newPartner(t.admin, w.platformId);
      const foreign = await newTenant(t.admin, other.id);
      const res = await schedule({ tenantIds: [randomUUID(), foreign.id] }).expect(404);
      expect(res.body.details.map((d: Detail) => d.code)).toEqual(['not_found', 'not_found']);
    });

    it('refuses test versions to partner admins with 403, allows them to platform admins', async () => {
      const { id } = await freshTenant();
      const res = await schedule({ tenantIds: [id], targetVersion: '3.0.0-rc.1' }).expect(403);
      expect(res.body.details).toEqual([
        { field: 'targetVersion', reason: 'is in the test channel' },
      ]);
      const admin = await schedule(
        { tenantIds: [id], targetVersion: '3.0.0-rc.1' },
        t.admin,
      ).expect(201);
      expect(admin.body.warnings).toEqual(['3.0.0-rc.1 is a test version']);
    });

    it('allows a downgrade when acknowledged, with a warning', async () => {
      const { id } = await freshTenant();
      const res = await schedule({
        tenantIds: [id],
        targetVersion: '0.9.0',
        allowDowngrade: true,
      }).expect(201);
      expect(res.body.warnings).toEqual([
        '1 tenant(s) will be downgraded to 0.9.0: compatibility with older versions cannot be guaranteed',
      ]);
    });

    it('reinstalls the same version when redeploy is set', async () => {
      const { id } = await freshTenant();
      await schedule({ tenantIds: [id], targetVersion: '1.0.0', redeploy: true }).expect(201);
    });

    it('lets only a platform admin force an update on a tenant that refuses automatic updates', async () => {
      const { id } = await freshTenant({ autoUpdateAllowed: false });
      await schedule({ tenantIds: [id], forced: true }).expect(422);
      await schedule({ tenantIds: [id], forced: true }, t.admin).expect(201);
    });

    it('refuses an update that would overlap platform maintenance, naming the period', async () => {
      const { id } = await freshTenant();
      const m = await t.admin
        .post(`/platforms/${w.platformId}/maintenance`, {
          startsAt: '2027-01-20T22:00:00Z',
          endsAt: '2027-01-21T02:00:00Z',
          message: 'storage migration',
        })
        .expect(201);
      const overlap = await schedule({
        tenantIds: [id],
        mode: 'custom',
        runAt: '2027-01-20T21:30:00Z',
        expectedDurationMinutes: 45,
      }).expect(422);
      expect(overlap.body.details[0].code).toBe('maintenance_overlap');
      expect(overlap.body.details[0].reason).toContain(m.body.id);
      // Ending exactly when the maintenance starts is fine: periods are half-open.
      await schedule({
        tenantIds: [id],
        mode: 'custom',
        runAt: '2027-01-20T21:15:00Z',
        expectedDurationMinutes: 45,
      }).expect(201);
    });

    it('warns when tenants have customizations', async () => {
      const { id } = await freshTenant({ customizations: true });
      const res = await schedule({ tenantIds: [id] }).expect(201);
      expect(res.body.warnings).toEqual([
        '1 tenant(s) have customizations: their pre-check will fail until they are removed',
      ]);
    });
  });

  describe('conflict policies and dry runs', () => {
    it('with onConflict=reject (the default) creates nothing and lists every refused tenant', async () => {
      const ok = await freshTenant();
      const off = await freshTenant({ autoUpdateAllowed: false });
      const busy = await freshTenant();
      await schedule({ tenantIds: [busy.id] }).expect(201);
      const before = await counts();
      const res = await schedule({ tenantIds: [ok.id, off.id, busy.id] }).expect(422);
      expect(res.body.message).toBe('2 of 3 tenant(s) cannot be scheduled; nothing was created');
      expect(res.body.details.map((d: Detail) => [d.index, d.tenantId, d.code])).toEqual([
        [1, off.id, 'auto_update_disabled'],
        [2, busy.id, 'open_task'],
      ]);
      expect(await counts()).toEqual(before);
    });

    it('with onConflict=skip creates the others and lists the skipped', async () => {
      const ok = await freshTenant();
      const off = await freshTenant({ autoUpdateAllowed: false });
      const res = await schedule({ tenantIds: [ok.id, off.id], onConflict: 'skip' }).expect(201);
      expect(res.body.created).toBe(1);
      expect(res.body.skipped).toEqual([
        { tenantId: off.id, index: 1, code: 'auto_update_disabled', reason: expect.any(String) },
      ]);
      const tasks = await t.admin.get(`/update-tasks?batchId=${res.body.batchId}`).expect(200);
      expect(tasks.body.items.map((i: { tenantId: string }) => i.tenantId)).toEqual([ok.id]);
    });

    it('with skip and every tenant refused still records the request as an (empty) batch', async () => {
      const off = await freshTenant({ autoUpdateAllowed: false });
      const res = await schedule({ tenantIds: [off.id], onConflict: 'skip' }).expect(201);
      expect(res.body).toMatchObject({ batchId: expect.any(String), created: 0 });
      expect(res.body.skipped).toHaveLength(1);
      const batch = await w.partnerApi.get(`/update-batches/${res.body.batchId}`).expect(200);
      expect(batch.body).toMatchObject({ total: 0, counts: { scheduled: 0 } });
    });

    it('with dryRun answers 200 with the same shape and writes nothing', async () => {
      const ok = await freshTenant();
      const off = await freshTenant({ autoUpdateAllowed: false });
      const before = await counts();
      const dry = await schedule({
        tenantIds: [ok.id, off.id],
        onConflict: 'skip',
        dryRun: true,
        notifyCustomer: true,
      }).expect(200);
      expect(dry.body).toEqual({
        batchId: null,
        matched: 2,
        created: 1,
        skipped: [
          { tenantId: off.id, index: 1, code: 'auto_update_disabled', reason: expect.any(String) },
        ],
        warnings: [],
        slots: [
          { runAt: expect.any(String), expiresAt: null, timezone: 'Europe/Rome', tenants: 1 },
        ],
      });
      const rejected = await schedule({ tenantIds: [ok.id, off.id], dryRun: true }).expect(422);
      expect(rejected.body.details).toHaveLength(1);
      expect(await counts()).toEqual(before);
    });
  });

  describe('scopes', () => {
    it('schedules all of a partner’s tenants with partnerId', async () => {
      const partner = await newPartner(t.admin, w.platformId);
      const key = await newKey(t.admin, 'partner_admin', partner.id);
      for (let i = 0; i < 4; i++) await newTenant(t.admin, partner.id);
      const res = await schedule({ partnerId: partner.id }, t.admin.as(key)).expect(201);
      expect(res.body.created).toBe(4);
      const batch = await t.admin.get(`/update-batches/${res.body.batchId}`).expect(200);
      expect(batch.body).toMatchObject({
        total: 4,
        counts: { scheduled: 4, running: 0 },
        targetVersion: '2.0.0',
      });
    });

    it('schedules a whole platform with platformId, for platform admins only', async () => {
      const res = await schedule(
        { platformId: w.platformId, dryRun: true, onConflict: 'skip' },
        t.admin,
      ).expect(200);
      expect(res.body.created + res.body.skipped.length).toBe(
        (
          await t.ds.query('SELECT count(*)::int AS n FROM tenant WHERE platform_id = $1', [
            w.platformId,
          ])
        )[0].n,
      );
      const forbidden = await schedule({ platformId: w.platformId }).expect(403);
      expect(forbidden.body.details[0].field).toBe('platformId');
    });

    it('keeps partner admins to their own partner', async () => {
      const other = await newPartner(t.admin, w.platformId);
      await schedule({ partnerId: other.id }).expect(404);
    });

    it('needs exactly one scope', async () => {
      const none = await schedule({}).expect(400);
      expect(none.body.details.map((d: Detail) => d.field)).toEqual([
        'tenantIds',
        'partnerId',
        'platformId',
        'filter',
      ]);
      const two = await schedule({ tenantIds: [randomUUID()], partnerId: w.partner.id }).expect(
        400,
      );
      expect(two.body.details.map((d: Detail) => d.field)).toEqual(['tenantIds', 'partnerId']);
    });

    it('refuses a scope without tenants', async () => {
      const empty = await newPartner(t.admin, w.platformId);
      await schedule({ partnerId: empty.id }, t.admin).expect(422);
    });
  });

  describe('bad input writes nothing', () => {
    it.each([
      ['an unknown field', { tenantIds: [randomUUID()], colour: 'red' }, 'colour'],
      ['a wrong type', { tenantIds: [randomUUID()], forced: 'yes' }, 'forced'],
      ['an unknown mode', { tenantIds: [randomUUID()], mode: 'asap' }, 'mode'],
      [
        'a version that is not semver',
        { tenantIds: [randomUUID()], targetVersion: 'latest' },
        'targetVersion',
      ],
      [
        'runAt in the past',
        { tenantIds: [randomUUID()], mode: 'custom', runAt: '2020-01-01T00:00:00Z' },
        'runAt',
      ],
      [
        'runAt without an offset',
        { tenantIds: [randomUUID()], mode: 'custom', runAt: '2030-01-01T00:00:00' },
        'runAt',
      ],
      ['malformed UUIDs', { tenantIds: [randomUUID(), 'not-a-uuid', '123'] }, 'tenantIds'],
      [
        'repeated ids',
        {
          tenantIds: [
            '6f1f1a6e-5b55-4a5e-9d83-3f2b9c6d7e10',
            '6f1f1a6e-5b55-4a5e-9d83-3f2b9c6d7e10',
          ],
        },
        'tenantIds',
      ],
      ['an empty list', { tenantIds: [] }, 'tenantIds'],
      [
        'expectedDurationMinutes out of range',
        { tenantIds: [randomUUID()], expectedDurationMinutes: 0 },
        'expectedDurationMinutes',
      ],
    ])('refuses %s with 400 naming the field', async (_case, body, field) => {
      const before = await counts();
      const res = await schedule(body).expect(400);
      expect(res.body.details.map((d: Detail) => d.field)).toContain(field);
      expect(await counts()).toEqual(before);
    });

    it('names the malformed positions in tenantIds', async () => {
      const res = await schedule({ tenantIds: [randomUUID(), 'not-a-uuid', '123'] }).expect(400);
      expect(res.body.details).toEqual([
        {
          field: 'tenantIds',
          reason: 'must hold distinct UUIDs: [1] is not a UUID, [2] is not a UUID',
        },
      ]);
    });

    it('refuses 200,000 tenant ids with a clear 400', async () => {
      const before = await counts();
      const tenantIds = Array.from({ length: 200_000 }, () => randomUUID());
      const res = await schedule({ tenantIds }).expect(400);
      expect(res.body.details).toEqual([
        { field: 'tenantIds', reason: 'must contain no more than 100000 elements' },
      ]);
      expect(await counts()).toEqual(before);
    });
  });
});
