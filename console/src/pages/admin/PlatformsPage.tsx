import {
  Anchor,
  Button,
  Group,
  Modal,
  NumberInput,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
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
import { Link, useNavigate } from 'react-router';
import { api, fetchClient, type Schemas } from '../../api/client';
import { notifyDone, ProblemAlert } from '../../components/feedback';
import { showProblemOnForm } from '../../components/forms';
import { ZoneSelect } from '../../components/ZoneSelect';
import { useIsPlatformAdmin } from '../../session/useSession';
import { TABLE } from '../../components/table';
import { FormActions } from '../../components/FormActions';

export interface PlatformValues extends Record<string, unknown> {
  name: string;
  timezone: string;
  driver: 'simulated' | 'http' | '';
  url: string;
  secret: string;
  cron: string;
  durationMinutes: number;
}

/** The body of POST/PATCH /platforms from the form; an empty secret leaves the stored one as is. */
export function platformBody(v: PlatformValues) {
  return {
    name: v.name.trim(),
    timezone: v.timezone,
    ...(v.driver && {
      executor: {
        driver: v.driver,
        ...(v.url.trim() && { url: v.url.trim() }),
        ...(v.secret && { secret: v.secret }),
      },
    }),
    defaultMaintenanceWindow: { cron: v.cron.trim(), durationMinutes: v.durationMinutes },
  };
}

export function PlatformFields({ form }: { form: ReturnType<typeof useForm<PlatformValues>> }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <TextInput label={t('platforms.name')} required {...form.getInputProps('name')} />
      <ZoneSelect label={t('platforms.timezone')} required {...form.getInputProps('timezone')} />
      <Select
        label={t('platforms.executor')}
        data={[
          { value: 'simulated', label: t('platforms.simulated') },
          { value: 'http', label: t('platforms.http') },
        ]}
        clearable
        placeholder={t('platforms.executorDefault')}
        {...form.getInputProps('driver')}
      />
      <TextInput label={t('platforms.url')} {...form.getInputProps('url')} />
      <PasswordInput
        label={t('platforms.secret')}
        description={t('platforms.secretHelp')}
        autoComplete="new-password"
        {...form.getInputProps('secret')}
      />
      <TextInput
        label={t('platforms.defaultWindow')}
        description={t('platforms.cronHelp')}
        {...form.getInputProps('cron')}
      />
      <NumberInput
        label={t('platforms.windowMinutes')}
        min={15}
        max={1440}
        {...form.getInputProps('durationMinutes')}
      />
    </SimpleGrid>
  );
}

function NewPlatform() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [opened, { open, close }] = useDisclosure();
  const [error, setError] = useState<unknown>(null);
  const form = useForm<PlatformValues>({
    initialValues: {
      name: '',
      timezone: 'Europe/Berlin',
      driver: '',
      url: '',
      secret: '',
      cron: '0 2 * * SUN',
      durationMinutes: 240,
    },
  });
  const submit = form.onSubmit(async (values) => {
    setError(null);
    const { data, error: failure } = await fetchClient.POST('/api/v1/platforms', {
      body: platformBody(values),
    });
    if (!data) return setError(showProblemOnForm(form, failure));
    notifyDone(t('platforms.created', { name: data.name }));
    await queries.invalidateQueries();
    close();
    void navigate(`/platforms/${data.id}`);
  });
  return (
    <>
      <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={open}>
        {t('platforms.new')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('platforms.new')} size="lg">
        <form onSubmit={submit} noValidate>
          <Stack>
            <PlatformFields form={form} />
            <ProblemAlert error={error} />
            <FormActions onCancel={close} busy={form.submitting} />
          </Stack>
        </form>
      </Modal>
    </>
  );
}

/** Platforms (a partner admin sees its own), with their versions one click away. */
export default function PlatformsPage() {
  const { t } = useTranslation();
  const platformAdmin = useIsPlatformAdmin();
  const list = api.useQuery('get', '/api/v1/platforms', { params: { query: { limit: 500 } } });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('platforms.title')}</Title>
        {platformAdmin ? <NewPlatform /> : null}
      </Group>
      <ProblemAlert error={list.error} />
      <DataTable<Schemas['PlatformResponse']>
        fetching={list.isLoading}
        aria-label={t('platforms.title')}
        {...TABLE}
        records={list.data?.items ?? []}
        noRecordsText={t('platforms.none')}
        columns={[
          {
            accessor: 'name',
            title: t('platforms.name'),
            render: (p) => (
              <Anchor component={Link} to={`/platforms/${p.id}`} size="sm">
                {p.name}
              </Anchor>
            ),
          },
          { accessor: 'timezone', title: t('platforms.timezone') },
          {
            accessor: 'executor',
            title: t('platforms.executor'),
            render: (p) => p.executor.driver ?? t('platforms.executorDefault'),
          },
          {
            accessor: 'defaultMaintenanceWindow',
            title: t('platforms.defaultWindow'),
            render: (p) =>
              `${p.defaultMaintenanceWindow.cron} · ${t('tenants.minutes', { count: p.defaultMaintenanceWindow.durationMinutes ?? 0 })}`,
          },
        ]}
      />
    </Stack>
  );
}
