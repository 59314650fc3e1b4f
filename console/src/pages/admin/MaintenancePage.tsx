import {
  Alert,
  Button,
  Card,
  Group,
  Modal,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, fetchClient, type Schemas } from '../../api/client';
import { usePreferences } from '../../app/preferences';
import { ConfirmButton } from '../../components/Confirm';
import { notifyDone, notifyProblem, ProblemAlert } from '../../components/feedback';
import { showProblemOnForm } from '../../components/forms';
import { TimeText } from '../../components/TimeText';
import { useIsPlatformAdmin, useSession } from '../../session/useSession';
import { wallTimeToIso } from '../../time/format';
import { DateTimeField } from '../../components/DateTimeField';
import { TABLE } from '../../components/table';
import { FormActions } from '../../components/FormActions';

type Impact = Schemas['CreatedMaintenanceResponse'];

/**
 * Announce platform maintenance: a dry run first says how many scheduled updates the period would
 * cancel or move, and only the confirmation announces it.
 */
function Announce({ platformId }: { platformId: string }) {
  const { t } = useTranslation();
  const { zone } = usePreferences();
  const queries = useQueryClient();
  const [impact, setImpact] = useState<Impact | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: {
      startsAt: null as string | null,
      endsAt: null as string | null,
      message: '',
      conflictPolicy: 'cancel' as 'cancel' | 'reschedule',
    },
  });
  const body = (dryRun: boolean) => {
    const v = form.getValues();
    return {
      startsAt: v.startsAt ? wallTimeToIso(v.startsAt, zone) : '',
      endsAt: v.endsAt ? wallTimeToIso(v.endsAt, zone) : '',
      message: v.message.trim(),
      conflictPolicy: v.conflictPolicy,
      dryRun,
    };
  };
  const check = form.onSubmit(async () => {
    setError(null);
    const { data, error: failure } = await fetchClient.POST(
      '/api/v1/platforms/{platformId}/maintenance',
      {
        params: { path: { platformId } },
        body: body(true),
      },
    );
    if (!data) return setError(showProblemOnForm(form, failure));
    setImpact(data);
  });
  const announce = async () => {
    setBusy(true);
    const { data, error: failure } = await fetchClient.POST(
      '/api/v1/platforms/{platformId}/maintenance',
      {
        params: { path: { platformId } },
        body: body(false),
      },
    );
    setBusy(false);
    setImpact(null);
    if (!data) return setError(showProblemOnForm(form, failure));
    notifyDone(
      t('maintenance.announced', {
        cancelled: data.affected.cancelled,
        moved: data.affected.rescheduled,
      }),
    );
    form.reset();
    await queries.invalidateQueries();
  };
  return (
    <Card withBorder>
      <form onSubmit={check} noValidate>
        <Stack>
          <Title order={3} size="h4">
            {t('maintenance.announce')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <DateTimeField
              label={t('maintenance.startsAt', { zone })}
              required
              {...form.getInputProps('startsAt')}
            />
            <DateTimeField
              label={t('maintenance.endsAt', { zone })}
              required
              {...form.getInputProps('endsAt')}
            />
          </SimpleGrid>
          <Textarea
            label={t('maintenance.message')}
            description={t('maintenance.messageHelp')}
            autosize
            minRows={2}
            required
            {...form.getInputProps('message')}
          />
          <Radio.Group
            label={t('maintenance.conflictPolicy')}
            {...form.getInputProps('conflictPolicy')}
          >
            <Stack gap={6} mt={4}>
              <Radio value="cancel" label={t('maintenance.policyCancel')} />
              <Radio value="reschedule" label={t('maintenance.policyReschedule')} />
            </Stack>
          </Radio.Group>
          <ProblemAlert error={error} />
          <Group justify="flex-end">
            <Button type="submit" loading={form.submitting}>
              {t('maintenance.announceButton')}
            </Button>
          </Group>
        </Stack>
      </form>
      <Modal
        opened={!!impact}
        onClose={() => setImpact(null)}
        title={t('maintenance.confirmTitle')}
      >
        {impact ? (
          <Stack>
            <Text>
              <TimeText value={impact.startsAt} /> – <TimeText value={impact.endsAt} />
            </Text>
            <Alert
              color={
                impact.affected.cancelled + impact.affected.rescheduled > 0 ? 'orange' : 'teal'
              }
              variant="light"
            >
              {t('maintenance.impact', {
                cancelled: impact.affected.cancelled,
                moved: impact.affected.rescheduled,
              })}
            </Alert>
            {impact.warnings.map((w) => (
              <Alert key={w} color="yellow" variant="light">
                {w}
              </Alert>
            ))}
            <FormActions
              onCancel={() => setImpact(null)}
              busy={busy}
              onAction={() => void announce()}
              color="orange"
              label={t('maintenance.confirm')}
            />
          </Stack>
        ) : null}
      </Modal>
    </Card>
  );
}

/** Platform maintenance: announced periods (and past ones), announcing and withdrawing. */
export default function MaintenancePage() {
  const { t } = useTranslation();
  const session = useSession();
  const platformAdmin = useIsPlatformAdmin();
  const queries = useQueryClient();
  const platforms = api.useQuery('get', '/api/v1/platforms', { params: { query: { limit: 500 } } });
  const [chosen, setChosen] = useState<string | null>(null);
  const [includePast, setIncludePast] = useState(false);
  const platformId = chosen ?? session.platformId ?? platforms.data?.items[0]?.id ?? null;
  const list = api.useQuery(
    'get',
    '/api/v1/platforms/{platformId}/maintenance',
    { params: { path: { platformId: platformId ?? '' }, query: { includePast, limit: 500 } } },
    { enabled: !!platformId },
  );
  return (
    <Stack>
      <Title order={2}>{t('maintenance.title')}</Title>
      <Group align="flex-end">
        <Select
          label={t('maintenance.platform')}
          data={(platforms.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
          value={platformId}
          onChange={setChosen}
          allowDeselect={false}
          w={280}
        />
        <Switch
          label={t('maintenance.includePast')}
          checked={includePast}
          onChange={(e) => setIncludePast(e.currentTarget.checked)}
        />
      </Group>
      <ProblemAlert error={list.error ?? platforms.error} />
      <DataTable
        fetching={list.isLoading}
        aria-label={t('maintenance.title')}
        {...TABLE}
        records={list.data?.items ?? []}
        noRecordsText={t('maintenance.none')}
        columns={[
          {
            accessor: 'startsAt',
            title: t('maintenance.from'),
            render: (m) => <TimeText value={m.startsAt} />,
          },
          {
            accessor: 'endsAt',
            title: t('maintenance.until'),
            render: (m) => <TimeText value={m.endsAt} />,
          },
          { accessor: 'message', title: t('maintenance.message') },
          {
            accessor: 'conflictPolicy',
            title: t('maintenance.conflictPolicy'),
            render: (m) => t(`maintenance.policy.${m.conflictPolicy}`),
          },
          ...(platformAdmin
            ? [
                {
                  accessor: 'id',
                  title: t('common.actions'),
                  render: (m: Schemas['MaintenanceResponse']) => (
                    <ConfirmButton
                      label={t('maintenance.withdraw')}
                      title={t('maintenance.withdraw')}
                      message={t('maintenance.withdrawConfirm')}
                      confirmLabel={t('maintenance.withdraw')}
                      onConfirm={async () => {
                        const { error, response } = await fetchClient.DELETE(
                          '/api/v1/platforms/{platformId}/maintenance/{maintenanceId}',
                          { params: { path: { platformId: m.platformId, maintenanceId: m.id } } },
                        );
                        if (!response.ok) {
                          notifyProblem(error, t('maintenance.withdrawFailed'));
                          throw error;
                        }
                        notifyDone(t('maintenance.withdrawn'));
                        await queries.invalidateQueries();
                      }}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
      {platformAdmin && platformId ? <Announce key={platformId} platformId={platformId} /> : null}
    </Stack>
  );
}
