import { inspect } from 'node:util';

interface ErrorLike {
  name?: string;
  /** pino's error serializer puts the class name here. */
  type?: string;
  message: string;
  stack?: string;
  cause?: unknown;
  driverError?: { code?: string; constraint?: string; table?: string; column?: string };
}

/** An Error, or what pino's error serializer made of one (pino-http runs it before ours). */
function isErrorLike(value: unknown): value is ErrorLike {
  if (value instanceof Error) return true;
  const v = value as Partial<ErrorLike> | null;
  return typeof v === 'object' && v !== null && typeof v.message === 'string' && 'stack' in v;
}

/**
 * What a log line shows of an error: its type, message, stack and cause, and of a database error
 * its code, constraint, table and column. Never the SQL text or its parameters, which may hold
 * secrets (a platform's executor secret is a parameter of its UPDATE). Something thrown that is
 * not an Error is shown as it is, never as "[object Object]".
 */
export function loggable(exception: unknown): Record<string, unknown> {
  if (!isErrorLike(exception)) {
    return {
      type: typeof exception,
      value: inspect(exception, { depth: 3, breakLength: Infinity }),
    };
  }
  const driver = exception.driverError;
  return {
    type: exception.type ?? exception.name ?? exception.constructor?.name,
    message: exception.message,
    stack: exception.stack,
    ...(driver && {
      code: driver.code,
      constraint: driver.constraint,
      table: driver.table,
      column: driver.column,
    }),
    ...(exception.cause !== undefined && { cause: loggable(exception.cause) }),
  };
}
