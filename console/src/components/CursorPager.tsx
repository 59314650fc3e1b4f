import { Button, Group, Select, Text } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { type CursorPages, nextPage, pageRange, previousPage } from '../lib/cursor-pages';

export const PAGE_SIZES = ['25', '50', '100', '250'];

/** Previous / next over a keyset-paged list, with the page size and (when known) the total. */
export function CursorPager({
  pages,
  onPages,
  nextCursor,
  rows,
  pageSize,
  onPageSize,
  total,
}: {
  pages: CursorPages;
  onPages(pages: CursorPages): void;
  nextCursor: string | null | undefined;
  rows: number;
  pageSize: number;
  onPageSize(size: number): void;
  total?: number;
}) {
  const { t, i18n } = useTranslation();
  const [from, to] = pageRange(pages, pageSize, rows);
  const number = (n: number) => n.toLocaleString(i18n.language);
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
          value={String(pageSize)}
          onChange={(v) => v && onPageSize(Number(v))}
          allowDeselect={false}
          w={90}
          size="xs"
        />
        <Button
          variant="default"
          size="xs"
          leftSection={<IconChevronLeft size={16} aria-hidden />}
          disabled={pages.stack.length <= 1}
          onClick={() => onPages(previousPage(pages))}
        >
          {t('paging.previous')}
        </Button>
        <Button
          variant="default"
          size="xs"
          rightSection={<IconChevronRight size={16} aria-hidden />}
          disabled={!nextCursor}
          onClick={() => onPages(nextPage(pages, nextCursor))}
        >
          {t('paging.next')}
        </Button>
      </Group>
    </Group>
  );
}
