import { createHmac, timingSafeEqual } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedWebhook {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  json: { type: string; timestamp: string; version: number; data: Record<string, unknown> };
  /** What the receiver answered. */
  answered: number | null;
}

/** What the receiver answers a request: a status, or 'hang' (never answers). */
export type Answer = number | 'hang';

/**
 * The Standard Webhooks signature check written from the specification alone (no library): the
 * HMAC-SHA256 of `${id}.${timestamp}.${body}` keyed with the base64-decoded secret after `whsec_`,
 * base64, compared with each `v1,` entry of the space-separated header.
 */
export function verifyBySpec(
  secret: string,
  r: Pick<ReceivedWebhook, 'id' | 'timestamp' | 'signature' | 'body'>,
): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${r.id}.${r.timestamp}.${r.body}`).digest();
  return r.signature.split(' ').some((entry) => {
    const [version, signature] = entry.split(',');
    if (version !== 'v1' || !signature) return false;
    const given = Buffer.from(signature, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/** The same check with the `standardwebhooks` library (also checks the timestamp's tolerance). */
export function verifyByLibrary(secret: string, r: ReceivedWebhook): boolean {
  try {
    new Webhook(secret).verify(r.body, {
      'webhook-id': r.id,
      'webhook-timestamp': r.timestamp,
      'webhook-signature': r.signature,
    });
    return true;
  } catch {
    return false;
  }
}

/** A real HTTP server receiving webhooks on 127.0.0.1; answers are scripted per request. */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  /** Answers for the next requests, in order; 200 once they are used up. */
  readonly answers: Answer[] = [];
  private server: http.Server | null = null;
  private port = 0;
  private readonly hanging: { res: http.ServerResponse; r: ReceivedWebhook }[] = [];
  private waiters: { count: number; resolve: () => void }[] = [];

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks`;
  }

  /** Requests answered with a 2xx. */
  get accepted(): ReceivedWebhook[] {
    return this.received.filter((r) => r.answered !== null && r.answered < 300);
  }

  async start(port = 0): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const answer = this.answers.shift() ?? 200;
        const r: ReceivedWebhook = {
          id: String(req.headers['webhook-id']),
          timestamp: String(req.headers['webhook-timestamp']),
          signature: String(req.headers['webhook-signature']),
          body,
          json: JSON.parse(body) as ReceivedWebhook['json'],
          answered: answer === 'hang' ? null : answer,
        };
        this.received.push(r);
        this.waiters = this.waiters.filter((w) => {
          if (this.received.length < w.count) return true;
          w.resolve();
          return false;
        });
        if (answer === 'hang') this.hanging.push({ res, r });
        else
          res.writeHead(answer, { 'content-type': 'text/plain' }).end(answer < 300 ? 'ok' : 'nope');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Resolves once `count` requests have arrived in all. */
  receivedCount(count: number): Promise<void> {
    if (this.received.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  /** Answers every request held so far ('hang') with `status`; returns how many. */
  release(status = 200): number {
    const held = this.hanging.splice(0);
    for (const { res, r } of held) {
      r.answered = status;
      res.writeHead(status, { 'content-type': 'text/plain' }).end('ok');
    }
    return held.length;
  }

  /** The receiver goes away (connections refused) until started again on the same port. */
  async stop(): Promise<void> {
    for (const { res } of this.hanging.splice(0)) res.destroy();
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async restart(): Promise<void> {
    await this.start(this.port);
  }

  clear(): void {
    this.received.length = 0;
    this.answers.length = 0;
  }
}

/**
 * The real HTTP receivers of one spec file: `start()` gives a new one listening on 127.0.0.1,
 * `stopAll()` (in the file's afterAll, after the app is closed) stops every one started.
 */
export class Receivers {
  private readonly started: WebhookReceiver[] = [];

  async start(): Promise<WebhookReceiver> {
    const r = new WebhookReceiver();
    await r.start();
    this.started.push(r);
    return r;
  }

  /** Answers every request still held, on every receiver (before closing a sender that waits). */
  releaseAll(status = 200): void {
    for (const r of this.started) r.release(status);
  }

  async stopAll(): Promise<void> {
    for (const r of this.started.splice(0)) await r.stop();
  }
}
