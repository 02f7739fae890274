/**
 * The window: a header with the active connection, its key's state and
 * settings, and the lookup. `data-app-state` on the root says when the first
 * status has loaded.
 */
import { ActionIcon, Alert, AppShell, Button, Container, Group, Loader, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconSettings } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import type { AppError } from '../../shared/errors';
import type { KeyStatus } from '../../shared/key-status';
import { activeConnection, type Connections, type LoadedSettings } from '../../shared/connections';
import { call } from './api';
import { KeyStatusBadge } from './components/key-status-badge';
import { ConnectionSwitcher } from './features/connections/connection-switcher';
import { LookupPanel } from './features/lookup/lookup-panel';
import { SettingsDrawer } from './features/settings/settings-drawer';

/** The least time between two checks of a keychain that has a problem, on the window's return to the front. */
const RECHECK_INTERVAL_MS = 5_000;

export function App() {
  const [status, setStatus] = useState<KeyStatus | null>(null);
  const [settings, setSettings] = useState<LoadedSettings | null>(null);
  const [startupError, setStartupError] = useState<AppError | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);

  useEffect(() => {
    void Promise.all([call('getKeyStatus'), call('getSettings')]).then(([key, loaded]) => {
      if (key.ok) setStatus(key.value);
      if (loaded.ok) setSettings(loaded.value);
      if (!key.ok || !loaded.ok) setStartupError(!key.ok ? key.error : !loaded.ok ? loaded.error : null);
    });
  }, []);

  // The keychain state is the truth: while the keychain has a problem (a locked keyring, no Secret
  // Service), it is asked again when the window is back in front, so unlocking it needs no restart.
  // Only then, and at most every few seconds: asking a locked keyring may raise an unlock prompt,
  // and closing that prompt brings the window back to the front.
  const hasProblem = Boolean(status?.keychainProblem);
  const lastRecheck = useRef(0);
  useEffect(() => {
    if (!hasProblem) return undefined;
    const recheck = () => {
      if (Date.now() - lastRecheck.current < RECHECK_INTERVAL_MS) return;
      lastRecheck.current = Date.now();
      void call('getKeyStatus').then((key) => {
        if (key.ok) setStatus(key.value);
      });
    };
    window.addEventListener('focus', recheck);
    return () => window.removeEventListener('focus', recheck);
  }, [hasProblem]);

  /** The list as main now holds it; the key status follows the active connection. */
  function onConnections(next: Connections) {
    const switched = next.active !== settings?.active;
    setSettings((previous) => ({ ...next, notice: previous?.notice }));
    if (switched) {
      void call('getKeyStatus').then((key) => {
        if (key.ok) setStatus(key.value);
      });
    }
  }

  async function switchTo(id: string) {
    const outcome = await call('switchConnection', { id });
    if (outcome.ok) onConnections(outcome.value);
    else notifications.show({ color: 'red', title: 'Could not switch connection', message: outcome.error.message });
  }

  // [] : the shortcut works from text fields too, where focus usually is.
  useHotkeys([['mod+,', () => setSettingsOpen(true)]], []);
  const ready = status !== null && settings !== null;

  return (
    <AppShell header={{ height: 52 }} padding="md" data-app-state={ready ? 'loaded' : startupError ? 'failed' : 'loading'}>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Title order={1} size="h4">Adapty Inspector</Title>
          <Group gap="xs" wrap="nowrap">
            {settings && <ConnectionSwitcher connections={settings} onSwitch={(id) => void switchTo(id)} onManage={() => setSettingsOpen(true)} />}
            <KeyStatusBadge status={status} onClick={() => setSettingsOpen(true)} />
            <Tooltip label="Settings (Ctrl/⌘ + ,)">
              <ActionIcon variant="default" size="lg" aria-label="Open settings" onClick={() => setSettingsOpen(true)} disabled={!ready}>
                <IconSettings size={18} />
              </ActionIcon>
            </Tooltip>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main>
        <Container size="lg" px={0}>
          <Stack gap="md">
            {startupError && (
              <Alert role="alert" color="red" title="The app could not start properly">
                {startupError.message}
              </Alert>
            )}
            {!ready && !startupError && (
              <Group gap="sm"><Loader size="sm" /><Text size="sm">Starting…</Text></Group>
            )}
            {status && !status.configured && (
              <Alert color="violet" variant="light" title="Add your Adapty secret key to start" data-testid="first-run">
                <Stack gap="xs" align="flex-start">
                  <Text size="sm">
                    Lookups use your app's secret API key (Adapty dashboard → App settings → General → API keys).
                    It is kept in the OS keychain and never shown again.
                  </Text>
                  <Button size="xs" onClick={() => setSettingsOpen(true)}>Add API key</Button>
                </Stack>
              </Alert>
            )}
            {ready && <LookupPanel connection={activeConnection(settings)} onOpenSettings={() => setSettingsOpen(true)} />}
          </Stack>
        </Container>
      </AppShell.Main>
      {status && settings && (
        <SettingsDrawer
          opened={settingsOpen}
          onClose={() => setSettingsOpen(false)}
          status={status}
          onStatus={setStatus}
          settings={settings}
          onConnections={onConnections}
          onSwitch={(id) => void switchTo(id)}
        />
      )}
    </AppShell>
  );
}
