/**
 * The lookup: search form, then a loading state, a result, or a banner that says what to do.
 * Nothing stays under a query it does not belong to: switching connection clears what was shown,
 * and once the search text differs from what was looked up, the result (or banner) is greyed and
 * labelled with its own ID until the next search.
 */
import { Box, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { useHotkeys, useLocalStorage } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import { checkLookupId, ID_CHOICES, ID_TYPE_LABELS, trimId, type IdChoice, type IdType } from '../../../../shared/input-rules';
import type { Connection } from '../../../../shared/connections';
import type { LookupRequest } from '../../../../shared/lookup';
import { connectionLabel } from '../../../../shared/ticket';
import { ErrorBanner } from './error-banner';
import { ResultPanel } from './result-panel';
import { SearchForm } from './search-form';
import { useLookup } from './use-lookup';
import { ProfilePanel } from '../profile/profile-panel';
import { useProfile } from '../profile/use-profile';

/** The ID type a person chose last time; Auto when none was chosen or what is stored is not a type. */
function readIdChoice(stored: string | undefined): IdChoice {
  try {
    const value: unknown = stored === undefined ? undefined : JSON.parse(stored);
    return ID_CHOICES.find((choice) => choice === value) ?? 'auto';
  } catch {
    return 'auto';
  }
}

/** The type a not-found search may try instead: none after Auto, which tried every type the ID could be. */
function otherIdType(idType: IdChoice): IdType | null {
  if (idType === 'auto') return null;
  return idType === 'profile_id' ? 'customer_user_id' : 'profile_id';
}

interface LookupPanelProps {
  /** The active connection: every search goes through it, and switching clears what was shown. */
  connection: Connection;
  onOpenSettings: () => void;
}

export function LookupPanel({ connection, onOpenSettings }: LookupPanelProps) {
  const [idType, setIdType] = useLocalStorage<IdChoice>({ key: 'inspector.id-type', defaultValue: 'auto', deserialize: readIdChoice });
  const [text, setText] = useState('');
  const [tried, setTried] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const { state, run, cancel, reset: resetLookup } = useLookup();
  const profile = useProfile();
  /** Both parts back to idle: the identifiers (cancelled in main if in flight) and the profile (its answer ignored). */
  const reset = () => {
    resetLookup();
    profile.reset();
  };
  const loading = state.phase === 'loading';

  // Another connection is another app: what was shown (or is on its way) belongs to the one before.
  const shownConnection = useRef(connection.id);
  useEffect(() => {
    if (shownConnection.current === connection.id) return;
    shownConnection.current = connection.id;
    reset();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a change of connection resets
  }, [connection.id]);

  /** The query of what is on screen (a result or a banner, of either part), if any. */
  const shownQuery = state.phase === 'found' || state.phase === 'failed' ? state.query : profile.state.phase === 'failed' ? profile.state.query : null;
  const stale = shownQuery !== null && !loading && trimId(text) !== shownQuery.id;

  useHotkeys(
    [
      ['mod+K', () => inputRef.current?.focus()],
      // Esc cancels a lookup wherever focus is, except in the settings panel, where it closes the panel.
      [
        'Escape',
        (event) => {
          if (loading && !(event.target as Element | null)?.closest?.('[role="dialog"]')) {
            void cancel();
            profile.reset();
          }
        },
        { preventDefault: false },
      ],
    ],
    [],
  );
  useEffect(() => inputRef.current?.focus(), []);

  /** Searches for what is in the field, without what surrounds the ID (the field then shows what was searched). */
  function search(type: IdChoice = idType) {
    const id = trimId(text);
    if (id !== text) setText(id);
    setTried(true);
    if (!checkLookupId(type, id).ok) {
      inputRef.current?.focus();
      return;
    }
    const request: LookupRequest = { idType: type, id, connectionId: connection.id };
    // Who the user is, and their identifiers: two calls in parallel, each shown (or failing) on its own.
    void run(request);
    void profile.run(request);
  }

  function switchIdType(type: IdChoice) {
    setIdType(type);
    setTried(false);
    reset();
    inputRef.current?.focus();
  }

  /** The not-found banner's action: the same text, searched as the other type (which stays chosen). */
  function searchAs(type: IdType) {
    switchIdType(type);
    search(type);
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
        onCancel={() => {
          void cancel();
          profile.reset();
          inputRef.current?.focus();
        }}
      />
      {state.phase === 'loading' && (
        <Paper withBorder p="md" aria-live="polite" aria-busy="true">
          <Group gap="sm">
            <Loader size="sm" />
            <Text size="sm">
              Looking up {state.query.idType === 'auto' ? '' : `${ID_TYPE_LABELS[state.query.idType]} `}
              <Text span ff="monospace" size="sm">{state.query.id}</Text>
              {state.query.idType === 'auto' ? ' (Auto)' : ''}… <Text span c="dimmed" size="sm">(Esc cancels)</Text>
            </Text>
          </Group>
        </Paper>
      )}
      {state.phase === 'cancelled' && (
        <Text size="sm" c="dimmed" role="status">Lookup cancelled.</Text>
      )}
      <Stack gap="md" data-stale={stale ? 'true' : undefined}>
        {stale && shownQuery && (
          <Text size="sm" role="status" data-testid="stale-note">
            Below: the earlier search for <Text span ff="monospace" size="sm" fw={600}>{shownQuery.id}</Text>, not what is in the search field
            now. Press Enter to look that up.
          </Text>
        )}
        <Box
          style={stale ? { borderLeft: '4px solid var(--mantine-color-gray-5)', paddingLeft: 'var(--mantine-spacing-sm)', filter: 'grayscale(1)' } : undefined}
        >
          <Stack gap="md">
            {state.phase === 'failed' && (
              <ErrorBanner
                key={state.at}
                error={state.error}
                at={state.at}
                otherIdType={otherIdType(state.query.idType)}
                onRetry={() => void run(state.query)}
                onOpenSettings={onOpenSettings}
                onSearchAs={searchAs}
                onDismiss={reset}
              />
            )}
            <ProfilePanel state={profile.state} onRetry={() => profile.state.phase === 'failed' && void profile.run(profile.state.query)} />
            {state.phase === 'found' && <ResultPanel key={state.at} result={state.result} connection={connectionLabel(connection)} />}
          </Stack>
        </Box>
      </Stack>
    </Stack>
  );
}
