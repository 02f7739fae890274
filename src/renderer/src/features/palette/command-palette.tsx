/**
 * Ctrl/⌘+K: one palette for what a person does most: look up a past ID again,
 * switch connection, open settings or the history, copy the result for a
 * ticket. It opens from anywhere, the search field included.
 */
import { Spotlight, type SpotlightActionGroupData } from '@mantine/spotlight';
import { IconArrowsExchange, IconClipboardText, IconHistory, IconListCheck, IconSearch, IconSettings } from '@tabler/icons-react';
import { useState } from 'react';
import type { Connections } from '../../../../shared/connections';
import { entryType, outcomeLabel, type HistoryEntry } from '../../../../shared/history';
import { ConnectionDot } from '../connections/connection-colour';

interface CommandPaletteProps {
  connections: Connections;
  history: readonly HistoryEntry[];
  onRerun: (entry: HistoryEntry) => void;
  onSwitch: (id: string) => void;
  onOpenSettings: () => void;
  onOpenHistory: () => void;
  onFocusSearch: () => void;
  /** Shows the Batch view. */
  onOpenBatch: () => void;
  /** Copies the result on screen for a ticket; null when there is none. */
  onCopyForTicket: (() => void) | null;
}

/** History entries shown in the palette: enough to find the recent ones, few enough to read. */
const HISTORY_IN_PALETTE = 50;

export function CommandPalette(props: CommandPaletteProps) {
  const { connections, history, onRerun, onSwitch, onOpenSettings, onOpenHistory, onFocusSearch, onOpenBatch, onCopyForTicket } = props;
  /** Focus moves to the search field once the palette has closed and given focus back, or it would be taken from it. */
  const [focusAfterClose, setFocusAfterClose] = useState(false);
  const actions: SpotlightActionGroupData[] = [
    {
      group: 'Actions',
      actions: [
        { id: 'search', label: 'Look up an ID', description: 'Go to the search field', leftSection: <IconSearch size={16} />, onClick: () => setFocusAfterClose(true) },
        { id: 'batch', label: 'Batch lookup', description: 'Many IDs at once: paste them or open a file', keywords: ['batch', 'csv', 'many', 'bulk'], leftSection: <IconListCheck size={16} />, onClick: onOpenBatch },
        ...(onCopyForTicket
          ? [{ id: 'copy-ticket', label: 'Copy for ticket', description: 'The result on screen, as plain text', leftSection: <IconClipboardText size={16} />, onClick: onCopyForTicket }]
          : []),
        { id: 'history', label: 'Open history', description: 'Every past lookup, searchable', leftSection: <IconHistory size={16} />, onClick: onOpenHistory },
        { id: 'settings', label: 'Open settings', description: 'Connections, keys, addresses', leftSection: <IconSettings size={16} />, onClick: onOpenSettings },
      ],
    },
    {
      group: 'Switch connection',
      actions: connections.connections
        .filter(({ id }) => id !== connections.active)
        .map((connection) => ({
          id: `connection:${connection.id}`,
          label: `Switch to ${connection.name}`,
          description: connection.baseUrl,
          keywords: ['connection', 'switch'],
          leftSection: <ConnectionDot colour={connection.colour} />,
          rightSection: <IconArrowsExchange size={14} />,
          onClick: () => onSwitch(connection.id),
        })),
    },
    {
      group: 'History',
      actions: history.slice(0, HISTORY_IN_PALETTE).map((entry) => ({
        id: `history:${entry.connectionId}|${entry.idType}|${entry.id}`,
        label: entry.id,
        description: `${entryType(entry)} · ${entry.connectionName} · ${outcomeLabel(entry.outcome)}`,
        keywords: [entry.connectionName, outcomeLabel(entry.outcome), 'history'],
        leftSection: <IconHistory size={16} />,
        onClick: () => onRerun(entry),
      })),
    },
  ].filter((group) => group.actions.length > 0);

  return (
    <Spotlight
      actions={actions}
      shortcut={['mod + K']}
      // The palette opens from the search field too, where focus usually is.
      tagsToIgnore={[]}
      nothingFound="Nothing matches. Try an ID, a connection name or an action."
      highlightQuery
      onExitTransitionEnd={() => {
        if (!focusAfterClose) return;
        setFocusAfterClose(false);
        onFocusSearch();
      }}
      scrollable
      maxHeight={420}
      // The dialog's name, for screen readers (a title would add a header, a second banner landmark).
      attributes={{ content: { 'aria-label': 'Search history and actions' } }}
      searchProps={{ leftSection: <IconSearch size={18} />, placeholder: 'Search history and actions…', 'aria-label': 'Search history and actions' }}
    />
  );
}
