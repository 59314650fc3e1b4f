import type { Api } from '../../support/http';
import { newKey } from '../../support/factories';

const TENANTS: [name: string, zone: string, tags: string[]][] = [
  ['Pizzeria Da Mario', 'Europe/Rome', ['region:eu', 'ring:canary']],
  ['Bäckerei Schmidt', 'Europe/Berlin', ['region:eu', 'ring:canary']],
  ['Hotel Bellavista', 'Europe/Rome', ['region:eu', 'ring:canary']],
  ['Autohaus Weber', 'Europe/Berlin', ['region:eu']],
  ['Studio Legale Rossi', 'Europe/Rome', ['region:eu']],
  ['Gelateria Dolce', 'Europe/Rome', ['region:eu']],
];

async function body(res: Promise<{ status: number; body: Record<string, unknown> }>) {
  const r = await res;
  if (r.status >= 300) throw new Error(`setting up failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/**
 * The tenants' weekly window: 02:00 for four hours on the weekday three days from now (UTC), so
 * that it is never open while the tests run, on any day. An update scheduled "in the maintenance
 * window" while the window is open starts at once, and the tests expect it to wait.
 */
function weeklyWindow(): string {
  const day = (new Date().getUTCDay() + 3) % 7;
  return `0 2 * * ${day}`;
}

/**
 * A platform with versions, a partner (ACME, with a contact and a partner admin key) owning six
 * tenants (three tagged ring:canary) and another partner (Globex) with one tenant.
 */
export async function consoleWorld(admin: Api, name = 'EU cloud') {
  const cron = weeklyWindow();
  const platform = await body(
    admin.post('/platforms', {
      name,
      timezone: 'Europe/Berlin',
      defaultMaintenanceWindow: { cron, durationMinutes: 240 },
    }),
  );
  const platformId = platform.id as string;
  for (const [version, channel] of [
    ['13.2.0', 'available'],
    ['14.0.0', 'recommended'],
    ['12.4.0', 'available'],
  ])
    await body(
      admin.post(`/platforms/${platformId}/versions`, {
        version,
        channel,
        releaseNotes: `Release ${version}`,
      }),
    );
  const partner = await body(
    admin.post('/partners', {
      platformId,
      name: `ACME Telecom ${name}`,
      contacts: [{ email: 'ops@acme.example', locale: 'en', timezone: 'Europe/Berlin' }],
    }),
  );
  const partnerId = partner.id as string;
  const partnerKey = await newKey(admin, 'partner_admin', partnerId);
  const created = await body(
    admin.post('/tenants/bulk', {
      tenants: TENANTS.map(([tenant, zone, tags], i) => ({
        partnerId,
        name: tenant,
        softwareVersion: '13.2.0',
        customerEmail: `customer${i}@tenant.example`,
        locale: 'en',
        timezone: zone,
        maintenanceWindow: { cron, durationMinutes: 240, timezone: zone },
        tags,
      })),
    }),
  );
  const other = await body(admin.post('/partners', { platformId, name: `Globex ${name}` }));
  const foreign = await body(
    admin.post('/tenants', {
      partnerId: other.id,
      name: 'Globex Headquarters',
      softwareVersion: '13.2.0',
    }),
  );
  return {
    platformId,
    partnerId,
    partnerKey,
    tenantIds: created.ids as string[],
    tenantNames: TENANTS.map(([tenant]) => tenant),
    foreignTenantId: foreign.id as string,
  };
}
