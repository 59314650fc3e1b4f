import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header that carries `sha256=<hex HMAC-SHA256 of the raw body>`, both ways. */
export const SIGNATURE_HEADER = 'x-signature';

/** Signed messages carry `sentAt` (ISO 8601) in their body; older or newer than this is refused. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

export function sign(secret: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Whether `header` is the signature of exactly these bytes with this secret (constant time). */
export function verifySignature(
  secret: string,
  body: Buffer,
  header: string | string[] | undefined,
): boolean {
  if (typeof header !== 'string') return false;
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(header.trim());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Whether a signed message's `sentAt` is recent enough to rule out a replay of an old one. */
export function isFresh(sentAt: unknown, now: number): boolean {
  if (typeof sentAt !== 'string') return false;
  const at = Date.parse(sentAt);
  return Number.isFinite(at) && Math.abs(now - at) <= MAX_CLOCK_SKEW_MS;
}
