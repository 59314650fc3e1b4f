import { simpleParser, ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer, SMTPServerOptions } from 'smtp-server';

export interface Received {
  /** The envelope recipient. */
  to: string;
  mail: ParsedMail;
  raw: Buffer;
  /** The session was encrypted (TLS from the start, or after STARTTLS). */
  secure: boolean;
}

type Waiter = { ready: () => boolean; resolve: () => void };

/**
 * A real SMTP server in the test process (the smtp-server package): it accepts everything except
 * the recipients it is told to refuse, parses each accepted e-mail with mailparser, and can be
 * stopped and started again on the same port (the "mail server is down" case).
 */
export class SmtpSink {
  readonly received: Received[] = [];
  /** Recipients answered with 550 (permanent) at RCPT TO. */
  readonly refused = new Set<string>();
  /** Recipients answered with 450 (try again later) at RCPT TO. */
  readonly deferred = new Set<string>();
  private server: SMTPServer | null = null;
  private port = 0;
  private waiters: Waiter[] = [];

  constructor(private readonly options: Partial<SMTPServerOptions> = {}) {}

  get url(): string {
    return `${this.options.secure ? 'smtps' : 'smtp'}://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      ...this.options,
      onRcptTo: (address, _session, callback) => {
        const rcpt = address.address.toLowerCase();
        if (this.refused.has(rcpt)) {
          return callback(
            Object.assign(new Error(`5.1.1 <${address.address}>: no such user`), {
              responseCode: 550,
            }),
          );
        }
        if (this.deferred.has(rcpt)) {
          return callback(
            Object.assign(new Error(`4.2.1 <${address.address}>: mailbox busy`), {
              responseCode: 450,
            }),
          );
        }
        callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          simpleParser(raw)
            .then((mail) => {
              for (const rcpt of session.envelope.rcptTo)
                this.received.push({ to: rcpt.address, mail, raw, secure: session.secure });
              callback();
              this.notify();
            })
            .catch(callback);
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  /** Stops listening and drops open connections: clients see the server go away. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Resolves once `count` e-mails have been accepted in all. */
  waitFor(count: number): Promise<void> {
    return this.waitUntil(() => this.received.length >= count);
  }

  /** Resolves once `ready` holds, checked whenever an e-mail is accepted. */
  waitUntil(ready: () => boolean): Promise<void> {
    if (ready()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ ready, resolve }));
  }

  to(address: string): Received[] {
    return this.received.filter((r) => r.to.toLowerCase() === address.toLowerCase());
  }

  clear(): void {
    this.received.length = 0;
  }

  private notify(): void {
    const ready = this.waiters.filter((w) => w.ready());
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve();
  }
}
