import { SchedulerRegistry } from '@nestjs/schedule';
import { RolloutGates } from '../../src/rollouts/rollout-gates.service';
import { WebhookSender } from '../../src/webhooks/webhook-sender';
import { startTestApp, TestApp } from '../support/app';
import { newPartner, newSchedulingWorld, newTenant } from '../support/factories';
import { schedulerEnv, until } from '../scheduler/support';
import { rolloutCalls } from '../support/rollouts';
import {
  Receivers,
  verifyByLibrary,
  verifyBySpec,
  type WebhookReceiver,
} from '../support/webhook-receivers';

type World = Awaited<ReturnType<typeof newSchedulingWorld>>;
type Rollout = { id: string; state: string; counts: Record<string, number> };

const EVENTS = ['rollout.paused', 'rollout.resumed', 'rollout.stopped', 'rollout.completed'];

/**
 * The rollout events that the gates write (error gate stopping, a rollout ending succeeded or
 * failed), with a running dispatcher and the simulated executor (failures injected per tenant),
 * received by a real HTTP receiver that verifies every signature. The gates are driven by hand
 * (`advanceAll`) and the sender by `drain`: no test waits for time.
 */
describe('rollout webhooks written by the gates', () => {
  let t: TestApp;
  let w: World;
  let gates: RolloutGates;
  let sender: WebhookSender;
  const receivers = new Receivers();
  let receiver: WebhookReceiver;

  const tenants = async (partnerId: string, n: number, extra: Record<string, unknown> = {}) => {
    for (let i = 0; i < n; i++) await newTenant(t.admin, partnerId, extra);
  };
  const { get, settled, create } = rolloutCalls<Rollout>(() => t.admin);
  /** A partner with an endpoint subscribed to every rollout event; its secret. */
  const partnerWithEndpoint = async () => {
    const partner = await newPartner(t.admin, w.platformId);
    const hook = (
      await t.admin
        .post('/webhooks', { url: receiver.url, events: EVENTS, partnerId: partner.id })
        .expect(201)
    ).body as { secret: string };
    return { partner, secret: hook.secret };
  };
  /** What the receiver accepted about this rollout, each signature verified twice over. */
  const received = (rolloutId: string, secret: string) => {
    const mine = receiver.accepted.filter((x) => x.json.data.rolloutId === rolloutId);
    for (const x of mine) {
      expect(verifyBySpec(secret, x)).toBe(true);
      expect(verifyByLibrary(secret, x)).toBe(true);
    }
    return mine.map((x) => ({ type: x.json.type, data: x.json.data }));
  };

  beforeAll(async () => {
    receiver = await receivers.start();
    t = await startTestApp({
      env: schedulerEnv({ WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_SENDER_ENABLED: 'false' }),
    });
    w = await newSchedulingWorld(t.admin, 0);
    gates = t.app.get(RolloutGates);
    sender = t.app.get(WebhookSender);
    t.app.get(SchedulerRegistry).deleteInterval('rollout-gates');
  });
  afterAll(async () => {
    await t.close();
    await receivers.stopAll();
  });

  it('the error gate stops a rollout (onError: stop): rollout.stopped, signed', async () => {
    const { partner, secret } = await partnerWithEndpoint();
    await tenants(partner.id, 4, { simulate: { failStep: 'precheck' } });
    const r = await create({
      partnerId: partner.id,
      waves: [{ count: 2 }, { percent: 100 }],
      errorThreshold: { count: 1 },
      onError: 'stop',
      maxConcurrency: { count: 1 },
    });
    await until(async () => (await get(r.id)).state === 'stopped', 'the rollout to stop');
    await gates.advanceAll();
    await sender.drain();
    expect(received(r.id, secret)).toEqual([
      {
        type: 'rollout.stopped',
        data: expect.objectContaining({
          rolloutId: r.id,
          partnerId: partner.id,
          state: 'stopped',
          reason: expect.stringMatching(/.+/),
          total: 4,
          failed: 1,
        }),
      },
    ]);
  });

  it('a rollout whose waves all passed completes: rollout.completed with state succeeded, signed', async () => {
    const { partner, secret } = await partnerWithEndpoint();
    await tenants(partner.id, 2);
    const r = await create({ partnerId: partner.id, waves: [{ count: 1 }, { percent: 100 }] });
    await until(async () => (await get(r.id)).counts.succeeded === 1, 'wave 1 done');
    await gates.advanceAll(); // wave 1 passed, wave 2 opens (no soak)
    await gates.advanceAll();
    await until(async () => (await get(r.id)).counts.succeeded === 2, 'every task done');
    await gates.advanceAll();
    expect((await get(r.id)).state).toBe('succeeded');
    await sender.drain();
    expect(received(r.id, secret)).toEqual([
      {
        type: 'rollout.completed',
        data: expect.objectContaining({
          rolloutId: r.id,
          state: 'succeeded',
          reason: null,
          total: 2,
          succeeded: 2,
          failed: 0,
          cancelled: 0,
        }),
      },
    ]);
  });

  it('a last wave below its success threshold fails the rollout: rollout.completed with state failed, signed', async () => {
    const { partner, secret } = await partnerWithEndpoint();
    await tenants(partner.id, 1);
    await tenants(partner.id, 1, { simulate: { failStep: 'precheck' } });
    const r = await create({
      partnerId: partner.id,
      waves: [{ percent: 100 }],
      successThreshold: 100,
      errorThreshold: { count: 2 },
    });
    await settled(r.id);
    await gates.advanceAll();
    expect((await get(r.id)).state).toBe('failed');
    await sender.drain();
    expect(received(r.id, secret)).toEqual([
      {
        type: 'rollout.completed',
        data: expect.objectContaining({
          rolloutId: r.id,
          state: 'failed',
          reason: expect.stringContaining('below the success threshold'),
          total: 2,
          succeeded: 1,
          failed: 1,
        }),
      },
    ]);
    // Its wave retried, the rollout runs again; failing again, it ends again: a second event.
    await t.admin.post(`/rollouts/${r.id}/waves/0/retry`).expect(200);
    await settled(r.id);
    await gates.advanceAll();
    expect((await get(r.id)).state).toBe('failed');
    await sender.drain();
    expect(received(r.id, secret).map((x) => [x.type, x.data.state])).toEqual([
      ['rollout.completed', 'failed'],
      ['rollout.resumed', 'running'],
      ['rollout.completed', 'failed'],
    ]);
  });
});
