/**
 * The history of lookups: `history.json` in the app's data folder, read once and then kept in memory,
 * which is what `get` answers.
 *
 * A lookup's record is in force at once. Records are gathered for GATHER_MS from the first one, then
 * written together: one write per window however many lookups come, one write at a time, each replacing
 * the file atomically (atomic-file.ts) with the whole history. A record whose write fails stays in memory
 * (and is logged) and goes with the next write: a later record's, turning the history on again, or the
 * one `settled` makes at once when the app quits (a clear or turning it off empties it, written or not).
 *
 * Clearing and turning the history on or off answer once written; if the write fails they say so and
 * the history is as it was. Records made meanwhile (and `get`) wait for them, then apply in order.
 * A file that cannot be used is moved aside and the history starts empty. Turning the history off clears it.
 */
import { basename } from 'node:path';
import { type AppError } from '../../shared/errors';
import { EMPTY_HISTORY, historySchema, withEntry, type History, type HistoryEntry } from '../../shared/history';
import { fail, ok, type Result } from '../../shared/result';
import { moveAside, readJsonFile, removeTemporaries, writeAtomic, type FileError } from '../settings/atomic-file';

/** 200 entries of at most a 1,024-character ID each, with room to spare. */
const MAX_HISTORY_BYTES = 1024 * 1024;

/**
 * How long records are gathered before they are written. Lookups a person makes are seconds apart, so each
 * is on disk a tenth of a second after its answer (a quit writes what is left, waiting up to QUIT_WAIT_MS
 * in index.ts; a crash in that tenth, or after a write that failed, loses what was not written); lookups
 * back to back (about 0.3 ms each) share one write of the 200 entries instead of one each.
 */
export const GATHER_MS = 100;

export interface HistoryStore {
  /** The history in force, records not yet written included; once the file is read and any clear or switch under way is done. */
  get(): Promise<History>;
  /**
   * Puts a lookup in force (when the history is on) and settles then, not once written: it is written within
   * GATHER_MS, or by `settled`. Never fails: a write that fails is logged, and the record kept for the next.
   */
  record(entry: HistoryEntry): Promise<void>;
  clear(): Promise<Result<History, AppError>>;
  /** Off also clears what was kept. */
  setEnabled(enabled: boolean): Promise<Result<History, AppError>>;
  /** Writes at once what is not yet written (after any change under way); settles once it is on disk (or the write has failed). */
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

const nothing = () => undefined;

export function createHistoryStore(file: string): HistoryStore {
  /** The history in force, once read. */
  let history: History = EMPTY_HISTORY;
  /** Counts the changes to `history`; `written` is the count on disk, behind while records wait to be written. */
  let changes = 0;
  let written = 0;
  /** The file's first read and the clears and switches being written, then what was asked after them; null once all are done. */
  let ahead: Promise<void> | null = null;
  let read = false;
  /** The last write asked for: the next one starts after it. */
  let writing: Promise<void> = Promise.resolve();
  let gathering: ReturnType<typeof setTimeout> | null = null;

  /** Runs `step` after everything in `ahead`, in the order asked. */
  function inTurn<T>(step: () => T | Promise<T>): Promise<T> {
    const run = (ahead ?? Promise.resolve()).then(step);
    const done = run.then(nothing, nothing);
    ahead = done;
    void done.then(() => {
      if (ahead === done) ahead = null;
    });
    return run;
  }

  /** Reads the file on first use: whatever is asked meanwhile waits for it. */
  function readFirst(): void {
    if (read) return;
    read = true;
    void inTurn(async () => {
      history = await load(file);
    });
  }

  /** Runs `write` once the write under way (if any) is done. */
  function oneAtATime<T>(write: () => Promise<T>): Promise<T> {
    const run = writing.then(write);
    writing = run.then(nothing, nothing);
    return run;
  }

  const save = (next: History): Promise<Result<void, FileError>> =>
    writeAtomic(file, `${JSON.stringify(next)}\n`).catch(() => fail({ code: 'unknown' }));

  /** Writes the history in force if it holds anything not on disk yet. */
  function flush(): Promise<void> {
    if (gathering) clearTimeout(gathering);
    gathering = null;
    return oneAtATime(async () => {
      if (written === changes) return;
      const at = changes;
      const saved = await save(history);
      if (saved.ok) written = at;
      else console.warn(`The history could not be saved (${saved.error.code}); the lookups not yet saved are kept for the next write.`);
    });
  }

  function add(entry: HistoryEntry): void {
    if (!history.enabled) return;
    history = withEntry(history, entry);
    changes += 1;
    // Unref'd: it never keeps the process open (settled writes at once at quit).
    gathering ??= setTimeout(() => void flush(), GATHER_MS).unref();
  }

  /** A clear or a switch: written (with any records not yet written) before it is in force, or not at all. */
  function change(update: (history: History) => History): Promise<Result<History, AppError>> {
    readFirst();
    return inTurn(() =>
      oneAtATime(async () => {
        const next = update(history);
        const saved = await save(next);
        if (!saved.ok) return notSaved(saved.error.code);
        history = next;
        written = changes += 1;
        return ok(next);
      }),
    );
  }

  return {
    get() {
      readFirst();
      return inTurn(() => history);
    },
    async record(entry) {
      readFirst();
      if (ahead) await inTurn(() => add(entry));
      else add(entry);
    },
    clear: () => change((history) => ({ ...history, entries: [] })),
    setEnabled: (enabled) => change((history) => ({ enabled, entries: enabled ? history.entries : [] })),
    settled: () => inTurn(nothing).then(flush),
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
