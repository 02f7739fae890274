/**
 * The lookup: search form, then a loading state, a result, or a banner that says what to do.
 * Nothing stays under a query it does not belong to: switching connection clears what was shown,
 * and once the search text differs from what was looked up, the result (or banner) is greyed and
 * labelled with its own ID until the next search.
 */
import { Box, Button, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { IconListDetails } from '@tabler/icons-react';
import { useHotkeys, useLocalStorage } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import { checkLookupId, ID_CHOICES, ID_TYPE_LABELS, trimId, type IdChoice, type IdType } from '../../../../shared/input-rules';
import type { Connection } from '../../../../shared/connections';
import type { LookupRequest } from '../../../../shared/lookup';
import { connectionLabel, ticketText } from '../../../../shared/ticket';
import { ErrorBanner } from './error-banner';
import { adviceFor } from './error-advice';
import { ResultPanel } from './result-panel';
import { SearchForm } from './search-form';
import { useLookup } from './use-lookup';
import { RequestDetails } from '../details/request-details';
import { ProfilePanel } from '../profile/profile-panel';
import { useProfile } from '../profile/use-profile';
import type { SettingsTarget } from '../settings/settings-drawer';

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

/** A search asked for from elsewhere (history, the palette, a link): `nonce` makes each one new. */
export interface RequestedSearch {
  idType: IdChoice;
  id: string;
  nonce: number;
}

interface LookupPanelProps {
  /** The active connection: every search goes through it, and switching clears what was shown. */
  connection: Connection;
  /** Opens the settings at the field a banner speaks of. */
  onOpenSettings: (target: SettingsTarget) => void;
  /** Runs once per nonce, through the connection then active, with the field and type set to it. */
  requested?: RequestedSearch | null;
  /** After each lookup of the identifiers has ended, so a history on screen can show it. */
  onLookupEnded?: () => void;
  /** The result on screen as a ticket's text (null when there is none, or it is stale), for the palette. */
  onTicketChange?: (text: string | null) => void;
  /** Each new value puts focus in the search field (the palette's "Look up an ID"). */
  focusRequest?: number;
}

export function LookupPanel({ connection, onOpenSettings, requested, onLookupEnded, onTicketChange, focusRequest }: LookupPanelProps) {
  const [idType, setIdType] = useLocalStorage<IdChoice>({ key: 'inspector.id-type', defaultValue: 'auto', deserialize: readIdChoice });
  const [text, setText] = useState('');
  const [tried, setTried] = useState(false);
  const [detailsOpen, setDetailsOpen] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const { state, run, cancel, reset: resetLookup } = useLookup();
  const profile = useProfile();
  /** Both parts back to idle: the identifiers (cancelled in main if in flight) and the profile (its answer ignored). */
  const reset = () => {
    resetLookup();
    profile.reset();
  };
  /** Cancel stops the whole search: the identifiers (in main too) and the profile. */
  const cancelBoth = () => {
    void cancel();
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

  const ended = state.phase === 'found' || state.phase === 'failed' ? state.at : null;
  useEffect(() => {
    if (ended !== null) onLookupEnded?.();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per ended lookup
  }, [ended]);

  /** The query of what is on screen (a result or a banner, of either part), if any. */
  const shownQuery = state.phase === 'found' || state.phase === 'failed' ? state.query : profile.state.phase === 'failed' ? profile.state.query : null;
  const stale = shownQuery !== null && !loading && trimId(text) !== shownQuery.id;

  // The ticket's text, built once: the result's Copy for ticket copies it, and the palette offers it unless stale.
  const ticket = state.phase === 'found' ? ticketText(state.result, connectionLabel(connection)) : null;
  const freshTicket = stale ? null : ticket;
  useEffect(() => onTicketChange?.(freshTicket), [freshTicket, onTicketChange]);
  useEffect(() => {
    if (focusRequest) inputRef.current?.focus();
  }, [focusRequest]);

  useHotkeys(
    [
      // Esc cancels a lookup wherever focus is, except in the settings panel, where it closes the panel.
      [
        'Escape',
        (event) => {
          if (loading && !(event.target as Element | null)?.closest?.('[role="dialog"]')) cancelBoth();
        },
        { preventDefault: false },
      ],
    ],
    [],
  );
  useEffect(() => inputRef.current?.focus(), []);

  /** Searches for what is in the field, without what surrounds the ID (the field then shows what was searched). */
  function search(type: IdChoice = idType, typed: string = text) {
    const id = trimId(typed);
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

  /**
   * The banner's Retry: the identifiers again, and the profile too when it failed beside them (one Retry, not
   * two), by the rule its own Retry follows: only when asking again can help (not after a refused key).
   */
  function retryFailed() {
    if (state.phase !== 'failed') return;
    void run(state.query);
    if (profile.state.phase === 'failed' && adviceFor(profile.state.error).action === 'retry') void profile.run(profile.state.query);
  }

  /** A search asked for from elsewhere: the type and the field show it, then it runs as if typed. */
  function searchRequested({ idType: type, id }: RequestedSearch) {
    setIdType(type);
    setText(id);
    search(type, id);
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

  // A search asked for from elsewhere (after the connection effect above, so a switch clears first).
  // A request is an event from outside (history, the palette, a link), taken once per nonce; it sets the
  // field and the type like typing would, and runs after a connection switch has cleared the screen.
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- see above
    if (requested) searchRequested(requested);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per request
  }, [requested?.nonce]);

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
          cancelBoth();
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
      {(state.phase === 'found' || state.phase === 'failed') && (
        <Group justify="flex-end" mb={-8}>
          <Button variant="subtle" size="xs" leftSection={<IconListDetails size={14} />} onClick={() => setDetailsOpen(true)}>
            Request details
          </Button>
        </Group>
      )}
      <RequestDetails opened={detailsOpen} onClose={() => setDetailsOpen(false)} />
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
                onRetry={retryFailed}
                onOpenSettings={onOpenSettings}
                onSearchAs={searchAs}
                onDismiss={reset}
              />
            )}
            <ProfilePanel
              state={profile.state}
              identifiers={state.phase === 'found' ? 'shown' : state.phase === 'failed' ? 'failed' : 'not shown'}
              onRetry={() => profile.state.phase === 'failed' && void profile.run(profile.state.query)}
            />
            {state.phase === 'found' && ticket !== null && <ResultPanel key={state.at} result={state.result} ticket={ticket} />}
          </Stack>
        </Box>
      </Stack>
    </Stack>
  );
}
