/**
 * Keyset paging as the API does it (`nextCursor`): the console remembers the cursors of the pages
 * it has shown, so "previous" goes back without the API knowing page numbers.
 */
export interface CursorPages {
  /** Cursors of the pages shown so far; the last one is the current page (undefined: first). */
  readonly stack: readonly (string | undefined)[];
}

export const firstPage: CursorPages = { stack: [undefined] };

export function currentCursor(pages: CursorPages): string | undefined {
  return pages.stack[pages.stack.length - 1];
}

export function pageNumber(pages: CursorPages): number {
  return pages.stack.length;
}

export function nextPage(pages: CursorPages, nextCursor: string | null | undefined): CursorPages {
  return nextCursor ? { stack: [...pages.stack, nextCursor] } : pages;
}

export function previousPage(pages: CursorPages): CursorPages {
  return pages.stack.length > 1 ? { stack: pages.stack.slice(0, -1) } : pages;
}

/** The rows a page shows, 1-based ("51–100"). */
export function pageRange(pages: CursorPages, pageSize: number, rows: number): [number, number] {
  const from = (pageNumber(pages) - 1) * pageSize + (rows > 0 ? 1 : 0);
  return [from, from + Math.max(rows - 1, 0)];
}
