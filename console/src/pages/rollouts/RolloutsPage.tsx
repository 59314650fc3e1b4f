import { Anchor, Badge, Stack, Title } from '@mantine/core';
import { DataTable } from 'mantine-datatable';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type Schemas } from '../../api/client';
import { CursorPager, useCursorPaging } from '../../components/CursorPager';
import { ProblemAlert } from '../../components/feedback';
import { TimeText } from '../../components/TimeText';
import { TABLE } from '../../components/table';
import { BatchCounts } from '../tasks/BatchesPage';

type RolloutState = Schemas['RolloutResponse']['state'];

const STATE_COLOR: Record<RolloutState, string> = {
  awaiting_confirmation: 'yellow',
  scheduled: 'blue',
  running: 'indigo',
  paused: 'orange',
  succeeded: 'teal',
  failed: 'red',
  stopped: 'red',
  cancelled: 'gray',
};

/** A rollout's state as a badge. */
export function RolloutStateBadge({ state }: { state: RolloutState }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATE_COLOR[state]} variant="light">
      {t(`rollouts.states.${state}`)}
    </Badge>
  );
}

/** Every rollout, newest first, with its state and its tasks counted by status. */
export default function RolloutsPage() {
  const { t } = useTranslation();
  const paging = useCursorPaging(25);
  const list = api.useQuery(
    'get',
    '/api/v1/rollouts',
    { params: { query: { limit: paging.limit, cursor: paging.cursor } } },
    { placeholderData: (previous) => previous, refetchInterval: 5_000 },
  );
  const rows = list.data?.items ?? [];
  return (
    <Stack>
      <Title order={2}>{t('rollouts.title')}</Title>
      <ProblemAlert error={list.error} />
      <DataTable
        fetching={list.isLoading}
        aria-label={t('rollouts.title')}
        {...TABLE}
        records={rows}
        noRecordsText={t('rollouts.none')}
        columns={[
          {
            accessor: 'createdAt',
            title: t('batches.created'),
            render: (r) => (
              <Anchor component={Link} to={`/rollouts/${r.id}`} size="sm">
                <TimeText value={r.createdAt} />
              </Anchor>
            ),
          },
          { accessor: 'targetVersion', title: t('tasks.targetVersion') },
          {
            accessor: 'state',
            title: t('rollouts.state'),
            render: (r) => <RolloutStateBadge state={r.state} />,
          },
          { accessor: 'waves', title: t('rollouts.waves'), render: (r) => r.waves.length },
          { accessor: 'total', title: t('batches.total') },
          {
            accessor: 'counts',
            title: t('batches.counts'),
            render: (r) => <BatchCounts batch={r} />,
          },
        ]}
      />
      <CursorPager paging={paging} nextCursor={list.data?.nextCursor} rows={rows.length} />
    </Stack>
  );
}
