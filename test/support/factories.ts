import { randomBytes } from 'node:crypto';
import type { Api } from './http';

const unique = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`;

type Body = Record<string, unknown>;

async function created(test: Promise<{ status: number; body: Body }>, what: string): Promise<Body> {
  const res = await test;
  if (res.status !== 201)
    throw new Error(`creating ${what} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function newPlatform(
  admin: Api,
  overrides: Body = {},
): Promise<Body & { id: string }> {
  return (await created(
    admin.post('/platforms', { name: unique('platform'), timezone: 'Europe/Rome', ...overrides }),
    'platform',
  )) as Body & { id: string };
}

export async function newVersion(
  admin: Api,
  platformId: string,
  version: string,
  channel = 'available',
): Promise<Body> {
  return created(admin.post(`/platforms/${platformId}/versions`, { version, channel }), 'version');
}

export async function newPartner(
  admin: Api,
  platformId: string,
  overrides: Body = {},
): Promise<Body & { id: string }> {
  return (await created(
    admin.post('/partners', {
      platformId,
      name: unique('partner'),
      contacts: [
        { email: `${unique('ops')}@partner.example`, locale: 'en', timezone: 'Europe/Rome' },
      ],
      ...overrides,
    }),
    'partner',
  )) as Body & { id: string };
}

export async function newTenant(api: Api, partnerId: string | undefined, overrides: Body = {}) {
  return (await created(
    api.post('/tenants', {
      ...(partnerId && { partnerId }),
      name: unique('tenant'),
      softwareVersion: '1.0.0',
      customerEmail: `${unique('customer')}@tenant.example`,
      locale: 'en',
      timezone: 'Europe/Rome',
      maintenanceWindow: { cron: '0 2 * * *', durationMinutes: 240, timezone: 'Europe/Rome' },
      ...overrides,
    }),
    'tenant',
  )) as Body & { id: string };
}

export async function newKey(admin: Api, role: string, partnerId?: string): Promise<string> {
  const body = await created(
    admin.post('/api-keys', { name: unique('key'), role, ...(partnerId && { partnerId }) }),
    'api key',
  );
  return body.key as string;
}

/** A platform with versions 1.0.0 and 2.0.0, one partner, and that partner's admin key. */
export async function newWorld(admin: Api) {
  const platform = await newPlatform(admin);
  await newVersion(admin, platform.id, '1.0.0');
  await newVersion(admin, platform.id, '2.0.0', 'recommended');
  const partner = await newPartner(admin, platform.id);
  const partnerKey = await newKey(admin, 'partner_admin', partner.id);
  return { platform, partner, partnerApi: admin.as(partnerKey), partnerKey };
}

/** A platform with versions for every rule, one partner with a key, and `count` tenants on 1.0.0. */
export async function newSchedulingWorld(admin: Api, count = 3, tenant: Body = {}) {
  const world = await newWorld(admin);
  const platformId = world.platform.id;
  await newVersion(admin, platformId, '0.9.0');
  await newVersion(admin, platformId, '2.5.0', 'prohibited');
  await newVersion(admin, platformId, '3.0.0-rc.1', 'test');
  const tenants = [];
  for (let i = 0; i < count; i++) tenants.push(await newTenant(admin, world.partner.id, tenant));
  return { ...world, platformId, tenants, tenantIds: tenants.map((t) => t.id) };
}
