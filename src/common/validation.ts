import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import type { ErrorDetail } from './errors';

/** `tenants.3.customerEmail` → `tenants[3].customerEmail` */
function joinPath(parent: string, property: string): string {
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}

function reasonText(property: string, constraint: string, text: string): string {
  if (constraint === 'whitelistValidation') return 'is not an accepted field';
  // class-validator messages start with the property name: keep the reason only.
  return text.startsWith(`${property} `) ? text.slice(property.length + 1) : text;
}

export function flattenValidationErrors(errors: ValidationError[], parent = ''): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  for (const error of errors) {
    const field = joinPath(parent, error.property);
    for (const [constraint, text] of Object.entries(error.constraints ?? {})) {
      details.push({ field, reason: reasonText(error.property, constraint, text) });
    }
    if (error.children?.length) details.push(...flattenValidationErrors(error.children, field));
  }
  return details;
}

export function validationMessage(details: ErrorDetail[]): string {
  const first = details[0];
  if (!first) return 'The request is invalid';
  const more = details.length > 1 ? ` (and ${details.length - 1} more problem(s))` : '';
  return `${first.field} ${first.reason}${more}`;
}

/** Unknown fields are refused, types are converted, every failing field is listed. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const details = flattenValidationErrors(errors);
      return new BadRequestException({ message: validationMessage(details), details });
    },
  });
}
