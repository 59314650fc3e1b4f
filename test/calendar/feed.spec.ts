import { newPartner, newTenant, newWorld } from '../support/factories';
import type { Api } from '../support/http';
import { calendarOf } from '../notifications/support/ics';
import { MailTestApp, startMailApp } from '../notifications/support/mail-app';
import { SmtpSink } from '../notifications/support/smtp-sink';

interface FeedEntry {
  uid: string;
  sequence: number;
  start: string;
  end: string;
  summary: string;
  description: string;
}

/** ical.js is an ES module (its CommonJS build is what jest loads through this import). */
type IcalModule = (typeof import('ical.js', { with: { 'resolution-mode': 'import' } }))['default'];
let ICAL: IcalModule;

/** Parses a feed with ical.js (an independent RFC 5545 parser) into its events. */
function entriesOf(ics: string): { name: string; events: FeedEntry[] } {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return {
    name: String(calendar.getFirstPropertyValue('x-wr-calname')),
    events: calendar.getAllSubcomponents('vevent').map((component) => {
      const event = new ICAL.Event(component);
      return {
        uid: event.uid,
        sequence: event.sequence,
        start: event.startDate.toJSDate().toISOString(),
        end: event.endDate.toJSDate().toISOString(),
        summary: event.summary,
        description: event.description,
      };
    }),
  };
}

/**
 * A tenant's calendar feed, fetched over HTTP as a calendar client would and read with ical.js:
 * the planned update under the UID and SEQUENCE of the invitation e-mailed for it (through a real
 * SMTP server), the platform's maintenance, and addresses that stop working when replaced.
 */
describe('calendar feeds', () => {
  const sink = new SmtpSink();
  let t: MailTestApp;
  let partnerApi: Api;
  let platformId: string;
  let tenant: { id: string; customerEmail: string; calendarUrl: string };

  /** The feed behind a calendarUrl, on this test's server (PUBLIC_URL names the default port). */
  const fetchFeed = (calendarUrl: string) =>
    fetch(`${t.anonymous.baseUrl}${new URL(calendarUrl).pathname}`);

  beforeAll(async () => {
    ICAL = (await import('ical.js')).default;
    await sink.start();
    // A limit that the setup's keyed requests stay under; feed requests count per address.
    t = await startMailApp(sink, { RATE_LIMIT_PER_MINUTE: '100' });
    t.clock.set('2027-03-20T10:00:00Z');
    const world = await newWorld(t.admin);
    platformId = world.platform.id;
    partnerApi = world.partnerApi;
    tenant = (await newTenant(t.admin, world.partner.id, {
      name: 'Bäckerei Schmidt; Filiale 2',
      locale: 'de',
      timezone: 'Europe/Berlin',
    })) as never;
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  it('lists the planned update as its invitation (same UID and SEQUENCE) and announced maintenance', async () => {
    await t.admin
      .post('/update-tasks', {
        tenantIds: [tenant.id],
        targetVersion: '2.0.0',
        mode: 'custom',
        runAt: '2027-03-28T00:30:00Z',
        expectedDurationMinutes: 120,
        notifyCustomer: true,
      })
      .expect(201);
    const [task] = (await t.admin.get(`/update-tasks?tenantId=${tenant.id}`).expect(200)).body
      .items;
    await t.sender.drain();
    await t.admin
      .post(`/update-tasks/${task.id}/reschedule`, {
        mode: 'custom',
        runAt: '2027-03-29T01:00:00Z',
      })
      .expect(200);
    await t.admin
      .post(`/platforms/${platformId}/maintenance`, {
        startsAt: '2027-04-03T20:00:00Z',
        endsAt: '2027-04-04T02:00:00Z',
        message: 'Database cluster upgrade, the portal stays available.',
        conflictPolicy: 'reschedule',
      })
      .expect(201);
    await t.sender.drain();
    const invites = sink.to(tenant.customerEmail).map((r) => calendarOf(r.mail));
    expect(invites).toHaveLength(2);
    const latest = invites[1]!;
    expect(latest.sequence).toBeGreaterThan(invites[0]!.sequence);

    const res = await fetchFeed(tenant.calendarUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    const feed = entriesOf(await res.text());
    // X- properties are TEXT (RFC 5545 §3.8.8.2), escaped; ical.js hands them back as written.
    expect(feed.name).toBe('Bäckerei Schmidt\\; Filiale 2');
    expect(feed.events).toEqual([
      {
        uid: latest.uid,
        sequence: latest.sequence,
        start: '2027-03-29T01:00:00.000Z',
        end: '2027-03-29T03:00:00.000Z',
        summary: latest.summary.replace(/\\([,;\\])/g, '$1'),
        description: 'Update Bäckerei Schmidt; Filiale 2 → 2.0.0 (1.0.0 → 2.0.0)',
      },
      expect.objectContaining({
        start: '2027-04-03T20:00:00.000Z',
        end: '2027-04-04T02:00:00.000Z',
        summary: expect.stringMatching(/^Plattformwartung /),
        description: 'Database cluster upgrade, the portal stays available.',
      }),
    ]);
    expect(latest.uid).toBe(`update-${task.id}@cloud.example`);
  });

  it('answers 404 revealing nothing for unknown, malformed and replaced tokens', async () => {
    const before = (await t.admin.get(`/tenants/${tenant.id}`).expect(200)).body.calendarUrl;
    expect(before).toBe(tenant.calendarUrl);
    const rotated = await partnerApi.post(`/tenants/${tenant.id}/calendar-token`).expect(200);
    expect(rotated.body.calendarUrl).not.toBe(before);
    expect((await t.admin.get(`/tenants/${tenant.id}`).expect(200)).body.calendarUrl).toBe(
      rotated.body.calendarUrl,
    );

    const old = await fetchFeed(before);
    const unknown = await fetchFeed(before.replace(/[0-9a-f]{8}\.ics$/, '00000000.ics'));
    const malformed = await fetch(`${t.anonymous.baseUrl}/calendar/x'%20OR%201=1.ics`);
    const bodies = [];
    for (const res of [old, unknown, malformed]) {
      expect(res.status).toBe(404);
      bodies.push(await res.text());
    }
    expect(new Set(bodies).size).toBe(1);
    expect(bodies[0]).not.toMatch(/Schmidt|[0-9a-f]{32}/);
    expect((await fetchFeed(rotated.body.calendarUrl)).status).toBe(200);
  });

  it('is rotated only by the tenant’s own partner admin or a platform admin', async () => {
    const other = await newPartner(t.admin, platformId);
    const stranger = await newTenant(t.admin, other.id);
    await partnerApi.post(`/tenants/${stranger.id}/calendar-token`).expect(404);
    await t.admin.post(`/tenants/${stranger.id}/calendar-token`).expect(200);
    const audit = await t.ds.query(
      `SELECT after FROM audit_log WHERE action = 'tenant.calendar_token.rotate' AND entity_id = $1`,
      [stranger.id],
    );
    expect(audit).toHaveLength(1);
  });

  it('leaves out the update of a rollout that awaits its confirmation code: nobody was told of it', async () => {
    const partner = await newPartner(t.admin, platformId);
    const quiet = (await newTenant(t.admin, partner.id)) as { id: string; calendarUrl: string };
    await t.admin
      .patch(`/platforms/${platformId}`, {
        licenceEmail: 'licence@platform.example',
        rolloutConfirmation: { tenantsOver: 0 },
      })
      .expect(200);
    const rollout = await t.admin
      .post('/rollouts', { tenantIds: [quiet.id], targetVersion: '2.0.0', mode: 'immediate' })
      .expect(202);
    expect(rollout.body.state).toBe('awaiting_confirmation');
    // The task exists (held, the tenant's open update), and the feed does not show it.
    expect((await t.admin.get(`/tenants/${quiet.id}`).expect(200)).body.pendingUpdate).toBe(true);
    const res = await fetchFeed(quiet.calendarUrl);
    expect(res.status).toBe(200);
    const updates = entriesOf(await res.text()).events.filter((e) => e.uid.startsWith('update-'));
    expect(updates).toEqual([]);
  });

  it('is rate limited per client address like every request without a key', async () => {
    let status = 200;
    for (let i = 0; i < 150 && status !== 429; i++) {
      status = (await fetchFeed(tenant.calendarUrl)).status;
    }
    expect(status).toBe(429);
  });
});
