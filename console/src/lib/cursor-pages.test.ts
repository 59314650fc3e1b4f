import { describe, expect, it } from 'vitest';
import {
  currentCursor,
  firstPage,
  nextPage,
  pageNumber,
  pageRange,
  previousPage,
} from './cursor-pages';

describe('cursor paging', () => {
  it('walks forward with the API’s cursors and back with the remembered ones', () => {
    let pages = firstPage;
    expect(currentCursor(pages)).toBeUndefined();
    pages = nextPage(pages, 'c2');
    pages = nextPage(pages, 'c3');
    expect(currentCursor(pages)).toBe('c3');
    expect(pageNumber(pages)).toBe(3);
    pages = previousPage(pages);
    expect(currentCursor(pages)).toBe('c2');
    pages = previousPage(previousPage(pages));
    expect(pages).toEqual(firstPage);
  });

  it('stays on the last page when there is no next cursor', () => {
    expect(nextPage(firstPage, null)).toBe(firstPage);
  });

  it('numbers the rows of a page', () => {
    expect(pageRange(firstPage, 50, 50)).toEqual([1, 50]);
    expect(pageRange(nextPage(firstPage, 'x'), 50, 7)).toEqual([51, 57]);
    expect(pageRange(firstPage, 50, 0)).toEqual([0, 0]);
  });
});
