/**
 * The history of lookups on this computer: what was looked up, through which
 * connection, when, and how it ended. Never a key, never an identifier's value.
 */
import { z } from 'zod';
import { connectionIdSchema, MAX_CONNECTION_NAME } from './connections';
import { idChoiceSchema, idTypeSchema } from './lookup';
import { ID_TYPE_LABELS, MAX_CUSTOMER_USER_ID_LENGTH } from './input-rules';

export const MAX_HISTORY = 200;

export const historyEntrySchema = z.object({
  connectionId: connectionIdSchema,
  /** The connection's name when the lookup ran (it may be renamed or removed later). */
  connectionName: z.string().max(MAX_CONNECTION_NAME),
  /** The type asked for (Auto included), and under Auto the type that matched. */
  idType: idChoiceSchema,
  matchedAs: idTypeSchema.optional(),
  id: z.string().max(MAX_CUSTOMER_USER_ID_LENGTH),
  /** ISO 8601, UTC. */
  at: z.string().max(40),
  /** "found", or the kind of error the lookup ended with. */
  outcome: z.string().max(40),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const historySchema = z.object({
  enabled: z.boolean(),
  /** Newest first. */
  entries: z.array(historyEntrySchema).max(MAX_HISTORY),
});
export type History = z.infer<typeof historySchema>;

export const EMPTY_HISTORY: History = { enabled: true, entries: [] };

/**
 * The history with `entry` added first. The same ID of the same type through the same connection is
 * kept once, at its latest; the oldest beyond MAX_HISTORY go.
 */
export function withEntry(history: History, entry: HistoryEntry): History {
  // On every lookup, among up to MAX_HISTORY: the list is copied whole (a copy of an array is one move of
  // memory) and changed in place, not rebuilt entry by entry.
  const same = history.entries.findIndex((other) => other.id === entry.id && other.idType === entry.idType && other.connectionId === entry.connectionId);
  const entries = history.entries.slice();
  if (same !== -1) entries.splice(same, 1);
  entries.unshift(entry);
  if (entries.length > MAX_HISTORY) entries.length = MAX_HISTORY;
  return { ...history, entries };
}

/** An outcome as people read it: "not found" for not_found. */
export function outcomeLabel(outcome: string): string {
  return outcome.replace(/_/g, ' ');
}

/** "Auto", or the type chosen; under Auto, what it matched as. */
export function entryType(entry: HistoryEntry): string {
  if (entry.idType !== 'auto') return ID_TYPE_LABELS[entry.idType];
  return entry.matchedAs ? `Auto: ${ID_TYPE_LABELS[entry.matchedAs].toLowerCase()}` : 'Auto';
}

/** Entries whose ID, connection or outcome holds every word of `query` (any case). */
export function searchHistory(entries: readonly HistoryEntry[], query: string): HistoryEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...entries];
  return entries.filter((entry) => {
    // The outcome both as written (not_found) and as shown (not found).
    const text = `${entry.id} ${entry.connectionName} ${entry.outcome} ${outcomeLabel(entry.outcome)}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}
