import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  Select,
  Stack,
  Switch,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCheck, IconCopy, IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, fetchClient, type Schemas } from '../../api/client';
import { ConfirmButton } from '../../components/Confirm';
import { notifyDone, notifyProblem, ProblemAlert } from '../../components/feedback';
import { TimeText } from '../../components/TimeText';
import { detailErrors } from './PartnersPage';
import { TABLE } from '../../components/table';
import { FormActions } from '../../components/FormActions';

/** A new key, shown once with a copy button: only its hash is kept. */
function ShownOnce({
  created,
  onClose,
}: {
  created: Schemas['CreatedApiKeyResponse'];
  onClose(): void;
}) {
  const { t } = useTranslation();
  return (
    <Stack>
      <Alert color="orange" variant="light" title={t('apiKeys.shownOnceTitle')}>
        {t('apiKeys.shownOnce')}
      </Alert>
      <Group gap="xs" wrap="nowrap">
        <Code block style={{ flex: 1, wordBreak: 'break-all' }} aria-label={t('apiKeys.newKey')}>
          {created.key}
        </Code>
        <CopyButton value={created.key}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? t('apiKeys.copied') : t('apiKeys.copy')}>
              <ActionIcon
                variant="light"
                size="lg"
                onClick={copy}
                aria-label={copied ? t('apiKeys.copied') : t('apiKeys.copy')}
              >
                {copied ? <IconCheck size={18} aria-hidden /> : <IconCopy size={18} aria-hidden />}
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      </Group>
      <Group justify="flex-end">
        <Button onClick={onClose}>{t('apiKeys.done')}</Button>
      </Group>
    </Stack>
  );
}

function NewKey({ partners }: { partners: { value: string; label: string }[] }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [opened, { open, close }] = useDisclosure();
  const [name, setName] = useState('');
  const [role, setRole] = useState<'platform_admin' | 'partner_admin'>('partner_admin');
  const [partnerId, setPartnerId] = useState<string | null>(null);
  const [created, setCreated] = useState<Schemas['CreatedApiKeyResponse'] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const errors = detailErrors(error);
  const finish = () => {
    setCreated(null);
    setName('');
    setPartnerId(null);
    setError(null);
    close();
  };
  const submit = async () => {
    setBusy(true);
    setError(null);
    const { data, error: failure } = await fetchClient.POST('/api/v1/api-keys', {
      body: {
        name: name.trim(),
        role,
        ...(role === 'partner_admin' && partnerId ? { partnerId } : {}),
      },
    });
    setBusy(false);
    if (!data) return setError(failure);
    setCreated(data);
    await queries.invalidateQueries();
  };
  return (
    <>
      <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={open}>
        {t('apiKeys.new')}
      </Button>
      <Modal
        opened={opened}
        onClose={finish}
        title={t('apiKeys.new')}
        closeOnClickOutside={!created}
      >
        {created ? (
          <ShownOnce created={created} onClose={finish} />
        ) : (
          <Stack>
            <TextInput
              label={t('apiKeys.name')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={errors.name}
              required
            />
            <Select
              label={t('apiKeys.role')}
              data={[
                { value: 'partner_admin', label: t('roles.partner_admin') },
                { value: 'platform_admin', label: t('roles.platform_admin') },
              ]}
              value={role}
              onChange={(v) => v && setRole(v as typeof role)}
              allowDeselect={false}
            />
            {role === 'partner_admin' ? (
              <Select
                label={t('apiKeys.partner')}
                data={partners}
                value={partnerId}
                onChange={setPartnerId}
                error={errors.partnerId}
                searchable
                required
              />
            ) : null}
            <ProblemAlert error={error} />
            <FormActions onCancel={finish} busy={busy} onAction={() => void submit()} />
          </Stack>
        )}
      </Modal>
    </>
  );
}

/** API keys: who may act (the key itself is shown once at creation), and revoking them. */
export default function ApiKeysPage() {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [includeRevoked, setIncludeRevoked] = useState(false);
  const keys = api.useQuery('get', '/api/v1/api-keys', {
    params: { query: { limit: 500, includeRevoked } },
  });
  const partners = api.useQuery('get', '/api/v1/partners', { params: { query: { limit: 500 } } });
  const options = (partners.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }));
  const partnerName = new Map(options.map((o) => [o.value, o.label]));
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('apiKeys.title')}</Title>
        <NewKey partners={options} />
      </Group>
      <Switch
        label={t('apiKeys.includeRevoked')}
        checked={includeRevoked}
        onChange={(e) => setIncludeRevoked(e.currentTarget.checked)}
      />
      <ProblemAlert error={keys.error} />
      <DataTable
        fetching={keys.isLoading}
        aria-label={t('apiKeys.title')}
        {...TABLE}
        records={keys.data?.items ?? []}
        noRecordsText={t('apiKeys.none')}
        columns={[
          { accessor: 'name', title: t('apiKeys.name') },
          { accessor: 'role', title: t('apiKeys.role'), render: (k) => t(`roles.${k.role}`) },
          {
            accessor: 'partnerId',
            title: t('apiKeys.partner'),
            render: (k) => (k.partnerId ? (partnerName.get(k.partnerId) ?? k.partnerId) : '—'),
          },
          {
            accessor: 'keyPrefix',
            title: t('apiKeys.prefix'),
            render: (k) => <Code>{`${k.keyPrefix}…`}</Code>,
          },
          {
            accessor: 'createdAt',
            title: t('apiKeys.created'),
            render: (k) => <TimeText value={k.createdAt} />,
          },
          {
            accessor: 'lastUsedAt',
            title: t('apiKeys.lastUsed'),
            render: (k) => <TimeText value={k.lastUsedAt} />,
          },
          {
            accessor: 'revokedAt',
            title: t('common.actions'),
            render: (k) =>
              k.revokedAt ? (
                <Badge color="gray.7">{t('apiKeys.revoked')}</Badge>
              ) : (
                <ConfirmButton
                  label={t('apiKeys.revoke')}
                  title={t('apiKeys.revoke')}
                  message={t('apiKeys.revokeConfirm', { name: k.name })}
                  confirmLabel={t('apiKeys.revoke')}
                  onConfirm={async () => {
                    const { data, error } = await fetchClient.DELETE('/api/v1/api-keys/{id}', {
                      params: { path: { id: k.id } },
                    });
                    if (!data) {
                      notifyProblem(error, t('apiKeys.revokeFailed'));
                      throw error;
                    }
                    notifyDone(t('apiKeys.revokedDone', { name: data.name }));
                    await queries.invalidateQueries();
                  }}
                />
              ),
          },
        ]}
      />
    </Stack>
  );
}
