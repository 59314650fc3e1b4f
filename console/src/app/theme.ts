import {
  Alert,
  createTheme,
  type CSSVariablesResolver,
  type MantineThemeOverride,
  Modal,
} from '@mantine/core';

/**
 * Mantine's defaults made to pass WCAG AA contrast (axe checks every page): the primary color at
 * shade 8 (links, filled buttons). Dialogs name their close button in the viewer's language.
 */
export function makeTheme(closeLabel: string): MantineThemeOverride {
  return createTheme({
    primaryColor: 'indigo',
    primaryShade: 8,
    defaultRadius: 'sm',
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
    components: {
      Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': closeLabel } } }),
      // An alert's title in the text color: its colored light background is contrast enough.
      Alert: Alert.extend({ styles: { title: { color: 'var(--mantine-color-text)' } } }),
    },
  });
}

/**
 * Text on light backgrounds (badges, alerts, descriptions, placeholders, empty lists) at shades
 * that reach 4.5:1 against them.
 */
export const cssVariablesResolver: CSSVariablesResolver = (theme) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': theme.colors.gray[7],
    '--mantine-color-placeholder': theme.colors.gray[7],
    '--mantine-primary-color-light-color': theme.colors[theme.primaryColor][9],
    // Links stay readable on the tinted background of a selected row.
    '--mantine-color-anchor': theme.colors[theme.primaryColor][9],
    ...Object.fromEntries(
      Object.entries(theme.colors).map(([name, shades]) => [
        `--mantine-color-${name}-light-color`,
        shades[9],
      ]),
    ),
  },
  dark: {},
});
