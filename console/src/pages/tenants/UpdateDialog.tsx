import {
  Alert,
  Checkbox,
  List,
  Loader,
  Modal,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, fetchClient, type Schemas } from '../../api/client';
import { usePreferences } from '../../app/preferences';
import { notifyDone, ProblemAlert } from '../../components/feedback';
import { TimeText } from '../../components/TimeText';
import {
  DEFAULT_CHOICES,
  groupRefusals,
  missingChoice,
  scheduleRequest,
  type UpdateChoices,
  type UpdateScope,
} from '../../lib/update-request';
import { useIsPlatformAdmin } from '../../session/useSession';
import { DateTimeField } from '../../components/DateTimeField';
import { WhenChoice } from '../../components/WhenChoice';
import { FormActions } from '../../components/FormActions';

function VersionChoice({
  platformId,
  value,
  onChange,
}: {
  platformId: string | null;
  value: string | null;
  onChange(value: string | null): void;
}) {
  const { t } = useTranslation();
  const platformAdmin = useIsPlatformAdmin();
  const versions = api.useQuery(
    'get',
    '/api/v1/platforms/{platformId}/versions',
    { params: { path: { platformId: platformId ?? '' }, query: { limit: 500 } } },
    { enabled: !!platformId },
  );
  if (!platformId) {
    return (
      <TextInput
        label={t('update.targetVersion')}
        description={t('update.versionFreeText')}
        value={value ?? ''}
        onChange={(e) => onChange(e.currentTarget.value.trim() || null)}
        required
      />
    );
  }
  const data = (versions.data?.items ?? [])
    .filter((v) => platformAdmin || v.channel !== 'test')
    .map((v) => ({
      value: v.version,
      label: `${v.version} · ${t(`channels.${v.channel}`)}`,
      disabled: v.channel === 'prohibited',
    }));
  return (
    <Select
      label={t('update.targetVersion')}
      placeholder={versions.isLoading ? t('common.loading') : t('update.pickVersion')}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      required
      nothingFoundMessage={t('update.noVersions')}
    />
  );
}

type Preview = Schemas['ScheduleResponse'];

function PreviewPanel({ preview, loading }: { preview?: Preview; loading: boolean }) {
  const { t, i18n } = useTranslation();
  const { zone } = usePreferences();
  if (loading && !preview) return <Loader size="sm" aria-label={t('update.previewing')} />;
  if (!preview) return null;
  const refusals = groupRefusals(preview.skipped);
  const n = (x: number) => x.toLocaleString(i18n.language);
  return (
    <Stack gap="xs" aria-live="polite" aria-busy={loading}>
      <Title order={3} size="h5">
        {t('update.previewTitle')}
      </Title>
      <Text fw={600}>
        {t('update.willUpdate', { count: preview.created, n: n(preview.created) })}
      </Text>
      {preview.slots.length > 0 ? (
        <List size="sm" spacing={2}>
          {preview.slots.slice(0, 8).map((slot) => (
            <List.Item key={`${slot.runAt} ${slot.timezone}`}>
              {t('update.slot', { count: slot.tenants, n: n(slot.tenants) })}{' '}
              <TimeText value={slot.runAt} zone={slot.timezone} /> {slot.timezone}
              {slot.timezone !== zone ? (
                <>
                  {` · ${t('update.yourTime')} `}
                  <TimeText value={slot.runAt} />
                </>
              ) : null}
            </List.Item>
          ))}
          {preview.slots.length > 8 ? (
            <List.Item>{t('update.moreSlots', { count: preview.slots.length - 8 })}</List.Item>
          ) : null}
        </List>
      ) : null}
      {refusals.length > 0 ? (
        <Alert
          color="orange"
          variant="light"
          title={t('update.refusedTitle', {
            count: preview.skipped.length,
            n: n(preview.skipped.length),
          })}
        >
          <List size="sm" spacing={2}>
            {refusals.map((r) => (
              <List.Item key={r.code}>
                <Text span fw={600}>
                  {`${n(r.count)} × ${t(`refusals.${r.code as 'open_task'}`, { defaultValue: r.code })}`}
                </Text>
                {` — ${r.reason}`}
              </List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
      {preview.warnings.map((w) => (
        <Alert key={w} color="yellow" variant="light" icon={<IconAlertTriangle aria-hidden />}>
          {w}
        </Alert>
      ))}
    </Stack>
  );
}

interface DialogProps {
  opened: boolean;
  onClose(): void;
  scope: UpdateScope;
  platformId: string | null;
  title: string;
}

/** Seed 003's update dialog: when, which version, the options, and a preview before scheduling. */
export function UpdateDialog(props: DialogProps) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} size="lg">
      <UpdateForm {...props} />
    </Modal>
  );
}

/** The dialog's content: mounted when the dialog opens, so every opening starts afresh. */
function UpdateForm({ opened, onClose, scope, platformId }: DialogProps) {
  const { t, i18n } = useTranslation();
  const { zone } = usePreferences();
  const platformAdmin = useIsPlatformAdmin();
  const queries = useQueryClient();
  const [choices, setChoices] = useState<UpdateChoices>(DEFAULT_CHOICES);
  const [error, setError] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  const set = (patch: Partial<UpdateChoices>) => setChoices((c) => ({ ...c, ...patch }));

  const missing = missingChoice(choices);
  // Compared as text: the scope and the choices are new objects on every render.
  const previewKey = missing ? null : JSON.stringify(scheduleRequest(scope, choices, zone, true));
  const [debounced] = useDebouncedValue(previewKey, 300);
  const preview = useQuery({
    queryKey: ['update-preview', debounced],
    enabled: opened && !!debounced,
    retry: false,
    staleTime: 0,
    gcTime: 0,
    queryFn: async () => {
      const body = JSON.parse(debounced!) as ReturnType<typeof scheduleRequest>;
      const { data, error: failure } = await fetchClient.POST('/api/v1/update-tasks', { body });
      if (!data) throw failure;
      return data;
    },
  });

  const refused = preview.data?.skipped.length ?? 0;
  const downgrades =
    preview.data?.skipped.filter((s) => s.code === 'downgrade_not_allowed').length ?? 0;
  const canSend =
    !missing &&
    !!preview.data &&
    preview.data.created > 0 &&
    (refused === 0 || choices.skipRefused);

  const send = async () => {
    setSending(true);
    setError(null);
    const { data, error: failure } = await fetchClient.POST('/api/v1/update-tasks', {
      body: scheduleRequest(scope, choices, zone, false),
    });
    setSending(false);
    if (!data) return setError(failure);
    notifyDone(
      t('update.scheduled', { count: data.created, n: data.created.toLocaleString(i18n.language) }),
    );
    await queries.invalidateQueries();
    onClose();
  };

  return (
    <Stack>
      <WhenChoice value={choices.mode} onChange={(mode) => set({ mode })} />
      {choices.mode === 'custom' ? (
        <DateTimeField
          label={t('update.customTime', { zone })}
          value={choices.customTime}
          onChange={(value) => set({ customTime: value })}
          minDate={new Date()}
          required
          clearable
        />
      ) : null}
      <VersionChoice
        platformId={platformId}
        value={choices.targetVersion}
        onChange={(targetVersion) => set({ targetVersion })}
      />
      <Stack gap={6}>
        {platformAdmin ? (
          <Checkbox
            label={t('update.forced')}
            description={t('update.forcedHelp')}
            checked={choices.forced}
            onChange={(e) => set({ forced: e.currentTarget.checked })}
          />
        ) : null}
        <Checkbox
          label={t('update.redeploy')}
          checked={choices.redeploy}
          onChange={(e) => set({ redeploy: e.currentTarget.checked })}
        />
        <Checkbox
          label={t('update.notifyPartner')}
          checked={choices.notifyPartner}
          onChange={(e) => set({ notifyPartner: e.currentTarget.checked })}
        />
        <Checkbox
          label={t('update.notifyCustomer')}
          checked={choices.notifyCustomer}
          onChange={(e) => set({ notifyCustomer: e.currentTarget.checked })}
        />
        {downgrades > 0 || choices.allowDowngrade ? (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} p="xs">
            <Checkbox
              label={t('update.allowDowngrade', { count: downgrades })}
              checked={choices.allowDowngrade}
              onChange={(e) => set({ allowDowngrade: e.currentTarget.checked })}
            />
          </Alert>
        ) : null}
      </Stack>
      {missing ? (
        <Text size="sm">{t(`update.missing.${missing}`)}</Text>
      ) : (
        <PreviewPanel preview={preview.data} loading={preview.isFetching} />
      )}
      <ProblemAlert error={preview.error} title={t('update.previewFailed')} />
      {refused > 0 ? (
        <Checkbox
          label={t('update.skipRefused', { count: refused })}
          checked={choices.skipRefused}
          onChange={(e) => set({ skipRefused: e.currentTarget.checked })}
        />
      ) : null}
      <ProblemAlert error={error} />
      <FormActions
        onCancel={onClose}
        busy={sending}
        onAction={() => void send()}
        disabled={!canSend}
        label={t('update.submit', { count: preview.data?.created ?? 0 })}
      />
      <Text size="xs">
        {t('update.batchesHint')} <Link to="/batches">{t('nav.batches')}</Link>
      </Text>
    </Stack>
  );
}
