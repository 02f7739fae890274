/// <reference types="vite/client" />
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/spotlight/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { App } from './app';
import { SIDE_PANEL_WIDTHS } from './components/side-panel';
import { cssVariablesResolver, theme } from './theme';

/** As wide as Mantine's default (440 px), and never wider than the room the settings panel leaves. */
const NOTIFICATIONS_WIDTH = `calc(min(440px, 100vw - ${SIDE_PANEL_WIDTHS.md}px - 3 * var(--mantine-spacing-md)))`;

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="auto">
        {/* At the left, beside the settings panel (on the right): at the right they lay
            over the panel's buttons and answers, and stayed there while the pointer rested on them. */}
        <Notifications position="bottom-left" containerWidth={NOTIFICATIONS_WIDTH} />
        <App />
      </MantineProvider>
    </StrictMode>,
  );
}
