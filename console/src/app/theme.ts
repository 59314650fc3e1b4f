import { createTheme } from '@mantine/core';

/**
 * Mantine's defaults, with dimmed text dark enough for WCAG AA contrast (axe checks every page).
 */
export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  other: {},
});
