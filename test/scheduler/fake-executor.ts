import { createHmac, timingSafeEqual } from 'node:crypto';
import { EventEmitter } from 'node:events';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** The body of a step (or abort) request, as the http executor sends it. */
export interface StepBody {
  taskId: string;
  run: number;
  attempt: number;
  step: string;
  node: string | null;
  stepKey: string;
  tenant: { id: string; name: string; nodes: string[] };
  platformId: string;
  fromVersion: string;
  targetVersion: string;
  path?: string[];
  snapshotId?: string;
  redeploy: boolean;
  callbackUrl: string | null;
  sentAt: string;
  action?: 'abort' | 'delete_snapshot';
}

export interface Call {
  path: string;
  idempotencyKey: string;
  signatureValid: boolean;
  raw: string;
  body: StepBody;
  /** Milliseconds (performance clock of the test process). */
  receivedAt: number;
  answeredAt?: number;
}

/**
 * How the fake answers one request. `hangMs`: answer nothing for that long (a timeout); `drop`:
 * close the connection without an answer.
 */
export interface Reply {
  status?: number;
  body?: unknown;
  delayMs?: number;
  hangMs?: number;
  drop?: boolean;
}

function signature(secret: string, raw: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
}

/**
 * A deployment API on a real HTTP server: verifies the signature of every request, records it,
 * and answers as the test says (default: the step succeeded at once).
 */
export class FakeExecutor {
  readonly calls: Call[] = [];
  onStep: (call: Call) => Reply | Promise<Reply> = () => ({ body: { status: 'succeeded' } });
  onAbort: (call: Call) => Reply | Promise<Reply> = () => ({
    body: { status: 'cancelled', message: 'stopped and rolled back' },
  });
  onDeleteSnapshot: (call: Call) => Reply | Promise<Reply> = () => ({
    body: { status: 'succeeded', message: 'snapshot deleted' },
  });
  url = '';
  private readonly events = new EventEmitter();
  private readonly server = http.createServer((req, res) => void this.handle(req, res));

  constructor(readonly secret: string) {
    this.events.setMaxListeners(0);
    this.server.keepAliveTimeout = 60_000;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/deployments`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  /** The delete_snapshot requests (POST {url}/delete-snapshot). */
  deleteCalls(): Call[] {
    return this.calls.filter((c) => c.body.action === 'delete_snapshot');
  }

  stepCalls(taskId?: string): Call[] {
    return this.calls.filter((c) => !c.body.action && (!taskId || c.body.taskId === taskId));
  }

  /** Resolves with the first call (already received or to come) that matches. */
  waitForCall(match: (call: Call) => boolean, timeoutMs = 15_000): Promise<Call> {
    const seen = this.calls.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.events.off('call', listener);
        reject(new Error('timed out waiting for an executor call'));
      }, timeoutMs);
      const listener = (call: Call) => {
        if (!match(call)) return;
        clearTimeout(timer);
        this.events.off('call', listener);
        resolve(call);
      };
      this.events.on('call', listener);
    });
  }

  /**
   * Sends a callback about `call`'s step to the service, signed with `secret`, naming its task in
   * the signed body as the contract asks. `pathTaskId` posts it to another task's URL (a replay);
   * `bodyTaskId` signs another task id into the body (null: none at all).
   */
  async callback(
    call: Call,
    report: { status: string; percent?: number; message?: string; sentAt?: string },
    options: {
      secret?: string;
      pathTaskId?: string;
      bodyTaskId?: string | null;
      url?: string;
    } = {},
  ): Promise<{ status: number; body: unknown }> {
    const taskId = options.bodyTaskId === undefined ? call.body.taskId : options.bodyTaskId;
    const raw = JSON.stringify({
      ...(taskId === null ? {} : { taskId }),
      run: call.body.run,
      stepKey: call.body.stepKey,
      sentAt: new Date().toISOString(),
      ...report,
    });
    const url =
      options.url ??
      (call.body.callbackUrl as string).replace(
        call.body.taskId,
        options.pathTaskId ?? call.body.taskId,
      );
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-signature': signature(options.secret ?? this.secret, raw),
      },
      body: raw,
    });
    return { status: res.status, body: await res.json().catch(() => null) };
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const given = Buffer.from(String(req.headers['x-signature'] ?? ''));
    const expected = Buffer.from(signature(this.secret, raw));
    const call: Call = {
      path: req.url ?? '',
      idempotencyKey: String(req.headers['idempotency-key'] ?? ''),
      signatureValid: given.length === expected.length && timingSafeEqual(given, expected),
      raw: raw.toString(),
      body: JSON.parse(raw.toString()) as StepBody,
      receivedAt: performance.now(),
    };
    this.calls.push(call);
    this.events.emit('call', call);
    const reply = call.signatureValid
      ? await (call.body.action === 'abort'
          ? this.onAbort(call)
          : call.body.action === 'delete_snapshot'
            ? this.onDeleteSnapshot(call)
            : this.onStep(call))
      : { status: 401, body: { message: 'bad signature' } };
    if (reply.drop) return void req.socket.destroy();
    const wait = reply.hangMs ?? reply.delayMs ?? 0;
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    call.answeredAt = performance.now(); // the work is done, even if the caller is gone
    if (res.destroyed) return;
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(reply.body ?? {}));
  }
}
