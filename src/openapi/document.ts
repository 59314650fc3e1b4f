import type { INestApplication } from '@nestjs/common';
import {
  DocumentBuilder,
  type OpenAPIObject,
  type ReferenceObject,
  type SchemaObject,
  SwaggerModule,
} from '@nestjs/swagger';
import { applyAccessRules, handlerAccess, operationIdOf } from './access';
import { ErrorDetailResponse, ErrorResponse } from './error-response';

const SESSION_COOKIE = 'tus_session';

/**
 * One tag per resource, in the order the reference shows them. An operation's tag must be listed
 * here (the OpenAPI lint refuses an undefined tag).
 */
export const API_TAGS: { name: string; description: string }[] = [
  { name: 'platforms', description: 'Platforms: time zone, executor, default maintenance window' },
  { name: 'versions', description: 'Software versions of a platform and their channels' },
  { name: 'partners', description: 'Partners (resellers) and the contacts who receive e-mails' },
  { name: 'tenants', description: 'Customer tenants, their maintenance windows and nodes' },
  { name: 'update-tasks', description: 'Scheduling updates and acting on single update tasks' },
  {
    name: 'snapshots',
    description: 'Snapshots taken by backup steps: retention, pinning, deleting early',
  },
  { name: 'update-batches', description: 'The tasks one scheduling request created, as a whole' },
  {
    name: 'rollouts',
    description: 'Updates in waves behind success and error gates: canary first, then the rest',
  },
  {
    name: 'maintenance',
    description: 'Platform maintenance periods and their public announcements',
  },
  {
    name: 'blackouts',
    description: 'Periods in which no update starts on a tenant or on a partner’s tenants',
  },
  {
    name: 'webhooks',
    description:
      'Signed webhooks (Standard Webhooks): endpoints, their delivery logs, test pings and ' +
      'redeliveries. How to verify a delivery: docs/webhooks.md.',
  },
  {
    name: 'self-service',
    description:
      "A customer's self-service link (no API key: the signed token is the credential): the " +
      'update it is about and postponing it within the policy. docs/self-service.md.',
  },
  { name: 'notifications', description: 'The e-mail outbox: sent, pending and dead e-mails' },
  { name: 'api-keys', description: 'API keys of platform and partner admins' },
  { name: 'session', description: 'Signing in to the web console with an API key, and out' },
  { name: 'audit-log', description: 'Who changed what, and when' },
  {
    name: 'executor-callbacks',
    description: 'Signed progress reports of a platform’s deployment API (http executor)',
  },
  {
    name: 'calendar',
    description: 'Each tenant’s calendar feed (iCalendar) for its customer to subscribe to',
  },
  { name: 'health', description: 'Liveness and database reachability' },
  { name: 'metrics', description: 'Prometheus metrics' },
];

const DESCRIPTION = `Schedule, run and announce software updates for SaaS tenants.

Authenticate with \`Authorization: Bearer <API key>\`, or (the web console at \`/\`) with the
HttpOnly session cookie that \`POST /api/v1/session\` sets in exchange for a key; a request carried
by the cookie that changes something must send the session's \`csrfToken\` in \`X-CSRF-Token\`
(403 otherwise). Platform admins may do everything; partner
admins see and act on their own partner only: anything outside their scope is answered 404, a
platform-level action 403.

Every error, whatever its status, has the body \`ErrorResponse\`:
\`{"statusCode": 400, "error": "Bad Request", "message": "…", "details": [{"field": "runAt", "reason": "…"}]}\`.
Lists take \`?limit=\` (1–500, default 50) and \`?cursor=\` and answer \`{"items": [...], "nextCursor": "…" | null}\`.
Times are ISO 8601 with an offset; ids are UUIDs.`;

/** The security scheme of the deployment API's signed callbacks. */
export const EXECUTOR_SIGNATURE_SCHEME = 'executorSignature';

/** The OpenAPI document served at /docs and /docs-json. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Tenant update scheduler')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    .setLicense('UNLICENSED', 'https://spdx.org/licenses/')
    .addServer('/', 'This service (paths are relative to where this document was fetched)')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key' }, 'bearer')
    .addSecurityRequirements('bearer')
    .addCookieAuth(
      SESSION_COOKIE,
      {
        type: 'apiKey',
        in: 'cookie',
        name: SESSION_COOKIE,
        description:
          'The console session (`__Host-tus_session` over HTTPS); changes also need `X-CSRF-Token`',
      },
      'session',
    )
    .addSecurityRequirements('session')
    .addApiKey(
      {
        type: 'apiKey',
        in: 'header',
        name: 'X-Signature',
        description: '`sha256=<hex HMAC-SHA256 of the raw body, keyed with the platform secret>`',
      },
      EXECUTOR_SIGNATURE_SCHEME,
    );
  for (const tag of API_TAGS) builder.addTag(tag.name, tag.description);
  const document = SwaggerModule.createDocument(app, builder.build(), {
    operationIdFactory: operationIdOf,
    extraModels: [ErrorResponse, ErrorDetailResponse],
  });
  applyAccessRules(document, handlerAccess(app));
  defaultsAsText(document);
  return document;
}

type Schema = SchemaObject | ReferenceObject;

/**
 * Request fields with a `default` are optional, but openapi-typescript (with its default options)
 * types them as required (openapi-ts/openapi-typescript#1741, #2012). In the schemas that requests
 * use, the default is therefore said in words ("Default: `true`.") instead of the `default` keyword.
 */
function defaultsAsText(document: OpenAPIObject): void {
  const schemas = document.components?.schemas ?? {};
  const seen = new Set<string>();
  const visit = (schema: Schema | undefined): void => {
    if (!schema) return;
    if ('$ref' in schema) {
      const name = schema.$ref.replace('#/components/schemas/', '');
      if (seen.has(name)) return;
      seen.add(name);
      return visit(schemas[name]);
    }
    for (const property of Object.values(schema.properties ?? {})) {
      if (!('$ref' in property) && property.default !== undefined) {
        const note = `Default: \`${JSON.stringify(property.default)}\`.`;
        property.description = property.description
          ? `${property.description.replace(/\.$/, '')}. ${note}`
          : note;
        delete property.default;
      }
      visit(property);
    }
    if (schema.items) visit(schema.items);
    for (const part of [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])])
      visit(part);
  };
  for (const item of Object.values(document.paths)) {
    for (const operation of [item.get, item.put, item.post, item.patch, item.delete]) {
      const body = operation?.requestBody;
      if (body && !('$ref' in body))
        for (const media of Object.values(body.content)) visit(media.schema);
    }
  }
}
