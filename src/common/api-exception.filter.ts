import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { QueryFailedError } from 'typeorm';
import { ApiError, ErrorDetail } from './errors';

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details: ErrorDetail[];
}

/** Turns every error into the API's format: {statusCode, error, message, details}. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(ApiExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) {
      this.logger.error({ err: exception }, 'request failed');
    }
    if (body.statusCode === 401) response.setHeader('WWW-Authenticate', 'Bearer');
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof ApiError) {
      return this.body(exception.status, exception.message, exception.details);
    }
    if (exception instanceof HttpException) {
      return this.fromHttpException(exception);
    }
    if (exception instanceof QueryFailedError) {
      const code = (exception.driverError as { code?: string } | undefined)?.code;
      if (code === '40001' || code === '40P01') {
        return this.body(409, 'The request conflicted with a concurrent change; retry it');
      }
      if (code === '23505') {
        // Services check uniqueness first; this is the race where two requests passed that check.
        return this.body(409, 'A resource with the same unique values already exists');
      }
    }
    return this.body(500, 'Internal server error');
  }

  private fromHttpException(exception: HttpException): ErrorBody {
    const status = exception.getStatus();
    const res = exception.getResponse();
    if (typeof res === 'object' && res !== null) {
      const r = res as { message?: unknown; details?: ErrorDetail[] };
      const message = Array.isArray(r.message) ? r.message.join('; ') : String(r.message ?? '');
      return this.body(status, message || exception.message, r.details ?? []);
    }
    return this.body(status, String(res));
  }

  private body(statusCode: number, message: string, details: ErrorDetail[] = []): ErrorBody {
    return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, details };
  }
}
