import { Alert, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchClient, type Schemas } from '../../api/client';
import { toProblem } from '../../api/problem';
import { Fact } from '../../components/Fact';
import { notifyDone, notifyProblem, ProblemAlert } from '../../components/feedback';
import { TimeText } from '../../components/TimeText';

type Rollout = Schemas['RolloutResponse'];
type Confirmation = NonNullable<Rollout['confirmation']>;

/** The refusals of a code that the card words itself (docs/rollouts.md, "Confirming"). */
const REFUSALS = ['confirmation_code_wrong', 'confirmation_code_expired', 'confirmation_locked'];

/**
 * A rollout awaiting confirmation: why, where the code went and until when, a field for the code
 * (POST /rollouts/{id}/confirm) and "send a new code" (POST /rollouts/{id}/confirmation-code).
 */
export function ConfirmationCard({ id, confirmation }: { id: string; confirmation: Confirmation }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const refusal = error
    ? toProblem(error).details.find((d) => REFUSALS.includes(d.code ?? ''))
    : undefined;
  // Locked shows without a try (another viewer's wrong codes); a new code lifts it.
  const shown = confirmation.locked ? 'confirmation_locked' : refusal?.code;

  const confirm = async () => {
    setBusy(true);
    setError(null);
    const { data, error: failure } = await fetchClient.POST('/api/v1/rollouts/{id}/confirm', {
      params: { path: { id } },
      body: { code },
    });
    // The tries left and the lock are the rollout's: read again before the refusal is shown.
    await queries.invalidateQueries();
    setBusy(false);
    if (!data) return setError(failure);
    setCode('');
    notifyDone(
      t('rollouts.confirmation.confirmDone', { state: t(`rollouts.states.${data.state}`) }),
    );
  };
  const resend = async () => {
    setBusy(true);
    const { data, error: failure } = await fetchClient.POST(
      '/api/v1/rollouts/{id}/confirmation-code',
      { params: { path: { id } } },
    );
    await queries.invalidateQueries();
    setBusy(false);
    if (!data) return notifyProblem(failure, t('rollouts.confirmation.resendFailed'));
    setError(null);
    notifyDone(
      t('rollouts.confirmation.resendDone', { to: data.confirmation?.sentTo.join(', ') ?? '' }),
    );
  };

  return (
    <Card withBorder component="section" aria-label={t('rollouts.confirmation.title')}>
      <Stack>
        <Title order={3}>{t('rollouts.confirmation.title')}</Title>
        <Text size="sm">{t('rollouts.confirmation.intro')}</Text>
        <Group gap="xl" align="flex-start">
          <Fact label={t('rollouts.confirmation.reasons')}>
            {confirmation.reasons.map((r) => t(`rollouts.confirmation.reason.${r}`)).join(', ')}
          </Fact>
          <Fact label={t('rollouts.confirmation.sentTo')}>{confirmation.sentTo.join(', ')}</Fact>
          <Fact label={t('rollouts.confirmation.expiresAt')}>
            <TimeText value={confirmation.expiresAt} />
          </Fact>
          <Fact label={t('rollouts.confirmation.triesLeft')}>{confirmation.triesLeft}</Fact>
          <Fact label={t('rollouts.confirmation.cancelsAt')}>
            <TimeText value={confirmation.cancelsAt} />
          </Fact>
        </Group>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void confirm();
          }}
        >
          <Group align="flex-end">
            <TextInput
              label={t('rollouts.confirmation.code')}
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              autoComplete="one-time-code"
              spellCheck={false}
              required
              disabled={confirmation.locked}
            />
            <Button type="submit" loading={busy} disabled={confirmation.locked || !code.trim()}>
              {t('rollouts.confirmation.confirm')}
            </Button>
            <Button variant="light" onClick={() => void resend()} disabled={busy}>
              {t('rollouts.confirmation.resend')}
            </Button>
          </Group>
        </form>
        {shown ? (
          <Alert
            color="red"
            variant="light"
            role="alert"
            title={t('rollouts.confirmation.failed')}
            icon={<IconAlertTriangle aria-hidden />}
          >
            {shown === 'confirmation_code_wrong'
              ? t('rollouts.confirmation.wrong', { count: confirmation.triesLeft })
              : shown === 'confirmation_code_expired'
                ? t('rollouts.confirmation.expired')
                : t('rollouts.confirmation.locked')}
          </Alert>
        ) : (
          <ProblemAlert error={error} title={t('rollouts.confirmation.failed')} />
        )}
      </Stack>
    </Card>
  );
}
