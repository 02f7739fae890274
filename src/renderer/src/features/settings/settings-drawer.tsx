/** The settings panel: a problem with the settings file if there was one, the connections, then the active connection's key, base URL and timeout. */
import { Alert, Divider, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { activeConnection, type Connections, type LoadedSettings } from '../../../../shared/connections';
import type { KeyStatus } from '../../../../shared/key-status';
import type { Settings } from '../../../../shared/settings';
import { SidePanel } from '../../components/side-panel';
import { ConnectionsSection } from '../connections/connections-section';
import { ConnectionSection } from './connection-section';
import { KeySection } from './key-section';

interface SettingsDrawerProps {
  opened: boolean;
  onClose: () => void;
  status: KeyStatus;
  onStatus: (status: KeyStatus) => void;
  /** `notice` comes with the first getSettings after a settings file could not be used; a save replaces it. */
  settings: LoadedSettings;
  onConnections: (connections: Connections) => void;
  onSwitch: (id: string) => void;
}

export function SettingsDrawer({ opened, onClose, status, onStatus, settings, onConnections, onSwitch }: SettingsDrawerProps) {
  const active = activeConnection(settings);
  /** A saved base URL and timeout, put into the list as main now holds them. */
  const onSettings = (saved: Settings) =>
    onConnections({ active: settings.active, connections: settings.connections.map((each) => (each.id === active.id ? { ...each, ...saved } : each)) });
  return (
    <SidePanel opened={opened} onClose={onClose} position="right" title="Settings" closeLabel="Close settings">
      <Stack gap="lg">
        {settings.notice && (
          <Alert color="yellow" variant="light" icon={<IconAlertTriangle />} title="The settings file could not be used" data-testid="settings-notice">
            <Text size="sm">{settings.notice}</Text>
          </Alert>
        )}
        <ConnectionsSection connections={settings} onConnections={onConnections} onSwitch={onSwitch} />
        <Divider />
        <KeySection key={active.id} connectionName={active.name} status={status} onStatus={onStatus} />
        <Divider />
        <ConnectionSection key={`${active.id}|${active.baseUrl}|${active.timeoutMs}`} connection={active} onSettings={onSettings} />
      </Stack>
    </SidePanel>
  );
}
