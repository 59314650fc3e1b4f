import { Transform } from 'class-transformer';
import { isUUID, IsUUID, registerDecorator, ValidateIf, ValidationOptions } from 'class-validator';
import * as semver from 'semver';
import { cronError, isValidTimeZone } from './maintenance-window';

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

const canonicalNames = new Map<string, string>();

/**
 * Zone names are accepted in any letter case ("europe/rome") and stored as spelled in the tz
 * database ("Europe/Rome"), since they end up in e-mails and calendar invitations.
 */
export function canonicalTimeZone(tz: unknown): unknown {
  if (typeof tz !== 'string' || !isValidTimeZone(tz)) return tz;
  let name = canonicalNames.get(tz);
  if (name === undefined) {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
    // Intl also maps aliases (EST → America/Panama); only the letter case is corrected here.
    name = resolved.toLowerCase() === tz.toLowerCase() ? resolved : tz;
    if (canonicalNames.size < 5000) canonicalNames.set(tz, name);
  }
  return name;
}

/** An IANA time zone name such as Europe/Rome (letter case corrected). */
export function IsIanaTimeZone(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) => {
    Transform(({ value }) => canonicalTimeZone(value))(target, propertyName);
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
  };
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

/**
 * A semver range such as "<14.0.0", ">=13.0.0 <14.0.0" or "^13.2" (node-semver's syntax, strict);
 * a version such as "13.2.0" is a range matching that version.
 */
export function IsSemverRange(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isSemverRange',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          value.trim() !== '' &&
          value.length <= 200 &&
          semver.validRange(value) !== null,
        defaultMessage: () =>
          'must be a version or a semver range such as "<14.0.0" or ">=13.0.0 <14.0.0"',
      },
    });
}

const lowerCase = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.toLowerCase() : value;

/**
 * A UUID, in lower case: PostgreSQL answers ids in lower case, so ids are compared as the
 * database spells them whatever case the client sent.
 */
export function IsUuid(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) => {
    Transform(lowerCase)(target, propertyName);
    IsUUID('all', options)(target, propertyName);
  };
}

/**
 * An optional field that, when present, must be valid: unlike @IsOptional(), null is not taken as
 * absent (it would reach a NOT NULL column). For fields where null means "clear it", use @IsOptional().
 */
export function Optional(): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined);
}

/** Lists of ids: every element a UUID, no repeats; the message names the first offending positions. */
export function IsUuidList(maxItems: number, options?: ValidationOptions): PropertyDecorator {
  const problems = (value: unknown): string[] => {
    // Other validators report non-arrays and oversized lists; checking 200,000 ids would be waste.
    if (!Array.isArray(value) || value.length > maxItems) return [];
    const seen = new Set<string>();
    const found: string[] = [];
    value.forEach((v, i) => {
      if (found.length >= 5) return;
      if (typeof v !== 'string' || !isUUID(v)) found.push(`[${i}] is not a UUID`);
      else if (seen.has(v)) found.push(`[${i}] repeats ${v}`);
      else seen.add(v);
    });
    return found;
  };
  return (target, propertyName) =>
    registerDecorator({
      name: 'isUuidList',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => problems(value).length === 0,
        defaultMessage: (args) => `must hold distinct UUIDs: ${problems(args?.value).join(', ')}`,
      },
    });
}
