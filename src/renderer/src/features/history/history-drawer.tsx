/**
 * The history of lookups on this computer: searchable, each one re-run with
 * one click, cleared after a confirmation, and turned off (which clears it).
 */
import { Alert, Badge, Button, Group, Stack, Switch, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { AppError } from '../../../../shared/errors';
import { entryType, outcomeLabel, searchHistory, type History, type HistoryEntry } from '../../../../shared/history';
import { call } from '../../api';
import { SidePanel } from '../../components/side-panel';
import { useConfirmFocus } from '../../components/use-confirm-focus';

interface HistoryDrawerProps {
  opened: boolean;
  onClose: () => void;
  history: History | null;
  onHistory: (history: History) => void;
  onRerun: (entry: HistoryEntry) => void;
}

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function HistoryDrawer({ opened, onClose, history, onHistory, onRerun }: HistoryDrawerProps) {
  const [query, setQuery] = useState('');
  const [confirmClear, setConfirmClear] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const { triggerRef: clearRef, safeRef: keepEntriesRef, keep: keepEntries } = useConfirmFocus(confirmClear, setConfirmClear);

  useEffect(() => {
    if (!opened) return;
    void call('getHistory').then((loaded) => (loaded.ok ? onHistory(loaded.value) : setError(loaded.error)));
  }, [opened, onHistory]);

  async function change(outcome: Promise<Awaited<ReturnType<typeof call<'clearHistory'>>>>) {
    const done = await outcome;
    setConfirmClear(false);
    if (done.ok) {
      setError(null);
      onHistory(done.value);
    } else setError(done.error);
  }

  const shown = history ? searchHistory(history.entries, query) : [];
  return (
    <SidePanel
      opened={opened}
      onClose={() => {
        setConfirmClear(false);
        onClose();
      }}
      position="left"
      title="History"
      closeLabel="Close history"
    >
      <Stack gap="sm">
        <Switch
          label="Keep a history of lookups on this computer"
          description="The ID, its type, the connection, the time and how it ended. Never a key or an identifier. Turning it off clears it."
          checked={history?.enabled ?? true}
          onChange={(event) => void change(call('setHistoryEnabled', { enabled: event.currentTarget.checked }))}
        />
        {error && <Alert color="red" variant="light" role="alert" title="The history could not be changed">{error.message}</Alert>}
        {history?.enabled && (
          <>
            <TextInput
              label="Search history"
              placeholder="An ID, a connection, or an outcome such as not found"
              leftSection={<IconSearch size={16} />}
              value={query}
              onChange={(event) => setQuery(event.currentTarget.value)}
              data-autofocus
            />
            {history.entries.length === 0 ? (
              <Text size="sm">No lookups yet. Each lookup you run is listed here, newest first.</Text>
            ) : shown.length === 0 ? (
              <Text size="sm">No lookup matches "{query}".</Text>
            ) : (
              <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Past lookups">
                {shown.map((entry) => (
                  <li key={`${entry.connectionId}|${entry.idType}|${entry.id}`}>
                    <UnstyledButton
                      onClick={() => onRerun(entry)}
                      w="100%"
                      p={6}
                      style={{ borderRadius: 'var(--mantine-radius-sm)', border: '1px solid var(--mantine-color-default-border)' }}
                      title={`Look up ${entry.id} again through ${entry.connectionName}`}
                      data-testid="history-entry"
                    >
                      <Group justify="space-between" wrap="nowrap" gap="xs">
                        <Text size="sm" ff="monospace" truncate>{entry.id}</Text>
                        <Badge variant="light" color={entry.outcome === 'found' ? 'teal' : 'gray'} style={{ flexShrink: 0 }}>
                          {outcomeLabel(entry.outcome)}
                        </Badge>
                      </Group>
                      <Text size="xs">
                        {entryType(entry)} · {entry.connectionName} · {when(entry.at)}
                      </Text>
                    </UnstyledButton>
                  </li>
                ))}
              </Stack>
            )}
            {history.entries.length > 0 &&
              (confirmClear ? (
                <Group gap={6}>
                  <Text size="sm">Clear all {history.entries.length} lookups?</Text>
                  <Button color="red" size="xs" onClick={() => void change(call('clearHistory'))}>Clear</Button>
                  <Button ref={keepEntriesRef} variant="default" size="xs" onClick={keepEntries}>Keep them</Button>
                </Group>
              ) : (
                <Button ref={clearRef} variant="subtle" color="red" size="xs" onClick={() => setConfirmClear(true)} style={{ alignSelf: 'flex-start' }}>
                  Clear history
                </Button>
              ))}
          </>
        )}
      </Stack>
    </SidePanel>
  );
}
