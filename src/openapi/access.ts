import type { INestApplication, Type } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import {
  DECORATORS,
  type OpenAPIObject,
  type OperationObject,
  type ResponseObject,
} from '@nestjs/swagger';
import { PLATFORM_ADMIN_KEY, PUBLIC_KEY } from '../auth/decorators';
import { NO_RATE_LIMIT } from '../auth/rate-limit.module';
import { ERROR_MEANINGS, ErrorResponse, ErrorStatus } from './error-response';

/** What the guards know about one route handler: the same metadata they decide with. */
export interface HandlerAccess {
  isPublic: boolean;
  platformAdminOnly: boolean;
  rateLimited: boolean;
  /** A public route that authenticates its own way (e.g. a signature) names its scheme. */
  ownSecurity: boolean;
}

/** Nest's own operation ids (`Controller_method`), so handlers can be found again. */
export const operationIdOf = (controller: string, method: string): string =>
  `${controller}_${method}`;

/** Every route handler of the application, by operation id. */
export function handlerAccess(app: INestApplication): Map<string, HandlerAccess> {
  const reflector = new Reflector();
  const found = new Map<string, HandlerAccess>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) continue;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function' || name === 'constructor') continue;
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const targets = [handler, controller];
        found.set(operationIdOf(controller.name, name), {
          isPublic: !!reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets),
          platformAdminOnly: !!reflector.getAllAndOverride<boolean>(PLATFORM_ADMIN_KEY, targets),
          rateLimited: !reflector.getAllAndOverride<boolean>(NO_RATE_LIMIT, targets),
          ownSecurity: !!reflector.getAllAndOverride<unknown[]>(DECORATORS.API_SECURITY, targets)
            ?.length,
        });
      }
    }
  }
  return found;
}

function errorResponse(status: ErrorStatus): ResponseObject {
  const response: ResponseObject = {
    description: ERROR_MEANINGS[status],
    content: {
      'application/json': { schema: { $ref: `#/components/schemas/${ErrorResponse.name}` } },
    },
  };
  if (status === 429) {
    response.headers = {
      'Retry-After': {
        description: 'Seconds until the key may send requests again',
        schema: { type: 'integer' },
      },
    };
  }
  if (status === 401) {
    response.headers = {
      'WWW-Authenticate': { description: 'Bearer', schema: { type: 'string' } },
    };
  }
  return response;
}

function addResponse(operation: OperationObject, status: ErrorStatus): void {
  operation.responses[status] ??= errorResponse(status);
}

/**
 * Completes every operation from the guards' metadata, so the document cannot disagree with what
 * the service does: public routes say `security: []`, every route that needs a key documents 401,
 * platform-admin routes 403, rate-limited routes 429, every route 400 and 431 (a malformed or oversized request), and every
 * route with a body 413 and 415.
 */
export function applyAccessRules(
  document: OpenAPIObject,
  access: Map<string, HandlerAccess>,
): void {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (!operation) continue;
      const rules = operation.operationId ? access.get(operation.operationId) : undefined;
      if (!rules) throw new Error(`OpenAPI: no route handler found for ${method} ${path}`);
      if (rules.isPublic && !rules.ownSecurity) operation.security = [];
      if (!rules.isPublic || rules.ownSecurity) addResponse(operation, 401);
      if (rules.platformAdminOnly) addResponse(operation, 403);
      if (rules.rateLimited) addResponse(operation, 429);
      // Every request may be malformed (NUL in its URL, bytes beyond its Content-Length …) or
      // have a URL or headers too large to read.
      addResponse(operation, 400);
      addResponse(operation, 431);
      if (operation.requestBody) addResponse(operation, 413);
      if (operation.requestBody) addResponse(operation, 415);
    }
  }
}
