/** The key's state in the header, as a button that opens the key settings. */
import { Button, Text } from '@mantine/core';
import { IconKey, IconKeyOff } from '@tabler/icons-react';
import type { KeyStatus } from '../../../shared/key-status';

/**
 * `demo`: the active connection is the demo's, whose key is the sample server's own, held for this run:
 * "Demo key", not its last 4 characters (they read as part of a word) in the colour of a key at risk.
 */
export function KeyStatusBadge({ status, demo = false, onClick }: { status: KeyStatus | null; demo?: boolean; onClick: () => void }) {
  if (!status) return null;
  const { configured, hint, storage } = status;
  const sampleKey = demo && configured;
  const text = !configured ? 'No API key' : sampleKey ? 'Demo key' : `Key ${hint ? `…${hint}` : 'set'}${storage === 'session' ? ' (this session only)' : ''}`;
  const color = !configured ? 'red' : sampleKey ? 'pink' : storage === 'session' ? 'yellow' : 'teal';
  const name = sampleKey ? 'Demo key: the sample server\'s own, kept for this session only' : text;
  return (
    <Button
      variant="light"
      color={color}
      size="xs"
      leftSection={configured ? <IconKey size={14} /> : <IconKeyOff size={14} />}
      onClick={onClick}
      // The colour says the state; the text stays at full contrast on it.
      c="bright"
      aria-label={`${name}. Open key settings`}
      data-testid="key-status"
      miw={0}
    >
      <Text span inherit truncate>{text}</Text>
    </Button>
  );
}
