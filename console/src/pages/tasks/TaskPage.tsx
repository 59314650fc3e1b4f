import {
  Anchor,
  Button,
  Card,
  Code,
  Group,
  ScrollArea,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, type Schemas } from '../../api/client';
import { ProblemAlert } from '../../components/feedback';
import { TaskProgressBar, TaskStatusBadge } from '../../components/status';
import { TaskActions } from '../../components/TaskActions';
import { TimeText } from '../../components/TimeText';
import { LIVE_MS, taskRefreshInterval } from '../../lib/polling';
import { Fact } from '../../components/Fact';
import { LoadFailed } from '../../components/LoadFailed';

/**
 * The step log as text (GET …/log answers text/plain): read again while the task runs, and
 * whenever the task changed (`version`), so the final lines are there when it ends.
 */
function useTaskLog(id: string, live: boolean, version: string | undefined) {
  return useQuery({
    queryKey: ['task-log', id, version],
    placeholderData: (previous) => previous,
    refetchInterval: live ? LIVE_MS : false,
    queryFn: async () => {
      const res = await fetch(`/api/v1/update-tasks/${id}/log`, { credentials: 'same-origin' });
      if (!res.ok) throw await res.json().catch(() => new Error(res.statusText));
      return res.text();
    },
  });
}

/** The snapshots the task's backup steps took (what a rollback restores). */
function Snapshots({ snapshots }: { snapshots: Schemas['SnapshotResponse'][] }) {
  const { t } = useTranslation();
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={3} size="h4">
          {t('tasks.snapshots')}
        </Title>
        {snapshots.length === 0 ? (
          <Text size="sm">{t('tasks.snapshotsNone')}</Text>
        ) : (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('tasks.snapshots')}</Table.Th>
                <Table.Th>{t('tasks.snapshotNode')}</Table.Th>
                <Table.Th>{t('tasks.snapshotVersion')}</Table.Th>
                <Table.Th>{t('tasks.snapshotState')}</Table.Th>
                <Table.Th>{t('tasks.snapshotExpires')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {snapshots.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{s.externalId}</Table.Td>
                  <Table.Td>{s.node ?? '—'}</Table.Td>
                  <Table.Td>{s.version}</Table.Td>
                  <Table.Td>
                    {s.pinned ? `${s.state} (${t('tasks.snapshotPinned')})` : s.state}
                  </Table.Td>
                  <Table.Td>
                    <TimeText value={s.expiresAt} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Card>
  );
}

/** One update task (seed 000): its steps with progress and ETA, and its log to read or download. */
export default function TaskPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const task = api.useQuery(
    'get',
    '/api/v1/update-tasks/{id}',
    { params: { path: { id } } },
    {
      refetchInterval: (q) =>
        q.state.data ? taskRefreshInterval([q.state.data], new Date()) : false,
    },
  );
  const live = task.data?.status === 'running';
  const log = useTaskLog(id, live, task.data?.updatedAt);

  if (task.error) {
    return (
      <LoadFailed
        title={t('tasks.task')}
        error={task.error}
        back={{ to: '/tasks', label: t('tasks.back') }}
      />
    );
  }
  const data = task.data;
  if (!data) return null;
  return (
    <Stack>
      <Group justify="space-between">
        <Group gap="sm">
          <Title order={2}>
            {t('tasks.taskTitle', {
              tenant: data.tenantName ?? data.tenantId,
              version: data.targetVersion,
            })}
          </Title>
          <TaskStatusBadge status={data.status} />
        </Group>
        <TaskActions task={data} />
      </Group>
      <Card withBorder>
        <Stack>
          <TaskProgressBar task={data} />
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
            <Fact label={t('tasks.tenant')}>
              <Anchor component={Link} to={`/tenants/${data.tenantId}`} size="sm">
                {data.tenantName ?? data.tenantId}
              </Anchor>
            </Fact>
            <Fact label={t('tasks.versions')}>{`${data.fromVersion} → ${data.targetVersion}`}</Fact>
            <Fact label={t('tasks.path')}>
              {data.kind === 'rollback'
                ? `${t('tasks.kindRollback')}: ${data.path.join(' → ')}`
                : data.path.join(' → ')}
            </Fact>
            <Fact label={t('tasks.mode')}>{t(`update.modesShort.${data.mode}`)}</Fact>
            <Fact label={t('tasks.runAt')}>
              <TimeText value={data.runAt} />
            </Fact>
            <Fact label={t('tasks.latestStart')}>
              <TimeText value={data.expiresAt} />
            </Fact>
            <Fact label={t('tasks.startedAt')}>
              <TimeText value={data.startedAt} />
            </Fact>
            <Fact label={t('tasks.finishedAt')}>
              <TimeText value={data.finishedAt} />
            </Fact>
            <Fact label={t('tasks.attempts')}>{data.attempts}</Fact>
            <Fact label={t('tasks.options')}>
              {[
                data.forced && t('tasks.forced'),
                data.redeploy && t('update.redeploy'),
                data.notifyPartner && t('update.notifyPartner'),
                data.notifyCustomer && t('update.notifyCustomer'),
              ]
                .filter(Boolean)
                .join(' · ') || '—'}
            </Fact>
            <Fact label={t('tasks.batch')}>
              <Anchor component={Link} to={`/batches/${data.batchId}`} size="sm">
                {data.batchId.slice(0, 8)}
              </Anchor>
            </Fact>
          </SimpleGrid>
          {data.error ? (
            <ProblemAlert error={{ statusCode: 0, message: data.error }} title={t('tasks.error')} />
          ) : null}
          {data.rolledBack ? (
            <Text size="sm" fw={600}>
              {t('tasks.rolledBack')}
            </Text>
          ) : null}
          {data.cancelReason ? (
            <Text size="sm">
              {t('tasks.cancelReason')}: {data.cancelReason}
            </Text>
          ) : null}
        </Stack>
      </Card>
      <Snapshots snapshots={data.snapshots ?? []} />
      <Group justify="space-between">
        <Title order={3} size="h4">
          {t('tasks.log')}
        </Title>
        <Button
          component="a"
          href={`/api/v1/update-tasks/${data.id}/log`}
          download={`update-task-${data.id}.log`}
          variant="default"
          leftSection={<IconDownload size={16} aria-hidden />}
        >
          {t('tasks.downloadLog')}
        </Button>
      </Group>
      <ProblemAlert error={log.error} />
      <ScrollArea.Autosize mah={420} type="auto">
        <Code block aria-label={t('tasks.log')} tabIndex={0}>
          {log.data || t('tasks.logEmpty')}
        </Code>
      </ScrollArea.Autosize>
    </Stack>
  );
}
