import { Param, ParseUUIDPipe } from '@nestjs/common';
import { fieldError } from './errors';

/** A path parameter that must be a UUID: 400 naming the parameter otherwise. */
export const UuidParam = (name = 'id') =>
  Param(name, new ParseUUIDPipe({ exceptionFactory: () => fieldError(name, 'must be a UUID') }));
