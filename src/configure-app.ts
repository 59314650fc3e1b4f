import { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { ApiExceptionFilter } from './common/api-exception.filter';
import { answerUnreadableRequests, BodyInterceptor, refuseNulInUrl } from './common/request-body';
import { AppConfig } from './config/app-config';
import { serveConsole } from './console/serve-console';
import { createValidationPipe } from './common/validation';
import { MetricsService } from './metrics/metrics.service';
import { buildOpenApiDocument } from './openapi/document';

export const API_PREFIX = 'api/v1';
/** Routes outside the API prefix (the console is served outside Nest, see serve-console.ts). */
export const ROOT_ROUTES = ['health', 'metrics', 'calendar/:file', 'u/:token'];

/**
 * Everything main.ts and the tests must set up the same way. The JSON body is read after the
 * guards (BodyInterceptor), so authentication and role checks come first.
 */
export function configureApp(app: NestExpressApplication): INestApplication {
  app.disable('x-powered-by');
  const config = app.get(AppConfig);
  // Behind a TLS-terminating proxy, req.secure (Secure session cookies) follows X-Forwarded-Proto.
  if (config.trustProxy) app.set('trust proxy', true);
  answerUnreadableRequests(app.getHttpServer());
  app.use(refuseNulInUrl);
  app.setGlobalPrefix(API_PREFIX, { exclude: ROOT_ROUTES });
  app.useGlobalInterceptors(new BodyInterceptor());
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());
  app.use(requestMetrics(app.get(MetricsService)));
  serveConsole(app, config.consoleDir);

  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
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
