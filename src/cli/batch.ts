/**
 * `batch`: the IDs of a file (or stdin) through runBatch, the rows written in input order as CSV or
 * JSON, a progress line on stderr while it runs, and a summary of failures by kind at the end.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { batchIds, failuresByKind, type BatchProgress, type BatchRow } from '../shared/batch';
import { lookupError, type LookupError } from '../shared/errors';
import { ok, fail, type Result } from '../shared/result';
import { lookupIdentifiers, type ClientOptions } from '../main/adapty/client';
import { columnOf, idColumnGuess, readIdTable, rowsAsCsv, rowsAsJson } from '../main/batch/batch-files';
import { runBatch } from '../main/batch/run-batch';
import type { BatchCommand } from './args';

/** Exit code of a batch that finished with rows that did not succeed. */
export const BATCH_FAILED_ROWS = 9;

export interface BatchIo {
  out(text: string): void;
  err(text: string): void;
  /** Whether stderr is a terminal: the progress line is then rewritten in place. */
  interactive: boolean;
  readStdin(): Promise<string>;
}

/** The IDs of the input, and the header cell of their column when the first row was read as one. */
async function readIds(cmd: BatchCommand, io: BatchIo): Promise<Result<{ lines: string[]; header: string | null }, LookupError>> {
  const invalid = (message: string) => fail(lookupError('invalid_input', message, { field: 'input' }));
  let text: string;
  try {
    text = cmd.input === '-' ? await io.readStdin() : await readFile(cmd.input, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return invalid(`${cmd.input} could not be read${code === 'ENOENT' ? ': there is no such file' : code ? ` (${code})` : ''}.`);
  }
  // stdin is a CSV when a column is named; a file when its name says so.
  const name = cmd.input === '-' ? (cmd.column !== undefined ? 'stdin.csv' : 'stdin') : basename(cmd.input);
  const table = readIdTable(text, name);
  if (!table.ok) return invalid(table.error);
  let column = idColumnGuess(table.value);
  if (cmd.column !== undefined) {
    const header = table.value.header ? (table.value.rows[0] ?? []) : [];
    const named = header.findIndex((cell) => cell.trim().toLowerCase() === cmd.column?.trim().toLowerCase());
    const numbered = /^\d+$/.test(cmd.column) ? Number(cmd.column) - 1 : -1;
    column = named >= 0 ? named : numbered;
    const width = Math.max(0, ...table.value.rows.map((row) => row.length));
    if (column < 0 || column >= width) {
      const names = header.length > 0 ? `; its header names ${header.map((cell) => `"${cell}"`).join(', ')}` : '';
      return invalid(`--column ${cmd.column} is not a column of ${cmd.input === '-' ? 'stdin' : cmd.input} (it has ${width}${names}).`);
    }
  }
  return ok({ lines: columnOf(table.value, column), header: table.value.header ? (table.value.rows[0]?.[column] ?? '') : null });
}

function progressLine(p: BatchProgress): string {
  const left = p.total - p.done - p.failed;
  const rate = p.elapsedMs > 0 ? ((p.done + p.failed) / p.elapsedMs) * 1000 : 0;
  const eta = p.etaMs === null || left === 0 ? '' : ` · about ${Math.ceil(p.etaMs / 1000)} s left`;
  return `batch: ${p.done + p.failed}/${p.total} · ${p.done} ok · ${p.failed} failed · ${rate.toFixed(0)} rows/s${eta}`;
}

/** "3 of 1000 rows did not succeed: not_found 2, timeout 1." */
export function failureSummary(rows: readonly BatchRow[]): string | null {
  const kinds = failuresByKind(rows);
  const count = kinds.reduce((sum, [, n]) => sum + n, 0);
  if (count === 0) return null;
  return `${count} of ${rows.length} rows did not succeed: ${kinds.map(([kind, n]) => `${kind} ${n}`).join(', ')}.`;
}

export async function batchCommand(cmd: BatchCommand, options: ClientOptions, io: BatchIo): Promise<{ code: number; error?: LookupError }> {
  const read = await readIds(cmd, io);
  if (!read.ok) return { code: 2, error: read.error };
  const { ids, duplicates, blank } = batchIds(read.value.lines, cmd.idType);
  if (ids.length === 0) return { code: 2, error: lookupError('invalid_input', `${cmd.input === '-' ? 'stdin' : cmd.input} holds no IDs.`, { field: 'input' }) };
  const skipped = [duplicates ? `${duplicates} repeated` : '', blank ? `${blank} blank` : ''].filter(Boolean).join(' and ');
  const header = read.value.header === null ? '' : `, the header "${read.value.header}" skipped`;
  io.err(`batch: ${ids.length} IDs${skipped ? ` (lines skipped: ${skipped})` : ''}${header}, at most ${cmd.concurrency} at once\n`);

  const run = runBatch({
    ids,
    idType: cmd.idType,
    maxConcurrency: cmd.concurrency,
    signal: options.signal,
    call: (query, signal) => lookupIdentifiers(query, { ...options, signal }),
  });
  // In a terminal the line is rewritten in place; in a log, a line every few seconds.
  const every = io.interactive ? 200 : 5000;
  const show = () => io.err(io.interactive ? `\r\x1b[K${progressLine(run.progress())}` : `${progressLine(run.progress())}\n`);
  const timer = setInterval(show, every);
  const { rows, stopped } = await run.done;
  clearInterval(timer);
  io.err(io.interactive ? `\r\x1b[K${progressLine(run.progress())}\n` : `${progressLine(run.progress())}\n`);

  const text = cmd.format === 'json' ? rowsAsJson(rows) : rowsAsCsv(rows);
  if (cmd.output === undefined) io.out(text);
  else {
    try {
      await writeFile(cmd.output, text);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return { code: 2, error: lookupError('invalid_input', `${cmd.output} could not be written${code ? ` (${code})` : ''}.`, { field: 'output' }) };
    }
    io.err(`batch: ${rows.length} rows written to ${cmd.output}\n`);
  }
  const summary = failureSummary(rows);
  if (summary) io.err(`batch: ${summary}\n`);
  if (stopped) return { code: 3, error: stopped };
  if (options.signal?.aborted) return { code: 130 };
  return { code: summary ? BATCH_FAILED_ROWS : 0 };
}
