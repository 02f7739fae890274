/**
 * The active connection in the header, by name and colour, always in view: a
 * menu that switches to another connection or opens the list in settings.
 */
import { Button, Menu, Text } from '@mantine/core';
import { IconCheck, IconChevronDown, IconSettings } from '@tabler/icons-react';
import { activeConnection, hostOf, type Connections } from '../../../../shared/connections';
import { colourVar, ConnectionDot, DemoBadge } from './connection-colour';

interface ConnectionSwitcherProps {
  connections: Connections;
  onSwitch: (id: string) => void;
  onManage: () => void;
}

export function ConnectionSwitcher({ connections, onSwitch, onManage }: ConnectionSwitcherProps) {
  const active = activeConnection(connections);
  return (
    <Menu position="bottom-end" shadow="md" width={280} withInitialFocusPlaceholder={false}>
      <Menu.Target>
        <Button
          variant="default"
          size="xs"
          leftSection={<ConnectionDot colour={active.colour} />}
          rightSection={<IconChevronDown size={14} />}
          aria-label={`Connection: ${active.name}${active.demo ? ' demo (sample data on this computer)' : ''}. Switch connection`}
          data-testid="connection-switcher"
          data-colour={active.colour}
          miw={0}
          style={{ borderLeft: `4px solid ${colourVar(active.colour)}` }}
        >
          <Text span size="xs" fw={600} truncate maw={180} miw={0}>{active.name}</Text>
          {active.demo && <DemoBadge />}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {connections.connections.map((connection) => (
          <Menu.Item
            key={connection.id}
            leftSection={<ConnectionDot colour={connection.colour} />}
            rightSection={connection.id === active.id ? <IconCheck size={14} aria-label="active" /> : null}
            onClick={() => connection.id !== active.id && onSwitch(connection.id)}
            aria-current={connection.id === active.id ? 'true' : undefined}
          >
            <Text size="sm" fw={connection.id === active.id ? 600 : 400}>{connection.name}</Text>
            <Text size="xs" c="dimmed">{hostOf(connection.baseUrl)}</Text>
          </Menu.Item>
        ))}
        <Menu.Item leftSection={<IconSettings size={14} />} onClick={onManage}>Manage connections…</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
