/**
 * The active connection's base URL and timeout, checked with the same rules main applies; a failed save keeps
 * what was typed. The demo's address is its sample server's, on this computer: it is shown, not offered to
 * change (main refuses it too), and only its timeout can be saved.
 */
import { Button, Group, NumberInput, Stack, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type RefObject } from 'react';
import type { Connection } from '../../../../shared/connections';
import { checkSettings, DEFAULT_SETTINGS, MAX_TIMEOUT_MS, MIN_TIMEOUT_MS, type Settings } from '../../../../shared/settings';
import { call } from '../../api';

interface ConnectionSectionProps {
  connection: Connection;
  onSettings: (settings: Settings) => void;
  /** Set when the panel is opened for the timeout: its field takes focus. */
  timeoutRef?: RefObject<HTMLInputElement | null>;
}

export function ConnectionSection({ connection, onSettings, timeoutRef }: ConnectionSectionProps) {
  const [baseUrl, setBaseUrl] = useState(connection.baseUrl);
  const [seconds, setSeconds] = useState<number | string>(connection.timeoutMs / 1000);
  const [errors, setErrors] = useState<Partial<Record<keyof Settings, string>>>({});
  const [saving, setSaving] = useState(false);

  async function save(input: Settings) {
    const check = checkSettings(input);
    if (!check.ok) {
      setErrors({ [check.error.field]: check.error.message });
      return;
    }
    setSaving(true);
    const outcome = await call('saveSettings', { ...check.value, id: connection.id });
    setSaving(false);
    if (!outcome.ok) {
      const field = 'field' in outcome.error && outcome.error.field === 'timeoutMs' ? 'timeoutMs' : 'baseUrl';
      setErrors({ [field]: outcome.error.message });
      return;
    }
    // The drawer remounts this section with the saved values.
    onSettings(outcome.value);
    notifications.show({ color: 'teal', title: 'Settings saved', message: `Lookups through ${connection.name} go to ${outcome.value.baseUrl}.` });
  }

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void save({ baseUrl, timeoutMs: Math.round(Number(seconds) * 1000) });
      }}
    >
      <Stack gap="sm" component="section" aria-labelledby="connection-section-title">
        <Title order={3} size="h5" id="connection-section-title">Address of {connection.name}</Title>
        <TextInput
          label="Base URL"
          description={
            connection.demo
              ? "The sample server's address on this computer, for this run. It cannot be changed: the demo answers only there."
              : "Adapty's API address. Change it only for a proxy, staging or a local test server."
          }
          readOnly={connection.demo}
          variant={connection.demo ? 'filled' : 'default'}
          value={baseUrl}
          onChange={(event) => setBaseUrl(event.currentTarget.value)}
          error={errors.baseUrl}
          spellCheck={false}
          autoComplete="off"
        />
        <NumberInput
          ref={timeoutRef}
          data-autofocus={timeoutRef ? true : undefined}
          label="Timeout (seconds)"
          description="How long to wait for Adapty before giving up."
          value={seconds}
          onChange={setSeconds}
          min={MIN_TIMEOUT_MS / 1000}
          max={MAX_TIMEOUT_MS / 1000}
          allowDecimal={false}
          error={errors.timeoutMs}
          w={200}
        />
        <Group gap="xs">
          <Button type="submit" variant="default" loading={saving}>Save connection settings</Button>
          {/* Adapty's defaults would move the demo away from its server. */}
          {!connection.demo && (
            <Button variant="subtle" onClick={() => void save(DEFAULT_SETTINGS)} disabled={saving}>Reset to defaults</Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
