import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** A new endpoint secret as the Standard Webhooks specification writes them: `whsec_` + base64. */
export function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/**
 * The Standard Webhooks headers of one attempt (the `standardwebhooks` library signs:
 * `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` keyed with the secret's decoded bytes). During a
 * rotation the previous secret signs too; the signatures are space-separated and a receiver
 * accepts the message if any one matches.
 */
export function signedHeaders(
  messageId: string,
  at: Date,
  body: string,
  secrets: string[],
): SignedHeaders {
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': secrets
      .map((secret) => new Webhook(secret).sign(messageId, at, body))
      .join(' '),
  };
}
