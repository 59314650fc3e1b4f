import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
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

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** What a repository needs to read one page: rows after `afterSeq`, at most `limit`. */
export interface PageRequest {
  limit: number;
  afterSeq: string | null;
}

export function pageRequest(query: PageQuery): PageRequest {
  return {
    limit: query.limit ?? DEFAULT_PAGE_SIZE,
    afterSeq: query.cursor ? decodeCursor(query.cursor) : null,
  };
}

export function encodeCursor(seq: string): string {
  return Buffer.from(`s:${seq}`).toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^s:(\d{1,19})$/.exec(text);
  if (!match) throw fieldError('cursor', 'is not a cursor returned by this API');
  return match[1];
}

/**
 * Rows were fetched with `limit + 1` to learn whether another page exists.
 * Each row carries its `seq`, the keyset column.
 */
export function toPage<R extends { seq: string }, T>(
  rows: R[],
  limit: number,
  map: (row: R) => T,
): Page<T> {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return {
    items: pageRows.map(map),
    nextCursor: hasMore && last ? encodeCursor(last.seq) : null,
  };
}
