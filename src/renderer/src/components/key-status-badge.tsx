/** The key's state in the header, as a button that opens the key settings. */
import { Button, Text } from '@mantine/core';
import { IconKey, IconKeyOff } from '@tabler/icons-react';
import type { KeyStatus } from '../../../shared/key-status';

export function KeyStatusBadge({ status, onClick }: { status: KeyStatus | null; onClick: () => void }) {
  if (!status) return null;
  const { configured, hint, storage } = status;
  const text = !configured ? 'No API key' : `Key ${hint ? `…${hint}` : 'set'}${storage === 'session' ? ' (this session only)' : ''}`;
  const color = !configured ? 'red' : storage === 'session' ? 'yellow' : 'teal';
  return (
    <Button
      variant="light"
      color={color}
      size="xs"
      leftSection={configured ? <IconKey size={14} /> : <IconKeyOff size={14} />}
      onClick={onClick}
      // The colour says the state; the text stays at full contrast on it.
      c="bright"
      aria-label={`${text}. Open key settings`}
      data-testid="key-status"
      miw={0}
    >
      <Text span inherit truncate>{text}</Text>
    </Button>
  );
}
