import {
  AppShell,
  Badge,
  Burger,
  Button,
  Group,
  NavLink,
  ScrollArea,
  Select,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconLogout } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { fetchClient } from '../api/client';
import { LANGUAGE_NAMES, LANGUAGES, type Language } from '../i18n/language';
import { sessionStore } from '../session/session-store';
import { useSession } from '../session/useSession';
import { allTimeZones } from '../time/format';
import { usePreferences } from './preferences';
import { allowed, ROUTES } from './routes';

export function ViewerSettings() {
  const { t } = useTranslation();
  const { language, setLanguage, zone, setZone } = usePreferences();
  const zones = useMemo(() => allTimeZones(), []);
  return (
    <Group gap="xs" wrap="nowrap">
      <Select
        aria-label={t('settings.language')}
        data={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
        value={language}
        onChange={(value) => value && setLanguage(value as Language)}
        allowDeselect={false}
        w={120}
        size="xs"
      />
      <Select
        aria-label={t('settings.timeZone')}
        data={zones}
        value={zone}
        onChange={(value) => value && setZone(value)}
        searchable
        allowDeselect={false}
        w={190}
        size="xs"
      />
    </Group>
  );
}

function SignOutButton() {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const signOut = async () => {
    await fetchClient.DELETE('/api/v1/session').catch(() => undefined);
    sessionStore.signedOut('signed_out');
    queries.clear();
  };
  return (
    <Button
      variant="default"
      size="xs"
      leftSection={<IconLogout size={16} aria-hidden />}
      onClick={() => void signOut()}
    >
      {t('session.signOut')}
    </Button>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure();
  const sections = (['operations', 'platform'] as const).map((section) => ({
    section,
    routes: ROUTES.filter((r) => r.nav?.section === section && allowed(r, session.role)),
  }));
  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('nav.toggle')}
            />
            <Title order={1} size="h4">
              {t('app.name')}
            </Title>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <ViewerSettings />
            <Text size="sm" visibleFrom="md">
              {session.name}
            </Text>
            <Badge color={session.role === 'platform_admin' ? 'grape.9' : 'blue.9'}>
              {t(`roles.${session.role}`)}
            </Badge>
            <SignOutButton />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('nav.label')}>
        <AppShell.Section component={ScrollArea} grow>
          <Stack gap="md">
            {sections.map(({ section, routes }) => (
              <Stack gap={2} key={section}>
                <Text size="xs" fw={700} c="gray.7" tt="uppercase" px="sm">
                  {t(`nav.${section}`)}
                </Text>
                {routes.map((r) => {
                  const NavIcon = r.nav!.icon;
                  return (
                    <NavLink
                      key={r.path}
                      component={Link}
                      to={r.path}
                      label={t(r.nav!.label)}
                      leftSection={<NavIcon size={18} aria-hidden />}
                      active={location.pathname.startsWith(r.path)}
                      aria-current={location.pathname.startsWith(r.path) ? 'page' : undefined}
                      onClick={close}
                    />
                  );
                })}
              </Stack>
            ))}
          </Stack>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>{children}</AppShell.Main>
    </AppShell>
  );
}
