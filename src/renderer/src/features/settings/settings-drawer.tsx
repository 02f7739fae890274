/** The settings panel: the key, then the connection. */
import { Divider, Drawer, Stack } from '@mantine/core';
import type { KeyStatus } from '../../../../shared/key-status';
import type { Settings } from '../../../../shared/settings';
import { ConnectionSection } from './connection-section';
import { KeySection } from './key-section';

interface SettingsDrawerProps {
  opened: boolean;
  onClose: () => void;
  status: KeyStatus;
  onStatus: (status: KeyStatus) => void;
  settings: Settings;
  onSettings: (settings: Settings) => void;
}

export function SettingsDrawer({ opened, onClose, status, onStatus, settings, onSettings }: SettingsDrawerProps) {
  return (
    <Drawer opened={opened} onClose={onClose} position="right" size="md" title="Settings" closeButtonProps={{ 'aria-label': 'Close settings' }}>
      <Stack gap="lg">
        <KeySection status={status} onStatus={onStatus} />
        <Divider />
        <ConnectionSection key={`${settings.baseUrl}|${settings.timeoutMs}`} settings={settings} onSettings={onSettings} />
      </Stack>
    </Drawer>
  );
}
