import { Anchor, Button, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, fetchClient, type Schemas } from '../../api/client';
import { ConfirmButton } from '../../components/Confirm';
import { type Contact, ContactsEditor } from '../../components/ContactsEditor';
import { notifyDone, notifyProblem, ProblemAlert } from '../../components/feedback';
import { useIsPlatformAdmin } from '../../session/useSession';
import { detailErrors } from './PartnersPage';
import { useSubmit } from '../../components/useSubmit';

function EditPartner({ partner }: { partner: Schemas['PartnerResponse'] }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const [name, setName] = useState(partner.name);
  const [contacts, setContacts] = useState<Contact[]>(partner.contacts as Contact[]);
  const {
    busy,
    error,
    run: save,
  } = useSubmit(
    () =>
      fetchClient.PATCH('/api/v1/partners/{id}', {
        params: { path: { id: partner.id } },
        body: { name: name.trim(), contacts },
      }),
    async (data) => {
      notifyDone(t('partners.saved', { name: data.name }));
      await queries.invalidateQueries();
    },
  );
  const errors = detailErrors(error);
  return (
    <Card withBorder>
      <Stack>
        <TextInput
          label={t('partners.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
          required
        />
        <Title order={3} size="h5">
          {t('partners.contacts')}
        </Title>
        <ContactsEditor value={contacts} onChange={setContacts} errors={errors} />
        <ProblemAlert error={error} />
        <Group justify="space-between">
          <ConfirmButton
            label={t('partners.delete')}
            title={t('partners.delete')}
            message={t('partners.deleteConfirm', { name: partner.name })}
            confirmLabel={t('partners.delete')}
            onConfirm={async () => {
              const { response, error: failure } = await fetchClient.DELETE(
                '/api/v1/partners/{id}',
                {
                  params: { path: { id: partner.id } },
                },
              );
              if (!response.ok) {
                notifyProblem(failure, t('partners.deleteFailed'));
                throw failure;
              }
              notifyDone(t('partners.deleted', { name: partner.name }));
              await queries.invalidateQueries();
              void navigate('/partners');
            }}
          />
          <Button loading={busy} onClick={() => void save()}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

export function PartnerView({ id }: { id: string }) {
  const { t } = useTranslation();
  const platformAdmin = useIsPlatformAdmin();
  const partner = api.useQuery('get', '/api/v1/partners/{id}', { params: { path: { id } } });
  if (partner.error) return <ProblemAlert error={partner.error} />;
  const data = partner.data;
  if (!data) return null;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{data.name}</Title>
        <Anchor component={Link} to={platformAdmin ? `/tenants?partner=${data.id}` : '/tenants'}>
          {t('partners.showTenants')}
        </Anchor>
      </Group>
      {platformAdmin ? (
        <EditPartner key={data.updatedAt} partner={data} />
      ) : (
        <Card withBorder>
          <Title order={3} size="h5" mb="xs">
            {t('partners.contacts')}
          </Title>
          {data.contacts.length === 0 ? (
            <Text size="sm">{t('partners.noContacts')}</Text>
          ) : (
            <Table aria-label={t('partners.contacts')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('partners.email')}</Table.Th>
                  <Table.Th>{t('partners.locale')}</Table.Th>
                  <Table.Th>{t('partners.timezone')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.contacts.map((c) => (
                  <Table.Tr key={c.email}>
                    <Table.Td>{c.email}</Table.Td>
                    <Table.Td>{c.locale}</Table.Td>
                    <Table.Td>{c.timezone}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Card>
      )}
    </Stack>
  );
}

export default function PartnerPage() {
  const { id = '' } = useParams();
  return <PartnerView id={id} />;
}
