import { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { json, type NextFunction, type Request, type Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { ApiExceptionFilter } from './common/api-exception.filter';
import { refuseNulCharacters } from './common/nul-guard';
import { AppConfig } from './config/app-config';
import { serveConsole } from './console/serve-console';
import { createValidationPipe } from './common/validation';
import { MetricsService } from './metrics/metrics.service';
import { buildOpenApiDocument } from './openapi/document';
import { keepCallbackRawBody } from './scheduler/callbacks/raw-body';

export const API_PREFIX = 'api/v1';
/** Routes outside the API prefix. */
export const ROOT_ROUTES = ['health', 'metrics'];
/** Large enough for 100,000 tenant ids or 10,000 tenants in one request. */
export const BODY_LIMIT = '16mb';

/** Everything main.ts and the tests must set up the same way. */
export function configureApp(app: NestExpressApplication): INestApplication {
  app.disable('x-powered-by');
  const config = app.get(AppConfig);
  // Behind a TLS-terminating proxy, req.secure (Secure session cookies) follows X-Forwarded-Proto.
  if (config.trustProxy) app.set('trust proxy', true);
  app.use(
    json({ limit: BODY_LIMIT, verify: keepCallbackRawBody }),
    bodyParserErrors,
    refuseNulCharacters,
  );
  app.setGlobalPrefix(API_PREFIX, { exclude: ROOT_ROUTES });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());
  app.use(requestMetrics(app.get(MetricsService)));
  serveConsole(app, config.consoleDir);

  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}

/** Malformed or oversized bodies are answered here, in the API's error format. */
function bodyParserErrors(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  const e = error as { status?: number; type?: string; message?: string };
  if (e?.type !== 'entity.parse.failed' && e?.type !== 'entity.too.large') return next(error);
  const tooLarge = e.type === 'entity.too.large';
  const statusCode = tooLarge ? 413 : 400;
  res.status(statusCode).json({
    statusCode,
    error: STATUS_CODES[statusCode],
    message: tooLarge
      ? `The request body is larger than ${BODY_LIMIT}`
      : 'The request body is not valid JSON',
    details: [
      {
        field: 'body',
        reason: tooLarge ? `exceeds ${BODY_LIMIT}` : (e.message ?? 'malformed JSON'),
      },
    ],
  });
}

function requestMetrics(metrics: MetricsService) {
  return (req: Request, res: Response, next: NextFunction) => {
    const end = metrics.httpRequests.startTimer();
    res.on('finish', () => {
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched';
      end({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
}
