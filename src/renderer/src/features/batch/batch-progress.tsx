/** How a batch is going: a bar of done (green), failed (red) and cancelled (grey) out of all, and the counts with an ETA. */
import { Group, Progress, Text } from '@mantine/core';
import type { BatchProgress as Progressed } from '../../../../shared/batch';
import { progressLine } from '../../../../shared/batch-text';

export function BatchProgress({ progress, running }: { progress: Progressed; running: boolean }) {
  const share = (n: number) => (progress.total === 0 ? 0 : (100 * n) / progress.total);
  return (
    <div data-testid="batch-progress" data-running={running}>
      <Progress.Root size="lg" transitionDuration={0}>
        <Progress.Section value={share(progress.done)} color="teal" aria-label={`Done: ${progress.done} of ${progress.total}`} />
        <Progress.Section value={share(progress.failed)} color="red" aria-label={`Failed: ${progress.failed} of ${progress.total}`} />
        <Progress.Section value={share(progress.cancelled)} color="gray" aria-label={`Cancelled: ${progress.cancelled} of ${progress.total}`} />
      </Progress.Root>
      <Group justify="space-between" mt={4} gap="xs">
        <Text size="sm" data-testid="batch-progress-line">{progressLine(progress, running)}</Text>
        {running && progress.throttled > 0 && <Text size="sm">Adapty asked to slow down {progress.throttled} times; the pace follows.</Text>}
      </Group>
    </div>
  );
}
