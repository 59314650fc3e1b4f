import { randomUUID } from 'node:crypto';
import type { AppConfig } from '../../src/config/app-config';
import { MetricsService } from '../../src/metrics/metrics.service';
import type { StepContext, StepRequest } from '../../src/scheduler/executors/executor';
import { ExecutorHttpClient } from '../../src/scheduler/executors/executor-http-client';
import { HttpExecutor } from '../../src/scheduler/executors/http.executor';
import { FakeExecutor } from './fake-executor';
import { until } from './support';

const SECRET = 'executor-secret-for-tests-0123456789';

function stepRequest(): StepRequest {
  return {
    taskId: randomUUID(),
    run: 1,
    attempt: 1,
    step: 'apply',
    node: null,
    stepKey: 'apply',
    tenant: { id: randomUUID(), name: 'tenant', nodes: [] },
    platformId: randomUUID(),
    fromVersion: '1.0.0',
    targetVersion: '2.0.0',
    path: ['1.0.0', '2.0.0'],
    snapshotId: null,
    redeploy: false,
    simulate: null,
  };
}

const context = (): StepContext => ({
  signal: new AbortController().signal,
  throwIfStopped: () => undefined,
  progress: () => undefined,
  waitForReport: async () => null,
});

/**
 * The http executor's client bounds the requests in flight per process; a request's timeout and
 * its sentAt start when it leaves, not while it waits for a slot.
 */
describe('executor requests: a bounded client whose timeout measures the deployment API', () => {
  const HOLD_MS = 500;
  const REQUESTS = 12;
  let fake: FakeExecutor;
  let metrics: MetricsService;
  let client: ExecutorHttpClient;
  /**
   * Far above what an answer takes even on a busy machine: only a request that waits for its
   * slot longer than this, or an API that does not answer, may come near it.
   */
  const timeoutMs = 2000;

  beforeAll(async () => {
    fake = await new FakeExecutor(SECRET).start();
    metrics = new MetricsService();
    client = new ExecutorHttpClient({ executorMaxInFlight: 2 } as AppConfig, metrics);
  });
  afterAll(() => fake.stop());

  const executor = () =>
    new HttpExecutor(
      { url: fake.url, secret: SECRET },
      { timeoutMs, retries: 0, pollMs: 1000, stepTimeoutMs: 60_000 },
      client,
    );

  it('sends at most EXECUTOR_MAX_IN_FLIGHT at once; waiting for a slot does not time a request out', async () => {
    let inFlight = 0;
    let most = 0;
    fake.onStep = async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, HOLD_MS));
      inFlight--;
      return { body: { status: 'succeeded' } };
    };
    // Twelve steps, two at a time, 500 ms each: the last pair waits at least 2.5 s for its slot,
    // longer than the 2 s timeout, and still succeeds because the API answered each in 500 ms.
    // (Both margins are wide: an answer has 1.5 s to spare, the wait is at least 0.5 s too long.)
    const results = await Promise.all(
      Array.from({ length: REQUESTS }, () => executor().runStep(stepRequest(), context())),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(most).toBe(2);
    // All twelve were asked for at once; each is dated when it left, not when it was queued: the
    // last pair could not leave before the first five pairs had been answered (2.5 s).
    const sent = fake.calls
      .slice(-REQUESTS)
      .map((c) => Date.parse(c.body.sentAt))
      .sort((a, b) => a - b);
    expect(sent[REQUESTS - 1] - sent[0]).toBeGreaterThanOrEqual((REQUESTS / 2 - 1) * HOLD_MS - 50);
    const text = await metrics.registry.metrics();
    expect(text).toMatch(new RegExp(`^executor_request_queue_seconds_count ${REQUESTS}$`, 'm'));
    // The first pair waits for nothing, the second about 0.5 s, every later one at least 1 s.
    expect(text).toMatch(/^executor_request_queue_seconds_bucket\{le="0.5"\} [2-4]$/m);
    expect(text).toMatch(
      new RegExp(`^executor_request_seconds_count\\{outcome="answered"\\} ${REQUESTS}$`, 'm'),
    );
  });

  it('still times out a deployment API that does not answer', async () => {
    fake.onStep = () => ({ hangMs: timeoutMs + 1000 });
    const result = await executor().runStep(stepRequest(), context());
    expect(result).toMatchObject({ ok: false });
    expect(result.message).toMatch(/no answer within 2000 ms/);
    expect(client.slots.inUse).toBe(0);
  });

  it('lets a stopped run leave the queue', async () => {
    fake.onStep = () => ({ delayMs: 300, body: { status: 'succeeded' } });
    const busy = [
      executor().runStep(stepRequest(), context()),
      executor().runStep(stepRequest(), context()),
    ];
    const stop = new AbortController();
    const waiting = executor().runStep(stepRequest(), { ...context(), signal: stop.signal });
    await until(async () => client.slots.waiting === 1, 'the third request to wait');
    stop.abort('cancelled');
    await expect(waiting).rejects.toThrow();
    expect(client.slots.waiting).toBe(0);
    await Promise.all(busy);
    expect(client.slots.inUse).toBe(0);
  });
});
