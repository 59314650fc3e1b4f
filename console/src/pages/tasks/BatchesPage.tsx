import { Anchor, Group, Progress, Stack, Text, Title, Tooltip } from '@mantine/core';
import { DataTable } from 'mantine-datatable';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type Schemas } from '../../api/client';
import { CursorPager, useCursorPaging } from '../../components/CursorPager';
import { ProblemAlert } from '../../components/feedback';
import { TimeText } from '../../components/TimeText';
import { TABLE } from '../../components/table';

/** Anything counted by task status: a batch, a rollout, a wave. */
type Counted = Pick<Schemas['BatchResponse'], 'total' | 'counts'>;

const SEGMENTS = [
  ['succeeded', 'teal'],
  ['failed', 'red'],
  ['running', 'indigo'],
  ['scheduled', 'blue'],
  ['held', 'gray.5'],
  ['cancelled', 'gray'],
] as const;

/** A batch's (or rollout's, or wave's) tasks by status, as one bar with a segment per status. */
export function BatchCounts({ batch }: { batch: Counted }) {
  const { t } = useTranslation();
  const total = Math.max(batch.total, 1);
  const summary = SEGMENTS.map(([s]) => `${t(`taskStatus.${s}`)}: ${batch.counts[s]}`).join(', ');
  return (
    <Stack gap={2} miw={220}>
      <Progress.Root size="lg">
        {SEGMENTS.map(([status, color]) => {
          const label = `${t(`taskStatus.${status}`)}: ${batch.counts[status]}`;
          return batch.counts[status] > 0 ? (
            <Tooltip key={status} label={label}>
              <Progress.Section
                value={(batch.counts[status] / total) * 100}
                color={color}
                aria-label={label}
              />
            </Tooltip>
          ) : null;
        })}
      </Progress.Root>
      <Text size="xs">{summary}</Text>
    </Stack>
  );
}

/** Every batch (one bulk request each), newest first, with its tasks counted by status. */
export default function BatchesPage() {
  const { t } = useTranslation();
  const paging = useCursorPaging(25);
  const list = api.useQuery(
    'get',
    '/api/v1/update-batches',
    { params: { query: { order: 'desc', limit: paging.limit, cursor: paging.cursor } } },
    { placeholderData: (previous) => previous, refetchInterval: 5_000 },
  );
  const rows = list.data?.items ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('batches.title')}</Title>
      </Group>
      <ProblemAlert error={list.error} />
      <DataTable
        fetching={list.isLoading}
        aria-label={t('batches.title')}
        {...TABLE}
        records={rows}
        noRecordsText={t('batches.none')}
        columns={[
          {
            accessor: 'createdAt',
            title: t('batches.created'),
            render: (b) => (
              <Anchor component={Link} to={`/batches/${b.id}`} size="sm">
                <TimeText value={b.createdAt} />
              </Anchor>
            ),
          },
          { accessor: 'targetVersion', title: t('tasks.targetVersion') },
          {
            accessor: 'mode',
            title: t('tasks.mode'),
            render: (b) => t(`update.modesShort.${b.mode}`),
          },
          { accessor: 'total', title: t('batches.total') },
          {
            accessor: 'counts',
            title: t('batches.counts'),
            render: (b) => <BatchCounts batch={b} />,
          },
        ]}
      />
      <CursorPager paging={paging} nextCursor={list.data?.nextCursor} rows={rows.length} />
    </Stack>
  );
}
