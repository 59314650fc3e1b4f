import { Transform } from 'class-transformer';
import { registerDecorator, ValidationOptions } from 'class-validator';

export const MAX_TAGS = 32;
export const TAG_PATTERN = /^[a-z0-9:._-]{1,64}$/;

function tagProblems(value: unknown): string[] {
  if (!Array.isArray(value)) return ['must be a list of tags'];
  if (value.length > MAX_TAGS) return [`must hold at most ${MAX_TAGS} tags`];
  const problems: string[] = [];
  const seen = new Set<string>();
  value.forEach((tag, i) => {
    if (problems.length >= 5) return;
    if (typeof tag !== 'string' || !TAG_PATTERN.test(tag)) {
      problems.push(`[${i}] must be 1 to 64 letters, digits or ":._-" (e.g. "ring:canary")`);
    } else if (seen.has(tag)) problems.push(`[${i}] repeats "${tag}"`);
    else seen.add(tag);
  });
  return problems;
}

/** Tags such as `ring:canary`: letters (taken in lower case), digits and `:._-`, at most 32. */
export function IsTagList(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) => {
    Transform(({ value }) =>
      Array.isArray(value)
        ? value.map((v) => (typeof v === 'string' ? v.toLowerCase() : v))
        : value,
    )(target, propertyName);
    registerDecorator({
      name: 'isTagList',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => tagProblems(value).length === 0,
        defaultMessage: (args) => tagProblems(args?.value).join(', '),
      },
    });
  };
}

/** `ring:canary,Region:EU` → ['ring:canary', 'region:eu']. */
export function splitTags(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
}

/**
 * A query parameter holding tags separated by commas (`?tags=ring:canary,region:eu`); given twice,
 * or holding a bad tag, it is refused.
 */
export function IsCommaSeparatedTags(options?: ValidationOptions): PropertyDecorator {
  const problems = (value: unknown): string[] =>
    typeof value === 'string'
      ? tagProblems(splitTags(value))
      : ['must be given once, as tags separated by commas'];
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCommaSeparatedTags',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => problems(value).length === 0,
        defaultMessage: (args) => problems(args?.value).join(', '),
      },
    });
}
