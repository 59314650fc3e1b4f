import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchClient, type Schemas } from '../api/client';
import { usePreferences } from '../app/preferences';
import type { UpdateMode } from '../lib/update-request';
import { wallTimeToIso } from '../time/format';
import { ConfirmButton } from './Confirm';
import { notifyDone, notifyProblem, ProblemAlert } from './feedback';
import { DateTimeField } from './DateTimeField';
import { WhenChoice } from './WhenChoice';

type Task = Schemas['TaskResponse'];

/** Reschedule a task, or roll it back (a new task): both ask when, as scheduling does. */
function WhenButton({
  task,
  action,
  onDone,
}: {
  task: Task;
  action: 'reschedule' | 'rollback';
  onDone(): Promise<unknown>;
}) {
  const { t } = useTranslation();
  const { zone } = usePreferences();
  const [opened, { open, close }] = useDisclosure();
  const [mode, setMode] = useState<UpdateMode>('maintenance_window');
  const [time, setTime] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const send = async () => {
    setBusy(true);
    setError(null);
    const request = {
      params: { path: { id: task.id } },
      body: { mode, ...(mode === 'custom' && time ? { runAt: wallTimeToIso(time, zone) } : {}) },
    };
    const { data, error: failure } =
      action === 'reschedule'
        ? await fetchClient.POST('/api/v1/update-tasks/{id}/reschedule', request)
        : await fetchClient.POST('/api/v1/update-tasks/{id}/rollback', request);
    setBusy(false);
    if (!data) return setError(failure);
    notifyDone(t(action === 'reschedule' ? 'tasks.rescheduled' : 'tasks.rollbackScheduled'));
    close();
    await onDone();
  };
  return (
    <>
      <Button size="xs" variant="light" onClick={open}>
        {t(`tasks.actions.${action}`)}
      </Button>
      <Modal
        opened={opened}
        onClose={close}
        title={t(`tasks.${action}Title`, { tenant: task.tenantName ?? task.tenantId })}
      >
        <Stack>
          <WhenChoice value={mode} onChange={setMode} />
          {mode === 'custom' ? (
            <DateTimeField
              label={t('update.customTime', { zone })}
              value={time}
              onChange={setTime}
              minDate={new Date()}
              required
            />
          ) : null}
          <ProblemAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.back')}
            </Button>
            <Button
              loading={busy}
              disabled={mode === 'custom' && !time}
              onClick={() => void send()}
            >
              {t(`tasks.actions.${action}`)}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function CancelButton({ task, onDone }: { task: Task; onDone(): Promise<unknown> }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  return (
    <ConfirmButton
      label={t('tasks.actions.cancel')}
      title={t('tasks.cancelTitle', { tenant: task.tenantName ?? task.tenantId })}
      message={
        <TextInput
          label={t('tasks.cancelReason')}
          description={t('tasks.cancelReasonHelp')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
      }
      confirmLabel={t('tasks.actions.cancel')}
      onConfirm={async () => {
        const { data, error } = await fetchClient.POST('/api/v1/update-tasks/{id}/cancel', {
          params: { path: { id: task.id } },
          body: reason.trim() ? { reason: reason.trim() } : {},
        });
        if (!data) {
          notifyProblem(error, t('tasks.cancelFailed'));
          throw error;
        }
        notifyDone(t('tasks.cancelled', { status: t(`taskStatus.${data.status}`) }));
        await onDone();
      }}
    />
  );
}

function PostButton({
  task,
  action,
  onDone,
}: {
  task: Task;
  action: 'retry' | 'resume';
  onDone(): Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    const path =
      action === 'retry' ? '/api/v1/update-tasks/{id}/retry' : '/api/v1/update-tasks/{id}/resume';
    const { data, error } = await fetchClient.POST(path, { params: { path: { id: task.id } } });
    setBusy(false);
    if (!data) return notifyProblem(error, t(`tasks.${action}Failed`));
    notifyDone(t(`tasks.${action}Done`));
    await onDone();
  };
  return (
    <Button size="xs" variant="light" loading={busy} onClick={() => void run()}>
      {t(`tasks.actions.${action}`)}
    </Button>
  );
}

/** The actions the API says the viewer's role may take on this task, and nothing else. */
export function TaskActions({ task }: { task: Task }) {
  const queries = useQueryClient();
  const refresh = () => queries.invalidateQueries();
  if (task.actions.length === 0) return null;
  return (
    <Group gap={6} wrap="nowrap">
      {task.actions.includes('cancel') ? <CancelButton task={task} onDone={refresh} /> : null}
      {task.actions.includes('reschedule') ? (
        <WhenButton task={task} action="reschedule" onDone={refresh} />
      ) : null}
      {task.actions.includes('retry') ? (
        <PostButton task={task} action="retry" onDone={refresh} />
      ) : null}
      {task.actions.includes('resume') ? (
        <PostButton task={task} action="resume" onDone={refresh} />
      ) : null}
      {task.actions.includes('rollback') ? (
        <WhenButton task={task} action="rollback" onDone={refresh} />
      ) : null}
    </Group>
  );
}
