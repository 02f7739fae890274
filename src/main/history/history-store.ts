/**
 * The history of lookups on disk: `history.json` in the app's data folder,
 * replaced atomically on every change (atomic-file.ts), one write at a time: changes
 * asked for while one is being written are written together next.
 * A file that cannot be used is moved aside and the history starts empty.
 * A change whose write fails changes nothing (clear and off say so; a lookup
 * that could not be recorded is logged, never shown as a failed lookup).
 * Turning the history off clears it.
 */
import { basename } from 'node:path';
import { type AppError } from '../../shared/errors';
import { EMPTY_HISTORY, historySchema, withEntry, type History, type HistoryEntry } from '../../shared/history';
import { fail, ok, type Result } from '../../shared/result';
import { moveAside, readJsonFile, removeTemporaries, writeAtomic } from '../settings/atomic-file';

/** 200 entries of at most a 1,024-character ID each, with room to spare. */
const MAX_HISTORY_BYTES = 1024 * 1024;

export interface HistoryStore {
  /** The history once every change asked for so far is in force (or has failed). */
  get(): Promise<History>;
  /** Adds a lookup (when the history is on), settled once written. Never fails: a write that fails is logged. */
  record(entry: HistoryEntry): Promise<void>;
  clear(): Promise<Result<History, AppError>>;
  /** Off also clears what was kept. */
  setEnabled(enabled: boolean): Promise<Result<History, AppError>>;
  /** Settles once every change asked for so far has been written (or has failed). */
  settled(): Promise<void>;
}

async function load(file: string): Promise<History> {
  await removeTemporaries(file);
  const read = await readJsonFile(file, MAX_HISTORY_BYTES);
  // Nothing there, or nothing the app may read (a link, a folder, no permission): an empty history, the path left alone.
  if (read.kind === 'missing' || read.kind === 'refused' || read.kind === 'unreadable') return EMPTY_HISTORY;
  const parsed = read.kind === 'json' ? historySchema.safeParse(read.value) : null;
  if (parsed?.success) return parsed.data;
  const moved = await moveAside(file, 'corrupt');
  console.warn(`${basename(file)} could not be used, so the history starts empty${moved.ok ? ` (kept as ${basename(moved.value)})` : ''}.`);
  return EMPTY_HISTORY;
}

export function createHistoryStore(file: string): HistoryStore {
  /** The history in force: as last read or written. */
  let current: Promise<History> | null = null;
  const inForce = () => (current ??= load(file));
  /** Changes asked for while a write was under way: the next write takes them all, in order. */
  let waiting: Array<{ update: (history: History) => History; settle: (result: Result<History, AppError>) => void }> = [];
  let writing = false;
  /** The last change asked for, settled once it is written (or has failed). */
  let latest: Promise<unknown> = Promise.resolve();

  async function writeWaiting(): Promise<void> {
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      let results: Array<Result<History, AppError>>;
      try {
        const before = await inForce();
        // Each change sees the ones asked before it; each caller is answered with the history after its own.
        const states: History[] = [];
        for (const { update } of batch) states.push(update(states.at(-1) ?? before));
        const next = states.at(-1) ?? before;
        const written = next === before ? ok(undefined) : await writeAtomic(file, `${JSON.stringify(next)}\n`);
        if (written.ok) current = Promise.resolve(next);
        results = written.ok ? states.map((state) => ok(state)) : batch.map(() => notSaved(written.error.code));
      } catch {
        results = batch.map(() => notSaved('unknown'));
      }
      batch.forEach(({ settle }, i) => settle(results[i]!));
    }
    writing = false;
  }

  /**
   * Puts a change in force once it is written. Changes asked for while a write is under way are written
   * together next, so lookups one after another never queue a write each (and a failed write fails them all).
   */
  function change(update: (history: History) => History): Promise<Result<History, AppError>> {
    const run = new Promise<Result<History, AppError>>((settle) => waiting.push({ update, settle }));
    if (!writing) {
      writing = true;
      void writeWaiting();
    }
    latest = run;
    return run;
  }

  const settled = () => latest.then(() => undefined);
  return {
    // What was asked for before is in force first: a lookup's record (not waited for by its answer) is there.
    get: () => settled().then(inForce),
    async record(entry) {
      const saved = await change((history) => (history.enabled ? withEntry(history, entry) : history));
      if (!saved.ok) console.warn(saved.error.message);
    },
    clear: () => change((history) => ({ ...history, entries: [] })),
    setEnabled: (enabled) => change((history) => ({ enabled, entries: enabled ? history.entries : [] })),
    settled,
  };
}

function notSaved(code: string): Result<never, AppError> {
  return fail<AppError>({ kind: 'internal', message: `The history could not be saved (${code}); it is as it was.` });
}

/** A history kept in memory only (the CLI and tests that do not look at it). */
export function createMemoryHistory(): HistoryStore {
  let history: History = EMPTY_HISTORY;
  return {
    get: async () => history,
    async record(entry) {
      if (history.enabled) history = withEntry(history, entry);
    },
    async clear() {
      history = { ...history, entries: [] };
      return ok(history);
    },
    async setEnabled(enabled) {
      history = { enabled, entries: enabled ? history.entries : [] };
      return ok(history);
    },
    settled: async () => undefined,
  };
}
