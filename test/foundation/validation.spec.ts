import { startTestApp, TestApp } from '../support/app';
import { newPartner, newPlatform } from '../support/factories';

type Detail = { field: string; reason: string };

describe('input validation', () => {
  let t: TestApp;
  let partnerId: string;
  let platformId: string;
  const tenant = (overrides: Record<string, unknown> = {}) => ({
    partnerId,
    name: 'validation tenant',
    softwareVersion: '1.0.0',
    ...overrides,
  });
  const fields = (body: { details: Detail[] }) => body.details.map((d) => d.field);

  beforeAll(async () => {
    t = await startTestApp();
    platformId = (await newPlatform(t.admin)).id;
    partnerId = (await newPartner(t.admin, platformId)).id;
  });
  afterAll(() => t.close());

  it.each([
    ['unknown field', { colour: 'red' }, 'colour', /not an accepted field/],
    ['wrong type', { autoUpdateAllowed: 'yes' }, 'autoUpdateAllowed', /boolean/],
    ['bad e-mail', { customerEmail: 'not-an-address' }, 'customerEmail', /email/],
    ['unsupported locale', { locale: 'fr' }, 'locale', /en, de, it/],
    ['bad timezone', { timezone: 'Mars/Olympus' }, 'timezone', /IANA time zone/],
    ['offset instead of zone', { timezone: '+02:00' }, 'timezone', /IANA time zone/],
    ['not semver', { softwareVersion: 'v1' }, 'softwareVersion', /semantic version/],
    [
      'cron with seconds',
      { maintenanceWindow: { cron: '0 0 2 * * *', durationMinutes: 60 } },
      'maintenanceWindow.cron',
      /cron expression/,
    ],
    [
      'cron garbage',
      { maintenanceWindow: { cron: 'every sunday', durationMinutes: 60 } },
      'maintenanceWindow.cron',
      /cron expression/,
    ],
    [
      'cron that never matches',
      { maintenanceWindow: { cron: '0 0 31 2 *', durationMinutes: 60 } },
      'maintenanceWindow.cron',
      /cron expression/,
    ],
    [
      'window too short',
      { maintenanceWindow: { cron: '0 2 * * *', durationMinutes: 10 } },
      'maintenanceWindow.durationMinutes',
      /not be less than 15/,
    ],
    [
      'window too long',
      { maintenanceWindow: { cron: '0 2 * * *', durationMinutes: 1441 } },
      'maintenanceWindow.durationMinutes',
      /not be greater than 1440/,
    ],
    [
      'unknown nested field',
      { maintenanceWindow: { cron: '0 2 * * *', durationMinutes: 60, start: 'now' } },
      'maintenanceWindow.start',
      /not an accepted field/,
    ],
    ['node name', { nodes: [{ name: 'has space' }] }, 'nodes[0].name', /letters, digits/],
  ])('names the field for %s', async (_case, overrides, field, reason) => {
    const res = await t.admin.post('/tenants', tenant(overrides)).expect(400);
    expect(res.body.statusCode).toBe(400);
    expect(res.body.error).toBe('Bad Request');
    expect(typeof res.body.message).toBe('string');
    const detail = res.body.details.find((d: Detail) => d.field === field);
    expect(detail).toBeDefined();
    expect(detail.reason).toMatch(reason);
  });

  it('lists every failing field at once', async () => {
    const res = await t.admin
      .post('/tenants', {
        partnerId: 'nope',
        name: '',
        softwareVersion: 1,
        locale: 'xx',
        extra: true,
      })
      .expect(400);
    expect(fields(res.body).sort()).toEqual([
      'extra',
      'locale',
      'name',
      'partnerId',
      'softwareVersion',
    ]);
  });

  it('refuses duplicate node names', async () => {
    const res = await t.admin
      .post('/tenants', tenant({ nodes: [{ name: 'a' }, { name: 'a' }] }))
      .expect(400);
    expect(res.body.details).toEqual([
      { field: 'nodes[1].name', reason: 'is used by another node' },
    ]);
  });

  it('refuses malformed JSON with 400', async () => {
    const res = await t.admin
      .post('/tenants')
      .set('Content-Type', 'application/json')
      .send('{"name": ')
      .expect(400);
    expect(res.body.message).toBe('The request body is not valid JSON');
  });

  it('refuses a malformed id in the path', async () => {
    const res = await t.admin.get('/tenants/12345').expect(400);
    expect(res.body.details).toEqual([{ field: 'id', reason: 'must be a UUID' }]);
  });

  it('refuses bad pagination parameters', async () => {
    const limit = await t.admin.get('/tenants?limit=501').expect(400);
    expect(fields(limit.body)).toEqual(['limit']);
    const cursor = await t.admin.get('/tenants?cursor=garbage').expect(400);
    expect(fields(cursor.body)).toEqual(['cursor']);
    const filter = await t.admin.get('/tenants?pendingUpdate=maybe&state=gone').expect(400);
    expect(fields(filter.body).sort()).toEqual(['pendingUpdate', 'state']);
  });

  it('validates platforms, versions and partners the same way', async () => {
    const platform = await t.admin
      .post('/platforms', { name: 'x', timezone: 'Nowhere/City' })
      .expect(400);
    expect(fields(platform.body)).toEqual(['timezone']);
    const http = await t.admin
      .post('/platforms', { name: 'x', timezone: 'UTC', executor: { driver: 'http' } })
      .expect(400);
    expect(fields(http.body).sort()).toEqual(['executor.secret', 'executor.url']);
    const version = await t.admin
      .post(`/platforms/${platformId}/versions`, { version: '1.0', channel: 'beta' })
      .expect(400);
    expect(fields(version.body).sort()).toEqual(['channel', 'version']);
    const partner = await t.admin
      .post('/partners', { platformId, name: 'p', contacts: [{ email: 'x', locale: 'fr' }] })
      .expect(400);
    expect(fields(partner.body).sort()).toEqual(['contacts[0].email', 'contacts[0].locale']);
  });

  it('writes nothing when validation fails', async () => {
    const before = await t.ds.query('SELECT count(*)::int AS n FROM tenant');
    await t.admin.post('/tenants', tenant({ locale: 'fr' })).expect(400);
    const after = await t.ds.query('SELECT count(*)::int AS n FROM tenant');
    expect(after[0].n).toBe(before[0].n);
  });
});
