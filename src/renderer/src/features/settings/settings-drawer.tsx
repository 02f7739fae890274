/** The settings panel: a problem with the settings file if there was one, the key, then the connection. */
import { Alert, Divider, Drawer, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { KeyStatus } from '../../../../shared/key-status';
import type { LoadedSettings, Settings } from '../../../../shared/settings';
import { ConnectionSection } from './connection-section';
import { KeySection } from './key-section';

interface SettingsDrawerProps {
  opened: boolean;
  onClose: () => void;
  status: KeyStatus;
  onStatus: (status: KeyStatus) => void;
  /** `notice` comes with the first getSettings after a settings file could not be used; a save replaces it. */
  settings: LoadedSettings;
  onSettings: (settings: Settings) => void;
}

export function SettingsDrawer({ opened, onClose, status, onStatus, settings, onSettings }: SettingsDrawerProps) {
  return (
    <Drawer opened={opened} onClose={onClose} position="right" size="md" title="Settings" closeButtonProps={{ 'aria-label': 'Close settings' }}>
      <Stack gap="lg">
        {settings.notice && (
          <Alert color="yellow" variant="light" icon={<IconAlertTriangle />} title="The settings file could not be used" data-testid="settings-notice">
            <Text size="sm">{settings.notice}</Text>
          </Alert>
        )}
        <KeySection status={status} onStatus={onStatus} />
        <Divider />
        <ConnectionSection key={`${settings.baseUrl}|${settings.timeoutMs}`} settings={settings} onSettings={onSettings} />
      </Stack>
    </Drawer>
  );
}
