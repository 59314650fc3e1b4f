/** The API's error body (API.md): every 4xx and 5xx answer has this shape. */
export interface ProblemDetail {
  field?: string;
  index?: number;
  tenantId?: string;
  code?: string;
  reason: string;
}

export interface Problem {
  statusCode: number;
  error?: string;
  message: string;
  details: ProblemDetail[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Whatever a request failed with, as a Problem: the API's body, or a network failure. */
export function toProblem(error: unknown): Problem {
  if (
    isObject(error) &&
    typeof error.message === 'string' &&
    typeof error.statusCode === 'number'
  ) {
    return {
      statusCode: error.statusCode,
      error: typeof error.error === 'string' ? error.error : undefined,
      message: error.message,
      details: Array.isArray(error.details)
        ? error.details.filter(
            (d): d is ProblemDetail => isObject(d) && typeof d.reason === 'string',
          )
        : [],
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { statusCode: 0, message, details: [] };
}

/** Field errors by field name, for a form: the first reason given for each field. */
export function fieldErrors(problem: Problem, fields: readonly string[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const detail of problem.details) {
    if (!detail.field) continue;
    const field = fields.find(
      (f) =>
        detail.field === f ||
        detail.field?.startsWith(`${f}.`) ||
        detail.field?.startsWith(`${f}[`),
    );
    if (field && !errors[field]) errors[field] = detail.reason;
  }
  return errors;
}
