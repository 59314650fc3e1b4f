import { SchedulerRegistry } from '@nestjs/schedule';
import { RolloutGates } from '../../src/rollouts/rollout-gates.service';
import { newPartner, newTenant, newWorld } from '../support/factories';
import { MailTestApp, startMailApp } from '../notifications/support/mail-app';
import { SmtpSink } from '../notifications/support/smtp-sink';
import { schedulerEnv, until } from '../scheduler/support';

type Rollout = {
  id: string;
  batchId: string;
  state: string;
  counts: Record<string, number>;
  waves: { state: string; counts: Record<string, number> }[];
};

/**
 * Rollouts end to end with a dispatcher (simulated executor), a real SMTP server and the injected
 * clock: the e-mails partner contacts read, maintenance-window waves across a daylight-saving
 * change, and rollbackOnFailure inside a rollout. The gates are moved by hand (`advanceAll`).
 */
describe('rollouts: e-mails, windows across DST, rollbackOnFailure', () => {
  const sink = new SmtpSink();
  let t: MailTestApp;
  let gates: RolloutGates;
  let platformId: string;
  const contacts = [
    { email: 'ops@de.partner.example', locale: 'de', timezone: 'Europe/Berlin' },
    { email: 'ops@it.partner.example', locale: 'it', timezone: 'Europe/Rome' },
    { email: 'noc@en.partner.example', locale: 'en', timezone: 'Europe/London' },
  ];

  const get = async (id: string): Promise<Rollout> =>
    (await t.admin.get(`/rollouts/${id}`).expect(200)).body;
  const create = async (body: object): Promise<Rollout> =>
    (
      await t.admin
        .post('/rollouts', {
          targetVersion: '2.0.0',
          mode: 'immediate',
          notifyPartner: false,
          notifyCustomer: false,
          ...body,
        })
        .expect(201)
    ).body;
  const tenants = async (partnerId: string, n: number, extra: Record<string, unknown> = {}) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push((await newTenant(t.admin, partnerId, extra)).id);
    return ids;
  };
  const subjects = (address: string) => sink.to(address).map((r) => r.mail.subject);

  beforeAll(async () => {
    await sink.start();
    t = await startMailApp(sink, schedulerEnv());
    gates = t.app.get(RolloutGates);
    t.app.get(SchedulerRegistry).deleteInterval('rollout-gates');
    platformId = (await newWorld(t.admin)).platform.id;
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  it("e-mails every partner contact in its language, and the platform's licence e-mail, when a rollout pauses, stops and completes", async () => {
    const licence = 'licence@platform.example';
    await t.admin.patch(`/platforms/${platformId}`, { licenceEmail: licence }).expect(200);
    const partner = await newPartner(t.admin, platformId, { name: 'ACME', contacts });
    const good = await tenants(partner.id, 2);
    await tenants(partner.id, 2, { simulate: { failStep: 'precheck' } });
    const later = await tenants(partner.id, 1);

    // completed: every task succeeded (notifyPartner is off: a rollout's own e-mails go anyway)
    const done = await create({ tenantIds: good });
    await until(async () => (await get(done.id)).counts.succeeded === 2, 'both updates done');
    await gates.advanceAll();
    expect((await get(done.id)).state).toBe('succeeded');

    // stopped: the first failure reaches the error threshold
    const failing = await create({
      filter: { partnerId: partner.id, softwareVersion: '1.0.0' },
      errorThreshold: { count: 1 },
      onError: 'stop',
      maxConcurrency: { count: 1 },
      waves: [{ count: 1 }, { percent: 100 }],
    });
    await until(async () => (await get(failing.id)).state === 'stopped', 'the rollout to stop');

    // paused by hand: a rollout whose task waits for its time
    await gates.advanceAll(); // the stopped rollout's held tasks are cancelled: tenants free again
    // the licence address is now one of the partner's contacts: that contact's one e-mail only
    await t.admin
      .patch(`/platforms/${platformId}`, { licenceEmail: 'NOC@en.partner.example' })
      .expect(200);
    const waiting = await create({
      tenantIds: later,
      mode: 'custom',
      runAt: new Date(t.clock.now().getTime() + 7 * 86_400_000).toISOString(),
    });
    await t.admin.post(`/rollouts/${waiting.id}/pause`).expect(200);

    expect(await t.sender.drain()).toBe(11);
    expect(subjects('ops@de.partner.example').sort()).toEqual([
      'Rollout von 2.0.0 angehalten',
      'Rollout von 2.0.0 gestoppt',
      'Rollout von 2.0.0: erfolgreich',
    ]);
    expect(subjects('ops@it.partner.example').sort()).toEqual([
      'Rollout di 2.0.0 interrotto',
      'Rollout di 2.0.0 sospeso',
      'Rollout di 2.0.0: riuscito',
    ]);
    expect(subjects('noc@en.partner.example').sort()).toEqual([
      'Rollout of 2.0.0 paused',
      'Rollout of 2.0.0 stopped',
      'Rollout of 2.0.0 succeeded',
    ]);
    const stopped = sink
      .to('ops@de.partner.example')
      .find((r) => r.mail.subject === 'Rollout von 2.0.0 gestoppt');
    expect(stopped?.mail.text).toContain(
      'Grund: 1 tasks failed, reaching the error threshold of 1',
    );
    expect(stopped?.mail.text).toContain(`Rollout:        ${failing.id}`);
    expect(stopped?.mail.text).toContain('ACME');
    // the platform's licence address: in English, whatever notifyPartner says
    expect(subjects(licence).sort()).toEqual([
      'Rollout of 2.0.0 stopped',
      'Rollout of 2.0.0 succeeded',
    ]);
    const licenceStopped = sink
      .to(licence)
      .find((r) => r.mail.subject === 'Rollout of 2.0.0 stopped');
    expect(licenceStopped?.mail.text).toContain(`Rollout:   ${failing.id}`);
    expect(sink.received).toHaveLength(11); // nobody else was e-mailed
  });

  it('places each maintenance-window wave in its first window after opening, across the spring-forward night', async () => {
    // Europe/Rome springs forward on 2027-03-28 at 02:00: 02:30 does not exist that night, and the
    // window starts at 03:30 CEST (01:30Z), the offset before the jump (docs/maintenance-windows.md).
    t.clock.set('2027-03-26T12:00:00Z');
    const partner = await newPartner(t.admin, platformId);
    const window = { cron: '30 2 * * *', durationMinutes: 60, timezone: 'Europe/Rome' };
    await tenants(partner.id, 3, { maintenanceWindow: window });
    const r = await create({
      partnerId: partner.id,
      mode: 'maintenance_window',
      waves: [{ count: 1 }, { count: 1 }, { percent: 100 }],
    });
    const runAt = async (wave: number) => {
      const rows: { run_at: Date; status: string }[] = await t.ds.query(
        `SELECT run_at, status FROM update_task WHERE rollout_id = $1 AND wave = $2`,
        [r.id, wave],
      );
      expect(rows).toHaveLength(1);
      return rows[0];
    };
    // Each wave runs in its window: the clock moves into it, the dispatcher runs the task, and the
    // gate (moved by hand at that moment) opens the next wave, placed from then on.
    const expected = [
      '2027-03-27T01:30:00.000Z', // 02:30 CET (UTC+1)
      '2027-03-28T01:30:00.000Z', // 02:30 does not exist: 03:30 CEST
      '2027-03-29T00:30:00.000Z', // 02:30 CEST (UTC+2)
    ];
    for (const [wave, at] of expected.entries()) {
      const task = await runAt(wave);
      expect({ wave, at: task.run_at.toISOString(), status: task.status }).toEqual({
        wave,
        at,
        status: 'scheduled',
      });
      t.clock.set(new Date(new Date(at).getTime() + 60_000));
      await until(
        async () => (await get(r.id)).waves[wave].counts.succeeded === 1,
        `wave ${wave + 1} to run in its window`,
      );
      // The gate opens the next wave after this window has closed (02:30 local + 60 minutes).
      t.clock.set(new Date(new Date(at).getTime() + 90 * 60_000));
      await gates.advanceAll();
    }
    expect((await get(r.id)).state).toBe('succeeded');
  });

  it('rolls a failed tenant back (rollbackOnFailure) and counts it as a failure for the error gate', async () => {
    const partner = await newPartner(t.admin, platformId);
    // Its second node fails verification (the key `verify@node-b`: the rollback's own verify of
    // that node, `verify[1.0.0]@node-b`, passes).
    const [broken] = await tenants(partner.id, 1, {
      nodes: [{ name: 'node-a' }, { name: 'node-b' }],
      simulate: { failStep: 'verify@node-b' },
    });
    await tenants(partner.id, 2);
    const r = await create({
      partnerId: partner.id,
      waves: [{ count: 1 }, { percent: 100 }],
      rollbackOnFailure: true,
      errorThreshold: { count: 1 },
      onError: 'pause',
    });
    await until(async () => (await get(r.id)).state === 'paused', 'the rollout to pause');
    const [task] = (
      await t.admin.get(`/update-tasks?batchId=${r.batchId}&status=failed`).expect(200)
    ).body.items;
    expect(task).toMatchObject({
      tenantId: broken,
      status: 'failed',
      rolledBack: true,
      rollbackOnFailure: true,
    });
    expect((await t.admin.get(`/tenants/${broken}`).expect(200)).body).toMatchObject({
      softwareVersion: '1.0.0',
      state: 'active',
    });
    const now = await get(r.id);
    expect(now.counts).toMatchObject({ failed: 1, held: 2 });
    expect(now.waves.map((w) => w.state)).toEqual(['tripped', 'held']);
  });
});
