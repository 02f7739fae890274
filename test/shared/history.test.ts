import { describe, expect, it } from 'vitest';
import { EMPTY_HISTORY, historySchema, MAX_HISTORY, searchHistory, withEntry, type History, type HistoryEntry } from '../../src/shared/history';

/** An entry through the first connection, found, at a fixed time; `over` changes what a test needs. */
function entry(id: string, over: Partial<HistoryEntry> = {}): HistoryEntry {
  return { connectionId: 'default', connectionName: 'Default', idType: 'customer_user_id', id, at: '2025-01-01T00:00:00.000Z', outcome: 'found', ...over };
}

/** The history after adding each entry in turn (the last one added is the newest). */
function added(...entries: HistoryEntry[]): History {
  return entries.reduce(withEntry, EMPTY_HISTORY);
}

const ids = (history: History) => history.entries.map((e) => e.id);

describe('withEntry', () => {
  it('puts the newest entry first', () => {
    expect(ids(added(entry('a'), entry('b'), entry('c')))).toEqual(['c', 'b', 'a']);
  });

  it('keeps the history on or off as it was, and does not change the history it was given', () => {
    const before: History = { enabled: false, entries: [entry('a')] };
    const after = withEntry(before, entry('b'));
    expect(after.enabled).toBe(false);
    expect(before).toEqual({ enabled: false, entries: [entry('a')] });
    expect(EMPTY_HISTORY).toEqual({ enabled: true, entries: [] });
  });

  it('keeps the same ID of the same type through the same connection once, moved to the top at its latest', () => {
    const history = added(entry('a', { at: '2025-01-01T00:00:00.000Z', outcome: 'not_found' }), entry('b'), entry('a', { at: '2025-01-02T00:00:00.000Z' }));
    expect(ids(history)).toEqual(['a', 'b']);
    expect(history.entries[0]).toEqual(entry('a', { at: '2025-01-02T00:00:00.000Z', outcome: 'found' }));
  });

  it('keeps the same ID through another connection as an entry of its own', () => {
    const history = added(entry('a'), entry('a', { connectionId: 'acme', connectionName: 'Acme' }));
    expect(history.entries.map((e) => [e.connectionId, e.id])).toEqual([
      ['acme', 'a'],
      ['default', 'a'],
    ]);
  });

  it('keeps the same ID asked as another type as an entry of its own', () => {
    const history = added(entry('a'), entry('a', { idType: 'auto', matchedAs: 'customer_user_id' }), entry('a', { idType: 'profile_id' }));
    expect(history.entries.map((e) => e.idType)).toEqual(['profile_id', 'auto', 'customer_user_id']);
  });

  it('tells IDs apart by case (a customer user ID is case-sensitive)', () => {
    expect(ids(added(entry('abc'), entry('ABC')))).toEqual(['ABC', 'abc']);
  });

  it(`keeps at most ${MAX_HISTORY} entries, dropping the oldest`, () => {
    const many = Array.from({ length: MAX_HISTORY + 5 }, (_, i) => entry(`id-${i}`));
    const history = added(...many);
    expect(history.entries).toHaveLength(MAX_HISTORY);
    expect(history.entries[0]!.id).toBe(`id-${MAX_HISTORY + 4}`);
    expect(history.entries[MAX_HISTORY - 1]!.id).toBe('id-5');
    expect(ids(history)).not.toContain('id-4');
    expect(historySchema.safeParse(history).success).toBe(true);
  });

  it(`moves a repeated ID to the top of a full history without dropping anything else`, () => {
    const full = added(...Array.from({ length: MAX_HISTORY }, (_, i) => entry(`id-${i}`)));
    const history = withEntry(full, entry('id-0'));
    expect(history.entries).toHaveLength(MAX_HISTORY);
    expect(ids(history)[0]).toBe('id-0');
    expect(new Set(ids(history)).size).toBe(MAX_HISTORY);
    expect(ids(history)).toContain('id-1');
  });
});

describe('searchHistory', () => {
  const entries: HistoryEntry[] = [
    entry('all-set', { connectionName: 'Acme production' }),
    entry('nobody-has-this-id', { connectionName: 'Acme staging', outcome: 'not_found' }),
    entry('3E1B0C1A-5B7D-4D2E-9C1F-0A6B2D4E8F10', { idType: 'profile_id', connectionName: 'Default', outcome: 'rate_limited' }),
    entry('scenario:slow', { connectionName: 'Default', outcome: 'timeout' }),
  ];
  const search = (query: string) => searchHistory(entries, query).map((e) => e.id);

  it('gives every entry, in order, for an empty query or one of only spaces', () => {
    expect(search('')).toEqual(entries.map((e) => e.id));
    expect(search('   \t ')).toEqual(entries.map((e) => e.id));
  });

  it('gives a copy, not the list it was given', () => {
    const all = searchHistory(entries, '');
    expect(all).not.toBe(entries);
  });

  it('finds a part of an ID', () => {
    expect(search('set')).toEqual(['all-set']);
    expect(search('4d2e')).toEqual(['3E1B0C1A-5B7D-4D2E-9C1F-0A6B2D4E8F10']);
  });

  it('matches in any case', () => {
    expect(search('ALL-SET')).toEqual(['all-set']);
    expect(search('3e1b0c1a')).toEqual(['3E1B0C1A-5B7D-4D2E-9C1F-0A6B2D4E8F10']);
    expect(search('acme PRODUCTION')).toEqual(['all-set']);
  });

  it('finds by connection name', () => {
    expect(search('acme')).toEqual(['all-set', 'nobody-has-this-id']);
    expect(search('staging')).toEqual(['nobody-has-this-id']);
  });

  it('needs every word, each of which may be in a different field', () => {
    expect(search('acme set')).toEqual(['all-set']);
    expect(search('  acme   nobody  ')).toEqual(['nobody-has-this-id']);
    expect(search('staging all-set')).toEqual([]);
  });

  it('reads the outcome with its underscores as spaces', () => {
    expect(search('not found')).toEqual(['nobody-has-this-id']);
    expect(search('rate limited')).toEqual(['3E1B0C1A-5B7D-4D2E-9C1F-0A6B2D4E8F10']);
    expect(search('Limited')).toEqual(['3E1B0C1A-5B7D-4D2E-9C1F-0A6B2D4E8F10']);
    expect(search('timeout')).toEqual(['scenario:slow']);
    expect(search('found')).toEqual(['all-set', 'nobody-has-this-id']);
  });

  it('finds the outcome as written too, with its underscores', () => {
    expect(search('not_found')).toEqual(['nobody-has-this-id']);
    expect(search('RATE_LIMITED')).toEqual(['3E1B0C1A-5B7D-4D2E-9C1F-0A6B2D4E8F10']);
  });

  it('gives nothing when nothing matches', () => {
    expect(search('no-such-thing')).toEqual([]);
    expect(searchHistory([], 'anything')).toEqual([]);
  });
});
