import {
  Alert,
  Anchor,
  Button,
  Group,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconClockHour4, IconRefresh, IconSearch } from '@tabler/icons-react';
import { DataTable } from 'mantine-datatable';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, type Schemas } from '../../api/client';
import { fieldErrors, toProblem } from '../../api/problem';
import { CursorPager, useCursorPaging } from '../../components/CursorPager';
import { ProblemAlert } from '../../components/feedback';
import { TenantStateBadge } from '../../components/status';
import { TimeText } from '../../components/TimeText';
import {
  parseTenantFilters,
  type TenantFilters,
  tenantFiltersToParams,
  tenantListQuery,
  tenantScopeFilter,
} from '../../lib/tenant-filters';
import type { UpdateScope } from '../../lib/update-request';
import { useIsPlatformAdmin, useSession } from '../../session/useSession';
import { TagsDialog } from './TagsDialog';
import { UpdateDialog } from './UpdateDialog';
import { TABLE } from '../../components/table';

type Tenant = Schemas['TenantResponse'];

/** The pending-update icon of seed 003, with when it runs in the viewer's zone. */
export function PendingUpdate({ tenant }: { tenant: Tenant }) {
  const { t } = useTranslation();
  const task = tenant.pendingTask;
  if (!task) return <Text size="sm">—</Text>;
  const label =
    task.status === 'running'
      ? t('tenants.updatingTo', { version: task.targetVersion })
      : t('tenants.pendingTo', { version: task.targetVersion });
  return (
    <Group gap={6} wrap="nowrap">
      <Tooltip label={label}>
        <IconClockHour4 size={18} color="var(--mantine-color-indigo-7)" aria-hidden />
      </Tooltip>
      <Text size="sm">
        <Anchor component={Link} to={`/tasks/${task.id}`} size="sm">
          {label}
        </Anchor>
        {task.status === 'scheduled' ? (
          <>
            {' · '}
            <TimeText value={task.runAt} />
          </>
        ) : null}
      </Text>
    </Group>
  );
}

function Filters({
  filters,
  onChange,
  partners,
  versionError,
}: {
  filters: TenantFilters;
  onChange(next: TenantFilters): void;
  partners: { value: string; label: string }[] | null;
  /** Why the API refused the version range, if it did. */
  versionError?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState(filters.search ?? '');
  const [debounced] = useDebouncedValue(search, 300);
  const [version, setVersion] = useState(filters.softwareVersion ?? '');
  const [debouncedVersion] = useDebouncedValue(version, 400);
  useEffect(() => {
    if ((debounced.trim() || undefined) !== filters.search)
      onChange({ ...filters, search: debounced.trim() || undefined });
    // Only a change of the typed text triggers a new search.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);
  useEffect(() => {
    if ((debouncedVersion.trim() || undefined) !== filters.softwareVersion)
      onChange({ ...filters, softwareVersion: debouncedVersion.trim() || undefined });
    // Only a change of the typed range triggers a new query (a half-typed one would be refused).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debouncedVersion]);
  return (
    <SimpleGrid
      cols={{ base: 1, sm: 2, lg: 3 }}
      spacing="sm"
      component="form"
      role="search"
      onSubmit={(e) => e.preventDefault()}
    >
      <TextInput
        label={t('tenants.search')}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        placeholder={t('tenants.searchPlaceholder')}
      />
      {partners ? (
        <Select
          label={t('tenants.partner')}
          data={partners}
          value={filters.partnerId ?? null}
          onChange={(partnerId) => onChange({ ...filters, partnerId: partnerId ?? undefined })}
          searchable
          clearable
          placeholder={t('common.any')}
        />
      ) : null}
      <TextInput
        label={t('tenants.version')}
        description={t('tenants.versionHelp')}
        value={version}
        onChange={(e) => setVersion(e.currentTarget.value)}
        placeholder={t('tenants.versionPlaceholder')}
        error={versionError}
      />
      <Select
        label={t('tenants.state')}
        data={(['active', 'updating', 'locked', 'failed'] as const).map((s) => ({
          value: s,
          label: t(`tenantState.${s}`),
        }))}
        value={filters.state ?? null}
        onChange={(state) =>
          onChange({ ...filters, state: (state as TenantFilters['state']) ?? undefined })
        }
        clearable
        placeholder={t('common.any')}
      />
      <TagsInput
        label={t('tenants.tags')}
        value={filters.tags}
        onChange={(tags) => onChange({ ...filters, tags: tags.map((x) => x.toLowerCase()) })}
        placeholder={t('tenants.tagsPlaceholder')}
        clearable
      />
      <Select
        label={t('tenants.pending')}
        data={[
          { value: 'yes', label: t('tenants.pendingYes') },
          { value: 'no', label: t('tenants.pendingNo') },
        ]}
        value={filters.pendingUpdate === undefined ? null : filters.pendingUpdate ? 'yes' : 'no'}
        onChange={(v) =>
          onChange({ ...filters, pendingUpdate: v === null ? undefined : v === 'yes' })
        }
        clearable
        placeholder={t('common.any')}
      />
    </SimpleGrid>
  );
}

export default function TenantsPage() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const platformAdmin = useIsPlatformAdmin();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseTenantFilters(params), [params]);
  const paging = useCursorPaging(50);
  const [selected, setSelected] = useState<Tenant[]>([]);
  const [allMatching, setAllMatching] = useState(false);
  const [dialog, setDialog] = useState(false);
  const [tagsDialog, setTagsDialog] = useState(false);

  const setFilters = (next: TenantFilters) => {
    setParams(tenantFiltersToParams(next), { replace: true });
    paging.reset();
    setSelected([]);
    setAllMatching(false);
  };

  const query = tenantListQuery(filters);
  const list = api.useQuery(
    'get',
    '/api/v1/tenants',
    { params: { query: { ...query, limit: paging.limit, cursor: paging.cursor } } },
    { placeholderData: (previous) => previous, refetchInterval: 10_000 },
  );
  const count = api.useQuery('get', '/api/v1/tenants/count', { params: { query } });
  const partners = api.useQuery(
    'get',
    '/api/v1/partners',
    { params: { query: { limit: 500 } } },
    { enabled: platformAdmin },
  );
  const partnerNames = useMemo(
    () => new Map((partners.data?.items ?? []).map((p) => [p.id, p] as const)),
    [partners.data],
  );

  const rows = list.data?.items ?? [];
  const versionError = list.error
    ? fieldErrors(toProblem(list.error), ['softwareVersion']).softwareVersion
    : undefined;
  const total = count.data?.count;
  const n = (x: number) => x.toLocaleString(i18n.language);

  const scope: UpdateScope = allMatching
    ? { filter: tenantScopeFilter(filters), count: total ?? 0 }
    : { tenantIds: selected.map((r) => r.id) };
  const chosen = allMatching ? (total ?? 0) : selected.length;
  const platformId =
    session.platformId ??
    (filters.partnerId ? (partnerNames.get(filters.partnerId)?.platformId ?? null) : null) ??
    (!allMatching && new Set(selected.map((r) => r.platformId)).size === 1
      ? selected[0].platformId
      : null);
  const wholePageSelected = rows.length > 0 && selected.length === rows.length;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('tenants.title')}</Title>
        <Group gap="xs">
          <Button
            variant="default"
            leftSection={<IconRefresh size={16} aria-hidden />}
            onClick={() => void list.refetch()}
          >
            {t('common.refresh')}
          </Button>
          <Button variant="default" disabled={chosen === 0} onClick={() => setTagsDialog(true)}>
            {chosen === 0
              ? t('tenants.tagsNone')
              : t('tenants.tagsSelected', { count: chosen, n: n(chosen) })}
          </Button>
          <Button disabled={chosen === 0} onClick={() => setDialog(true)}>
            {chosen === 0
              ? t('tenants.updateOne')
              : t('tenants.updateSelected', { count: chosen, n: n(chosen) })}
          </Button>
        </Group>
      </Group>
      <Filters
        filters={filters}
        onChange={setFilters}
        versionError={versionError}
        partners={
          platformAdmin
            ? (partners.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))
            : null
        }
      />
      {versionError ? null : <ProblemAlert error={list.error} />}
      {wholePageSelected && total !== undefined && total > rows.length ? (
        <Alert variant="light" color="indigo" p="xs">
          <Group gap="xs">
            <Text size="sm">
              {allMatching
                ? t('tenants.allMatchingSelected', { n: n(total) })
                : t('tenants.pageSelected', { n: n(rows.length) })}
            </Text>
            <Button size="compact-sm" variant="subtle" onClick={() => setAllMatching(!allMatching)}>
              {allMatching
                ? t('tenants.selectPageOnly')
                : t('tenants.selectAllMatching', { n: n(total) })}
            </Button>
          </Group>
        </Alert>
      ) : null}
      <DataTable
        aria-label={t('tenants.title')}
        {...TABLE}
        highlightOnHover
        minHeight={180}
        fetching={list.isFetching && !list.data}
        records={rows}
        idAccessor="id"
        selectedRecords={selected}
        onSelectedRecordsChange={(records) => {
          setSelected(records);
          if (records.length < rows.length) setAllMatching(false);
        }}
        allRecordsSelectionCheckboxProps={{ 'aria-label': t('tenants.selectPage') }}
        getRecordSelectionCheckboxProps={(record) => ({
          'aria-label': t('tenants.selectOne', { name: record.name }),
        })}
        noRecordsText={t('tenants.none')}
        columns={[
          {
            accessor: 'name',
            title: t('tenants.name'),
            render: (r) => (
              <Anchor component={Link} to={`/tenants/${r.id}`} size="sm">
                {r.name}
              </Anchor>
            ),
          },
          ...(platformAdmin
            ? [
                {
                  accessor: 'partnerId',
                  title: t('tenants.partner'),
                  render: (r: Tenant) => partnerNames.get(r.partnerId)?.name ?? '…',
                },
              ]
            : []),
          { accessor: 'softwareVersion', title: t('tenants.version') },
          {
            accessor: 'state',
            title: t('tenants.state'),
            width: 130,
            render: (r) => <TenantStateBadge state={r.state} />,
          },
          {
            accessor: 'tags',
            title: t('tenants.tags'),
            render: (r) => r.tags.join(', '),
          },
          {
            accessor: 'pendingTask',
            title: t('tenants.pending'),
            render: (r) => <PendingUpdate tenant={r} />,
          },
          {
            accessor: 'nextMaintenanceWindow',
            title: t('tenants.nextWindow'),
            render: (r) => <TimeText value={r.nextMaintenanceWindow.start} />,
          },
        ]}
      />
      <CursorPager
        paging={paging}
        nextCursor={list.data?.nextCursor}
        rows={rows.length}
        total={total}
        onMove={() => {
          setSelected([]);
          setAllMatching(false);
        }}
      />
      <TagsDialog
        opened={tagsDialog}
        onClose={() => setTagsDialog(false)}
        scope={scope}
        title={t('tenants.tagsTitle', { count: chosen, n: n(chosen) })}
      />
      <UpdateDialog
        opened={dialog}
        onClose={() => setDialog(false)}
        scope={scope}
        platformId={platformId}
        title={t('update.title', { count: chosen, n: n(chosen) })}
      />
    </Stack>
  );
}
