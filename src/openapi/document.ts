import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

type Schema = NonNullable<NonNullable<OpenAPIObject['components']>['schemas']>[string];

/** The error body of every 4xx and 5xx answer (API.md). */
const ERROR_SCHEMA: Schema = {
  type: 'object',
  required: ['statusCode', 'error', 'message', 'details'],
  properties: {
    statusCode: { type: 'integer', example: 400 },
    error: { type: 'string', example: 'Bad Request' },
    message: { type: 'string', description: 'One readable sentence' },
    details: {
      type: 'array',
      description: 'Every failing field, or the failing rows of a bulk request',
      items: {
        type: 'object',
        required: ['reason'],
        properties: {
          field: { type: 'string', example: 'runAt' },
          index: { type: 'integer' },
          tenantId: { type: 'string', format: 'uuid' },
          code: { type: 'string' },
          reason: { type: 'string' },
        },
      },
    },
  },
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** The OpenAPI document of the service, as /docs-json serves it. */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Tenant update scheduler')
      .setDescription(
        'Schedule, run and announce software updates for SaaS tenants. Authenticate with ' +
          '`Authorization: Bearer <API key>`, or (the console) with the session cookie that ' +
          '`POST /api/v1/session` sets, sending its `csrfToken` in `X-CSRF-Token` with every change.',
      )
      .setVersion('1')
      .addBearerAuth()
      .addCookieAuth('tus_session')
      .build(),
  );
  // Every operation may answer an error in the format of API.md (documented as its default answer).
  document.components = document.components ?? {};
  document.components.schemas = { ...document.components.schemas, ErrorResponse: ERROR_SCHEMA };
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation || operation.responses.default) continue;
      operation.responses.default = {
        description: 'An error: `{statusCode, error, message, details}`',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
      };
    }
  }
  return document;
}
