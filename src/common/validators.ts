import { registerDecorator, ValidationOptions } from 'class-validator';
import * as semver from 'semver';
import { cronError, isValidTimeZone } from '../maintenance/window';

/** A 5-field cron expression that cron-parser accepts and that matches at least once. */
export function IsCron(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCron',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && cronError(value) === null,
        defaultMessage: (args) =>
          typeof args?.value === 'string'
            ? `must be a cron expression: ${cronError(args.value)}`
            : 'must be a cron expression such as "0 2 * * SUN"',
      },
    });
}

/** An IANA time zone name such as Europe/Rome. */
export function IsIanaTimeZone(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIanaTimeZone',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isValidTimeZone(value),
        defaultMessage: () => 'must be an IANA time zone such as "Europe/Rome"',
      },
    });
}

/** A semantic version such as 12.4.1 (a leading "v" is not accepted). */
export function IsSemver(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isSemver',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && semver.valid(value) === value && value.length <= 100,
        defaultMessage: () => 'must be a semantic version such as "12.4.1"',
      },
    });
}
