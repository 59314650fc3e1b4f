import {
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  type NestMiddleware,
} from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { json, type Request, type Response } from 'express';
import { type IncomingMessage, type Server, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { from, switchMap, type Observable } from 'rxjs';
import { ApiError } from './errors';

/** Large enough for 100,000 tenant ids or 10,000 tenants in one request. */
export const BODY_LIMIT = '16mb';
/** Deeper JSON than this is refused (the deepest request body of the API nests 4 levels). */
export const MAX_BODY_DEPTH = 32;

export type RawBodyRequest = IncomingMessage & { rawBody?: Buffer };

type BodyRequest = Request & RawBodyRequest & { [READ]?: Promise<void> };

const READ = Symbol('request body read');

const plain = json({ limit: BODY_LIMIT });
/** Keeps the exact bytes too, for routes whose signature covers them (executor callbacks). */
const keepingRaw = json({
  limit: BODY_LIMIT,
  verify: (req: IncomingMessage, _res: unknown, body: Buffer) => {
    (req as RawBodyRequest).rawBody = body;
  },
});

/**
 * Reads the JSON body of a request once; later calls wait for the same read. Called after the
 * guards (BodyInterceptor), so a caller without a valid key or the right role is refused before
 * its body is even read. Every problem is a 4xx in the API's format: a body that is not JSON (415),
 * too large (413), malformed or in a broken encoding (400), nested deeper than MAX_BODY_DEPTH, or
 * holding a string that cannot be stored (a NUL character or an unpaired UTF-16 surrogate: 400
 * naming the field).
 */
export function readJsonBody(req: Request, res: Response, keepRaw = false): Promise<void> {
  const r = req as BodyRequest;
  r[READ] ??= read(r, res, keepRaw);
  return r[READ];
}

async function read(req: BodyRequest, res: Response, keepRaw: boolean): Promise<void> {
  if (!hasBody(req)) return;
  if (!req.is('application/json')) {
    throw new ApiError(415, 'The request body must be JSON (Content-Type: application/json)', [
      { field: 'Content-Type', reason: `${req.headers['content-type'] ?? 'is missing'}: not JSON` },
    ]);
  }
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1];
  if (charset && !/^utf-?8$/i.test(charset)) {
    // JSON is UTF-8 (RFC 8259); body-parser would decode utf-7 or utf-16 and store the result.
    throw new ApiError(415, `JSON must be UTF-8, not ${charset}`, [
      { field: 'Content-Type', reason: `charset ${charset} is not supported: send UTF-8` },
    ]);
  }
  const parse = keepRaw ? keepingRaw : plain;
  await new Promise<void>((resolve, reject) =>
    parse(req, res, (error?: unknown) => (error ? reject(bodyError(error)) : resolve())),
  );
  // Read after the guards: the connection may be gone by then (a client that went away, or Node
  // closing it for bytes beyond Content-Length). body-parser then skips the body as if it had been
  // read; an unread body is not an empty one.
  if (req.body === undefined) {
    throw new ApiError(400, 'The connection closed before the request body was read', [
      { field: 'body', reason: 'was not received' },
    ]);
  }
  const problem = findProblem(req.body);
  if (problem) {
    throw new ApiError(400, `${problem.field} ${problem.reason}`, [problem]);
  }
}

/** A body is there when it has a length above zero or is chunked. */
function hasBody(req: Request): boolean {
  const length = Number(req.headers['content-length'] ?? 0);
  return req.headers['transfer-encoding'] !== undefined || length > 0;
}

/** body-parser's errors (http-errors with a 4xx status) in the API's format. */
function bodyError(error: unknown): ApiError {
  const e = error as { status?: number; type?: string; message?: string };
  const status = e.status && e.status >= 400 && e.status < 500 ? e.status : 400;
  switch (e.type) {
    case 'entity.too.large':
      return new ApiError(413, `The request body is larger than ${BODY_LIMIT}`, [
        { field: 'body', reason: `exceeds ${BODY_LIMIT}` },
      ]);
    case 'entity.parse.failed':
      return new ApiError(400, 'The request body is not valid JSON', [
        { field: 'body', reason: e.message ?? 'malformed JSON' },
      ]);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new ApiError(415, e.message ?? 'Unsupported encoding', [
        {
          field: e.type === 'charset.unsupported' ? 'Content-Type' : 'Content-Encoding',
          reason: e.message ?? 'is not supported',
        },
      ]);
    default:
      // A body that does not match its Content-Encoding (zlib: "incorrect header check"), a
      // length that does not match Content-Length, a connection that broke off.
      return new ApiError(status, 'The request body could not be read', [
        { field: 'body', reason: e.message ?? 'unreadable' },
      ]);
  }
}

interface Problem {
  field: string;
  reason: string;
}

/** An unpaired UTF-16 surrogate: PostgreSQL would store it as U+FFFD, silently changing the text. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Names no field of this API has, which class-transformer drops without a word (it skips keys that
 * name a method of Object.prototype): refused like any unknown field instead of ignored.
 */
const RESERVED_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/** A query parameter with a reserved name, as a problem. */
export function reservedQueryKey(query: unknown): Problem | null {
  const key = Object.keys(query ?? {}).find((k) => RESERVED_KEYS.has(k));
  return key ? { field: key, reason: 'is not an accepted field' } : null;
}

function stringProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(value)) return 'must not contain unpaired UTF-16 surrogates';
  return null;
}

/**
 * The first string (value or key) that cannot be stored, or nesting deeper than MAX_BODY_DEPTH.
 * Iterative: a body nested a million levels deep is refused, not a stack overflow.
 */
export function findProblem(body: unknown): Problem | null {
  const stack: { value: unknown; path: string; depth: number }[] = [
    { value: body, path: '', depth: 0 },
  ];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop() as (typeof stack)[number];
    if (typeof value === 'string') {
      const reason = stringProblem(value);
      if (reason) return { field: path || 'body', reason };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_BODY_DEPTH) {
      const field = path.split(/[.[]/)[0] || 'body';
      return { field, reason: `is nested deeper than ${MAX_BODY_DEPTH} levels` };
    }
    const entries = Array.isArray(value)
      ? value.map((item, i) => [`${path}[${i}]`, item] as const)
      : Object.entries(value).map(([key, item]) => [path ? `${path}.${key}` : key, item] as const);
    if (!Array.isArray(value)) {
      const keys = Object.keys(value);
      if (keys.some((key) => stringProblem(key))) {
        return {
          field: path || 'body',
          reason: 'has a field name with NUL or unpaired surrogates',
        };
      }
      // Never fields of this API, and names class-transformer skips: refused, not ignored.
      const reserved = keys.find((key) => RESERVED_KEYS.has(key));
      if (reserved) {
        return {
          field: path ? `${path}.${reserved}` : reserved,
          reason: 'is not an accepted field',
        };
      }
    }
    for (let i = entries.length - 1; i >= 0; i--) {
      stack.push({ value: entries[i][1], path: entries[i][0], depth: depth + 1 });
    }
  }
  return null;
}

/** Whether a route handler takes a `@Body()` (routes that take none ignore a body). */
function takesBody(context: ExecutionContext): boolean {
  const args: Record<string, unknown> =
    Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), context.getHandler().name) ?? {};
  return Object.keys(args).some((key) => key.split(':')[0] === String(RouteParamtypes.BODY));
}

/**
 * Reads the body of every route that takes one, after its guards have let the caller through. A
 * route without `@Body()` leaves a body unread (Node discards it). Query parameters named like
 * Object.prototype's members are refused here too (class-transformer would drop them silently).
 */
@Injectable()
export class BodyInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const reserved = reservedQueryKey(http.getRequest<Request>().query);
    if (reserved) throw new ApiError(400, `${reserved.field} ${reserved.reason}`, [reserved]);
    if (!takesBody(context)) return next.handle();
    return from(readJsonBody(http.getRequest<Request>(), http.getResponse<Response>())).pipe(
      switchMap(() => next.handle()),
    );
  }
}

/**
 * NUL in the path or the query ("%00") is refused before routing: PostgreSQL cannot store it and
 * no route takes one.
 */
export const refuseNulInUrl: NestMiddleware['use'] = (
  req: Request,
  res: Response,
  next: () => void,
) => {
  if (!/%00/.test(req.originalUrl)) return next();
  res.status(400).json({
    statusCode: 400,
    error: 'Bad Request',
    message: 'url must not contain NUL characters',
    details: [{ field: 'url', reason: 'must not contain NUL characters' }],
  });
};

/**
 * Requests Node's HTTP parser cannot read (bytes after the announced Content-Length, a broken
 * request line, oversized headers) are answered in the API's error format instead of a bare
 * "400 Bad Request", and the connection is closed.
 */
export function answerUnreadableRequests(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    const body = JSON.stringify({
      statusCode: status,
      error: STATUS_CODES[status],
      message: 'The request could not be read as HTTP',
      details: [{ field: 'request', reason: error.code ?? error.message }],
    });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\n` +
        `Content-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  });
}
