/**
 * The settings panel: a problem with the settings file if there was one, the connections, then the active
 * connection's key, base URL and timeout. Opened for one of them (a banner's "Open key settings", "Change
 * the timeout"), it puts focus in that field and scrolls it into view: the timeout is far below the fold.
 */
import { Alert, Divider, Stack, Text } from '@mantine/core';
import { useRef } from 'react';
import { IconAlertTriangle } from '@tabler/icons-react';
import { activeConnection, type Connections, type LoadedSettings } from '../../../../shared/connections';
import type { KeyStatus } from '../../../../shared/key-status';
import type { Settings } from '../../../../shared/settings';
import { SidePanel } from '../../components/side-panel';
import { ConnectionsSection } from '../connections/connections-section';
import { ConnectionSection } from './connection-section';
import { KeySection } from './key-section';

/** The field the panel is opened for. */
export type SettingsTarget = 'key' | 'timeout';

interface SettingsDrawerProps {
  opened: boolean;
  /** The field to focus when it opens; null: none (focus goes to its first control). */
  target: SettingsTarget | null;
  onClose: () => void;
  status: KeyStatus;
  onStatus: (status: KeyStatus) => void;
  /** `notice` comes with the first getSettings after a settings file could not be used; a save replaces it. */
  settings: LoadedSettings;
  onConnections: (connections: Connections) => void;
  onSwitch: (id: string) => void;
}

export function SettingsDrawer({ opened, target, onClose, status, onStatus, settings, onConnections, onSwitch }: SettingsDrawerProps) {
  const active = activeConnection(settings);
  // The panel's focus trap focuses the target (data-autofocus) without scrolling; it is scrolled to once the panel is in.
  const field = useRef<HTMLInputElement>(null);
  /** A saved base URL and timeout, put into the list as main now holds them. */
  const onSettings = (saved: Settings) =>
    onConnections({ active: settings.active, connections: settings.connections.map((each) => (each.id === active.id ? { ...each, ...saved } : each)) });
  return (
    <SidePanel
      opened={opened}
      onClose={onClose}
      position="right"
      title="Settings"
      closeLabel="Close settings"
      onEntered={() => field.current?.scrollIntoView({ block: 'center' })}
    >
      <Stack gap="lg">
        {settings.notice && (
          <Alert color="yellow" variant="light" icon={<IconAlertTriangle />} title="The settings file could not be used" data-testid="settings-notice">
            <Text size="sm">{settings.notice}</Text>
          </Alert>
        )}
        <ConnectionsSection connections={settings} onConnections={onConnections} onSwitch={onSwitch} />
        <Divider />
        <KeySection key={active.id} connectionName={active.name} demo={Boolean(active.demo)} status={status} onStatus={onStatus} fieldRef={target === 'key' ? field : undefined} />
        <Divider />
        <ConnectionSection
          key={`${active.id}|${active.baseUrl}|${active.timeoutMs}`}
          connection={active}
          onSettings={onSettings}
          timeoutRef={target === 'timeout' ? field : undefined}
        />
      </Stack>
    </SidePanel>
  );
}
