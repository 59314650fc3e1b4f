import { Center, Loader, Stack, Text, Title } from '@mantine/core';
import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Outlet, Route, Routes, useLocation } from 'react-router';
import { fetchClient } from '../api/client';
import SignInPage from '../pages/SignInPage';
import { sessionStore } from '../session/session-store';
import { useSession, useSessionState } from '../session/useSession';
import { Layout } from './Layout';
import { allowed, type ConsoleRoute, ROUTES } from './routes';

function Loading() {
  const { t } = useTranslation();
  return (
    <Center h={200}>
      <Loader aria-label={t('common.loading')} />
    </Center>
  );
}

/** The part of the console behind sign-in: without a session, the sign-in page. */
function SignedIn() {
  const { session, known } = useSessionState();
  const location = useLocation();
  if (!known) return <Loading />;
  if (!session)
    return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  return (
    <Layout>
      <Suspense fallback={<Loading />}>
        <Outlet />
      </Suspense>
    </Layout>
  );
}

function NotAvailable() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={2}>{t('common.notAvailableTitle')}</Title>
      <Text>{t('common.notAvailable')}</Text>
    </Stack>
  );
}

function RoutePage({ route }: { route: ConsoleRoute }) {
  const session = useSession();
  if (!allowed(route, session.role)) return <NotAvailable />;
  const Page = route.page;
  return <Page />;
}

export function App() {
  useEffect(() => {
    fetchClient
      .GET('/api/v1/session')
      .then(({ data }) => (data ? sessionStore.signedIn(data) : sessionStore.signedOut()))
      .catch(() => sessionStore.signedOut());
  }, []);
  return (
    <BrowserRouter>
      <Routes>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route element={<SignedIn />}>
          <Route index element={<Navigate to="/tenants" replace />} />
          {ROUTES.map((route) => (
            <Route key={route.path} path={route.path} element={<RoutePage route={route} />} />
          ))}
          <Route path="*" element={<NotAvailable />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
