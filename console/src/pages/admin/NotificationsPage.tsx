import { Button, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, fetchClient, type Schemas } from '../../api/client';
import { CursorPager, useCursorPaging } from '../../components/CursorPager';
import { notifyDone, notifyProblem, ProblemAlert } from '../../components/feedback';
import { TimeText } from '../../components/TimeText';
import { TABLE } from '../../components/table';

type Notification = Schemas['NotificationResponse'];
const STATUSES = ['pending', 'sending', 'sent', 'dead'] as const;

function Resend({ notification }: { notification: Notification }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [busy, setBusy] = useState(false);
  const resend = async () => {
    setBusy(true);
    const { data, error } = await fetchClient.POST('/api/v1/notifications/{id}/resend', {
      params: { path: { id: notification.id } },
    });
    setBusy(false);
    if (!data) return notifyProblem(error, t('notifications.resendFailed'));
    notifyDone(t('notifications.resent', { recipient: data.recipient }));
    await queries.invalidateQueries();
  };
  return (
    <Button size="xs" variant="light" loading={busy} onClick={() => void resend()}>
      {t('notifications.resend')}
    </Button>
  );
}

/** E-mail deliveries: dead ones first by default, and sending one again. */
export default function NotificationsPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<string | null>('dead');
  const [recipient, setRecipient] = useState('');
  const [debounced] = useDebouncedValue(recipient.trim(), 300);
  const paging = useCursorPaging(50);
  const list = api.useQuery(
    'get',
    '/api/v1/notifications',
    {
      params: {
        query: {
          status: (status as Notification['status']) ?? undefined,
          recipient: debounced.includes('@') ? debounced : undefined,
          limit: paging.limit,
          cursor: paging.cursor,
        },
      },
    },
    { placeholderData: (previous) => previous, refetchInterval: 10_000 },
  );
  const rows = list.data?.items ?? [];
  return (
    <Stack>
      <Title order={2}>{t('notifications.title')}</Title>
      <Group align="flex-end">
        <Select
          label={t('notifications.status')}
          data={STATUSES.map((s) => ({ value: s, label: t(`notifications.statuses.${s}`) }))}
          value={status}
          onChange={(v) => {
            setStatus(v);
            paging.reset();
          }}
          clearable
          placeholder={t('common.any')}
          w={200}
        />
        <TextInput
          label={t('notifications.recipient')}
          value={recipient}
          onChange={(e) => {
            setRecipient(e.currentTarget.value);
            paging.reset();
          }}
          placeholder="ops@partner.example"
          w={280}
        />
      </Group>
      <ProblemAlert error={list.error} />
      <DataTable
        fetching={list.isLoading}
        aria-label={t('notifications.title')}
        {...TABLE}
        records={rows}
        noRecordsText={t('notifications.none')}
        columns={[
          {
            accessor: 'createdAt',
            title: t('notifications.queued'),
            render: (n) => <TimeText value={n.createdAt} />,
          },
          { accessor: 'event', title: t('notifications.event') },
          {
            accessor: 'recipient',
            title: t('notifications.recipient'),
            render: (n) =>
              `${n.recipient} (${t(`notifications.kinds.${n.recipientKind}`)}, ${n.locale})`,
          },
          {
            accessor: 'status',
            title: t('notifications.status'),
            render: (n) => t(`notifications.statuses.${n.status}`),
          },
          { accessor: 'attempts', title: t('notifications.attempts') },
          {
            accessor: 'lastError',
            title: t('notifications.lastError'),
            render: (n) => <Text size="xs">{n.lastError ?? '—'}</Text>,
          },
          {
            accessor: 'id',
            title: t('common.actions'),
            render: (n) =>
              n.status === 'dead' || n.status === 'sent' ? <Resend notification={n} /> : null,
          },
        ]}
      />
      <CursorPager paging={paging} nextCursor={list.data?.nextCursor} rows={rows.length} />
    </Stack>
  );
}
