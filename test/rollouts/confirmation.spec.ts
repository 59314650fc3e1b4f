import { RolloutConfirmations } from '../../src/rollouts/confirmations.service';
import { Claimer } from '../../src/scheduler/claimer.service';
import { expandCustomerNotices } from '../support/app';
import { newKey, newPartner, newSchedulingWorld, newTenant } from '../support/factories';
import { MailTestApp, startMailApp } from '../notifications/support/mail-app';
import { SmtpSink } from '../notifications/support/smtp-sink';

type World = Awaited<ReturnType<typeof newSchedulingWorld>>;

/**
 * Risky rollouts wait for a one-time code e-mailed to the licence contact (real SMTP server in the
 * test process, the sender drained by hand, expiry on the injected clock).
 */
describe('rollout confirmation with an e-mailed one-time code', () => {
  const sink = new SmtpSink();
  let t: MailTestApp;
  let w: World;
  let n = 0;

  /** A partner with a licence e-mail, a key, and `count` tenants whose customers have addresses. */
  const partnerWith = async (count: number) => {
    n += 1;
    const licence = `licence-${n}@partner.example`;
    const partner = await newPartner(t.admin, w.platform.id, {
      licenceEmail: licence,
      contacts: [{ email: `ops-${n}@partner.example`, locale: 'de', timezone: 'Europe/Berlin' }],
    });
    const tenantIds: string[] = [];
    for (let i = 0; i < count; i++) tenantIds.push((await newTenant(t.admin, partner.id)).id);
    const api = t.admin.as(await newKey(t.admin, 'partner_admin', partner.id));
    return { id: partner.id, licence, tenantIds, api };
  };
  /** A rollout of the partner's tenants that needs confirmation (more than 2 tenants). */
  const risky = async (p: { id: string; api: MailTestApp['admin'] }, body: object = {}) =>
    (
      await p.api
        .post('/rollouts', {
          partnerId: p.id,
          targetVersion: '2.0.0',
          mode: 'immediate',
          notifyCustomer: true,
          notifyPartner: true,
          waves: [{ count: 1 }, { percent: 100 }],
          ...body,
        })
        .expect(202)
    ).body;
  /** Sends what is due; the code in the last e-mail to `to`. */
  const codeFor = async (to: string): Promise<string> => {
    await t.sender.drain();
    const mail = sink.received.filter((m) => m.to === to).pop();
    // the line "Confirmation code: K7M2QX9P" (Bestätigungscode, Codice di conferma)
    const code = /: ([A-HJ-NP-Z2-9]{8})\n/.exec(mail?.mail.text ?? '')?.[1];
    if (!code) throw new Error(`no code e-mailed to ${to}`);
    return code;
  };
  const wrongOf = (code: string) => (code.startsWith('A') ? 'B' : 'A') + code.slice(1);
  const audit = async (id: string) =>
    (
      (await t.ds.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [id])) as {
        action: string;
      }[]
    ).map((a) => a.action);

  beforeAll(async () => {
    await sink.start();
    t = await startMailApp(sink);
    t.clock.set('2027-07-01T08:00:00Z');
    w = await newSchedulingWorld(t.admin, 0);
    await t.admin
      .patch(`/platforms/${w.platform.id}`, {
        licenceEmail: 'licence@platform.example',
        rolloutConfirmation: { tenantsOver: 2 },
      })
      .expect(200);
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });
  beforeEach(() => sink.clear());

  it('holds a risky rollout: 202, every task held, nothing runs, no customer told; the code goes to the licence contact', async () => {
    const p = await partnerWith(3);
    const r = await risky(p);
    expect(r).toMatchObject({ state: 'awaiting_confirmation', total: 3 });
    expect(r.counts).toMatchObject({ held: 3, scheduled: 0 });
    expect(r.waves.map((x: { state: string }) => x.state)).toEqual(['held', 'held']);
    expect(r.confirmation).toMatchObject({
      reasons: ['tenants_over'],
      sentTo: [p.licence],
      triesLeft: 5,
      locked: false,
      expiresAt: '2027-07-01T08:30:00.000Z',
    });
    // tenants show the pending update, and the one-open-task rule holds
    expect((await t.admin.get(`/tenants/${p.tenantIds[0]}`).expect(200)).body.pendingUpdate).toBe(
      true,
    );
    await t.admin
      .post('/update-tasks', {
        tenantIds: [p.tenantIds[0]],
        targetVersion: '2.0.0',
        mode: 'immediate',
      })
      .expect(409);
    // nothing is due for a dispatcher
    const claimed = await t.app.get(Claimer, { strict: false }).claim({
      owner: 'test',
      leaseSeconds: 60,
      now: t.clock.now(),
      capacity: 100,
      platformLimit: 100,
    });
    expect(claimed).toEqual([]);
    // the only e-mail is the code, to the licence contact, in the partner's language
    expect(await expandCustomerNotices(t)).toBe(0);
    const code = await codeFor(p.licence);
    expect(sink.received.map((m) => m.to)).toEqual([p.licence]);
    expect(sink.received[0].mail.subject).toContain('Bestätigungscode');
    expect(
      await t.outbox(`payload->>'rolloutId' = $1 OR batch_id = $2`, [r.id, r.batchId]),
    ).toEqual([expect.objectContaining({ event: 'rollout.confirmation', status: 'sent' })]);
    // kept only as a hash: neither the confirmation nor the sent e-mail's row holds the code
    const stored = await t.ds.query(
      `SELECT c.code_hash::text AS hash, o.payload::text AS payload FROM rollout_confirmation c
       JOIN outbox_email o ON o.payload->>'rolloutId' = c.rollout_id::text WHERE c.rollout_id = $1`,
      [r.id],
    );
    expect(JSON.stringify(stored)).not.toContain(code);
    expect(await audit(r.id)).toEqual(['rollout.create', 'rollout.confirmation_code_sent']);
  });

  it('a wrong code is refused and counted; the right code starts it and tells the customers then', async () => {
    const p = await partnerWith(3);
    const r = await risky(p);
    const code = await codeFor(p.licence);
    const wrong = await p.api
      .post(`/rollouts/${r.id}/confirm`, { code: wrongOf(code) })
      .expect(422);
    expect(wrong.body.details).toEqual([
      expect.objectContaining({ field: 'code', code: 'confirmation_code_wrong' }),
    ]);
    expect((await p.api.get(`/rollouts/${r.id}`).expect(200)).body.confirmation.triesLeft).toBe(4);

    // typed by hand: lower case with a dash
    const typed = `${code.slice(0, 4)}-${code.slice(4)}`.toLowerCase();
    const ok = await p.api.post(`/rollouts/${r.id}/confirm`, { code: typed }).expect(200);
    expect(ok.body).toMatchObject({ state: 'scheduled', counts: { scheduled: 1, held: 2 } });
    expect(ok.body.waves.map((x: { state: string }) => x.state)).toEqual(['open', 'held']);
    expect(ok.body.confirmation.confirmedAt).toBe(t.clock.now().toISOString());
    // now the customers (all three tasks, as on any rollout) and the partner contact are told
    expect(await expandCustomerNotices(t)).toBe(3);
    await t.sender.drain();
    const events = (await t.outbox(`batch_id = $1`, [r.batchId])).map((o) => o.recipient_kind);
    expect(events.filter((k) => k === 'customer')).toHaveLength(3);
    expect(events.filter((k) => k === 'partner')).toHaveLength(1);
    // the code works once
    await p.api.post(`/rollouts/${r.id}/confirm`, { code }).expect(409);
    expect(await audit(r.id)).toEqual([
      'rollout.create',
      'rollout.confirmation_code_sent',
      'rollout.confirm_refused',
      'rollout.wave_open',
      'rollout.confirm',
    ]);
  });

  it('an expired code is refused; a new code voids the old one', async () => {
    const p = await partnerWith(3);
    const r = await risky(p);
    const first = await codeFor(p.licence);
    t.clock.advance(30 * 60_000);
    const expired = await p.api.post(`/rollouts/${r.id}/confirm`, { code: first }).expect(422);
    expect(expired.body.details[0]).toMatchObject({ code: 'confirmation_code_expired' });

    const resent = await p.api.post(`/rollouts/${r.id}/confirmation-code`).expect(200);
    expect(resent.body.confirmation.expiresAt).toBe(
      new Date(t.clock.now().getTime() + 30 * 60_000).toISOString(),
    );
    const second = await codeFor(p.licence);
    expect(second).not.toBe(first);
    await p.api.post(`/rollouts/${r.id}/confirm`, { code: first }).expect(422);
    await p.api.post(`/rollouts/${r.id}/confirm`, { code: second }).expect(200);
  });

  it('an unconfirmed rollout is cancelled with its tasks after the expiry time, once with two replicas, no customer told', async () => {
    // the rollouts of earlier tests that still await confirmation are cancelled first
    const waiting = await t.admin.get('/rollouts?state=awaiting_confirmation').expect(200);
    for (const x of waiting.body.items as { id: string }[])
      await t.admin.post(`/rollouts/${x.id}/cancel`).expect(200);
    const p = await partnerWith(3);
    const r = await risky(p);
    expect(r.confirmation.cancelsAt).toBe(
      new Date(t.clock.now().getTime() + 72 * 3_600_000).toISOString(),
    );
    await codeFor(p.licence);
    const expiry = t.app.get(RolloutConfirmations, { strict: false });
    // a new code 71 hours later does not move the deadline
    t.clock.advance(71 * 3_600_000);
    const resent = await p.api.post(`/rollouts/${r.id}/confirmation-code`).expect(200);
    expect(resent.body.confirmation.cancelsAt).toBe(r.confirmation.cancelsAt);
    await codeFor(p.licence);
    await expiry.expireOverdue();
    expect((await p.api.get(`/rollouts/${r.id}`).expect(200)).body.state).toBe(
      'awaiting_confirmation',
    );
    sink.clear();

    t.clock.advance(3_600_000);
    // two replicas' jobs at once: the rollout is cancelled once
    await Promise.all([expiry.expireOverdue(), expiry.expireOverdue()]);
    const after = (await p.api.get(`/rollouts/${r.id}`).expect(200)).body;
    expect(after).toMatchObject({ state: 'cancelled', counts: { held: 0, cancelled: 3 } });
    expect(after.pausedReason).toMatch(/^the rollout was not confirmed with its code by /);
    expect((await audit(r.id)).filter((a) => a === 'rollout.confirmation_expired')).toHaveLength(1);
    // the tenants are free again
    await t.admin
      .post('/update-tasks', {
        tenantIds: [p.tenantIds[0]],
        targetVersion: '2.0.0',
        mode: 'immediate',
      })
      .expect(201);
    // nobody had been told of the tasks: no customer is told of the cancel; the rollout's end goes
    // to the partner's contact and the platform's licence e-mail, as any end of a rollout
    expect(await expandCustomerNotices(t)).toBe(0);
    await t.sender.drain();
    const ends = sink.received.filter((m) => m.mail.subject?.includes('2.0.0'));
    expect(ends.map((m) => m.to).sort()).toEqual(
      ['licence@platform.example', `ops-${n}@partner.example`].sort(),
    );
    expect(sink.received.map((m) => m.to)).not.toContain(p.licence);
  });

  it('five wrong codes lock the rollout until a platform admin sends a new code', async () => {
    const p = await partnerWith(3);
    const r = await risky(p);
    const code = await codeFor(p.licence);
    for (let i = 0; i < 4; i++)
      await p.api.post(`/rollouts/${r.id}/confirm`, { code: wrongOf(code) }).expect(422);
    const fifth = await p.api
      .post(`/rollouts/${r.id}/confirm`, { code: wrongOf(code) })
      .expect(423);
    expect(fifth.body.details[0]).toMatchObject({ field: 'code', code: 'confirmation_locked' });
    // even the right code, and the partner cannot unlock it by asking for a new one
    await p.api.post(`/rollouts/${r.id}/confirm`, { code }).expect(423);
    await p.api.post(`/rollouts/${r.id}/confirmation-code`).expect(423);
    expect((await p.api.get(`/rollouts/${r.id}`).expect(200)).body).toMatchObject({
      state: 'awaiting_confirmation',
      confirmation: { locked: true, triesLeft: 0 },
    });
    await t.admin.post(`/rollouts/${r.id}/confirmation-code`).expect(200);
    const fresh = await codeFor(p.licence);
    await p.api.post(`/rollouts/${r.id}/confirm`, { code: fresh }).expect(200);
    expect((await audit(r.id)).filter((a) => a === 'rollout.confirm_refused')).toHaveLength(5);
  });

  it('another partner cannot see, confirm or re-send a rollout', async () => {
    const a = await partnerWith(3);
    const b = await partnerWith(0);
    const r = await risky(a);
    const code = await codeFor(a.licence);
    await b.api.post(`/rollouts/${r.id}/confirm`, { code }).expect(404);
    await b.api.post(`/rollouts/${r.id}/confirmation-code`).expect(404);
    expect((await a.api.get(`/rollouts/${r.id}`).expect(200)).body.confirmation.wrongCodes).toBe(0);
  });

  it("a platform admin's rollout of a whole platform: the code goes to the platform's licence e-mail", async () => {
    const platform = await newSchedulingWorld(t.admin, 0);
    await t.admin
      .patch(`/platforms/${platform.platform.id}`, { licenceEmail: 'licence@other.example' })
      .expect(200);
    await newTenant(t.admin, platform.partner.id);
    const r = await t.admin
      .post('/rollouts', {
        platformId: platform.platform.id,
        targetVersion: '2.0.0',
        mode: 'immediate',
      })
      .expect(202);
    expect(r.body.confirmation.reasons).toEqual(['platform_scope']);
    expect(await codeFor('licence@other.example')).toHaveLength(8);
  });

  it('a downgrade needs confirmation by default; without a licence e-mail it is refused and nothing is written', async () => {
    const fresh = await newSchedulingWorld(t.admin, 0);
    const defaults = (await t.admin.get(`/platforms/${fresh.platform.id}`).expect(200)).body;
    expect(defaults).toMatchObject({
      licenceEmail: null,
      rolloutConfirmation: {
        downgrade: true,
        forced: false,
        platformScope: true,
        tenantsOver: 1000,
      },
    });
    const tenant = await newTenant(t.admin, fresh.partner.id);
    const before = await t.ds.query(`SELECT count(*)::int AS n FROM update_task`);
    const refused = await t.admin
      .post('/rollouts', {
        tenantIds: [tenant.id],
        targetVersion: '0.9.0',
        allowDowngrade: true,
        mode: 'immediate',
      })
      .expect(422);
    expect(refused.body.details[0]).toMatchObject({ code: 'licence_email_missing' });
    expect(await t.ds.query(`SELECT count(*)::int AS n FROM update_task`)).toEqual(before);
    // a rollout that is not risky starts at once, as before
    await t.admin
      .post('/rollouts', { tenantIds: [tenant.id], targetVersion: '2.0.0', mode: 'immediate' })
      .expect(201);
  });

  it('a dry run says whether the rollout would need confirmation and why, and writes and sends nothing', async () => {
    const p = await partnerWith(3);
    const dry = (body: object) =>
      p.api
        .post('/rollouts', {
          partnerId: p.id,
          targetVersion: '2.0.0',
          mode: 'immediate',
          dryRun: true,
          ...body,
        })
        .expect(200);
    const rollouts = await t.ds.query(`SELECT count(*)::int AS n FROM rollout`);
    // three tenants, more than tenantsOver (2): as the rollout's confirmation.reasons would say
    expect((await dry({})).body.confirmation).toEqual({
      needed: true,
      reasons: ['tenants_over'],
    });
    // two tenants, an upgrade: none
    expect(
      (await dry({ tenantIds: p.tenantIds.slice(0, 2), partnerId: undefined })).body,
    ).toMatchObject({
      created: 2,
      confirmation: { needed: false, reasons: [] },
    });
    // a downgrade of one tenant (the platform's default rule)
    expect(
      (
        await dry({
          tenantIds: p.tenantIds.slice(0, 1),
          partnerId: undefined,
          targetVersion: '0.9.0',
          allowDowngrade: true,
        })
      ).body.confirmation,
    ).toEqual({ needed: true, reasons: ['downgrade'] });
    // the whole platform (a platform admin's): its scope and its size
    const whole = await t.admin
      .post('/rollouts', {
        platformId: w.platform.id,
        targetVersion: '2.0.0',
        mode: 'immediate',
        onConflict: 'skip',
        dryRun: true,
      })
      .expect(200);
    expect(whole.body.confirmation).toEqual({
      needed: true,
      reasons: ['platform_scope', 'tenants_over'],
    });
    expect(await t.ds.query(`SELECT count(*)::int AS n FROM rollout`)).toEqual(rollouts);
    await t.sender.drain();
    expect(sink.received).toEqual([]);
  });

  it('refuses bad input with 400 naming the field', async () => {
    const p = await partnerWith(3);
    const r = await risky(p);
    const field = async (req: Promise<{ body: { details: { field: string }[] } }>) => [
      ...new Set((await req).body.details.map((d) => d.field)),
    ];
    expect(await field(p.api.post(`/rollouts/${r.id}/confirm`, {}).expect(400))).toEqual(['code']);
    expect(
      await field(p.api.post(`/rollouts/${r.id}/confirm`, { code: 12345678 }).expect(400)),
    ).toEqual(['code']);
    expect(
      await field(p.api.post(`/rollouts/${r.id}/confirm`, { code: 'abc' }).expect(400)),
    ).toEqual(['code']);
    expect(
      await field(
        t.admin
          .patch(`/platforms/${w.platform.id}`, { rolloutConfirmation: { tenantsOver: -1 } })
          .expect(400),
      ),
    ).toEqual(['rolloutConfirmation.tenantsOver']);
    expect(
      await field(
        t.admin
          .patch(`/platforms/${w.platform.id}`, { rolloutConfirmation: { forced: 'yes' } })
          .expect(400),
      ),
    ).toEqual(['rolloutConfirmation.forced']);
    expect(
      await field(
        t.admin.patch(`/partners/${p.id}`, { licenceEmail: 'not an address' }).expect(400),
      ),
    ).toEqual(['licenceEmail']);
    // a bad code does not count as a try
    expect((await p.api.get(`/rollouts/${r.id}`).expect(200)).body.confirmation.wrongCodes).toBe(0);
    // licenceEmail: set, shown, cleared
    const patched = await t.admin.patch(`/partners/${p.id}`, { licenceEmail: null }).expect(200);
    expect(patched.body.licenceEmail).toBeNull();
  });
});
