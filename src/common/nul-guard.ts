import type { NextFunction, Request, Response } from 'express';

/** The path of the first string holding a NUL character, or null. */
export function findNul(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || 'body' : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNul(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = findNul(item, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return null;
}

/**
 * PostgreSQL cannot store NUL characters in text: a request carrying one (in the body, the path or
 * the query) is refused with 400 naming where, before it can reach a query.
 */
export function refuseNulCharacters(req: Request, res: Response, next: NextFunction): void {
  const field = /%00/.test(req.originalUrl) ? 'url' : findNul(req.body, '');
  if (!field) return next();
  res.status(400).json({
    statusCode: 400,
    error: 'Bad Request',
    message: `${field} must not contain NUL characters`,
    details: [{ field, reason: 'must not contain NUL characters' }],
  });
}
