import { Badge, Button, Card, Group, SimpleGrid, Stack, TagsInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, fetchClient } from '../../api/client';
import { notifyDone, notifyProblem } from '../../components/feedback';
import { TenantStateBadge } from '../../components/status';
import { TasksTable } from '../../components/TasksTable';
import { TimeText } from '../../components/TimeText';
import { PendingUpdate } from './TenantsPage';
import { UpdateDialog } from './UpdateDialog';
import { Fact } from '../../components/Fact';
import { LoadFailed } from '../../components/LoadFailed';

/** A tenant's tags, saved with PATCH (they replace the old ones). */
function TagsEditor({ id, initial }: { id: string; initial: string[] }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [tags, setTags] = useState(initial);
  const save = async () => {
    const { data, error } = await fetchClient.PATCH('/api/v1/tenants/{id}', {
      params: { path: { id } },
      body: { tags },
    });
    if (!data) return notifyProblem(error, t('tenants.tagsFailed'));
    notifyDone(t('tenants.tagsSaved'));
    await queries.invalidateQueries();
  };
  return (
    <Group align="flex-end" mt="md" gap="xs">
      <TagsInput
        label={t('tenants.tags')}
        value={tags}
        onChange={(next) => setTags(next.map((x) => x.toLowerCase()))}
        style={{ flex: 1 }}
      />
      <Button variant="light" onClick={() => void save()}>
        {t('common.save')}
      </Button>
    </Group>
  );
}

/** One tenant: its window and next window, nodes, tags, the pending update and its task history. */
export default function TenantPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const [dialog, setDialog] = useState(false);
  const tenant = api.useQuery('get', '/api/v1/tenants/{id}', { params: { path: { id } } });

  if (tenant.error) {
    return (
      <LoadFailed
        title={t('tenants.tenant')}
        error={tenant.error}
        back={{ to: '/tenants', label: t('tenants.back') }}
      />
    );
  }
  const data = tenant.data;
  if (!data) return null;

  const window = data.maintenanceWindow;

  return (
    <Stack>
      <Group justify="space-between">
        <Group gap="sm">
          <Title order={2}>{data.name}</Title>
          <TenantStateBadge state={data.state} />
        </Group>
        <Button onClick={() => setDialog(true)} disabled={data.state === 'updating'}>
          {t('tenants.updateOne')}
        </Button>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Title order={3} size="h5" mb="sm">
            {t('tenants.details')}
          </Title>
          <SimpleGrid cols={2} spacing="sm">
            <Fact label={t('tenants.version')}>{data.softwareVersion}</Fact>
            <Fact label={t('tenants.customerEmail')}>{data.customerEmail ?? '—'}</Fact>
            <Fact label={t('tenants.locale')}>{data.locale}</Fact>
            <Fact label={t('tenants.timezone')}>{data.timezone}</Fact>
            <Fact label={t('tenants.autoUpdate')}>
              {data.autoUpdateAllowed ? t('common.yes') : t('common.no')}
            </Fact>
            <Fact label={t('tenants.customizations')}>
              {data.customizations ? t('common.yes') : t('common.no')}
            </Fact>
            <Fact label={t('tenants.nodes')}>
              {data.nodes.length === 0 ? (
                t('tenants.singleNode')
              ) : (
                <Group gap={4}>
                  {data.nodes.map((node) => (
                    <Badge key={node.name} variant="outline" color="gray">
                      {node.name}
                    </Badge>
                  ))}
                </Group>
              )}
            </Fact>
            <Fact label={t('tenants.pending')}>
              <PendingUpdate tenant={data} />
            </Fact>
          </SimpleGrid>
        </Card>
        <Card withBorder>
          <Title order={3} size="h5" mb="sm">
            {t('tenants.window')}
          </Title>
          <SimpleGrid cols={2} spacing="sm">
            <Fact label={t('tenants.windowCron')}>
              <code>{window.cron}</code>
            </Fact>
            <Fact label={t('tenants.windowLength')}>
              {t('tenants.minutes', { count: window.durationMinutes })}
            </Fact>
            <Fact label={t('tenants.windowZone')}>{window.timezone}</Fact>
            <Fact label={t('tenants.nextWindow')}>
              <TimeText value={data.nextMaintenanceWindow.start} />
            </Fact>
            <Fact label={t('tenants.nextWindowTenant')}>
              <TimeText value={data.nextMaintenanceWindow.start} zone={window.timezone} />
              {' – '}
              <TimeText
                value={data.nextMaintenanceWindow.end}
                zone={window.timezone}
                style="time"
              />
            </Fact>
          </SimpleGrid>
          <TagsEditor key={data.updatedAt} id={id} initial={data.tags} />
        </Card>
      </SimpleGrid>
      <Title order={3} size="h4">
        {t('tenants.history')}
      </Title>
      <TasksTable filters={{ tenantId: id }} showTenant={false} label={t('tenants.history')} />
      <UpdateDialog
        opened={dialog}
        onClose={() => setDialog(false)}
        scope={{ tenantIds: [id] }}
        platformId={data.platformId}
        title={t('update.titleOne', { name: data.name })}
      />
    </Stack>
  );
}
