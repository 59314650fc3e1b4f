import {
  Button,
  Card,
  Group,
  Modal,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, fetchClient, type Schemas } from '../../api/client';
import { notifyDone, notifyProblem, ProblemAlert } from '../../components/feedback';
import { showProblemOnForm } from '../../components/forms';
import { useSubmit } from '../../components/useSubmit';
import { TimeText } from '../../components/TimeText';
import { useIsPlatformAdmin } from '../../session/useSession';
import { PlatformFields, platformBody, type PlatformValues } from './PlatformsPage';
import { LoadFailed } from '../../components/LoadFailed';
import { TABLE } from '../../components/table';
import { FormActions } from '../../components/FormActions';

const CHANNELS = ['recommended', 'available', 'test', 'prohibited'] as const;
type Channel = (typeof CHANNELS)[number];

function ChannelSelect({ version }: { version: Schemas['VersionResponse'] }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const change = async (channel: string | null) => {
    if (!channel || channel === version.channel) return;
    const { data, error } = await fetchClient.PATCH(
      '/api/v1/platforms/{platformId}/versions/{version}',
      {
        params: { path: { platformId: version.platformId, version: version.version } },
        body: { channel: channel as Channel },
      },
    );
    if (!data) return notifyProblem(error, t('versions.changeFailed'));
    notifyDone(
      t('versions.changed', { version: data.version, channel: t(`channels.${data.channel}`) }),
    );
    await queries.invalidateQueries();
  };
  return (
    <Select
      aria-label={t('versions.channelOf', { version: version.version })}
      data={CHANNELS.map((c) => ({ value: c, label: t(`channels.${c}`) }))}
      value={version.channel}
      onChange={(v) => void change(v)}
      allowDeselect={false}
      size="xs"
      w={150}
    />
  );
}

function EditNotes({ version }: { version: Schemas['VersionResponse'] }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [opened, { open, close }] = useDisclosure();
  const [notes, setNotes] = useState(version.releaseNotes);
  const {
    busy,
    error,
    run: save,
  } = useSubmit(
    () =>
      fetchClient.PATCH('/api/v1/platforms/{platformId}/versions/{version}', {
        params: { path: { platformId: version.platformId, version: version.version } },
        body: { releaseNotes: notes },
      }),
    async (data) => {
      notifyDone(t('versions.notesSaved', { version: data.version }));
      await queries.invalidateQueries();
      close();
    },
  );
  return (
    <>
      <Button size="compact-xs" variant="subtle" onClick={open}>
        {t('versions.editNotes')}
      </Button>
      <Modal
        opened={opened}
        onClose={close}
        title={t('versions.notesOf', { version: version.version })}
      >
        <Stack>
          <Textarea
            label={t('versions.releaseNotes')}
            value={notes}
            onChange={(e) => setNotes(e.currentTarget.value)}
            autosize
            minRows={4}
          />
          <ProblemAlert error={error} />
          <FormActions
            onCancel={close}
            busy={busy}
            onAction={() => void save()}
            label={t('common.save')}
          />
        </Stack>
      </Modal>
    </>
  );
}

function NewVersion({ platformId }: { platformId: string }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [opened, { open, close }] = useDisclosure();
  const [error, setError] = useState<unknown>(null);
  const form = useForm({
    initialValues: { version: '', channel: 'available' as Channel, releaseNotes: '' },
  });
  const submit = form.onSubmit(async (values) => {
    setError(null);
    const { data, error: failure } = await fetchClient.POST(
      '/api/v1/platforms/{platformId}/versions',
      {
        params: { path: { platformId } },
        body: {
          version: values.version.trim(),
          channel: values.channel,
          releaseNotes: values.releaseNotes,
        },
      },
    );
    if (!data) return setError(showProblemOnForm(form, failure));
    notifyDone(t('versions.created', { version: data.version }));
    await queries.invalidateQueries();
    form.reset();
    close();
  });
  return (
    <>
      <Button size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={open}>
        {t('versions.new')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('versions.new')}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <TextInput
              label={t('versions.version')}
              placeholder="14.0.0"
              required
              {...form.getInputProps('version')}
            />
            <Select
              label={t('versions.channel')}
              data={CHANNELS.map((c) => ({ value: c, label: t(`channels.${c}`) }))}
              allowDeselect={false}
              {...form.getInputProps('channel')}
            />
            <Textarea
              label={t('versions.releaseNotes')}
              autosize
              minRows={3}
              {...form.getInputProps('releaseNotes')}
            />
            <ProblemAlert error={error} />
            <FormActions onCancel={close} busy={form.submitting} />
          </Stack>
        </form>
      </Modal>
    </>
  );
}

function EditPlatform({ platform }: { platform: Schemas['PlatformResponse'] }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const form = useForm<PlatformValues>({
    initialValues: {
      name: platform.name,
      timezone: platform.timezone,
      driver: platform.executor.driver ?? '',
      url: platform.executor.url ?? '',
      secret: '',
      cron: platform.defaultMaintenanceWindow.cron,
      durationMinutes: platform.defaultMaintenanceWindow.durationMinutes ?? 240,
    },
  });
  const submit = form.onSubmit(async (values) => {
    setError(null);
    const { data, error: failure } = await fetchClient.PATCH('/api/v1/platforms/{id}', {
      params: { path: { id: platform.id } },
      body: platformBody(values),
    });
    if (!data) return setError(showProblemOnForm(form, failure));
    notifyDone(t('platforms.saved', { name: data.name }));
    form.setFieldValue('secret', '');
    await queries.invalidateQueries();
  });
  return (
    <Card withBorder>
      <form onSubmit={submit} noValidate>
        <Stack>
          <PlatformFields form={form} />
          {platform.executor.secretSet ? <Text size="xs">{t('platforms.secretSet')}</Text> : null}
          <ProblemAlert error={error} />
          <Group justify="flex-end">
            <Button type="submit" loading={form.submitting}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** One platform: its settings (platform admins change them) and its versions with their channels. */
export default function PlatformPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const platformAdmin = useIsPlatformAdmin();
  const platform = api.useQuery('get', '/api/v1/platforms/{id}', { params: { path: { id } } });
  const versions = api.useQuery('get', '/api/v1/platforms/{platformId}/versions', {
    params: { path: { platformId: id }, query: { limit: 500 } },
  });

  if (platform.error) {
    return (
      <LoadFailed
        title={t('platforms.platform')}
        error={platform.error}
        back={{ to: '/platforms', label: t('platforms.back') }}
      />
    );
  }
  if (!platform.data) return null;
  return (
    <Stack>
      <Title order={2}>{platform.data.name}</Title>
      {platformAdmin ? (
        <EditPlatform key={platform.data.updatedAt} platform={platform.data} />
      ) : (
        <Text>
          {t('platforms.timezone')}: {platform.data.timezone}
        </Text>
      )}
      <Group justify="space-between">
        <Title order={3} size="h4">
          {t('versions.title')}
        </Title>
        {platformAdmin ? <NewVersion platformId={id} /> : null}
      </Group>
      <ProblemAlert error={versions.error} />
      <DataTable
        fetching={versions.isLoading}
        aria-label={t('versions.title')}
        {...TABLE}
        records={versions.data?.items ?? []}
        idAccessor="version"
        noRecordsText={t('versions.none')}
        columns={[
          { accessor: 'version', title: t('versions.version') },
          {
            accessor: 'channel',
            title: t('versions.channel'),
            render: (v) =>
              platformAdmin ? <ChannelSelect version={v} /> : t(`channels.${v.channel}`),
          },
          {
            accessor: 'releaseNotes',
            title: t('versions.releaseNotes'),
            render: (v) => (
              <Group gap="xs" wrap="nowrap" align="flex-start">
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {v.releaseNotes || '—'}
                </Text>
                {platformAdmin ? <EditNotes version={v} /> : null}
              </Group>
            ),
          },
          {
            accessor: 'createdAt',
            title: t('versions.published'),
            render: (v) => <TimeText value={v.createdAt} style="date" />,
          },
        ]}
      />
    </Stack>
  );
}
