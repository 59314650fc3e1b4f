import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { fieldError } from './errors';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/** Keyset pagination: `?limit=&cursor=`. The cursor is opaque to clients. */
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  cursor?: string;
}

export const LIST_ORDERS = ['asc', 'desc'] as const;
export type ListOrder = (typeof LIST_ORDERS)[number];

/** A list that can also be read newest first (`?order=desc`), keyset paging either way. */
export class OrderedPageQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: LIST_ORDERS,
    description: '`desc`: newest first. Default: `asc` (oldest first).',
  })
  @IsOptional()
  @IsIn(LIST_ORDERS)
  order?: ListOrder;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Lists are ordered by an identity column (`seq`) or by a time-ordered UUID (`id`). */
export type KeysetKind = 'seq' | 'id';

/** What a repository needs to read one page: rows after the key `after`, at most `limit`. */
export interface PageRequest {
  limit: number;
  after: string | null;
}

const MAX_BIGINT = 9223372036854775807n;

const KEY_PATTERNS: Record<KeysetKind, RegExp> = {
  seq: /^\d{1,19}$/,
  id: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
};

export function pageRequest(query: PageQuery, kind: KeysetKind = 'seq'): PageRequest {
  return {
    limit: query.limit ?? DEFAULT_PAGE_SIZE,
    after: query.cursor ? decodeCursor(query.cursor, kind) : null,
  };
}

export function encodeCursor(key: string): string {
  return Buffer.from(`k:${key}`).toString('base64url');
}

export function decodeCursor(cursor: string, kind: KeysetKind = 'seq'): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const key = text.startsWith('k:') ? text.slice(2) : '';
  const valid = KEY_PATTERNS[kind].test(key) && (kind !== 'seq' || BigInt(key) <= MAX_BIGINT);
  if (!valid) throw fieldError('cursor', 'is not a cursor returned by this list');
  return key;
}

/**
 * Rows were fetched with `limit + 1` to learn whether another page exists. `keyOf` gives a row's
 * keyset value (its `seq` unless told otherwise).
 */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  map: (row: R) => T,
  keyOf: (row: R) => string = (row) => (row as { seq: string }).seq,
): Page<T> {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return {
    items: pageRows.map(map),
    nextCursor: hasMore && last ? encodeCursor(keyOf(last)) : null,
  };
}
