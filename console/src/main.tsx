import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import 'mantine-datatable/styles.css';
import './app/overrides.css';
import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import 'dayjs/locale/de';
import 'dayjs/locale/it';
import { StrictMode, type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { PreferencesProvider, usePreferences } from './app/preferences';
import { cssVariablesResolver, makeTheme } from './app/theme';
import './i18n';

const queries = new QueryClient({
  defaultOptions: {
    queries: { retry: false, refetchOnWindowFocus: true, staleTime: 5_000 },
  },
});

/** Mantine in the viewer's language: its own labels and the date pickers' locale. */
function Themed({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { language } = usePreferences();
  const theme = useMemo(() => makeTheme(t('common.close')), [t]);
  return (
    <MantineProvider
      theme={theme}
      defaultColorScheme="light"
      cssVariablesResolver={cssVariablesResolver}
    >
      <DatesProvider settings={{ locale: language, firstDayOfWeek: 1 }}>{children}</DatesProvider>
    </MantineProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queries}>
      <PreferencesProvider>
        <Themed>
          <Notifications position="top-right" />
          <App />
        </Themed>
      </PreferencesProvider>
    </QueryClientProvider>
  </StrictMode>,
);
