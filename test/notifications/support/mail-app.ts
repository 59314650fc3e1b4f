import { MailSender } from '../../../src/notifications/mail-sender';
import { startTestApp, TestApp, TestAppOptions } from '../../support/app';
import type { SmtpSink } from './smtp-sink';

export const MAIL_FROM = 'Cloud Updates <updates@cloud.example>';

export interface MailTestApp extends TestApp {
  sender: MailSender;
  /** Outbox rows, oldest first. */
  outbox(where?: string, params?: unknown[]): Promise<OutboxRecord[]>;
}

export interface OutboxRecord {
  id: string;
  event: string;
  recipient: string;
  recipient_kind: string;
  status: string;
  attempts: number;
  last_error: string | null;
  message_id: string | null;
  group_key: string | null;
  task_id: string | null;
  next_attempt_at: Date;
}

/**
 * The whole service with its e-mail going to `sink` (or to .eml files without one). The sender's
 * loop does not run: tests call `sender.drain()` and move the clock, so nothing waits on timers.
 */
export async function startMailApp(
  sink: SmtpSink | null,
  env: Record<string, string> = {},
  options: TestAppOptions = {},
): Promise<MailTestApp> {
  const t = await startTestApp({
    ...options,
    env: {
      ...(sink && { SMTP_URL: sink.url }),
      MAIL_FROM,
      MAIL_RETRY_BASE_MS: '1000',
      MAIL_MAX_ATTEMPTS: '4',
      MAIL_SENDER_ENABLED: 'false',
      ...env,
    },
  });
  return Object.assign(t, {
    sender: t.app.get(MailSender),
    outbox: (where = 'true', params: unknown[] = []) =>
      t.ds.query(
        `SELECT id, event, recipient, recipient_kind, status, attempts, last_error, message_id,
           group_key, task_id, next_attempt_at
         FROM outbox_email WHERE ${where} ORDER BY id`,
        params,
      ) as Promise<OutboxRecord[]>,
  });
}

export function header(mail: { headers: Map<string, unknown> }, name: string): string {
  return String(mail.headers.get(name.toLowerCase()) ?? '');
}
