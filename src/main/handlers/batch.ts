/**
 * Batch lookups in the app: one batch at a time, held here in main with its rows. The key and the
 * connection are resolved once when a run starts; the window is told (at most ~10 times a second) that
 * something changed and asks getBatch for the rows changed since the version it holds, so a 10,000-row
 * batch crosses once, in pieces, not on every tick. Identifier values go to the window (it shows them);
 * the key never does. Files go through main's own dialogs (deps.chooseIdFile, deps.chooseExportPath).
 */
import { basename } from 'node:path';
import { lookupIdentifiers } from '../adapty/client';
import { idColumnGuess, readIdTable, rowsAsCsv, rowsAsJson } from '../batch/batch-files';
import { refusalError, runBatch } from '../batch/run-batch';
import { readRegularFile, utf8Text, writeAtomic } from '../settings/atomic-file';
import { DEFAULT_BATCH_CONCURRENCY } from '../../shared/batch-limits';
import { idsProblem } from '../../shared/batch-text';
import {
  batchIds,
  IDLE_PROGRESS,
  MAX_BATCH_ROWS_PER_ANSWER,
  MAX_ID_FILE_BYTES,
  MAX_ID_FILE_COLUMNS,
  MAX_ID_FILE_ROWS,
  NO_BATCH,
  pendingRow,
  type BatchProgress,
  type BatchRequest,
  type BatchRow,
  type IdFile,
} from '../../shared/batch';
import type { Handlers } from '../../shared/contract';
import { lookupError, type AppFailure, type LookupError } from '../../shared/errors';
import { MAX_LOOKUP_ID_MESSAGE_LENGTH, type IdChoice } from '../../shared/input-rules';
import { fail, ok } from '../../shared/result';
import type { HandlerDeps } from './deps';
import type { KeyAccess, Target } from './key-access';

/** The least time between two batch:changed messages to the window. */
const BATCH_CHANGED_INTERVAL_MS = 100;

type BatchMethods = 'openIdFile' | 'startBatch' | 'getBatch' | 'cancelBatch' | 'rerunFailed' | 'exportBatch';

/** A run under way: its pace and times so far, and how to end it (run-batch.ts). */
type Run = Pick<ReturnType<typeof runBatch>, 'progress' | 'stop'>;

/** What else in main may do to the batch: stop it when the connection it runs through, or its key, is removed. */
export interface BatchControl {
  /** `why` says what happened (`the connection "Demo" was removed`): the rows left say it, each in its own words (run-batch.ts). */
  stopThrough(connectionId: string, why: string): void;
}

/** The batch main holds. `log` lists the index of each row as it changed, in order: its length is the version. */
interface Held {
  batch: number;
  idType: IdChoice;
  /** The connection it ran through (named, or the active one when it started): a rerun goes through it again. */
  connectionId: string;
  rows: BatchRow[];
  log: number[];
  run: Run | null;
  /** The pace and times of the last run, once it ended. */
  last: BatchProgress | null;
  stopped: LookupError | null;
}

const busy = (): AppFailure => ({ kind: 'bad_request', message: 'A batch is running. Cancel it, or wait for it to end, first.' });
const nothingHeld = () => lookupError('invalid_input', 'There is no batch yet: start one first.', { field: 'ids' });

/** A cell as it may cross to the window (an ID longer than this is not valid however it is cut). */
const cell = (text: string) => (text.length > MAX_LOOKUP_ID_MESSAGE_LENGTH ? text.slice(0, MAX_LOOKUP_ID_MESSAGE_LENGTH) : text);

/** Reads a file of IDs into a table the window can show, capped to what a batch can use. */
async function readIdFile(path: string): Promise<IdFile> {
  const fileName = basename(path).slice(0, 200);
  const unreadable = (message: string): IdFile => ({ kind: 'unreadable', fileName, message });
  const bytes = await readRegularFile(path, MAX_ID_FILE_BYTES);
  if (!bytes.ok) return unreadable(`${fileName} could not be read (${bytes.error.code}).`);
  if (bytes.value.length > MAX_ID_FILE_BYTES) return unreadable(`${fileName} is larger than ${MAX_ID_FILE_BYTES / 1024 / 1024} MiB: split it into smaller files.`);
  const text = utf8Text(bytes.value);
  if (text === null) return unreadable(`${fileName} is not UTF-8 text. Save it as UTF-8 (CSV UTF-8, or plain text) and open it again.`);
  const table = readIdTable(text, fileName);
  if (!table.ok) return unreadable(table.error);
  const { rows, header } = table.value;
  const truncated = rows.length > MAX_ID_FILE_ROWS || rows.some((row) => row.length > MAX_ID_FILE_COLUMNS || row.some((value) => value.length > MAX_LOOKUP_ID_MESSAGE_LENGTH));
  const kept = rows.slice(0, MAX_ID_FILE_ROWS).map((row) => row.slice(0, MAX_ID_FILE_COLUMNS).map(cell));
  const column = Math.min(idColumnGuess(table.value), MAX_ID_FILE_COLUMNS - 1);
  return { kind: 'table', fileName, rows: kept, header, column, truncated };
}

export function batchHandlers(deps: HandlerDeps, access: KeyAccess): Pick<Handlers, BatchMethods> & BatchControl {
  let held: Held | null = null;
  let batches = 0;
  /** A start or rerun between its check and its launch (it awaits the key): a second one is refused, not run beside it. */
  let launching = false;

  // batch:changed, at most once per interval: the first change is told at once, the rest when the interval ends.
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastTold = 0;
  function changed() {
    if (!deps.onBatchChanged || timer) return;
    timer = setTimeout(() => {
      timer = null;
      lastTold = Date.now();
      deps.onBatchChanged?.();
    }, Math.max(0, lastTold + BATCH_CHANGED_INTERVAL_MS - Date.now()));
  }

  function setRow(into: Held, index: number, row: BatchRow) {
    into.rows[index] = row;
    into.log.push(index);
  }

  /** Runs the rows at `indices` of `into` (already pending) through `target`. */
  function launch(into: Held, target: Target, indices: number[]) {
    const { apiKey, connection } = target;
    const run = runBatch({
      ids: indices.map((index) => (into.rows[index] as BatchRow).id),
      idType: into.idType,
      call: (query, signal) => lookupIdentifiers(query, { apiKey, fetch: deps.fetch, baseUrl: connection.baseUrl, timeoutMs: connection.timeoutMs, signal }),
      maxConcurrency: deps.batchConcurrency ?? DEFAULT_BATCH_CONCURRENCY,
      onRow(position, row) {
        setRow(into, indices[position] as number, row);
        changed();
      },
    });
    into.run = run;
    into.stopped = null;
    const ended = (stopped: LookupError | null) => {
      if (into.run !== run) return;
      into.last = run.progress();
      into.run = null;
      into.stopped = stopped;
      changed();
    };
    run.done.then(
      // Stopped by a refused key: the refusal itself (Adapty's words, the request ID), as the CLI ends with it.
      ({ stopped, stoppedBy }) => ended(stoppedBy ? refusalError(stoppedBy) : stopped),
      () => ended(lookupError('cancelled', 'The batch stopped because of a problem inside the app. The rows that finished are kept; rerun the rest.')),
    );
    changed();
  }

  /** The whole batch's counts, with the pace and times of the run under way (or the last one). */
  function progressOf(of: Held): BatchProgress {
    const counts = { done: 0, failed: 0, cancelled: 0 };
    for (const row of of.rows) {
      if (row.status === 'ok') counts.done++;
      else if (row.status !== 'pending') counts[row.status]++;
    }
    const pace = of.run?.progress() ?? of.last ?? IDLE_PROGRESS;
    return { ...pace, total: of.rows.length, ...counts, etaMs: of.run ? pace.etaMs : null };
  }

  return {
    async openIdFile() {
      if (!deps.chooseIdFile) return fail<AppFailure>({ kind: 'internal', message: 'Opening a file is not available here.' });
      const path = await deps.chooseIdFile();
      return ok(path === null ? null : await readIdFile(path));
    },

    async startBatch(request: BatchRequest) {
      if (held?.run || launching) return fail(busy());
      const parsed = batchIds(request.ids, request.idType);
      const { ids, duplicates, blank } = parsed;
      const problem = idsProblem(parsed);
      if (problem) return fail(lookupError('invalid_input', problem, { field: 'ids' }));
      // The key once, for the whole batch: no key (or one not for this address) refuses it before any request.
      launching = true;
      const target = await access.target(request.connectionId).finally(() => (launching = false));
      if (!target.ok) return target;
      const rows = ids.map(pendingRow);
      held = { batch: ++batches, idType: request.idType, connectionId: target.value.connection.id, rows, log: rows.map((_, index) => index), run: null, last: null, stopped: null };
      launch(held, target.value, rows.map((_, index) => index));
      return ok({ total: ids.length, duplicates, blank });
    },

    async getBatch({ batch, since }) {
      if (!held) return ok(NO_BATCH);
      const from = batch === held.batch ? Math.min(since, held.log.length) : 0;
      const slice = held.log.slice(from, from + MAX_BATCH_ROWS_PER_ANSWER);
      const rows = held.rows;
      const changes = [...new Set(slice)].map((index) => ({ index, row: rows[index] as BatchRow }));
      const version = from + slice.length;
      return ok({
        batch: held.batch,
        version,
        more: version < held.log.length,
        running: held.run !== null,
        idType: held.idType,
        progress: progressOf(held),
        stopped: held.stopped,
        changes,
      });
    },

    async cancelBatch() {
      const run = held?.run;
      run?.stop();
      return ok(Boolean(run));
    },

    async rerunFailed() {
      if (!held) return fail(nothingHeld());
      if (held.run || launching) return fail(busy());
      const indices = held.rows.flatMap((row, index) => (row.status === 'failed' || row.status === 'cancelled' ? [index] : []));
      if (indices.length === 0) return ok({ total: 0 });
      const into = held;
      launching = true;
      const target = await access.target(into.connectionId).finally(() => (launching = false));
      if (!target.ok) {
        const all = await deps.settings.connections();
        if (all.connections.some(({ id }) => id === into.connectionId)) return target;
        return fail(lookupError('invalid_input', 'The connection this batch ran through was removed: start the batch again, through another connection, to look these IDs up.', { field: 'ids' }));
      }
      for (const index of indices) setRow(into, index, pendingRow((into.rows[index] as BatchRow).id));
      launch(into, target.value, indices);
      return ok({ total: indices.length });
    },

    stopThrough(connectionId, why) {
      if (held?.connectionId !== connectionId) return;
      // Its key is gone: the rows left end, saying why.
      held.run?.stop(`${why} while the batch ran.`);
    },

    async exportBatch({ format }) {
      if (!held) return fail(nothingHeld());
      // A file of a batch under way would hold rows still pending: export what a run ended with.
      if (held.run || launching) return fail(busy());
      // The rows as they are now: a batch started while the dialog is open is not what was asked for.
      const rows = held.rows.slice();
      if (!deps.chooseExportPath) return fail<AppFailure>({ kind: 'internal', message: 'Saving a file is not available here.' });
      const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
      const path = await deps.chooseExportPath({ fileName: `adapty-batch-${stamp}.${format}`, format });
      if (path === null) return ok(null);
      const text = format === 'csv' ? rowsAsCsv(rows) : rowsAsJson(rows);
      const written = await writeAtomic(path, text, 0o644);
      if (!written.ok) return fail<AppFailure>({ kind: 'internal', message: `${basename(path)} could not be written (${written.error.code}). Choose another folder and try again.` });
      return ok({ path });
    },
  };
}
