/** The lookup: search form, then a loading state, a result, or a banner that says what to do. */
import { Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { useHotkeys, useLocalStorage } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import { checkLookupId, ID_TYPE_LABELS, type IdType } from '../../../../shared/input-rules';
import type { LookupQuery } from '../../../../shared/lookup';
import { ErrorBanner } from './error-banner';
import { ResultPanel } from './result-panel';
import { SearchForm } from './search-form';
import { useLookup } from './use-lookup';

export function LookupPanel({ onOpenSettings }: { onOpenSettings: () => void }) {
  const [idType, setIdType] = useLocalStorage<IdType>({ key: 'inspector.id-type', defaultValue: 'customer_user_id' });
  const [text, setText] = useState('');
  const [tried, setTried] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const { state, run, cancel, reset } = useLookup();
  const loading = state.phase === 'loading';

  useHotkeys(
    [
      ['mod+K', () => inputRef.current?.focus()],
      // Esc cancels a lookup wherever focus is, except in the settings panel, where it closes the panel.
      [
        'Escape',
        (event) => {
          if (loading && !(event.target as Element | null)?.closest?.('[role="dialog"]')) void cancel();
        },
        { preventDefault: false },
      ],
    ],
    [],
  );
  useEffect(() => inputRef.current?.focus(), []);

  function search(type: IdType = idType) {
    setTried(true);
    if (!checkLookupId(type, text).ok) {
      inputRef.current?.focus();
      return;
    }
    const query: LookupQuery = { idType: type, id: text };
    void run(query);
  }

  function switchIdType(type: IdType) {
    setIdType(type);
    setTried(false);
    reset();
    inputRef.current?.focus();
  }

  return (
    <Stack gap="md">
      <SearchForm
        idType={idType}
        text={text}
        showErrors={tried}
        loading={loading}
        inputRef={inputRef}
        onIdTypeChange={switchIdType}
        onTextChange={setText}
        onSearch={() => search()}
        onCancel={() => void cancel()}
      />
      {state.phase === 'loading' && (
        <Paper withBorder p="md" aria-live="polite" aria-busy="true">
          <Group gap="sm">
            <Loader size="sm" />
            <Text size="sm">
              Looking up {ID_TYPE_LABELS[state.query.idType]}{' '}
              <Text span ff="monospace" size="sm">{state.query.id.trim()}</Text>… <Text span c="dimmed" size="sm">(Esc cancels)</Text>
            </Text>
          </Group>
        </Paper>
      )}
      {state.phase === 'cancelled' && (
        <Text size="sm" c="dimmed" role="status">Lookup cancelled.</Text>
      )}
      {state.phase === 'failed' && (
        <ErrorBanner
          key={state.at}
          error={state.error}
          at={state.at}
          idType={state.query.idType}
          onRetry={() => void run(state.query)}
          onOpenSettings={onOpenSettings}
          onSwitchIdType={switchIdType}
          onDismiss={reset}
        />
      )}
      {state.phase === 'found' && <ResultPanel key={state.at} result={state.result} />}
    </Stack>
  );
}
