/**
 * The history of lookups on disk: `history.json` in the app's data folder,
 * replaced atomically on every change (atomic-file.ts), one change at a time.
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
  get(): Promise<History>;
  /** Adds a lookup (when the history is on). Never fails: a write that fails is logged. */
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
  let current: Promise<History> | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  const get = () => (current ??= load(file));

  /** Writes `next` and puts it in force; one change at a time. */
  function change(update: (history: History) => History): Promise<Result<History, AppError>> {
    const run = queue.then(async () => {
      const next = update(await get());
      const written = await writeAtomic(file, `${JSON.stringify(next)}\n`);
      if (!written.ok) return fail<AppError>({ kind: 'internal', message: `The history could not be saved (${written.error.code}); it is as it was.` });
      current = Promise.resolve(next);
      return ok(next);
    });
    queue = run.catch(() => undefined);
    return run;
  }

  return {
    get,
    async record(entry) {
      if (!(await get()).enabled) return;
      const saved = await change((history) => (history.enabled ? withEntry(history, entry) : history));
      if (!saved.ok) console.warn(saved.error.message);
    },
    clear: () => change((history) => ({ ...history, entries: [] })),
    setEnabled: (enabled) => change((history) => ({ enabled, entries: enabled ? history.entries : [] })),
    settled: () => queue.then(() => undefined),
  };
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
