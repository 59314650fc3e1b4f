import { Anchor, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, fetchClient, type Schemas } from '../../api/client';
import { ConfirmButton } from '../../components/Confirm';
import { Fact } from '../../components/Fact';
import { notifyDone, notifyProblem } from '../../components/feedback';
import { LoadFailed } from '../../components/LoadFailed';
import { TimeText } from '../../components/TimeText';
import { BatchCounts } from '../tasks/BatchesPage';
import { ConfirmationCard } from './ConfirmationCard';
import { RolloutStateBadge } from './RolloutsPage';

type Rollout = Schemas['RolloutResponse'];
type Action = 'pause' | 'resume' | 'cancel';

/** Which actions the API accepts in each state (docs/rollouts.md, "States and actions"). */
const ACTIONS: Record<Rollout['state'], Action[]> = {
  awaiting_confirmation: ['cancel'],
  scheduled: ['pause', 'cancel'],
  running: ['pause', 'cancel'],
  paused: ['resume', 'cancel'],
  succeeded: [],
  failed: [],
  stopped: [],
  cancelled: [],
};

const PATHS = {
  pause: '/api/v1/rollouts/{id}/pause',
  resume: '/api/v1/rollouts/{id}/resume',
  cancel: '/api/v1/rollouts/{id}/cancel',
} as const;

/**
 * One rollout: its state, its gates in words, each wave as a bar, pause / resume / cancel, and
 * while it awaits confirmation the code field.
 */
export default function RolloutPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const queries = useQueryClient();
  const rollout = api.useQuery(
    'get',
    '/api/v1/rollouts/{id}',
    { params: { path: { id } } },
    { refetchInterval: 2_000 },
  );
  if (rollout.error) {
    return (
      <LoadFailed
        title={t('rollouts.rollout')}
        error={rollout.error}
        back={{ to: '/rollouts', label: t('rollouts.back') }}
      />
    );
  }
  const data = rollout.data;
  if (!data) return null;
  const act = async (action: Action) => {
    const { data: done, error } = await fetchClient.POST(PATHS[action], {
      params: { path: { id } },
    });
    if (!done) {
      notifyProblem(error, t(`rollouts.${action}Failed`));
      throw error;
    }
    notifyDone(t(`rollouts.${action}Done`, { state: t(`rollouts.states.${done.state}`) }));
    await queries.invalidateQueries();
  };
  return (
    <Stack>
      <Group justify="space-between">
        <Group>
          <Title order={2}>{t('rollouts.rolloutTitle', { version: data.targetVersion })}</Title>
          <RolloutStateBadge state={data.state} />
        </Group>
        <Group gap="xs">
          {ACTIONS[data.state].map((action) => (
            <ConfirmButton
              key={action}
              label={t(`rollouts.${action}`)}
              title={t(`rollouts.${action}`)}
              message={t(`rollouts.${action}Confirm`)}
              confirmLabel={t(`rollouts.${action}`)}
              color={action === 'cancel' ? 'red' : 'blue'}
              onConfirm={() => act(action)}
            />
          ))}
        </Group>
      </Group>
      {data.state === 'awaiting_confirmation' && data.confirmation ? (
        <ConfirmationCard id={id} confirmation={data.confirmation} />
      ) : null}
      <Card withBorder>
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Fact label={t('batches.created')}>
              <TimeText value={data.createdAt} />
            </Fact>
            <Fact label={t('tasks.mode')}>{t(`update.modesShort.${data.mode}`)}</Fact>
            <Fact label={t('rollouts.batch')}>
              <Anchor component={Link} to={`/batches/${data.batchId}`} size="sm">
                {t('batches.total')}: {data.total}
              </Anchor>
            </Fact>
            <Fact label={t('rollouts.errorGate')}>{data.errorGate}</Fact>
            {data.pausedReason ? (
              <Fact label={t('rollouts.reason')}>{data.pausedReason}</Fact>
            ) : null}
          </Stack>
          <BatchCounts batch={data} />
        </Group>
      </Card>
      {data.waves.map((wave) => (
        <Card withBorder key={wave.index} aria-label={wave.name}>
          <Group justify="space-between" align="flex-start">
            <Stack gap={4}>
              <Title order={4}>
                {wave.name} · {t(`rollouts.waveStates.${wave.state}`)}
              </Title>
              <Text size="sm">{wave.gate}</Text>
            </Stack>
            <BatchCounts batch={wave} />
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
