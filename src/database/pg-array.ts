/**
 * Array parameters as PostgreSQL array literals, for the statements that carry a list of values
 * per row of a large batch (the dispatcher's completions: a dozen lists of a few hundred values
 * each, many times a second). node-postgres writes an array parameter as a quoted element after
 * another, one string per element and per comma before the text is flattened; here one `join`.
 * The statement reads the same values: `$1::uuid[]`, `$2::text[]`, `$3::int[]`, `$4::boolean[]`.
 */
export type ArrayElement = string | number | boolean | null | undefined;

/**
 * Values that need no quoting in an array literal: uuids (and the integers of a `$n::int[]`).
 * Only for values this service made or read back as such: anything else goes through `pgArray`.
 */
export function pgBareArray(values: readonly (string | number)[]): string {
  return `{${values.join(',')}}`;
}

/** Any values: strings quoted (backslash and double quote escaped), null and undefined as NULL. */
export function pgArray(values: readonly ArrayElement[]): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) parts[i] = element(values[i]);
  return `{${parts.join(',')}}`;
}

const SPECIAL = /[\\"]/g;

function element(value: ArrayElement): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return `"${value.replace(SPECIAL, '\\$&')}"`;
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return String(value);
}
