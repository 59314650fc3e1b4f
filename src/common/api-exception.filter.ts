import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { QueryFailedError } from 'typeorm';
import { ApiError, ErrorDetail } from './errors';

interface DriverError {
  code?: string;
  column?: string;
  message?: string;
}

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
    // A route that answers text (a task's log, metrics) set its own Content-Type: errors are JSON.
    response.removeHeader('Content-Disposition');
    response.setHeader('Content-Type', 'application/json; charset=utf-8');
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
      const known = this.fromDatabase(exception.driverError as DriverError | undefined);
      if (known) return known;
    }
    return this.body(500, 'Internal server error');
  }

  /**
   * Validation stops bad input before it reaches SQL; these are the safety net for what it could
   * miss, and for the races the services cannot rule out (a concurrent change).
   */
  private fromDatabase(driver: DriverError | undefined): ErrorBody | undefined {
    switch (driver?.code) {
      case '40001':
      case '40P01':
        return this.body(409, 'The request conflicted with a concurrent change; retry it');
      case '23505': // two requests passed the service's uniqueness check at the same moment
        return this.body(409, 'A resource with the same unique values already exists');
      case '23503':
        return this.body(409, 'A resource this request refers to changed concurrently; retry it');
      case '23502':
        return this.body(400, 'A required value is missing', [
          { field: driver.column ?? 'body', reason: 'must not be null' },
        ]);
      case '22021':
      case '22P05':
        return this.body(400, 'The request contains characters that cannot be stored', [
          { field: 'body', reason: 'must not contain NUL or invalid characters' },
        ]);
      case '22003':
      case '22007':
      case '22008':
      case '22P02':
        return this.body(400, 'A value is out of range or malformed', [
          { field: driver.column ?? 'body', reason: driver.message ?? 'is out of range' },
        ]);
      default:
        return undefined;
    }
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
