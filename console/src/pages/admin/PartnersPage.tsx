import { Anchor, Button, Group, Modal, Select, Stack, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, fetchClient } from '../../api/client';
import { toProblem } from '../../api/problem';
import { type Contact, ContactsEditor } from '../../components/ContactsEditor';
import { notifyDone, ProblemAlert } from '../../components/feedback';
import { useSubmit } from '../../components/useSubmit';
import { TABLE } from '../../components/table';
import { FormActions } from '../../components/FormActions';

export function detailErrors(error: unknown): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const d of toProblem(error).details)
    if (d.field && !errors[d.field]) errors[d.field] = d.reason;
  return errors;
}

function NewPartner({ platforms }: { platforms: { value: string; label: string }[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [opened, { open, close }] = useDisclosure();
  const [platformId, setPlatformId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [contacts, setContacts] = useState<Contact[]>([]);
  const {
    busy,
    error,
    run: submit,
  } = useSubmit(
    () =>
      fetchClient.POST('/api/v1/partners', {
        body: { platformId: platformId ?? '', name: name.trim(), contacts },
      }),
    async (data) => {
      notifyDone(t('partners.created', { name: data.name }));
      await queries.invalidateQueries();
      close();
      void navigate(`/partners/${data.id}`);
    },
  );
  const errors = detailErrors(error);
  return (
    <>
      <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={open}>
        {t('partners.new')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('partners.new')} size="xl">
        <Stack>
          <Select
            label={t('partners.platform')}
            data={platforms}
            value={platformId}
            onChange={setPlatformId}
            error={errors.platformId}
            required
          />
          <TextInput
            label={t('partners.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            required
          />
          <ContactsEditor value={contacts} onChange={setContacts} errors={errors} />
          <ProblemAlert error={error} />
          <FormActions onCancel={close} busy={busy} onAction={() => void submit()} />
        </Stack>
      </Modal>
    </>
  );
}

/** Partners (resellers) of every platform, with their contacts. Platform admins only. */
export default function PartnersPage() {
  const { t } = useTranslation();
  const partners = api.useQuery('get', '/api/v1/partners', { params: { query: { limit: 500 } } });
  const platforms = api.useQuery('get', '/api/v1/platforms', { params: { query: { limit: 500 } } });
  const platformOptions = useMemo(
    () => (platforms.data?.items ?? []).map((p) => ({ value: p.id, label: p.name })),
    [platforms.data],
  );
  const platformName = new Map(platformOptions.map((p) => [p.value, p.label]));
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('partners.title')}</Title>
        <NewPartner platforms={platformOptions} />
      </Group>
      <ProblemAlert error={partners.error} />
      <DataTable
        fetching={partners.isLoading}
        aria-label={t('partners.title')}
        {...TABLE}
        records={partners.data?.items ?? []}
        noRecordsText={t('partners.none')}
        columns={[
          {
            accessor: 'name',
            title: t('partners.name'),
            render: (p) => (
              <Anchor component={Link} to={`/partners/${p.id}`} size="sm">
                {p.name}
              </Anchor>
            ),
          },
          {
            accessor: 'platformId',
            title: t('partners.platform'),
            render: (p) => platformName.get(p.platformId) ?? '…',
          },
          {
            accessor: 'contacts',
            title: t('partners.contacts'),
            render: (p) => p.contacts.map((c) => c.email).join(', ') || '—',
          },
          {
            accessor: 'id',
            title: t('partners.tenants'),
            render: (p) => (
              <Anchor component={Link} to={`/tenants?partner=${p.id}`} size="sm">
                {t('partners.showTenants')}
              </Anchor>
            ),
          },
        ]}
      />
    </Stack>
  );
}
