import { Anchor, Text } from '@mantine/core';
import { DataTable } from 'mantine-datatable';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type Schemas } from '../api/client';
import { taskRefreshInterval } from '../lib/polling';
import { CursorPager, useCursorPaging } from './CursorPager';
import { ProblemAlert } from './feedback';
import { TaskProgressBar, TaskStatusBadge } from './status';
import { TaskActions } from './TaskActions';
import { TimeText } from './TimeText';
import { TABLE } from './table';

export interface TaskFilters {
  status?: Schemas['TaskResponse']['status'];
  tenantId?: string;
  partnerId?: string;
  batchId?: string;
  from?: string;
  to?: string;
}

/**
 * Update tasks, newest first, with live progress (read again every 2 s while one runs) and the
 * actions the viewer's role may take.
 */
export function TasksTable({
  filters,
  showTenant = true,
  label,
}: {
  filters: TaskFilters;
  showTenant?: boolean;
  label: string;
}) {
  const { t } = useTranslation();
  const paging = useCursorPaging(50);
  const key = JSON.stringify(filters);
  const [seenKey, setSeenKey] = useState(key);
  if (seenKey !== key) {
    setSeenKey(key);
    paging.reset();
  }
  const list = api.useQuery(
    'get',
    '/api/v1/update-tasks',
    {
      params: {
        query: { ...filters, order: 'desc', limit: paging.limit, cursor: paging.cursor },
      },
    },
    {
      placeholderData: (previous) => previous,
      refetchInterval: (query) => taskRefreshInterval(query.state.data?.items ?? [], new Date()),
    },
  );
  const rows = list.data?.items ?? [];
  return (
    <>
      <ProblemAlert error={list.error} />
      <DataTable
        aria-label={label}
        {...TABLE}
        fetching={list.isFetching && !list.data}
        records={rows}
        noRecordsText={t('tasks.none')}
        columns={[
          ...(showTenant
            ? [
                {
                  accessor: 'tenantName',
                  title: t('tasks.tenant'),
                  render: (r: Schemas['TaskResponse']) => (
                    <Anchor component={Link} to={`/tenants/${r.tenantId}`} size="sm">
                      {r.tenantName ?? r.tenantId}
                    </Anchor>
                  ),
                },
              ]
            : []),
          {
            accessor: 'targetVersion',
            title: t('tasks.versions'),
            render: (r) => `${r.fromVersion} → ${r.targetVersion}`,
          },
          {
            accessor: 'runAt',
            title: t('tasks.runAt'),
            render: (r) => (
              <Anchor component={Link} to={`/tasks/${r.id}`} size="sm">
                <TimeText value={r.runAt} />
              </Anchor>
            ),
          },
          {
            accessor: 'mode',
            title: t('tasks.mode'),
            render: (r) => (
              <Text size="sm">
                {t(`update.modesShort.${r.mode}`)}
                {r.forced ? ` · ${t('tasks.forced')}` : ''}
              </Text>
            ),
          },
          {
            accessor: 'status',
            title: t('tasks.status'),
            width: 130,
            render: (r) => <TaskStatusBadge status={r.status} />,
          },
          {
            accessor: 'progress',
            title: t('tasks.progress'),
            render: (r) =>
              r.status === 'scheduled' || r.status === 'cancelled' ? (
                '—'
              ) : (
                <TaskProgressBar task={r} />
              ),
          },
          {
            accessor: 'actions',
            title: t('tasks.actionsTitle'),
            render: (r) => <TaskActions task={r} />,
          },
        ]}
      />
      <CursorPager paging={paging} nextCursor={list.data?.nextCursor} rows={rows.length} />
    </>
  );
}
