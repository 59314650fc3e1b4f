import { Button, Group, Select, Text } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  currentCursor,
  type CursorPages,
  firstPage,
  nextPage,
  pageRange,
  previousPage,
} from '../lib/cursor-pages';

export const PAGE_SIZES = ['25', '50', '100', '250'];

export interface CursorPaging {
  /** `cursor` and `limit` of the page to read. */
  cursor: string | undefined;
  limit: number;
  pages: CursorPages;
  setPages(pages: CursorPages): void;
  setLimit(limit: number): void;
  /** Back to the first page (the filters changed). */
  reset(): void;
}

/** Where a keyset-paged list is: its remembered cursors and its page size. */
export function useCursorPaging(initialLimit = 50): CursorPaging {
  const [pages, setPages] = useState(firstPage);
  const [limit, setLimitState] = useState(initialLimit);
  return {
    cursor: currentCursor(pages),
    limit,
    pages,
    setPages,
    setLimit: (next) => {
      setLimitState(next);
      setPages(firstPage);
    },
    reset: () => setPages(firstPage),
  };
}

/** Previous / next over a keyset-paged list, with the page size and (when known) the total. */
export function CursorPager({
  paging,
  nextCursor,
  rows,
  total,
  onMove,
}: {
  paging: CursorPaging;
  nextCursor: string | null | undefined;
  rows: number;
  total?: number;
  /** Called when the viewer changes page or page size. */
  onMove?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { pages, limit } = paging;
  const [from, to] = pageRange(pages, limit, rows);
  const number = (n: number) => n.toLocaleString(i18n.language);
  const go = (next: CursorPages) => {
    paging.setPages(next);
    onMove?.();
  };
  return (
    <Group justify="space-between" mt="sm" wrap="wrap">
      <Text size="sm" aria-live="polite">
        {total === undefined
          ? t('paging.range', { from: number(from), to: number(to) })
          : t('paging.rangeOf', { from: number(from), to: number(to), total: number(total) })}
      </Text>
      <Group gap="xs">
        <Select
          aria-label={t('paging.pageSize')}
          data={PAGE_SIZES}
          value={String(limit)}
          onChange={(v) => {
            if (!v) return;
            paging.setLimit(Number(v));
            onMove?.();
          }}
          allowDeselect={false}
          w={90}
          size="xs"
        />
        <Button
          variant="default"
          size="xs"
          leftSection={<IconChevronLeft size={16} aria-hidden />}
          disabled={pages.stack.length <= 1}
          onClick={() => go(previousPage(pages))}
        >
          {t('paging.previous')}
        </Button>
        <Button
          variant="default"
          size="xs"
          rightSection={<IconChevronRight size={16} aria-hidden />}
          disabled={!nextCursor}
          onClick={() => go(nextPage(pages, nextCursor))}
        >
          {t('paging.next')}
        </Button>
      </Group>
    </Group>
  );
}
