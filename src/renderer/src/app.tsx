/**
 * The window: a header with the active connection, its key's state and
 * settings, and the lookup. `data-app-state` on the root says when the first
 * status has loaded.
 */
import { ActionIcon, Alert, AppShell, Button, Container, Group, Loader, SegmentedControl, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconHistory, IconSettings } from '@tabler/icons-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError } from '../../shared/errors';
import type { History, HistoryEntry } from '../../shared/history';
import type { KeyStatus } from '../../shared/key-status';
import { activeConnection, findConnection, type Connections, type LoadedSettings } from '../../shared/connections';
import type { DeepLinkOutcome } from '../../shared/deep-link';
import { call } from './api';
import { KeyStatusBadge } from './components/key-status-badge';
import { ViewPane } from './components/view-pane';
import { BatchPanel } from './features/batch/batch-panel';
import { ConnectionSwitcher } from './features/connections/connection-switcher';
import { DemoIds } from './features/demo/demo-ids';
import { HistoryDrawer } from './features/history/history-drawer';
import { LookupPanel, type RequestedSearch } from './features/lookup/lookup-panel';
import { CommandPalette } from './features/palette/command-palette';
import { SettingsDrawer, type SettingsTarget } from './features/settings/settings-drawer';

/** The two views: one ID at a time, or many. */
type View = 'lookup' | 'batch';

/** The least time between two checks of a keychain that has a problem, on the window's return to the front. */
const RECHECK_INTERVAL_MS = 5_000;

export function App() {
  const [status, setStatus] = useState<KeyStatus | null>(null);
  const [settings, setSettings] = useState<LoadedSettings | null>(null);
  const [startupError, setStartupError] = useState<AppError | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  /** The field the settings are opened for (the key, the timeout), if any. */
  const [settingsTarget, setSettingsTarget] = useState<SettingsTarget | null>(null);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [history, setHistory] = useState<History | null>(null);
  const [requested, setRequested] = useState<RequestedSearch | null>(null);
  const [ticket, setTicket] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const [view, setView] = useState<View>('lookup');
  const ready = status !== null && settings !== null;
  /** Why the last link from a ticket tool could not be opened (nothing ran). */
  const [linkError, setLinkError] = useState<string | null>(null);
  /** The connections as last rendered, for links handled from an event. */
  const current = useRef<LoadedSettings | null>(null);
  useEffect(() => {
    current.current = settings;
  }, [settings]);

  /** Opens the settings; at `target`'s field when one is given (a way to the key, or to the timeout). */
  const openSettings = useCallback((target: SettingsTarget | null = null) => {
    setSettingsTarget(target);
    setSettingsOpen(true);
  }, []);

  /** The active connection's key status, asked again (after a switch, or when a keychain with a problem may have recovered). */
  const refreshStatus = useCallback(() => {
    void call('getKeyStatus').then((key) => key.ok && setStatus(key.value));
  }, []);

  const refreshHistory = useCallback(() => {
    void call('getHistory').then((loaded) => loaded.ok && setHistory(loaded.value));
  }, []);

  useEffect(() => {
    refreshHistory();
    void Promise.all([call('getKeyStatus'), call('getSettings')]).then(([key, loaded]) => {
      if (key.ok) setStatus(key.value);
      if (loaded.ok) setSettings(loaded.value);
      if (!key.ok || !loaded.ok) setStartupError(!key.ok ? key.error : !loaded.ok ? loaded.error : null);
    });
  }, [refreshHistory]);

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
      refreshStatus();
    };
    window.addEventListener('focus', recheck);
    return () => window.removeEventListener('focus', recheck);
  }, [hasProblem, refreshStatus]);

  /**
   * The list as main now holds it, after a change main accepted (which also ends a notice about the settings
   * file, as main's next getSettings would); the key status follows the active connection.
   */
  function onConnections(next: Connections) {
    const switched = next.active !== settings?.active;
    setSettings(next);
    if (switched) refreshStatus();
  }

  /** Demo data: main starts its local sample server and makes the demo connection active. */
  async function startDemo() {
    const outcome = await call('startDemo');
    if (outcome.ok) {
      onConnections(outcome.value);
      setSettingsOpen(false);
      setFocusRequest((n) => n + 1);
    } else notifications.show({ color: 'red', title: 'The demo could not start', message: outcome.error.message });
  }

  async function switchTo(id: string) {
    const outcome = await call('switchConnection', { id });
    if (outcome.ok) onConnections(outcome.value);
    else notifications.show({ color: 'red', title: 'Could not switch connection', message: outcome.error.message });
  }

  /** A past lookup again: through its own connection (switched to first when it still exists). */
  async function rerun(entry: HistoryEntry) {
    setHistoryOpen(false);
    if (settings && entry.connectionId !== settings.active) {
      if (!settings.connections.some(({ id }) => id === entry.connectionId)) {
        notifications.show({ color: 'red', title: 'That connection is gone', message: `${entry.connectionName} was removed; the lookup runs through the active connection.` });
      } else await switchTo(entry.connectionId);
    }
    setView('lookup');
    setRequested({ idType: entry.idType, id: entry.id, nonce: Date.now() });
  }

  /** A link from a ticket tool: its lookup runs through the connection it names (or the active one); a bad link runs nothing. */
  async function openLink(link: DeepLinkOutcome) {
    const all = current.current;
    if (!all) return;
    setSettingsOpen(false);
    setHistoryOpen(false);
    if (!link.ok) {
      setLinkError(link.error.message);
      return;
    }
    const { idType, id, connection } = link.value;
    if (connection !== undefined) {
      const target = findConnection(all.connections, connection);
      if (!target) {
        const names = all.connections.map(({ name }) => `"${name}"`).join(', ');
        setLinkError(`This link cannot be opened: it names the connection "${connection}", which this app does not have (its connections: ${names}). Nothing was looked up.`);
        return;
      }
      if (target.id !== all.active) await switchTo(target.id);
    }
    setLinkError(null);
    setView('lookup');
    setRequested({ idType, id, nonce: Date.now() });
  }

  // Links: those that came with the launch once the app has loaded, then each one as main says it arrived.
  useEffect(() => {
    if (!ready) return undefined;
    const take = () => {
      void call('takeDeepLinks').then(async (links) => {
        if (!links.ok) return;
        for (const link of links.value) await openLink(link);
      });
    };
    take();
    return window.appEvents?.onDeepLink(take);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- subscribed once the app is ready; openLink reads the latest settings
  }, [ready]);

  function copyTicket(text: string) {
    navigator.clipboard.writeText(text).then(
      () => notifications.show({ color: 'teal', title: 'Copied for ticket', message: 'The result is on the clipboard as plain text.' }),
      () => notifications.show({ color: 'red', title: 'Could not copy', message: 'The clipboard refused the text. Use the Copy for ticket button instead.' }),
    );
  }

  // [] : the shortcut works from text fields too, where focus usually is.
  useHotkeys([['mod+,', () => openSettings()]], []);

  return (
    <AppShell header={{ height: 52 }} padding="md" data-app-state={ready ? 'loaded' : startupError ? 'failed' : 'loading'}>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          {/* In a narrow window the connection's name and the key's label give way (cut with an ellipsis,
              whole in their accessible names); the title, the views and the icon buttons keep their size. */}
          <Group gap="md" wrap="nowrap" style={{ flexShrink: 0 }}>
            <Title order={1} size="h4" style={{ whiteSpace: 'nowrap' }}>Adapty Inspector</Title>
            <SegmentedControl
              aria-label="View"
              size="xs"
              value={view}
              onChange={(value) => setView(value as View)}
              data={[
                { value: 'lookup', label: 'Look up' },
                { value: 'batch', label: 'Batch' },
              ]}
            />
          </Group>
          <Group gap="xs" wrap="nowrap" miw={0}>
            <Tooltip label="History (also in Ctrl/⌘ + K)">
              <ActionIcon variant="default" size="lg" aria-label="Open history" onClick={() => setHistoryOpen(true)} disabled={!ready} style={{ flexShrink: 0 }}>
                <IconHistory size={18} />
              </ActionIcon>
            </Tooltip>
            {settings && <ConnectionSwitcher connections={settings} onSwitch={(id) => void switchTo(id)} onManage={() => openSettings()} />}
            <KeyStatusBadge status={status} demo={Boolean(settings && activeConnection(settings).demo)} onClick={() => openSettings('key')} />
            <Tooltip label="Settings (Ctrl/⌘ + ,)">
              <ActionIcon variant="default" size="lg" aria-label="Open settings" onClick={() => openSettings()} disabled={!ready} style={{ flexShrink: 0 }}>
                <IconSettings size={18} />
              </ActionIcon>
            </Tooltip>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main>
        <Container size="lg" px={0}>
          <Stack gap="md">
            {linkError && (
              <Alert role="alert" color="red" title="This link cannot be opened" withCloseButton closeButtonLabel="Dismiss" onClose={() => setLinkError(null)} data-testid="link-error">
                {linkError.replace(/^This link cannot be opened: /, '')}
              </Alert>
            )}
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
                  <Group gap="xs">
                    <Button size="xs" onClick={() => openSettings('key')}>Add API key</Button>
                    <Button size="xs" variant="default" onClick={() => void startDemo()}>Try with demo data</Button>
                  </Group>
                </Stack>
              </Alert>
            )}
            {/* Both views stay mounted, the other one hidden, so switching loses nothing typed or shown. */}
            <div>
              <ViewPane name="lookup" shown={view === 'lookup'}>
                <Stack gap="md">
                  {ready && activeConnection(settings).demo && (
                    <DemoIds timeoutMs={activeConnection(settings).timeoutMs} onTry={(id) => setRequested({ idType: 'auto', id, nonce: Date.now() })} />
                  )}
                  {ready && (
                    <LookupPanel
                      connection={activeConnection(settings)}
                      onOpenSettings={openSettings}
                      requested={requested}
                      onLookupEnded={refreshHistory}
                      onTicketChange={setTicket}
                      focusRequest={focusRequest}
                    />
                  )}
                </Stack>
              </ViewPane>
              {ready && (
                <ViewPane name="batch" shown={view === 'batch'}>
                  {/* The batch view opens the settings only for a key Adapty refused, or none. */}
                  <BatchPanel connection={activeConnection(settings)} onOpenSettings={() => openSettings('key')} />
                </ViewPane>
              )}
            </div>
          </Stack>
        </Container>
      </AppShell.Main>
      <HistoryDrawer opened={historyOpen} onClose={() => setHistoryOpen(false)} history={history} onHistory={setHistory} onRerun={(entry) => void rerun(entry)} />
      {ready && (
        <CommandPalette
          connections={settings}
          history={history?.entries ?? []}
          onRerun={(entry) => void rerun(entry)}
          onSwitch={(id) => void switchTo(id)}
          onOpenSettings={() => openSettings()}
          onOpenHistory={() => setHistoryOpen(true)}
          onFocusSearch={() => {
            setView('lookup');
            setFocusRequest((n) => n + 1);
          }}
          onOpenBatch={() => setView('batch')}
          onCopyForTicket={ticket ? () => copyTicket(ticket) : null}
        />
      )}
      {status && settings && (
        <SettingsDrawer
          opened={settingsOpen}
          target={settingsTarget}
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
