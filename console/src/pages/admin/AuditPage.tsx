import { Button, Code, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { DataTable } from 'mantine-datatable';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { CursorPager, useCursorPaging } from '../../components/CursorPager';
import { ProblemAlert } from '../../components/feedback';
import { TimeText } from '../../components/TimeText';
import { TABLE } from '../../components/table';

/** Who did what and when, newest first; a row opens to show the entity before and after. */
export default function AuditPage() {
  const { t } = useTranslation();
  const [action, setAction] = useState('');
  const [entityId, setEntityId] = useState('');
  const [debouncedAction] = useDebouncedValue(action.trim(), 300);
  const [debouncedEntity] = useDebouncedValue(entityId.trim(), 300);
  const [expanded, setExpanded] = useState<unknown[]>([]);
  const paging = useCursorPaging(50);
  const list = api.useQuery(
    'get',
    '/api/v1/audit-log',
    {
      params: {
        query: {
          order: 'desc',
          action: debouncedAction || undefined,
          entityId: debouncedEntity || undefined,
          limit: paging.limit,
          cursor: paging.cursor,
        },
      },
    },
    { placeholderData: (previous) => previous },
  );
  const rows = list.data?.items ?? [];
  return (
    <Stack>
      <Title order={2}>{t('audit.title')}</Title>
      <Group align="flex-end">
        <TextInput
          label={t('audit.action')}
          placeholder="update_batch.create"
          value={action}
          onChange={(e) => {
            setAction(e.currentTarget.value);
            paging.reset();
          }}
        />
        <TextInput
          label={t('audit.entityId')}
          value={entityId}
          onChange={(e) => {
            setEntityId(e.currentTarget.value);
            paging.reset();
          }}
        />
      </Group>
      <ProblemAlert error={list.error} />
      <DataTable
        fetching={list.isLoading}
        aria-label={t('audit.title')}
        {...TABLE}
        records={rows}
        noRecordsText={t('audit.none')}
        rowExpansion={{
          trigger: 'never',
          allowMultiple: true,
          expanded: { recordIds: expanded, onRecordIdsChange: setExpanded },
          content: ({ record }) => (
            <Group align="flex-start" grow p="xs">
              <Stack gap={2}>
                <Text size="xs" fw={700}>
                  {t('audit.before')}
                </Text>
                <Code block>{JSON.stringify(record.before, null, 2) ?? '—'}</Code>
              </Stack>
              <Stack gap={2}>
                <Text size="xs" fw={700}>
                  {t('audit.after')}
                </Text>
                <Code block>{JSON.stringify(record.after, null, 2) ?? '—'}</Code>
              </Stack>
            </Group>
          ),
        }}
        columns={[
          { accessor: 'at', title: t('audit.at'), render: (a) => <TimeText value={a.at} /> },
          { accessor: 'action', title: t('audit.action') },
          {
            accessor: 'entityType',
            title: t('audit.entity'),
            render: (a) => `${a.entityType} ${a.entityId ?? ''}`,
          },
          {
            accessor: 'actor',
            title: t('audit.actor'),
            render: (a) =>
              a.actor.role
                ? `${t(`roles.${a.actor.role as 'platform_admin'}`)} ${a.actor.keyId?.slice(0, 8) ?? ''}`
                : t('audit.system'),
          },
          {
            accessor: 'before',
            title: t('audit.changes'),
            render: (a) => {
              const open = expanded.includes(a.id);
              return (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  aria-expanded={open}
                  onClick={() =>
                    setExpanded(open ? expanded.filter((id) => id !== a.id) : [...expanded, a.id])
                  }
                >
                  {open ? t('audit.hideChanges') : t('audit.showChanges')}
                </Button>
              );
            },
          },
        ]}
      />
      <CursorPager paging={paging} nextCursor={list.data?.nextCursor} rows={rows.length} />
    </Stack>
  );
}
