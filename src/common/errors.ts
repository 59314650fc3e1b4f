/** One failing field (or one failing row of a bulk request) in an error response. */
export interface ErrorDetail {
  field?: string;
  index?: number;
  tenantId?: string;
  taskId?: string;
  code?: string;
  reason: string;
}

/**
 * An expected failure with a stable message, turned into the API error format by ApiExceptionFilter.
 * Services throw these for a caller's mistake; anything else is a bug and becomes a 500.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }
}

export class BadRequestError extends ApiError {
  constructor(message: string, details: ErrorDetail[] = []) {
    super(400, message, details);
  }
}

export class NotFoundError extends ApiError {
  constructor(what: string, id?: string) {
    super(404, id ? `${what} ${id} was not found` : `${what} was not found`);
  }
}

export class ForbiddenError extends ApiError {
  constructor(message: string, details: ErrorDetail[] = []) {
    super(403, message, details);
  }
}

export class ConflictError extends ApiError {
  constructor(message: string, details: ErrorDetail[] = []) {
    super(409, message, details);
  }
}

/** 422: the request is well-formed but breaks a business rule. */
export class RuleViolationError extends ApiError {
  constructor(message: string, details: ErrorDetail[] = []) {
    super(422, message, details);
  }
}

export function fieldError(field: string, reason: string): BadRequestError {
  return new BadRequestError(`${field} ${reason}`, [{ field, reason }]);
}
