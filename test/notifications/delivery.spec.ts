import { newPartner, newTenant, newWorld } from '../support/factories';
import { calendarDescription, calendarOf } from './support/ics';
import { header, MailTestApp, startMailApp } from './support/mail-app';
import { Received, SmtpSink } from './support/smtp-sink';

/** The name of the test's admin key, as the service names the first one it creates. */
const ADMIN_NAME = 'bootstrap platform admin';

/**
 * What partners and customers receive, read back from a real SMTP server: language, time zone
 * (across daylight-saving changes), calendar invitations, and who gets the follow-ups.
 */
describe('notification e-mails', () => {
  const sink = new SmtpSink();
  let t: MailTestApp;
  let platformId: string;
  let partner: { id: string };
  const contacts = [
    { email: 'ops@acme.example', locale: 'de', timezone: 'Europe/Berlin' },
    { email: 'noc@acme.example', locale: 'en', timezone: 'Europe/London' },
  ];
  const tenants: Record<'de' | 'it' | 'en', { id: string; customerEmail: string; name: string }> =
    {} as never;

  const one = (address: string, subject?: RegExp): Received => {
    const mails = sink.to(address).filter((r) => !subject || subject.test(r.mail.subject ?? ''));
    expect(mails).toHaveLength(1);
    return mails[0];
  };
  const taskOf = async (tenantId: string) =>
    (await t.admin.get(`/update-tasks?tenantId=${tenantId}`).expect(200)).body.items.at(-1);

  beforeAll(async () => {
    await sink.start();
    t = await startMailApp(sink);
    t.clock.set('2027-03-20T10:00:00Z');
    const world = await newWorld(t.admin);
    platformId = world.platform.id;
    partner = await newPartner(t.admin, platformId, { name: 'ACME', contacts });
    for (const [locale, timezone, name] of [
      ['de', 'Europe/Berlin', 'Bäckerei Schmidt'],
      ['it', 'Europe/Rome', 'Pizzeria Da Mario'],
      ['en', 'America/New_York', 'Deli & Co'],
    ] as const) {
      tenants[locale] = (await newTenant(t.admin, partner.id, {
        name,
        locale,
        timezone,
        customerEmail: `it@${locale}.tenant.example`,
      })) as never;
    }
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  it('a scheduled update: each customer in its language and zone with an invitation, each partner contact one digest', async () => {
    // 00:30Z on the night the clocks go forward in Europe (01:00Z): the window ends in summer time.
    await t.admin
      .post('/update-tasks', {
        tenantIds: Object.values(tenants).map((x) => x.id),
        targetVersion: '2.0.0',
        mode: 'custom',
        runAt: '2027-03-28T00:30:00Z',
        expectedDurationMinutes: 240,
        notifyCustomer: true,
        notifyPartner: true,
      })
      .expect(201);
    expect(await t.sender.drain()).toBe(5);
    expect(sink.received).toHaveLength(5);

    const de = one(tenants.de.customerEmail).mail;
    expect(de.subject).toBe(
      'Update von Bäckerei Schmidt auf Version 2.0.0 am Sonntag, 28. März 2027 um 01:30 (UTC+01:00)',
    );
    expect(de.text).toContain('Beginn:          Sonntag, 28. März 2027 um 01:30 (UTC+01:00)');
    expect(de.text).toContain('Ende spätestens: Sonntag, 28. März 2027 um 06:30 (UTC+02:00)');
    expect(de.text).toContain('Zeitzone:        Europe/Berlin');
    expect(de.html).toContain('<html lang="de">');
    expect(de.html).toContain('<strong>Bäckerei Schmidt</strong>');
    expect(header(de, 'content-language')).toBe('de');
    expect(de.from?.value[0]).toMatchObject({
      name: 'Cloud Updates',
      address: 'updates@cloud.example',
    });

    const it_ = one(tenants.it.customerEmail).mail;
    expect(it_.subject).toBe(
      'Aggiornamento di Pizzeria Da Mario alla versione 2.0.0: domenica 28 marzo 2027 alle ore 01:30 (UTC+01:00)',
    );
    expect(it_.text).toContain('Fine entro:  domenica 28 marzo 2027 alle ore 06:30 (UTC+02:00)');

    // New York moved to summer time two weeks earlier.
    const en = one(tenants.en.customerEmail).mail;
    expect(en.subject).toBe(
      'Update of Deli & Co to version 2.0.0 on Saturday, 27 March 2027 at 20:30 (UTC-04:00)',
    );
    expect(en.html).toContain('Deli &amp; Co');

    const task = await taskOf(tenants.de.id);
    const invite = calendarOf(de);
    expect(invite).toEqual({
      method: 'REQUEST',
      uid: `update-${task.id}@cloud.example`,
      sequence: 0,
      start: task.runAt,
      end: new Date(Date.parse(task.runAt) + 240 * 60_000).toISOString(),
      status: 'CONFIRMED',
      summary: 'Update Bäckerei Schmidt → 2.0.0',
      organizer: 'mailto:updates@cloud.example',
      attendee: `mailto:${tenants.de.customerEmail}`,
    });
    expect(invite?.start).toBe('2027-03-28T00:30:00.000Z');

    const digest = one('ops@acme.example').mail;
    expect(digest.subject).toBe('Updates auf Version 2.0.0 für 3 Mandanten geplant');
    for (const name of ['Bäckerei Schmidt', 'Pizzeria Da Mario', 'Deli &amp; Co'])
      expect(digest.html).toContain(name);
    expect(digest.text).toContain('So., 28.03.2027, 01:30 (UTC+01:00)');
    expect(calendarOf(digest)).toBeNull();
    expect(digest.attachments).toHaveLength(0);
    const english = one('noc@acme.example').mail;
    expect(english.subject).toBe('Updates to version 2.0.0 scheduled for 3 tenants');
    expect(english.text).toContain('Sun, 28/03/2027, 00:30 (UTC+00:00)');
    expect(english.text).toContain('Ends by: Sun, 28/03/2027, 05:30 (UTC+01:00)');
    expect(english.text).toContain('All times are in the time zone Europe/London.');

    const rows = await t.outbox();
    expect(rows.map((r) => r.status)).toEqual(Array(5).fill('sent'));
    const ids = new Set(sink.received.map((r) => r.mail.messageId));
    expect(ids.size).toBe(5);
    for (const r of rows) expect(ids.has(r.message_id ?? '')).toBe(true);
  });

  it('a reschedule updates the same calendar entry (same UID, higher SEQUENCE, new window)', async () => {
    sink.clear();
    const task = await taskOf(tenants.de.id);
    await t.admin
      .post(`/update-tasks/${task.id}/reschedule`, {
        mode: 'custom',
        runAt: '2027-03-29T20:00:00Z',
        expectedDurationMinutes: 90,
      })
      .expect(200);
    expect(await t.sender.drain()).toBe(3);

    const mail = one(tenants.de.customerEmail).mail;
    expect(mail.subject).toBe(
      'Update von Bäckerei Schmidt verschoben auf Montag, 29. März 2027 um 22:00 (UTC+02:00)',
    );
    // The reason nobody typed is said in the customer's language, in the e-mail and the calendar.
    expect(mail.text).toContain(`Grund: verschoben von ${ADMIN_NAME}`);
    expect(calendarDescription(mail)).toContain(`Grund: verschoben von ${ADMIN_NAME}`);
    expect(`${mail.text} ${calendarDescription(mail)}`).not.toMatch(/rescheduled|cancelled/);
    expect(calendarOf(mail)).toMatchObject({
      method: 'REQUEST',
      uid: `update-${task.id}@cloud.example`,
      sequence: 1,
      start: '2027-03-29T20:00:00.000Z',
      end: '2027-03-29T21:30:00.000Z',
    });
    // The partner contacts, who got the batch digest, hear about the one task that moved.
    const partnerMail = one('noc@acme.example').mail;
    expect(partnerMail.subject).toBe(
      'Update of Bäckerei Schmidt moved to Monday, 29 March 2027 at 21:00 (UTC+01:00)',
    );
    expect(calendarOf(partnerMail)).toMatchObject({ uid: `update-${task.id}@cloud.example` });
    expect(one('ops@acme.example').mail.subject).toMatch(/^Update von Bäckerei Schmidt verschoben/);
  });

  it('a cancellation goes to the addresses of the original notice with METHOD:CANCEL, even after they changed', async () => {
    sink.clear();
    const task = await taskOf(tenants.de.id);
    await t.admin.patch(`/tenants/${tenants.de.id}`, { customerEmail: 'new@de.tenant.example' });
    await t.admin.patch(`/partners/${partner.id}`, {
      contacts: [{ email: 'new-ops@acme.example', locale: 'de', timezone: 'Europe/Berlin' }],
    });
    await t.admin
      .post(`/update-tasks/${task.id}/cancel`, { reason: 'Kunde im Urlaub' })
      .expect(200);
    expect(await t.sender.drain()).toBe(3);

    expect(sink.received.map((r) => r.to).sort()).toEqual(
      [tenants.de.customerEmail, 'noc@acme.example', 'ops@acme.example'].sort(),
    );
    const mail = one(tenants.de.customerEmail).mail;
    expect(mail.subject).toBe('Update von Bäckerei Schmidt auf Version 2.0.0 abgesagt');
    expect(mail.text).toContain('Grund: Kunde im Urlaub');
    expect(mail.text).toContain('Das System bleibt auf Version 1.0.0.');
    expect(calendarOf(mail)).toMatchObject({
      method: 'CANCEL',
      status: 'CANCELLED',
      uid: `update-${task.id}@cloud.example`,
      sequence: 2,
      start: '2027-03-29T20:00:00.000Z',
    });
    expect(calendarOf(one('ops@acme.example').mail)?.method).toBe('CANCEL');
  });

  it('a cancellation without a reason tells each recipient who cancelled it, in their language', async () => {
    sink.clear();
    const task = await taskOf(tenants.it.id);
    await t.admin.post(`/update-tasks/${task.id}/cancel`).expect(200);
    expect(await t.sender.drain()).toBe(3);
    const italian = one(tenants.it.customerEmail).mail;
    expect(italian.text).toContain(`Motivo: annullato da ${ADMIN_NAME}`);
    expect(calendarDescription(italian)).toContain(`Motivo: annullato da ${ADMIN_NAME}`);
    expect(one('ops@acme.example').mail.text).toContain(`Grund: abgesagt von ${ADMIN_NAME}`);
    expect(one('noc@acme.example').mail.text).toContain(`Reason: cancelled by ${ADMIN_NAME}`);
    for (const r of sink.received.filter((x) => x.to !== 'noc@acme.example')) {
      expect(r.mail.text).not.toMatch(/cancelled by/);
    }
  });

  it('platform maintenance reaches every partner contact of the platform, in their zone across the autumn change', async () => {
    sink.clear();
    const res = await t.admin
      .post(`/platforms/${platformId}/maintenance`, {
        startsAt: '2027-10-31T00:00:00Z',
        endsAt: '2027-10-31T03:00:00Z',
        message: 'Speicher-Upgrade',
      })
      .expect(201);
    // The world's own partner has one contact; ACME now has one.
    expect(await t.sender.drain()).toBe(2);
    const mail = one('new-ops@acme.example').mail;
    expect(mail.subject).toBe(
      'Plattformwartung ' +
        (await t.admin.get(`/platforms/${platformId}`)).body.name +
        ': Sonntag, 31. Oktober 2027 um 02:00 (UTC+02:00)',
    );
    expect(mail.text).toContain('Ende:     Sonntag, 31. Oktober 2027 um 04:00 (UTC+01:00)');
    expect(mail.text).toContain('Speicher-Upgrade');

    sink.clear();
    await t.admin.delete(`/platforms/${platformId}/maintenance/${res.body.id}`).expect(204);
    expect(await t.sender.drain()).toBe(2);
    expect(one('new-ops@acme.example').mail.subject).toMatch(/^Plattformwartung .* zurückgezogen/);
  });
});
