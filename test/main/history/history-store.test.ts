import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { createHistoryStore, createMemoryHistory } from '../../../src/main/history/history-store';
import { EMPTY_HISTORY, MAX_HISTORY, type History, type HistoryEntry } from '../../../src/shared/history';
import { writeAtomic } from '../../../src/main/settings/atomic-file';
import { useTempDirs } from '../../helpers/temp-dir';

// The real write, counted: changes asked for during a write are written together.
vi.mock('../../../src/main/settings/atomic-file', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/main/settings/atomic-file')>();
  return { ...real, writeAtomic: vi.fn(real.writeAtomic) };
});

const tempDir = useTempDirs('adapty-history-');

let warn: MockInstance<typeof console.warn>;
beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  warn.mockRestore();
});

function entry(id: string, over: Partial<HistoryEntry> = {}): HistoryEntry {
  return { connectionId: 'default', connectionName: 'Default', idType: 'customer_user_id', id, at: '2025-01-01T00:00:00.000Z', outcome: 'found', ...over };
}

async function historyFile(): Promise<string> {
  return join(await tempDir(), 'history.json');
}

const readJson = async (file: string): Promise<unknown> => JSON.parse(await readFile(file, 'utf8'));
const ids = (history: History) => history.entries.map((e) => e.id);

describe('reading the history', () => {
  it('is empty and on when the file is missing, without writing one or warning', async () => {
    const file = await historyFile();
    expect(await createHistoryStore(file).get()).toEqual(EMPTY_HISTORY);
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(warn).not.toHaveBeenCalled();
  });

  it('reads back what another store recorded', async () => {
    const file = await historyFile();
    const first = createHistoryStore(file);
    await first.record(entry('a', { outcome: 'not_found' }));
    await first.record(entry('b', { idType: 'auto', matchedAs: 'profile_id' }));
    const expected: History = { enabled: true, entries: [entry('b', { idType: 'auto', matchedAs: 'profile_id' }), entry('a', { outcome: 'not_found' })] };
    expect(await first.get()).toEqual(expected);
    expect(await createHistoryStore(file).get()).toEqual(expected);
  });

  it('removes what an interrupted write left behind, and nothing else', async () => {
    const file = await historyFile();
    await createHistoryStore(file).record(entry('a'));
    const folder = join(file, '..');
    const leftover = `history.json.${'0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9'}.tmp`;
    await writeFile(join(folder, leftover), '{"enabled":tr');
    await writeFile(join(folder, 'notes.txt'), 'mine');
    expect(ids(await createHistoryStore(file).get())).toEqual(['a']);
    expect((await readdir(folder)).sort()).toEqual(['history.json', 'notes.txt']);
  });
});

describe('a history file that cannot be used', () => {
  const tooMany = { enabled: true, entries: Array.from({ length: MAX_HISTORY + 1 }, (_, i) => entry(`id-${i}`)) };
  it.each([
    ['not JSON', '{"enabled": true, "entries": ['],
    ['empty', ''],
    ['null', 'null'],
    ['an array', JSON.stringify([entry('a')])],
    ['the wrong shape', JSON.stringify({ on: true, list: [] })],
    ['an entry of the wrong shape', JSON.stringify({ enabled: true, entries: [{ ...entry('a'), idType: 'email' }] })],
    ['an entry without its outcome', JSON.stringify({ enabled: true, entries: [{ ...entry('a'), outcome: undefined }] })],
    [`${MAX_HISTORY + 1} entries`, JSON.stringify(tooMany)],
    ['over 1 MiB', `${JSON.stringify({ enabled: true, entries: [] })}${' '.repeat(1024 * 1024)}`],
    ['not UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d])],
  ])('is moved aside and the history starts empty, with a warning, when it is %s', async (_what, content) => {
    const file = await historyFile();
    await writeFile(file, content);
    const store = createHistoryStore(file);
    expect(await store.get()).toEqual(EMPTY_HISTORY);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/history\.json could not be used.*history\.json\.corrupt-/);
    const names = await readdir(join(file, '..'));
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^history\.json\.corrupt-\d{4}-\d{2}-\d{2}T[\d-]+Z$/);
    // Kept as it was, for a person to look at.
    expect((await readFile(join(file, '..', names[0]!))).equals(Buffer.from(content))).toBe(true);
    // And the history goes on from empty.
    await store.record(entry('after'));
    expect(ids(await createHistoryStore(file).get())).toEqual(['after']);
  });
});

describe('recording', () => {
  it('writes one complete JSON file, readable by its owner only, with no temporary file left', async () => {
    const file = await historyFile();
    const store = createHistoryStore(file);
    await store.record(entry('a'));
    await store.record(entry('b'));
    expect(await readdir(join(file, '..'))).toEqual(['history.json']);
    expect(await readJson(file)).toEqual(await store.get());
    expect(await readJson(file)).toEqual({ enabled: true, entries: [entry('b'), entry('a')] });
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('creates the missing folders of the history path', async () => {
    const file = join(await tempDir(), 'Adapty Inspector', 'nested', 'history.json');
    await createHistoryStore(file).record(entry('a'));
    expect(ids(await createHistoryStore(file).get())).toEqual(['a']);
  });

  it('keeps a repeated lookup once, at the top', async () => {
    const file = await historyFile();
    const store = createHistoryStore(file);
    await store.record(entry('a'));
    await store.record(entry('b'));
    await store.record(entry('a', { at: '2025-02-02T00:00:00.000Z', outcome: 'timeout' }));
    expect((await createHistoryStore(file).get()).entries).toEqual([entry('a', { at: '2025-02-02T00:00:00.000Z', outcome: 'timeout' }), entry('b')]);
  });

  it('records nothing, and writes nothing, when the history is off', async () => {
    const file = await historyFile();
    // Written as no store writes it, so any rewrite would show.
    const content = `${JSON.stringify({ enabled: false, entries: [] }, null, 2)}\n\n`;
    await writeFile(file, content);
    const store = createHistoryStore(file);
    await store.record(entry('a'));
    await Promise.all([store.record(entry('b')), store.record(entry('c'))]);
    expect(await store.get()).toEqual({ enabled: false, entries: [] });
    expect(await readFile(file, 'utf8')).toBe(content);
    expect(await readdir(join(file, '..'))).toEqual(['history.json']);
  });

  it('records nothing that arrives while the history is being turned off', async () => {
    const file = await historyFile();
    const store = createHistoryStore(file);
    await store.record(entry('a'));
    const off = store.setEnabled(false);
    const late = store.record(entry('late'));
    expect((await off).ok).toBe(true);
    await late;
    expect(await store.get()).toEqual({ enabled: false, entries: [] });
    expect(await createHistoryStore(file).get()).toEqual({ enabled: false, entries: [] });
  });

  it('lands every one of many records made at once, in the order they were made', async () => {
    const file = await historyFile();
    const store = createHistoryStore(file);
    const made = Array.from({ length: 25 }, (_, i) => `id-${i}`);
    await Promise.all(made.map((id) => store.record(entry(id))));
    const expected = [...made].reverse();
    expect(ids(await store.get())).toEqual(expected);
    expect(ids(await createHistoryStore(file).get())).toEqual(expected);
    expect(await readdir(join(file, '..'))).toEqual(['history.json']);
  });

  it('writes records made while a write is under way together, not one write each', async () => {
    const file = await historyFile();
    const store = createHistoryStore(file);
    await store.record(entry('first'));
    const writes = vi.mocked(writeAtomic).mock.calls.length;
    const made = Array.from({ length: 50 }, (_, i) => `id-${i}`);
    await Promise.all(made.map((id) => store.record(entry(id))));
    // The first starts a write; the 49 asked for during it are the next one.
    expect(vi.mocked(writeAtomic).mock.calls.length - writes).toBe(2);
    expect(ids(await createHistoryStore(file).get())).toEqual([...made].reverse().concat('first'));
  });

  it('get waits for the records asked for before it', async () => {
    const file = await historyFile();
    const store = createHistoryStore(file);
    void store.record(entry('a'));
    void store.record(entry('b'));
    expect(ids(await store.get())).toEqual(['b', 'a']);
    expect(ids(await createHistoryStore(file).get())).toEqual(['b', 'a']);
  });

  it('answers each change written together with the history after that change', async () => {
    const store = createHistoryStore(await historyFile());
    const first = store.record(entry('a'));
    // Asked for while 'a' is being written: written together next, in order.
    const cleared = store.clear();
    const after = store.record(entry('b'));
    expect(await cleared).toEqual({ ok: true, value: { enabled: true, entries: [] } });
    await Promise.all([first, after]);
    expect(ids(await store.get())).toEqual(['b']);
  });

  it('lands records made while the file is still being read for the first time', async () => {
    const file = await historyFile();
    await createHistoryStore(file).record(entry('old'));
    const store = createHistoryStore(file);
    const [, , history] = await Promise.all([store.record(entry('a')), store.record(entry('b')), store.get()]);
    expect(ids(await store.get())).toEqual(['b', 'a', 'old']);
    expect(ids(history)).toContain('old');
  });
});

describe('clearing and turning off', () => {
  it('clear empties the history, keeps it on, and says so; a fresh store reads it empty', async () => {
    const file = await historyFile();
    const store = createHistoryStore(file);
    await store.record(entry('a'));
    expect(await store.clear()).toEqual({ ok: true, value: { enabled: true, entries: [] } });
    expect(await store.get()).toEqual({ enabled: true, entries: [] });
    expect(await createHistoryStore(file).get()).toEqual({ enabled: true, entries: [] });
    await store.record(entry('b'));
    expect(ids(await createHistoryStore(file).get())).toEqual(['b']);
  });

  it('turning off clears the history too, and stays off in a fresh store', async () => {
    const file = await historyFile();
    const store = createHistoryStore(file);
    await store.record(entry('a'));
    await store.record(entry('b'));
    expect(await store.setEnabled(false)).toEqual({ ok: true, value: { enabled: false, entries: [] } });
    expect(await readJson(file)).toEqual({ enabled: false, entries: [] });
    const fresh = createHistoryStore(file);
    expect(await fresh.get()).toEqual({ enabled: false, entries: [] });
    await fresh.record(entry('c'));
    expect(await createHistoryStore(file).get()).toEqual({ enabled: false, entries: [] });
  });

  it('turning on again starts empty and records again; on while on keeps the entries', async () => {
    const file = await historyFile();
    const store = createHistoryStore(file);
    await store.record(entry('a'));
    expect(await store.setEnabled(true)).toEqual({ ok: true, value: { enabled: true, entries: [entry('a')] } });
    await store.setEnabled(false);
    expect(await store.setEnabled(true)).toEqual({ ok: true, value: { enabled: true, entries: [] } });
    await store.record(entry('b'));
    expect(await createHistoryStore(file).get()).toEqual({ enabled: true, entries: [entry('b')] });
  });
});

describe('a write that fails', () => {
  /** A store with two entries on disk, whose file is then replaced by a non-empty folder: every write after that fails. */
  async function blockedStore() {
    const file = await historyFile();
    const store = createHistoryStore(file);
    await store.record(entry('a'));
    await store.record(entry('b'));
    const before = await store.get();
    await rm(file);
    await mkdir(join(file, 'inside'), { recursive: true });
    return { file, store, before };
  }

  it('clear answers an internal error and the history in force is unchanged', async () => {
    const { store, before } = await blockedStore();
    const cleared = await store.clear();
    expect(cleared).toMatchObject({ ok: false, error: { kind: 'internal', message: expect.stringMatching(/could not be saved/) } });
    expect(await store.get()).toEqual(before);
    expect(ids(before)).toEqual(['b', 'a']);
  });

  it('turning off answers an internal error and the history stays on, with its entries', async () => {
    const { store, before } = await blockedStore();
    expect(await store.setEnabled(false)).toMatchObject({ ok: false, error: { kind: 'internal' } });
    expect(await store.get()).toEqual(before);
  });

  it('record does not throw, changes nothing, and warns', async () => {
    const { store, before } = await blockedStore();
    await expect(store.record(entry('c'))).resolves.toBeUndefined();
    expect(await store.get()).toEqual(before);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/could not be saved/));
  });

  it('does not stop the changes after it once the path is writable again', async () => {
    const { file, store } = await blockedStore();
    expect((await store.clear()).ok).toBe(false);
    await rm(file, { recursive: true });
    await store.record(entry('c'));
    expect(ids(await createHistoryStore(file).get())).toEqual(['c', 'b', 'a']);
  });

  it('when the folder cannot be made (a file is in the way): empty, record does not throw, clear answers an error', async () => {
    const folder = await tempDir();
    await writeFile(join(folder, 'blocker'), 'a regular file');
    const store = createHistoryStore(join(folder, 'blocker', 'history.json'));
    expect(await store.get()).toEqual(EMPTY_HISTORY);
    await expect(store.record(entry('a'))).resolves.toBeUndefined();
    expect(await store.get()).toEqual(EMPTY_HISTORY);
    expect(await store.clear()).toMatchObject({ ok: false, error: { kind: 'internal' } });
    expect(await store.setEnabled(false)).toMatchObject({ ok: false, error: { kind: 'internal' } });
    expect(await store.get()).toEqual(EMPTY_HISTORY);
    expect(await readFile(join(folder, 'blocker'), 'utf8')).toBe('a regular file');
  });
});

describe('the history in memory', () => {
  it('records, clears, and turning off clears and stops recording', async () => {
    const store = createMemoryHistory();
    expect(await store.get()).toEqual(EMPTY_HISTORY);
    await store.record(entry('a'));
    await store.record(entry('b'));
    await store.record(entry('a'));
    expect(ids(await store.get())).toEqual(['a', 'b']);
    expect(await store.clear()).toEqual({ ok: true, value: { enabled: true, entries: [] } });
    await store.record(entry('c'));
    expect(await store.setEnabled(false)).toEqual({ ok: true, value: { enabled: false, entries: [] } });
    await store.record(entry('d'));
    expect(await store.get()).toEqual({ enabled: false, entries: [] });
    expect(EMPTY_HISTORY).toEqual({ enabled: true, entries: [] });
  });
});
