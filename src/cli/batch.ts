/**
 * `batch`: the IDs of a file (or stdin) through runBatch, the rows written in input order as CSV or
 * JSON, a progress line on stderr while it runs, and a summary of failures by kind at the end.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { batchIds, columnOf, failuresByKind, type BatchProgress, type BatchRow } from '../shared/batch';
import { count, failuresText, idCountLine, progressLine } from '../shared/batch-text';
import { lookupError, type LookupError } from '../shared/errors';
import { ok, fail, type Result } from '../shared/result';
import { lookupIdentifiers, type ClientOptions } from '../main/adapty/client';
import { idColumnGuess, readIdTable, rowsAsCsv, rowsAsJson } from '../main/batch/batch-files';
import { refusalError, runBatch } from '../main/batch/run-batch';
import type { BatchCommand } from './args';

/** Exit code of a batch that finished with rows that did not succeed. */
const BATCH_FAILED_ROWS = 9;

interface BatchIo {
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

/** The window's progress line, and the pace in rows a second (rows that ended ok or failed: not those cancelled). */
function batchLine(p: BatchProgress, running: boolean): string {
  const rate = p.elapsedMs > 0 ? ((p.done + p.failed) / p.elapsedMs) * 1000 : 0;
  return `batch: ${progressLine(p, running)} · ${rate.toFixed(0)} rows/s`;
}

/** "3 of 1,000 rows did not succeed: not_found 2 · timeout 1." */
function failureSummary(rows: readonly BatchRow[]): string | null {
  const kinds = failuresByKind(rows);
  const failures = kinds.reduce((sum, [, n]) => sum + n, 0);
  if (failures === 0) return null;
  return `${count(failures)} of ${count(rows.length)} rows did not succeed: ${failuresText(kinds)}.`;
}

export async function batchCommand(cmd: BatchCommand, options: ClientOptions, io: BatchIo): Promise<{ code: number; error?: LookupError }> {
  const read = await readIds(cmd, io);
  if (!read.ok) return { code: 2, error: read.error };
  const parsed = batchIds(read.value.lines, cmd.idType);
  const { ids } = parsed;
  if (ids.length === 0) return { code: 2, error: lookupError('invalid_input', `${cmd.input === '-' ? 'stdin' : cmd.input} holds no IDs.`, { field: 'input' }) };
  const header = read.value.header === null ? '' : `, the header "${read.value.header}" skipped`;
  io.err(`batch: ${idCountLine(parsed)}${header}, at most ${cmd.concurrency} at once\n`);

  const run = runBatch({
    ids,
    idType: cmd.idType,
    maxConcurrency: cmd.concurrency,
    signal: options.signal,
    call: (query, signal) => lookupIdentifiers(query, { ...options, signal }),
  });
  // In a terminal the line is rewritten in place; in a log, a line every few seconds. The last one ends the line.
  const show = (running: boolean) => {
    const line = batchLine(run.progress(), running);
    io.err(io.interactive ? `\r\x1b[K${line}${running ? '' : '\n'}` : `${line}\n`);
  };
  const timer = setInterval(() => show(true), io.interactive ? 200 : 5000);
  const { rows, stopped, stoppedBy } = await run.done;
  clearInterval(timer);
  show(false);

  const text = cmd.format === 'json' ? rowsAsJson(rows) : rowsAsCsv(rows);
  if (cmd.output === undefined) io.out(text);
  else {
    try {
      await writeFile(cmd.output, text);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return { code: 2, error: lookupError('invalid_input', `${cmd.output} could not be written${code ? ` (${code})` : ''}.`, { field: 'output' }) };
    }
    io.err(`batch: ${count(rows.length)} rows written to ${cmd.output}\n`);
  }
  const summary = failureSummary(rows);
  if (summary) io.err(`batch: ${summary}\n`);
  // The rows left say why they ended (not looked up, or not tried again); the last line is the refusal that stopped the batch (exit 3),
  // with what Adapty said and its request ID: the row runBatch names, not the first refused one in the file
  // (rows in flight may be refused too, after it).
  if (stopped) return { code: 3, error: stoppedBy ? refusalError(stoppedBy) : stopped };
  if (options.signal?.aborted) return { code: 130 };
  return { code: summary ? BATCH_FAILED_ROWS : 0 };
}
