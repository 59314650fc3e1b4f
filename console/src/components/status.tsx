import { Badge, Group, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../api/client';
import { minutesUntil } from '../time/format';

type Task = Schemas['TaskResponse'];

/** Filled badges at shades where white text reaches 4.5:1. */
const TASK_COLORS: Record<Task['status'], string> = {
  held: 'gray.9',
  scheduled: 'blue.9',
  running: 'indigo.9',
  succeeded: 'teal.9',
  failed: 'red.9',
  cancelled: 'gray.7',
};

const TENANT_COLORS: Record<string, string> = {
  active: 'teal.9',
  updating: 'indigo.9',
  locked: 'grape.9',
  failed: 'red.9',
};

export function TaskStatusBadge({ status }: { status: Task['status'] }) {
  const { t } = useTranslation();
  return <Badge color={TASK_COLORS[status]}>{t(`taskStatus.${status}`)}</Badge>;
}

export function TenantStateBadge({ state }: { state: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={TENANT_COLORS[state] ?? 'gray.7'}>
      {t(`tenantState.${state as 'active'}`, { defaultValue: state })}
    </Badge>
  );
}

/** `apply@node-b` → "Installing (node-b)": the step in words, with the node of an HA tenant. */
function stepLabel(step: string, t: ReturnType<typeof useTranslation>['t']): string {
  const [name, node] = step.split('@');
  const words = t(`steps.${name as 'apply'}`, { defaultValue: name });
  return node ? `${words} (${node})` : words;
}

/** A task's progress: bar, current step and the time left, read out to screen readers too. */
export function TaskProgressBar({ task, now = new Date() }: { task: Task; now?: Date }) {
  const { t } = useTranslation();
  const percent =
    task.status === 'succeeded' ? 100 : Math.max(0, Math.min(100, task.progress.percent));
  const left = task.status === 'running' ? minutesUntil(task.progress.eta, now) : null;
  const step =
    task.progress.step && task.status !== 'succeeded' ? stepLabel(task.progress.step, t) : null;
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
