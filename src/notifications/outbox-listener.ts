import { Injectable, Logger } from '@nestjs/common';
import { Client } from 'pg';
import { AppConfig } from '../config/app-config';
import { OUTBOX_CHANNEL } from './notices.repository';

const RECONNECT_MS = 5_000;

/**
 * LISTEN on an outbox's channel (the e-mail outbox's unless told) (one connection of its own): writers notify at commit, so a new
 * e-mail is picked up at once instead of at the next poll. Polling stays as the fallback; a lost
 * connection is reopened.
 */
@Injectable()
export class OutboxListener {
  private readonly logger = new Logger(OutboxListener.name);
  private client: Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly config: AppConfig) {}

  async start(onNotify: () => void, channel: string = OUTBOX_CHANNEL): Promise<void> {
    this.stopped = false;
    const client = new Client({
      connectionString: this.config.databaseUrl,
      application_name: 'tenant-update-scheduler:mail-listener',
    });
    client.on('notification', onNotify);
    client.on('error', (err) => {
      this.logger.warn({ err }, 'outbox listener connection lost; polling until it is back');
      this.reconnect(client, onNotify, channel);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${channel}`);
      this.client = client;
      if (this.stopped) await this.stop();
    } catch (err) {
      this.logger.warn({ err }, 'could not listen for new e-mails; polling instead');
      this.reconnect(client, onNotify, channel);
    }
  }

  private reconnect(client: Client, onNotify: () => void, channel: string): void {
    client.removeAllListeners('notification');
    void client.end().catch(() => undefined);
    if (this.client === client) this.client = null;
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.stopped) void this.start(onNotify, channel);
    }, RECONNECT_MS);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
