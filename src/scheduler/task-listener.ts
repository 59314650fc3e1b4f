import { Injectable, Logger } from '@nestjs/common';
import { Client, type Notification } from 'pg';
import { AppConfig } from '../config/app-config';
import { TASK_SIGNALS_CHANNEL, TASKS_DUE_CHANNEL } from '../updates/task-channels';

export interface ListenerHandlers {
  /** Work may be due (immediate tasks committed, a task handed back or resumed). */
  due(): void;
  /** `cancel` or `report` for one task. */
  signal(kind: string, taskId: string): void;
  /** (Re)connected: notifications may have been missed meanwhile. */
  connected(): void;
}

const MAX_BACKOFF_MS = 5_000;

/**
 * LISTEN on a dedicated connection (not from the pool: a pooled connection is shared and
 * recycled). When the connection dies (the server restarted, pg_terminate_backend, a network
 * cut) it reconnects with backoff, and the dispatcher then looks for work it may have missed.
 */
@Injectable()
export class TaskListener {
  private readonly logger = new Logger(TaskListener.name);
  private client: Client | null = null;
  private handlers: ListenerHandlers | null = null;
  private backoffMs = 100;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly config: AppConfig) {}

  start(handlers: ListenerHandlers): void {
    this.handlers = handlers;
    void this.connect();
  }

  async stop(): Promise<void> {
    this.handlers = null;
    if (this.timer) clearTimeout(this.timer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    this.timer = null;
    if (!this.handlers) return;
    const client = new Client({
      connectionString: this.config.databaseUrl,
      application_name: 'tenant-update-scheduler:listener',
      keepAlive: true,
    });
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = null;
      client.removeAllListeners('notification');
      void client.end().catch(() => undefined);
      if (!this.handlers) return;
      this.logger.warn(
        { err: error, retryInMs: this.backoffMs },
        'the LISTEN connection was lost; reconnecting',
      );
      this.timer = setTimeout(() => void this.connect(), this.backoffMs);
      this.backoffMs = Math.min(this.backoffMs * 2, MAX_BACKOFF_MS);
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (n) => this.deliver(n));
    try {
      await client.connect();
      await client.query(`LISTEN ${TASKS_DUE_CHANNEL}`);
      await client.query(`LISTEN ${TASK_SIGNALS_CHANNEL}`);
    } catch (error) {
      onLost(error as Error);
      return;
    }
    if (lost || !this.handlers) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.backoffMs = 100;
    this.handlers.connected();
  }

  private deliver(n: Notification): void {
    const handlers = this.handlers;
    if (!handlers) return;
    if (n.channel === TASKS_DUE_CHANNEL) return handlers.due();
    const [kind, taskId] = (n.payload ?? '').split(':');
    if (kind && taskId) handlers.signal(kind, taskId);
  }
}
