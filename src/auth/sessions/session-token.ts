import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A session token: a 256-bit secret the browser holds only in an HttpOnly cookie. */
export function generateSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * The CSRF token of a session, derived from its token: the console reads it from the body of
 * POST/GET /session (same origin only) and sends it back in X-CSRF-Token. A page of another site
 * can make the browser send the cookie, but cannot read the token it would need.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('csrf').digest('base64url');
}

export function csrfTokenMatches(sessionToken: string, given: string | undefined): boolean {
  if (!given) return false;
  const expected = Buffer.from(csrfTokenFor(sessionToken));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
