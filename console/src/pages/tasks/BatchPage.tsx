import { Card, Group, Stack, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, fetchClient } from '../../api/client';
import { ConfirmButton } from '../../components/Confirm';
import { notifyDone, notifyProblem } from '../../components/feedback';
import { TasksTable } from '../../components/TasksTable';
import { TimeText } from '../../components/TimeText';
import { BatchCounts } from './BatchesPage';
import { LoadFailed } from '../../components/LoadFailed';

/** One batch: its counts, its tasks with live progress, and cancelling what has not started. */
export default function BatchPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const queries = useQueryClient();
  const batch = api.useQuery(
    'get',
    '/api/v1/update-batches/{id}',
    { params: { path: { id } } },
    { refetchInterval: 2_000 },
  );
  if (batch.error) {
    return (
      <LoadFailed
        title={t('batches.batch')}
        error={batch.error}
        back={{ to: '/batches', label: t('batches.back') }}
      />
    );
  }
  const data = batch.data;
  if (!data) return null;
  const open = data.counts.scheduled + data.counts.running;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('batches.batchTitle', { version: data.targetVersion })}</Title>
        {open > 0 ? (
          <ConfirmButton
            label={t('batches.cancel')}
            title={t('batches.cancel')}
            message={t('batches.cancelConfirm', { count: data.counts.scheduled })}
            confirmLabel={t('batches.cancel')}
            onConfirm={async () => {
              const { data: done, error } = await fetchClient.POST(
                '/api/v1/update-batches/{id}/cancel',
                {
                  params: { path: { id } },
                },
              );
              if (!done) {
                notifyProblem(error, t('batches.cancelFailed'));
                throw error;
              }
              notifyDone(t('batches.cancelled', { count: done.counts.cancelled }));
              await queries.invalidateQueries();
            }}
          />
        ) : null}
      </Group>
      <Card withBorder>
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <span>
              {t('batches.created')}: <TimeText value={data.createdAt} />
            </span>
            <span>
              {t('tasks.mode')}: {t(`update.modesShort.${data.mode}`)} · {t('batches.total')}:{' '}
              {data.total}
            </span>
          </Stack>
          <BatchCounts batch={data} />
        </Group>
      </Card>
      <TasksTable filters={{ batchId: id }} label={t('batches.tasks')} />
    </Stack>
  );
}
