/**
 * The list of connections in settings: which one is active, switch to
 * another, rename and recolour the active one, add one, remove one (which
 * deletes its key from the keychain, after a confirmation). After a removal,
 * focus stays in the list (use-focus-after-removal.ts).
 */
import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMergedRef } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { activeConnection, hostOf, unusedColour, type Connection, type Connections } from '../../../../shared/connections';
import type { AppError } from '../../../../shared/errors';
import type { Result } from '../../../../shared/result';
import { call } from '../../api';
import { colourVar, ConnectionDot, DemoBadge } from './connection-colour';
import { ConnectionLabelForm } from './connection-label-form';
import { useConfirmFocus } from '../../components/use-confirm-focus';
import { useFocusAfterRemoval } from '../../components/use-focus-after-removal';

interface ConnectionsSectionProps {
  connections: Connections;
  /** After any change main accepted: the whole list as main now holds it. */
  onConnections: (connections: Connections) => void;
  onSwitch: (id: string) => void;
}

interface ConnectionRowProps {
  connection: Connection;
  active: boolean;
  /** False for the only connection: there must always be one. */
  removable: boolean;
  onSwitch: () => void;
  onRemoved: (next: Connections) => void;
  /** Its Remove button, for focus when the row before it is removed. */
  removeButtonRef: (element: HTMLElement | null) => void;
}

function ConnectionRow({ connection, active, removable, onSwitch, onRemoved, removeButtonRef }: ConnectionRowProps) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { triggerRef, safeRef: keepRef, keep } = useConfirmFocus(confirming, setConfirming);
  const removeRef = useMergedRef(triggerRef, removeButtonRef);

  async function remove() {
    setBusy(true);
    const outcome = await call('removeConnection', { id: connection.id });
    setBusy(false);
    if (!outcome.ok) {
      setError(outcome.error.message);
      return;
    }
    setConfirming(false);
    onRemoved(outcome.value);
    notifications.show({
      color: 'gray',
      title: 'Connection removed',
      message: connection.demo ? 'The demo server has stopped.' : `${connection.name} and its key are gone.`,
    });
  }

  return (
    <Paper withBorder p="xs" data-testid="connection-row" data-connection={connection.name} style={{ borderLeft: `4px solid ${colourVar(connection.colour)}` }}>
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Group gap="xs" wrap="nowrap" miw={0}>
          <ConnectionDot colour={connection.colour} />
          <Stack gap={0} miw={0}>
            <Text size="sm" fw={600} truncate>
              {connection.name}
              {connection.demo && <DemoBadge />}
            </Text>
            <Text size="xs" truncate>{hostOf(connection.baseUrl)}</Text>
          </Stack>
        </Group>
        <Group gap={6} wrap="nowrap">
          {active ? (
            <Badge variant="default">Active</Badge>
          ) : (
            <Button size="xs" variant="default" onClick={onSwitch} aria-label={`Switch to ${connection.name}`}>Switch</Button>
          )}
          {removable && !confirming && (
            <Button ref={removeRef} size="xs" variant="subtle" color="red" onClick={() => setConfirming(true)} aria-label={`Remove ${connection.name}`}>
              Remove
            </Button>
          )}
        </Group>
      </Group>
      {confirming && (
        <Group gap={6} mt="xs">
          {/* The demo's key is never in the keychain: removing the demo stops its sample server. */}
          <Text size="sm">{connection.demo ? `Remove ${connection.name}? Its sample server stops.` : `Remove ${connection.name} and delete its key from the keychain?`}</Text>
          <Button color="red" size="xs" onClick={() => void remove()} loading={busy}>Remove</Button>
          <Button ref={keepRef} variant="default" size="xs" onClick={keep} disabled={busy}>Keep it</Button>
        </Group>
      )}
      {error && <Text size="sm" c="red.8" mt={4} role="alert">{error}</Text>}
    </Paper>
  );
}

export function ConnectionsSection({ connections, onConnections, onSwitch }: ConnectionsSectionProps) {
  const [adding, setAdding] = useState(false);
  const active = activeConnection(connections);
  const others = connections.connections.filter(({ id }) => id !== active.id);
  const { headingRef, controlRef, removing } = useFocusAfterRemoval(connections.connections.map(({ id }) => id));

  async function changed(outcome: Result<Connections, AppError>, message: string): Promise<Result<Connections, AppError>> {
    if (outcome.ok) {
      onConnections(outcome.value);
      notifications.show({ color: 'teal', title: message, message: `Lookups go to ${activeConnection(outcome.value).name}.` });
    }
    return outcome;
  }

  return (
    <Stack gap="sm" component="section" aria-labelledby="connections-section-title">
      <Group justify="space-between">
        <Title ref={headingRef} tabIndex={-1} order={3} size="h5" id="connections-section-title">Connections</Title>
        {!adding && (
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setAdding(true)}>Add connection</Button>
        )}
      </Group>
      <Text size="sm">One per Adapty app, each with its own key. The header shows which one lookups go to.</Text>
      {adding && (
        <Paper withBorder p="sm">
          <Text size="sm" fw={600} mb={4}>New connection</Text>
          <ConnectionLabelForm
            idPrefix="new-connection"
            initial={{ name: '', colour: unusedColour(connections.connections) }}
            others={connections.connections}
            submitLabel="Add and switch to it"
            onCancel={() => setAdding(false)}
            onSubmit={async (label) => {
              const outcome = await changed(await call('addConnection', label), 'Connection added');
              if (outcome.ok) setAdding(false);
              return outcome;
            }}
          />
        </Paper>
      )}
      <Stack gap={6}>
        {connections.connections.map((connection) => (
          <ConnectionRow
            key={connection.id}
            connection={connection}
            active={connection.id === active.id}
            removable={connections.connections.length > 1}
            onSwitch={() => onSwitch(connection.id)}
            onRemoved={(next) => {
              removing(connection.id);
              onConnections(next);
            }}
            removeButtonRef={controlRef(connection.id)}
          />
        ))}
      </Stack>
      <Paper withBorder p="sm">
        <Text size="sm" fw={600} mb={4}>Name and colour of {active.name}</Text>
        <ConnectionLabelForm
          key={`${active.id}|${active.name}|${active.colour}`}
          idPrefix="active-connection"
          initial={{ name: active.name, colour: active.colour }}
          others={others}
          submitLabel="Save name and colour"
          onSubmit={async (label) => changed(await call('updateConnection', { id: active.id, ...label }), 'Connection saved')}
        />
      </Paper>
    </Stack>
  );
}
