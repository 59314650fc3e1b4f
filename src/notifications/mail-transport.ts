import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import nodemailer from 'nodemailer';
import type {
  SendMailOptions,
  SMTPPoolOptions,
  SMTPPoolSentMessageInfo,
  StreamSentMessageInfo,
  Transporter,
} from 'nodemailer';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppConfig } from '../config/app-config';

/** No single e-mail may take longer than this; the claim lease is longer still. */
export const SEND_TIMEOUT_MS = 120_000;

export interface Accepted {
  messageId: string;
  /** The server's reply, or the file the e-mail was written to. */
  response: string;
}

/**
 * Where e-mails go. SMTP_URL set: a pooled SMTP connection (smtps:// is TLS from the start;
 * smtp:// upgrades with STARTTLS when the server offers it, `?requireTLS=true` insists on it),
 * limited to MAIL_RATE_PER_SECOND. Unset: one .eml file per e-mail in DATA_DIR/mail.
 */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly logger = new Logger(MailTransport.name);
  private readonly smtp?: Transporter<SMTPPoolSentMessageInfo>;
  private readonly files?: Transporter<StreamSentMessageInfo>;
  readonly mailDir: string;

  constructor(private readonly config: AppConfig) {
    this.mailDir = path.join(config.dataDir, 'mail');
    if (config.smtpUrl) {
      this.smtp = nodemailer.createTransport(smtpOptions(config));
    } else {
      this.files = nodemailer.createTransport({ streamTransport: true, buffer: false });
    }
  }

  get description(): string {
    return this.smtp ? 'SMTP_URL (pooled SMTP)' : `.eml files in ${this.mailDir}`;
  }

  /**
   * Resolves once the server accepted the e-mail (or the file is complete); rejects with
   * nodemailer's error otherwise. `fileName` names the .eml file: the same e-mail sent again
   * replaces its file instead of adding a second one.
   */
  async send(mail: SendMailOptions, fileName: string): Promise<Accepted> {
    if (this.smtp) {
      const info = await this.smtp.sendMail({
        ...mail,
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      });
      return { messageId: info.messageId, response: info.response };
    }
    return this.writeFile(mail, fileName);
  }

  private async writeFile(mail: SendMailOptions, fileName: string): Promise<Accepted> {
    if (!this.files) throw new Error('no transport');
    const info = await this.files.sendMail(mail);
    await fs.promises.mkdir(this.mailDir, { recursive: true });
    const file = path.join(this.mailDir, `${fileName}.eml`);
    // Written beside, then renamed: a reader never sees half an e-mail, a crash leaves no file.
    const partial = `${file}.${randomBytes(4).toString('hex')}.partial`;
    const message = info.message;
    try {
      await pipeline(
        Buffer.isBuffer(message) ? Readable.from([message]) : message,
        fs.createWriteStream(partial),
      );
      await fs.promises.rename(partial, file);
    } catch (error) {
      await fs.promises.rm(partial, { force: true });
      throw error;
    }
    return { messageId: info.messageId, response: file };
  }

  /** After the sender has stopped (it stops in onModuleDestroy). */
  onApplicationShutdown(): void {
    this.smtp?.close();
    this.logger.debug('mail transport closed');
  }
}

function smtpOptions(config: AppConfig): SMTPPoolOptions & { pool: true } {
  return {
    url: config.smtpUrl,
    pool: true,
    maxConnections: config.mailConcurrency,
    maxMessages: 1000,
    ...(config.mailRatePerSecond > 0 && { rateLimit: config.mailRatePerSecond, rateDelta: 1000 }),
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  };
}
