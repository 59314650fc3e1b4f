import type { NodemailerError } from 'nodemailer';

/** Retries are never further apart than this. */
export const MAX_RETRY_DELAY_MS = 60 * 60 * 1000;

export interface SendFailure {
  error: string;
  /** Retrying cannot help: the row is dead at once. */
  permanent: boolean;
}

/**
 * Delay before attempt `attempt + 1`: base · 2^(attempt − 1), at most an hour, with "equal
 * jitter" (half of it fixed, half random) so that senders that failed together do not retry in
 * step, while the delay still grows with every attempt.
 */
export function retryDelayMs(attempt: number, baseMs: number, random = Math.random): number {
  const exponential = Math.min(MAX_RETRY_DELAY_MS, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}

/**
 * What a failed send means. The server refusing the recipient or the message for good (a 5xx
 * reply to RCPT TO or DATA, except 552 which RFC 5321 §4.5.3.1.10 asks clients to treat as
 * temporary) is permanent. Everything else is retried: the server unreachable or timing out,
 * 4xx replies, and 5xx replies to the session itself (AUTH, MAIL FROM), which are configuration
 * problems that an operator can fix while the e-mails wait.
 */
export function classifySendError(error: unknown): SendFailure {
  const e = (error ?? {}) as NodemailerError;
  const reply = e.response ? e.response.trim() : null;
  const text = reply ?? e.message ?? String(error);
  const code = e.responseCode;
  const perRecipient = e.command === 'RCPT TO' || e.command === 'DATA';
  const permanent =
    perRecipient && code !== undefined && code >= 500 && code < 600 && code !== 552 && code !== 503;
  const where = e.command && e.command !== 'API' ? ` (${e.command})` : '';
  const kind = e.code ? `${e.code}: ` : '';
  return { error: `${kind}${text}${where}`, permanent };
}

export function invalidAddress(recipient: string): SendFailure {
  return { error: `invalid recipient address ${JSON.stringify(recipient)}`, permanent: true };
}
