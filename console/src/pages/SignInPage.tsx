import {
  Alert,
  Anchor,
  Button,
  Card,
  Container,
  Group,
  PasswordInput,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconInfoCircle, IconTool } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { api, fetchClient } from '../api/client';
import { fieldErrors, toProblem } from '../api/problem';
import { ViewerSettings } from '../app/Layout';
import { TimeText } from '../components/TimeText';
import { ProblemAlert } from '../components/feedback';
import { sessionStore } from '../session/session-store';
import { useSessionState } from '../session/useSession';

/** Current and upcoming platform maintenance, shown to everyone before signing in (seed 003). */
function Announcements() {
  const { t } = useTranslation();
  const { data, error } = api.useQuery(
    'get',
    '/api/v1/announcements',
    {},
    { refetchInterval: 60_000 },
  );
  if (error) return <ProblemAlert error={error} title={t('signIn.announcementsFailed')} />;
  if (!data || data.items.length === 0) return null;
  return (
    <Stack gap="sm" component="section" aria-labelledby="maintenance-heading">
      <Title order={2} size="h4" id="maintenance-heading">
        {t('signIn.maintenanceTitle')}
      </Title>
      {data.items.map((a) => (
        <Alert
          key={a.id}
          color={a.status === 'current' ? 'orange' : 'blue'}
          variant="light"
          icon={<IconTool aria-hidden />}
          title={`${t(`signIn.${a.status}`)} · ${a.platformName}`}
        >
          <Text size="sm" fw={600}>
            <TimeText value={a.startsAt} /> – <TimeText value={a.endsAt} />
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {a.message}
          </Text>
        </Alert>
      ))}
    </Stack>
  );
}

export default function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { session, ended } = useSessionState();
  const [error, setError] = useState<unknown>(null);
  const form = useForm({ initialValues: { apiKey: '' } });
  const from = (location.state as { from?: string } | null)?.from;

  if (session) return <Navigate to={from ?? '/tenants'} replace />;

  const submit = form.onSubmit(async ({ apiKey }) => {
    setError(null);
    const { data, error: failure } = await fetchClient.POST('/api/v1/session', {
      body: { apiKey: apiKey.trim() },
    });
    // The key leaves the page: only the HttpOnly cookie signs the browser in from here on.
    form.reset();
    if (!data) {
      const problem = toProblem(failure);
      form.setErrors(fieldErrors(problem, ['apiKey']));
      setError(failure);
      return;
    }
    sessionStore.signedIn(data);
    void navigate(from ?? '/tenants', { replace: true });
  });

  return (
    <Container size={560} py="xl">
      <Stack gap="lg">
        <Group justify="space-between" wrap="wrap">
          <Title order={1} size="h2">
            {t('app.name')}
          </Title>
          <ViewerSettings />
        </Group>
        <Announcements />
        <Card withBorder padding="lg" component="main">
          <form onSubmit={submit} noValidate>
            <Stack>
              <Title order={2} size="h3">
                {t('signIn.title')}
              </Title>
              {ended === 'expired' ? (
                <Alert color="yellow" variant="light" icon={<IconInfoCircle aria-hidden />}>
                  {t('signIn.sessionEnded')}
                </Alert>
              ) : null}
              {ended === 'signed_out' ? (
                <Alert color="teal" variant="light" icon={<IconInfoCircle aria-hidden />}>
                  {t('signIn.signedOut')}
                </Alert>
              ) : null}
              <PasswordInput
                label={t('signIn.apiKey')}
                description={t('signIn.apiKeyHelp')}
                autoComplete="off"
                required
                {...form.getInputProps('apiKey')}
              />
              {error && !form.errors.apiKey ? <ProblemAlert error={error} /> : null}
              <Button type="submit" loading={form.submitting}>
                {t('signIn.submit')}
              </Button>
              <Text size="xs">
                <IconAlertTriangle size={12} aria-hidden /> {t('signIn.keyNotStored')}{' '}
                <Anchor href="/docs" size="xs">
                  {t('signIn.apiDocs')}
                </Anchor>
              </Text>
            </Stack>
          </form>
        </Card>
      </Stack>
    </Container>
  );
}
