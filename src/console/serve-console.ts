import type { NestExpressApplication } from '@nestjs/platform-express';
import compression from 'compression';
import express, { type NextFunction, type Request, type Response } from 'express';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Paths the API and the service own; everything else under `/` is the console's. */
const SERVICE_PATHS = /^\/(api|docs|docs-json|health|metrics|calendar|u)(\/|$)/;

/**
 * The console's HTML may load code and styles from this origin only; Mantine sets CSS variables in
 * style attributes, hence 'unsafe-inline' for styles (never for scripts).
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function securityHeaders(res: Response): void {
  res.setHeader('Content-Security-Policy', CONSOLE_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'same-origin');
}

/**
 * Serves the built console (console/dist) at `/`, gzipped: hashed assets cached for a year, and
 * index.html (never cached) for every other GET of a page, so that links into the console work on
 * reload.
 */
export function serveConsole(app: NestExpressApplication, dir: string): void {
  const index = path.join(dir, 'index.html');
  // The console's files go out gzipped (the API's answers are left as they are).
  const compress = compression();
  app.use((req: Request, res: Response, next: NextFunction) =>
    SERVICE_PATHS.test(req.path) ? next() : compress(req, res, next),
  );
  app.use(
    '/assets',
    express.static(path.join(dir, 'assets'), { immutable: true, maxAge: '365d', index: false }),
    (_req: Request, res: Response) => void res.status(404).type('text/plain').send('Not found\n'),
  );
  // Never for the service's paths (`/calendar/..` would resolve to the console's folder), and no
  // directory redirects: a path is a console file, a console page or the service's.
  const files = express.static(dir, {
    index: false,
    redirect: false,
    maxAge: '1h',
    setHeaders: (res) => securityHeaders(res),
  });
  app.use((req: Request, res: Response, next: NextFunction) =>
    SERVICE_PATHS.test(req.path) ? next() : files(req, res, next),
  );
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || SERVICE_PATHS.test(req.path)) {
      return next();
    }
    securityHeaders(res);
    res.setHeader('Cache-Control', 'no-cache');
    if (!fs.existsSync(index)) {
      res
        .status(503)
        .type('text/plain')
        .send(`The console has not been built: run "npm run build" (looked in ${dir}).\n`);
      return;
    }
    res.sendFile(index);
  });
}
