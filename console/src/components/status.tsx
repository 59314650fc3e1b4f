import { Badge, Group, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../api/client';
import { minutesUntil } from '../time/format';

type Task = Schemas['TaskResponse'];

const TASK_COLORS: Record<Task['status'], string> = {
  scheduled: 'blue',
  running: 'indigo',
  succeeded: 'teal',
  failed: 'red',
  cancelled: 'gray',
};

const TENANT_COLORS: Record<string, string> = {
  active: 'teal',
  updating: 'indigo',
  locked: 'orange',
  failed: 'red',
};

export function TaskStatusBadge({ status }: { status: Task['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={TASK_COLORS[status]} variant="light">
      {t(`taskStatus.${status}`)}
    </Badge>
  );
}

export function TenantStateBadge({ state }: { state: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={TENANT_COLORS[state] ?? 'gray'} variant="light">
      {t(`tenantState.${state as 'active'}`, { defaultValue: state })}
    </Badge>
  );
}

/** A task's progress: bar, current step and the time left, read out to screen readers too. */
export function TaskProgressBar({ task, now = new Date() }: { task: Task; now?: Date }) {
  const { t } = useTranslation();
  const percent =
    task.status === 'succeeded' ? 100 : Math.max(0, Math.min(100, task.progress.percent));
  const left = task.status === 'running' ? minutesUntil(task.progress.eta, now) : null;
  const step = task.progress.step
    ? t(`steps.${task.progress.step as 'apply'}`, { defaultValue: task.progress.step })
    : null;
  const label = t('tasks.progressLabel', { percent });
  return (
    <Stack gap={2} miw={160}>
      <Progress
        value={percent}
        color={TASK_COLORS[task.status]}
        animated={task.status === 'running'}
        aria-label={label}
        size="md"
      />
      <Group gap="xs" justify="space-between" wrap="nowrap">
        <Text size="xs">{`${percent}%${step ? ` · ${step}` : ''}`}</Text>
        {left !== null ? <Text size="xs">{t('tasks.eta', { count: left })}</Text> : null}
      </Group>
    </Stack>
  );
}
