import type { IncomingMessage } from 'node:http';

/** The route executors report to; its signature covers the exact bytes of the body. */
export const CALLBACK_PATH_PREFIX = '/api/v1/executor-callbacks/';

export type RawBodyRequest = IncomingMessage & { rawBody?: Buffer };

/**
 * For express.json's `verify` hook: keeps the raw bytes of executor callbacks (only those), so
 * that their HMAC can be checked on what was sent, not on a re-serialization of the parsed JSON.
 */
export function keepCallbackRawBody(req: IncomingMessage, _res: unknown, body: Buffer): void {
  if (req.url?.startsWith(CALLBACK_PATH_PREFIX)) (req as RawBodyRequest).rawBody = body;
}
