import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import 'mantine-datatable/styles.css';
import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import 'dayjs/locale/de';
import 'dayjs/locale/it';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { PreferencesProvider, usePreferences } from './app/preferences';
import { theme } from './app/theme';
import './i18n';

const queries = new QueryClient({
  defaultOptions: {
    queries: { retry: false, refetchOnWindowFocus: true, staleTime: 5_000 },
  },
});

function Dates({ children }: { children: ReactNode }) {
  const { language } = usePreferences();
  return (
    <DatesProvider settings={{ locale: language, firstDayOfWeek: 1 }}>{children}</DatesProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light">
      <QueryClientProvider client={queries}>
        <PreferencesProvider>
          <Dates>
            <Notifications position="top-right" />
            <App />
          </Dates>
        </PreferencesProvider>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
