import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ApiError } from '../../common/errors';
import { isFresh, SIGNATURE_HEADER, verifySignature } from '../executors/signature';
import { RunControlRepository } from '../run-control.repository';
import type { Request, Response } from 'express';
import { readJsonBody, type RawBodyRequest } from '../../common/request-body';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type CallbackRequest = Request &
  RawBodyRequest & {
    params: Record<string, string>;
    body?: { taskId?: unknown; sentAt?: unknown };
  };

const INVALID_SIGNATURE = 'The callback signature is not valid';

/**
 * Executor callbacks carry no API key: they are signed with the secret of the task's platform
 * (HMAC-SHA256 of the raw body, `X-Signature: sha256=<hex>`), name their task in the signed body
 * (`taskId`, the task of the path) and are dated (`sentAt`, within 5 minutes). The signature
 * covers the body only, and every task of a platform shares its secret: without the signed
 * `taskId` a report captured for one task could be replayed to another. Anything else is refused
 * with 401 before the body is even validated; an unknown task gets the same answer as a bad
 * signature.
 */
@Injectable()
export class ExecutorSignatureGuard implements CanActivate {
  constructor(private readonly control: RunControlRepository) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const req = http.getRequest<CallbackRequest>();
    const taskId = req.params.taskId;
    const secret = UUID.test(taskId) ? await this.control.secretFor(taskId) : null;
    // An unknown task is refused before its body is read; a known one needs the exact bytes.
    if (secret) await readJsonBody(req, http.getResponse<Response>(), true);
    if (
      !secret ||
      !req.rawBody ||
      !verifySignature(secret, req.rawBody, req.headers[SIGNATURE_HEADER])
    ) {
      throw new ApiError(401, INVALID_SIGNATURE, [
        {
          field: 'X-Signature',
          reason: 'must be sha256=<HMAC-SHA256 of the body with the platform secret>',
        },
      ]);
    }
    if (!sameTask(req.body?.taskId, taskId)) {
      throw new ApiError(401, INVALID_SIGNATURE, [
        { field: 'taskId', reason: 'the signed body must name the task of the path' },
      ]);
    }
    if (!isFresh(req.body?.sentAt, Date.now())) {
      throw new ApiError(401, 'The callback is too old or not dated', [
        { field: 'sentAt', reason: 'must be the time of sending (ISO 8601), within 5 minutes' },
      ]);
    }
    return true;
  }
}

/** UUIDs compare case-insensitively (as PostgreSQL compares them). */
function sameTask(signed: unknown, path: string): boolean {
  return typeof signed === 'string' && signed.toLowerCase() === path.toLowerCase();
}
