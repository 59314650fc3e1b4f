import { parse } from 'cookie';
import type { CookieOptions, Request, Response } from 'express';

/**
 * Over HTTPS the cookie is `__Host-` prefixed (Secure, path /, no domain: the browser refuses it
 * otherwise); over plain HTTP (local use) it cannot be, and is named without the prefix.
 */
const SECURE_NAME = '__Host-tus_session';
const PLAIN_NAME = 'tus_session';

export const CSRF_HEADER = 'x-csrf-token';

export function readSessionCookie(req: Request): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  const cookies = parse(header);
  return cookies[SECURE_NAME] ?? cookies[PLAIN_NAME] ?? undefined;
}

function options(req: Request, expires?: Date): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/', expires };
}

export function setSessionCookie(req: Request, res: Response, token: string, expires: Date): void {
  res.cookie(req.secure ? SECURE_NAME : PLAIN_NAME, token, options(req, expires));
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(req.secure ? SECURE_NAME : PLAIN_NAME, options(req));
}
