import { Group, Select, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, type Schemas } from '../../api/client';
import { usePreferences } from '../../app/preferences';
import { type TaskFilters, TasksTable } from '../../components/TasksTable';
import { useIsPlatformAdmin } from '../../session/useSession';
import { isoToWallTime, wallTimeToIso } from '../../time/format';
import { DateTimeField } from '../../components/DateTimeField';

const STATUSES: Schemas['TaskResponse']['status'][] = [
  'scheduled',
  'running',
  'succeeded',
  'failed',
  'cancelled',
];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every task the viewer may see, with filters kept in the URL (status, batch, partner, time). */
export default function TasksPage() {
  const { t } = useTranslation();
  const { zone } = usePreferences();
  const platformAdmin = useIsPlatformAdmin();
  const [params, setParams] = useSearchParams();
  const partners = api.useQuery(
    'get',
    '/api/v1/partners',
    { params: { query: { limit: 500 } } },
    { enabled: platformAdmin },
  );
  const set = (key: string, value: string | null | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const batch = params.get('batch') ?? '';
  const filters: TaskFilters = useMemo(
    () => ({
      status: (STATUSES as string[]).includes(params.get('status') ?? '')
        ? (params.get('status') as TaskFilters['status'])
        : undefined,
      batchId: UUID.test(batch) ? batch : undefined,
      partnerId: params.get('partner') ?? undefined,
      from: params.get('from') ?? undefined,
      to: params.get('to') ?? undefined,
    }),
    [params, batch],
  );
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('tasks.title')}</Title>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} spacing="sm">
        <Select
          label={t('tasks.status')}
          data={STATUSES.map((s) => ({ value: s, label: t(`taskStatus.${s}`) }))}
          value={filters.status ?? null}
          onChange={(v) => set('status', v)}
          clearable
          placeholder={t('common.any')}
        />
        <TextInput
          label={t('tasks.batch')}
          value={batch}
          onChange={(e) => set('batch', e.currentTarget.value.trim())}
          error={batch && !UUID.test(batch) ? t('tasks.batchInvalid') : undefined}
          placeholder="00000000-…"
        />
        {platformAdmin ? (
          <Select
            label={t('tenants.partner')}
            data={(partners.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
            value={filters.partnerId ?? null}
            onChange={(v) => set('partner', v)}
            searchable
            clearable
            placeholder={t('common.any')}
          />
        ) : null}
        <DateTimeField
          label={t('tasks.from', { zone })}
          value={filters.from ? isoToWallTime(filters.from, zone) : null}
          onChange={(v) => set('from', v ? wallTimeToIso(v, zone) : null)}
          clearable
        />
        <DateTimeField
          label={t('tasks.to', { zone })}
          value={filters.to ? isoToWallTime(filters.to, zone) : null}
          onChange={(v) => set('to', v ? wallTimeToIso(v, zone) : null)}
          clearable
        />
      </SimpleGrid>
      <TasksTable filters={filters} label={t('tasks.title')} />
    </Stack>
  );
}
