import { Param, ParseIntPipe, ParseUUIDPipe, PipeTransform } from '@nestjs/common';
import { fieldError } from './errors';

const lowerCase: PipeTransform<string, string> = { transform: (value) => value.toLowerCase() };

/** A path parameter that must be a UUID (lower-cased): 400 naming the parameter otherwise. */
export const UuidParam = (name = 'id') =>
  Param(
    name,
    new ParseUUIDPipe({ exceptionFactory: () => fieldError(name, 'must be a UUID') }),
    lowerCase,
  );

/** A path parameter that must be a whole number: 400 naming the parameter otherwise. */
export const IntParam = (name: string) =>
  Param(
    name,
    new ParseIntPipe({ exceptionFactory: () => fieldError(name, 'must be a whole number') }),
  );
