import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { createHistoryStore, createMemoryHistory, GATHER_MS, type HistoryStore } from '../../../src/main/history/history-store';
import { EMPTY_HISTORY, MAX_HISTORY, type History, type HistoryEntry } from '../../../src/shared/history';
import { fail, ok } from '../../../src/shared/result';
import { writeAtomic } from '../../../src/main/settings/atomic-file';
import { useTempDirs } from '../../helpers/temp-dir';

// The real write, counted (records are gathered into one write) and held back when a test says so.
vi.mock('../../../src/main/settings/atomic-file', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/main/settings/atomic-file')>();
  return { ...real, writeAtomic: vi.fn(real.writeAtomic) };
});
const realWrite = vi.mocked(writeAtomic).getMockImplementation()!;
const writes = () => vi.mocked(writeAtomic).mock.calls.length;

/**
 * Holds the next write back until `release` (then it is the real one, or fails with `failWith`);
 * `started` settles once the store has asked for it.
 */
function holdNextWrite(failWith?: string) {
  let release: () => void = () => undefined;
  let begin: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (begin = resolve));
  vi.mocked(writeAtomic).mockImplementationOnce((...args) => {
    begin();
    return new Promise((resolve) => (release = () => resolve(failWith ? fail({ code: failWith }) : realWrite(...args))));
  });
  return { started, release: () => release() };
}

/** Lets whatever is ready to run (promise callbacks, finished file operations) run: to see that something is still waiting. */
const aWhile = () => new Promise((resolve) => setImmediate(resolve));

const tempDir = useTempDirs('adapty-history-');

let warn: MockInstance<typeof console.warn>;
beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
// Registered after useTempDirs, so run before its folders are removed: no store writes into a removed folder.
const opened: HistoryStore[] = [];
afterEach(async () => {
  vi.useRealTimers();
  vi.mocked(writeAtomic).mockReset();
  await Promise.all(opened.splice(0).map((store) => store.settled()));
  warn.mockRestore();
});

/** A store over `file`, settled after the test. */
function storeAt(file: string): HistoryStore {
  const store = createHistoryStore(file);
  opened.push(store);
  return store;
}

/** What `file` holds once `store` has written what it gathered, as a fresh store reads it. */
async function onDisk(store: HistoryStore, file: string): Promise<History> {
  await store.settled();
  return storeAt(file).get();
}

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
    expect(await storeAt(file).get()).toEqual(EMPTY_HISTORY);
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(warn).not.toHaveBeenCalled();
  });

  it('reads back what another store recorded', async () => {
    const file = await historyFile();
    const first = storeAt(file);
    await first.record(entry('a', { outcome: 'not_found' }));
    await first.record(entry('b', { idType: 'auto', matchedAs: 'profile_id' }));
    const expected: History = { enabled: true, entries: [entry('b', { idType: 'auto', matchedAs: 'profile_id' }), entry('a', { outcome: 'not_found' })] };
    expect(await first.get()).toEqual(expected);
    expect(await onDisk(first, file)).toEqual(expected);
  });

  it('removes what an interrupted write left behind, and nothing else', async () => {
    const file = await historyFile();
    const first = storeAt(file);
    await first.record(entry('a'));
    await first.settled();
    const folder = join(file, '..');
    const leftover = `history.json.${'0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9'}.tmp`;
    await writeFile(join(folder, leftover), '{"enabled":tr');
    await writeFile(join(folder, 'notes.txt'), 'mine');
    expect(ids(await storeAt(file).get())).toEqual(['a']);
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
    const store = storeAt(file);
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
    expect(ids(await onDisk(store, file))).toEqual(['after']);
  });
});

describe('recording', () => {
  it('writes one complete JSON file, readable by its owner only, with no temporary file left', async () => {
    const file = await historyFile();
    const store = storeAt(file);
    await store.record(entry('a'));
    await store.record(entry('b'));
    await store.settled();
    expect(await readdir(join(file, '..'))).toEqual(['history.json']);
    expect(await readJson(file)).toEqual(await store.get());
    expect(await readJson(file)).toEqual({ enabled: true, entries: [entry('b'), entry('a')] });
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('creates the missing folders of the history path', async () => {
    const file = join(await tempDir(), 'Adapty Inspector', 'nested', 'history.json');
    const store = storeAt(file);
    await store.record(entry('a'));
    expect(ids(await onDisk(store, file))).toEqual(['a']);
  });

  it('keeps a repeated lookup once, at the top', async () => {
    const file = await historyFile();
    const store = storeAt(file);
    await store.record(entry('a'));
    await store.record(entry('b'));
    await store.record(entry('a', { at: '2025-02-02T00:00:00.000Z', outcome: 'timeout' }));
    expect((await onDisk(store, file)).entries).toEqual([entry('a', { at: '2025-02-02T00:00:00.000Z', outcome: 'timeout' }), entry('b')]);
  });

  it('records nothing, and writes nothing, when the history is off', async () => {
    const file = await historyFile();
    // Written as no store writes it, so any rewrite would show.
    const content = `${JSON.stringify({ enabled: false, entries: [] }, null, 2)}\n\n`;
    await writeFile(file, content);
    const store = storeAt(file);
    await store.record(entry('a'));
    await Promise.all([store.record(entry('b')), store.record(entry('c'))]);
    await store.settled();
    expect(await store.get()).toEqual({ enabled: false, entries: [] });
    expect(await readFile(file, 'utf8')).toBe(content);
    expect(await readdir(join(file, '..'))).toEqual(['history.json']);
  });

  it('records nothing that arrives while the history is being turned off', async () => {
    const file = await historyFile();
    const store = storeAt(file);
    await store.record(entry('a'));
    const off = store.setEnabled(false);
    const late = store.record(entry('late'));
    expect((await off).ok).toBe(true);
    await late;
    expect(await store.get()).toEqual({ enabled: false, entries: [] });
    expect(await storeAt(file).get()).toEqual({ enabled: false, entries: [] });
  });

  it('lands every one of many records made at once, in the order they were made', async () => {
    const file = await historyFile();
    const store = storeAt(file);
    const made = Array.from({ length: 25 }, (_, i) => `id-${i}`);
    await Promise.all(made.map((id) => store.record(entry(id))));
    const expected = [...made].reverse();
    expect(ids(await store.get())).toEqual(expected);
    expect(ids(await onDisk(store, file))).toEqual(expected);
    expect(await readdir(join(file, '..'))).toEqual(['history.json']);
  });

  it('answers each change written together with the history after that change', async () => {
    const store = storeAt(await historyFile());
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
    const first = storeAt(file);
    await first.record(entry('old'));
    await first.settled();
    const store = storeAt(file);
    const [, , history] = await Promise.all([store.record(entry('a')), store.record(entry('b')), store.get()]);
    expect(ids(await store.get())).toEqual(['b', 'a', 'old']);
    expect(ids(history)).toContain('old');
  });
});

describe('clearing and turning off', () => {
  it('clear empties the history, keeps it on, and says so; a fresh store reads it empty', async () => {
    const file = await historyFile();
    const store = storeAt(file);
    await store.record(entry('a'));
    expect(await store.clear()).toEqual({ ok: true, value: { enabled: true, entries: [] } });
    expect(await store.get()).toEqual({ enabled: true, entries: [] });
    expect(await storeAt(file).get()).toEqual({ enabled: true, entries: [] });
    await store.record(entry('b'));
    expect(ids(await onDisk(store, file))).toEqual(['b']);
  });

  it('turning off clears the history too, and stays off in a fresh store', async () => {
    const file = await historyFile();
    const store = storeAt(file);
    await store.record(entry('a'));
    await store.record(entry('b'));
    expect(await store.setEnabled(false)).toEqual({ ok: true, value: { enabled: false, entries: [] } });
    expect(await readJson(file)).toEqual({ enabled: false, entries: [] });
    const fresh = storeAt(file);
    expect(await fresh.get()).toEqual({ enabled: false, entries: [] });
    await fresh.record(entry('c'));
    expect(await storeAt(file).get()).toEqual({ enabled: false, entries: [] });
  });

  it('turning on again starts empty and records again; on while on keeps the entries', async () => {
    const file = await historyFile();
    const store = storeAt(file);
    await store.record(entry('a'));
    expect(await store.setEnabled(true)).toEqual({ ok: true, value: { enabled: true, entries: [entry('a')] } });
    await store.setEnabled(false);
    expect(await store.setEnabled(true)).toEqual({ ok: true, value: { enabled: true, entries: [] } });
    await store.record(entry('b'));
    expect(await onDisk(store, file)).toEqual({ enabled: true, entries: [entry('b')] });
  });
});

describe('a write that fails', () => {
  /** A store with two entries on disk, whose file is then replaced by a non-empty folder: every write after that fails. */
  async function blockedStore() {
    const file = await historyFile();
    const store = storeAt(file);
    await store.record(entry('a'));
    await store.record(entry('b'));
    await store.settled();
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

  it('a record stays in force, warns once per write, and is written at quit once the path is writable again', async () => {
    const { file, store } = await blockedStore();
    await expect(store.record(entry('c'))).resolves.toBeUndefined();
    await store.record(entry('d'));
    expect(ids(await store.get())).toEqual(['d', 'c', 'b', 'a']);
    await store.settled();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/could not be saved \(\w+\); the lookups not yet saved are kept/));
    expect(ids(await store.get())).toEqual(['d', 'c', 'b', 'a']);
    await rm(file, { recursive: true });
    expect(ids(await onDisk(store, file))).toEqual(['d', 'c', 'b', 'a']);
  });

  /** A blocked store whose record of 'c' could not be written; the path is then writable again. */
  async function unsavedRecord() {
    const { file, store } = await blockedStore();
    await store.record(entry('c'));
    await store.settled();
    await rm(file, { recursive: true });
    return { file, store };
  }

  it('a record that could not be written goes with the next record', async () => {
    const { file, store } = await unsavedRecord();
    await store.record(entry('d'));
    expect(ids(await onDisk(store, file))).toEqual(['d', 'c', 'b', 'a']);
  });

  it('a record that could not be written goes with the next switch', async () => {
    const { file, store } = await unsavedRecord();
    // On while on: nothing changes but the write, which holds the record.
    expect(await store.setEnabled(true)).toEqual({ ok: true, value: { enabled: true, entries: [entry('c'), entry('b'), entry('a')] } });
    expect(ids(await storeAt(file).get())).toEqual(['c', 'b', 'a']);
  });

  it('does not stop the changes after it once the path is writable again', async () => {
    const { file, store } = await blockedStore();
    expect((await store.clear()).ok).toBe(false);
    await rm(file, { recursive: true });
    await store.record(entry('c'));
    expect(ids(await onDisk(store, file))).toEqual(['c', 'b', 'a']);
  });

  it('when the folder cannot be made (a file is in the way): records stay in memory, clear answers an error', async () => {
    const folder = await tempDir();
    await writeFile(join(folder, 'blocker'), 'a regular file');
    const store = storeAt(join(folder, 'blocker', 'history.json'));
    expect(await store.get()).toEqual(EMPTY_HISTORY);
    await expect(store.record(entry('a'))).resolves.toBeUndefined();
    await store.settled();
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/could not be saved/));
    expect(ids(await store.get())).toEqual(['a']);
    expect(await store.clear()).toMatchObject({ ok: false, error: { kind: 'internal' } });
    expect(await store.setEnabled(false)).toMatchObject({ ok: false, error: { kind: 'internal' } });
    expect(await store.get()).toEqual({ enabled: true, entries: [entry('a')] });
    expect(await readFile(join(folder, 'blocker'), 'utf8')).toBe('a regular file');
  });
});

describe('records gathered into one write', () => {
  it('many records in quick succession make one write, at once when settled', async () => {
    const file = await historyFile();
    const store = storeAt(file);
    const before = writes();
    const made = Array.from({ length: 50 }, (_, i) => `id-${i}`);
    for (const id of made) await store.record(entry(id));
    expect(writes() - before).toBe(0);
    await store.settled();
    expect(writes() - before).toBe(1);
    expect(ids(await storeAt(file).get())).toEqual([...made].reverse());
  });

  it(`writes what was recorded ${GATHER_MS} ms after the first record, at most once a window while records keep coming, and no more`, async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const store = storeAt(await historyFile());
    await store.get();
    // Writes that take no time, so each is done within the timers' turn.
    vi.mocked(writeAtomic).mockImplementation(async () => ok(undefined));
    const written = () => JSON.parse(vi.mocked(writeAtomic).mock.lastCall![1]) as History;
    const before = writes();
    await store.record(entry('a'));
    await vi.advanceTimersByTimeAsync(GATHER_MS / 2);
    await store.record(entry('b'));
    await vi.advanceTimersByTimeAsync(GATHER_MS / 2 - 1);
    expect(writes() - before).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(writes() - before).toBe(1);
    expect(ids(written())).toEqual(['b', 'a']);
    await store.record(entry('c'));
    await vi.advanceTimersByTimeAsync(GATHER_MS / 2);
    await store.record(entry('d'));
    await vi.advanceTimersByTimeAsync(GATHER_MS / 2);
    expect(writes() - before).toBe(2);
    // Nothing left to write: no timer, and no write however long the store is left alone.
    await store.settled();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(100 * GATHER_MS);
    expect(writes() - before).toBe(2);
    expect(ids(written())).toEqual(['d', 'c', 'b', 'a']);
  });

  it('settled writes what was gathered at once, without waiting out the window', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const file = await historyFile();
    const store = storeAt(file);
    await store.record(entry('a'));
    // No timer is advanced: the write is made by settled.
    await store.settled();
    expect(ids(await storeAt(file).get())).toEqual(['a']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('the gathering timer never holds the process open', async () => {
    const timers = vi.spyOn(globalThis, 'setTimeout');
    const store = storeAt(await historyFile());
    await store.record(entry('a'));
    const gathering = timers.mock.calls.findIndex(([, ms]) => ms === GATHER_MS);
    expect(gathering).toBeGreaterThanOrEqual(0);
    expect((timers.mock.results[gathering]!.value as NodeJS.Timeout).hasRef()).toBe(false);
    timers.mockRestore();
  });

  /** A store holding 'a', whose next write (the one `write` starts) is held until released. */
  async function heldWrite<T>(write: (store: HistoryStore) => Promise<T>) {
    const file = await historyFile();
    const store = storeAt(file);
    await store.record(entry('a'));
    const held = holdNextWrite();
    const writing = write(store);
    await held.started;
    return { file, store, held, writing };
  }

  /** The same, the write being settled's, with 'b' recorded meanwhile. */
  async function recordDuringHeldWrite() {
    const made = await heldWrite((store) => store.settled());
    await made.store.record(entry('b'));
    return made;
  }

  it('get shows a record at once, without waiting for the disk', async () => {
    const { file, store, held, writing } = await recordDuringHeldWrite();
    expect(ids(await store.get())).toEqual(['b', 'a']);
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    held.release();
    await writing;
    expect(ids(await onDisk(store, file))).toEqual(['b', 'a']);
  });

  it('settled (as at quit) loses no record made while a write is under way', async () => {
    const { file, store, held, writing } = await recordDuringHeldWrite();
    const quit = store.settled();
    held.release();
    await Promise.all([writing, quit]);
    expect(ids(await storeAt(file).get())).toEqual(['b', 'a']);
  });

  it('records made while a clear is being written land after it, in order; get waits for the clear', async () => {
    const { file, store, held, writing: cleared } = await heldWrite((store) => store.clear());
    const recorded = [store.record(entry('b')), store.record(entry('c'))];
    let got: History | null = null;
    const getting = store.get().then((history) => (got = history));
    await aWhile();
    expect(got).toBeNull();
    held.release();
    expect(await cleared).toEqual({ ok: true, value: { enabled: true, entries: [] } });
    await Promise.all(recorded);
    expect(ids(await getting)).toEqual(['c', 'b']);
    expect(ids(await onDisk(store, file))).toEqual(['c', 'b']);
  });

  /** A store with 'a' on disk. */
  async function storeWithA() {
    const file = await historyFile();
    const store = storeAt(file);
    await store.record(entry('a'));
    await store.settled();
    return { file, store };
  }

  it('a clear that fails keeps the records made while it was being written, and they are written', async () => {
    const { file, store } = await storeWithA();
    const held = holdNextWrite('EIO');
    const cleared = store.clear();
    await held.started;
    const recorded = store.record(entry('b'));
    held.release();
    expect(await cleared).toMatchObject({ ok: false, error: { kind: 'internal', message: expect.stringMatching(/\(EIO\); it is as it was/) } });
    await recorded;
    expect(ids(await store.get())).toEqual(['b', 'a']);
    expect(ids(await onDisk(store, file))).toEqual(['b', 'a']);
  });

  it('a switch writes the records gathered before it with it, in one write', async () => {
    const { file, store } = await storeWithA();
    await store.record(entry('b'));
    const before = writes();
    expect(await store.setEnabled(true)).toEqual({ ok: true, value: { enabled: true, entries: [entry('b'), entry('a')] } });
    await store.settled();
    expect(writes() - before).toBe(1);
    expect(ids(await storeAt(file).get())).toEqual(['b', 'a']);
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
