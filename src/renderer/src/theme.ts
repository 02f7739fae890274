/**
 * The app's Mantine theme, and the colours Mantine's defaults give too little
 * contrast for (WCAG AA, checked by axe-core on every screenshotted state):
 * dimmed text, error text, and the text of light-variant buttons, badges and
 * alert titles in the light scheme (shade 9 on shade 1 is under 4.5:1 for
 * yellow, orange, teal, lime, green and cyan).
 */
import { createTheme, darken, DEFAULT_THEME, type CSSVariablesResolver } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'violet',
  fontFamilyMonospace: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
  defaultRadius: 'md',
  components: {
    // A field's example text stays grey when the field says what is wrong: in red it would read as input refused.
    Input: { styles: { input: { '--input-placeholder-color': 'var(--mantine-color-placeholder)' } } },
    // Every notification can be closed, by a button that says what it does.
    // Its description is at full contrast (Mantine's default grey is under 4.5:1).
    Notification: {
      defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss notification' } },
      styles: { description: { color: 'var(--mantine-color-text)' } },
    },
  },
});

/** Colours whose shade 9 on shade 1 falls short of 4.5:1; their light-variant text is darkened. */
const PALE = ['yellow', 'orange', 'teal', 'lime', 'green', 'cyan'] as const;

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    ...Object.fromEntries(PALE.map((name) => [`--mantine-color-${name}-light-color`, darken(DEFAULT_THEME.colors[name][9], 0.35)])),
  },
  dark: {
    '--mantine-color-dimmed': 'var(--mantine-color-dark-1)',
    '--mantine-color-error': 'var(--mantine-color-red-4)',
  },
});
