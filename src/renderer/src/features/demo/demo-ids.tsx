/**
 * Shown while the demo connection is active: what the demo is, and the IDs
 * to try, each a button that runs its search (found, not found, and one of
 * each failure).
 */
import { Alert, Button, Group, Text, Tooltip } from '@mantine/core';
import { IconFlask } from '@tabler/icons-react';
import { demoIds } from '../../../../shared/demo';

/** `timeoutMs`: the demo connection's timeout, which one of the IDs is made to outlast. */
export function DemoIds({ timeoutMs, onTry }: { timeoutMs: number; onTry: (id: string) => void }) {
  return (
    <Alert color="pink" variant="light" icon={<IconFlask />} title="Demo data on this computer" data-testid="demo-ids">
      <Text size="sm" mb={6}>
        Lookups go to a sample server the app runs locally: no Adapty account, nothing leaves this computer. Try one:
      </Text>
      <Group gap={6}>
        {demoIds(timeoutMs).map(({ id, what }) => (
          <Tooltip key={id} label={what}>
            <Button size="compact-xs" variant="default" ff="monospace" onClick={() => onTry(id)} aria-label={`Try ${id}: ${what}`}>
              {id}
            </Button>
          </Tooltip>
        ))}
      </Group>
    </Alert>
  );
}
