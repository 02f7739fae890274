/**
 * Batch lookups: many IDs, one row each. The rows, how a run is going, and the rules for what goes in:
 * one ID per line (or a column of a CSV file), trimmed as a pasted ID is, blank lines skipped, and each
 * ID looked up once however often it appears. Shared by main (which runs a batch), the CLI and the window.
 */
import { z } from 'zod';
import { LOOKUP_ERROR_KINDS, MAX_SHORT_CHARS, type LookupErrorKind } from './errors';
import { lookupErrorSchema } from './error-schemas';
import { idChoiceSchema, lookupResultSchema } from './lookup';
import { autoIdTypes, MAX_LOOKUP_ID_MESSAGE_LENGTH, trimId, type IdChoice } from './input-rules';
import { MAX_BATCH_IDS } from './batch-limits';

const BATCH_ROW_STATUSES = ['pending', 'ok', 'failed', 'cancelled'] as const;

const batchRowSchema = z.object({
  /** The ID as it was looked up (trimmed). */
  id: z.string().max(MAX_LOOKUP_ID_MESSAGE_LENGTH),
  status: z.enum(BATCH_ROW_STATUSES),
  /**
   * What Adapty answered (under Auto, `query.idType` is the type that matched): for ok, and for a row failed
   * as invalid_response because some identifiers could not be read (the others are here).
   */
  result: lookupResultSchema.nullable(),
  /** failed or cancelled: why. */
  error: lookupErrorSchema.nullable(),
  /** Requests sent for this row, retries included (Auto may send two a try). */
  attempts: z.number().int().nonnegative(),
});
export type BatchRow = z.infer<typeof batchRowSchema>;

export const pendingRow = (id: string): BatchRow => ({ id, status: 'pending', result: null, error: null, attempts: 0 });

/** How a run is going: counts of rows, and what the pace is now. */
const batchProgressSchema = z.object({
  total: z.number().int().nonnegative(),
  done: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  /** Rows cancelled (the person cancelled, or the batch stopped): never sent, or sent but left without a final answer (in flight, or waiting to be tried again). */
  cancelled: z.number().int().nonnegative(),
  /** Requests in flight at most, as the pace has it now. */
  concurrency: z.number().nonnegative(),
  /** Requests a second the pace allows now; null while it has met no limit. */
  rate: z.number().nonnegative().nullable(),
  /** Answers of 429 so far. */
  throttled: z.number().int().nonnegative(),
  elapsedMs: z.number().nonnegative(),
  /** Milliseconds left at the pace so far; null until something finished. */
  etaMs: z.number().nonnegative().nullable(),
});
export type BatchProgress = z.infer<typeof batchProgressSchema>;

/** What the window asks a batch to be. */
export const batchRequestSchema = z.object({
  ids: z.array(z.string().max(MAX_LOOKUP_ID_MESSAGE_LENGTH)).min(1).max(MAX_BATCH_IDS),
  idType: idChoiceSchema,
  connectionId: z.string().max(MAX_SHORT_CHARS).optional(),
});
export type BatchRequest = z.infer<typeof batchRequestSchema>;

/** The IDs of a batch, each once, in the order first seen; and how many lines were blank or repeated. */
export interface BatchIds {
  ids: string[];
  duplicates: number;
  blank: number;
}

/**
 * The key two IDs are the same by: a profile ID (or, under Auto, a UUID, which is tried as one first)
 * in any case is one profile; a customer user ID is exact.
 */
function sameIdKey(id: string, idType: IdChoice): string {
  const asProfile = idType === 'profile_id' || (idType === 'auto' && autoIdTypes(id)[0] === 'profile_id');
  return asProfile ? id.toLowerCase() : id;
}

/** Each ID once, trimmed, in input order; blank lines skipped. */
export function batchIds(lines: readonly string[], idType: IdChoice): BatchIds {
  const seen = new Set<string>();
  const ids: string[] = [];
  let duplicates = 0;
  let blank = 0;
  for (const line of lines) {
    const id = trimId(line);
    if (id === '') {
      blank++;
      continue;
    }
    const key = sameIdKey(id, idType);
    if (seen.has(key)) {
      duplicates++;
      continue;
    }
    seen.add(key);
    ids.push(id);
  }
  return { ids, duplicates, blank };
}

/** Lines of pasted text (any line ending). A line break at the end ends the last line: it starts no blank one. */
export function linesOf(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** Rows that did not succeed, by kind, most first: "not_found 12, timeout 2". */
export function failuresByKind(rows: readonly BatchRow[]): [LookupErrorKind, number][] {
  const counts = new Map<LookupErrorKind, number>();
  for (const row of rows) {
    if (row.status === 'ok' || row.status === 'pending') continue;
    const kind = row.error?.kind ?? 'cancelled';
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || LOOKUP_ERROR_KINDS.indexOf(a[0]) - LOOKUP_ERROR_KINDS.indexOf(b[0]));
}

/** A row's outcome in words for a table cell and a file: "ok", or the error's kind. */
export function rowOutcome(row: BatchRow): string {
  return row.status === 'ok' ? 'ok' : row.status === 'pending' ? 'pending' : (row.error?.kind ?? row.status);
}

/* ---- The app's batch: what crosses between main and the window (appended for the Batch view). ---- */

/** Rows, columns and characters a cell of an opened file of IDs may have as it crosses to the window. */
export const MAX_ID_FILE_ROWS = 2 * MAX_BATCH_IDS + 1;
export const MAX_ID_FILE_COLUMNS = 50;
/** The most bytes of a file of IDs main reads. */
export const MAX_ID_FILE_BYTES = 20 * 1024 * 1024;

/**
 * A file of IDs the person opened: its rows (each line's cells), whether the first row looks like a header,
 * the column that most likely holds the IDs; or, when it could not be read, why.
 */
export const idFileSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('table'),
    fileName: z.string().max(MAX_SHORT_CHARS),
    rows: z.array(z.array(z.string().max(MAX_LOOKUP_ID_MESSAGE_LENGTH)).max(MAX_ID_FILE_COLUMNS)).max(MAX_ID_FILE_ROWS),
    header: z.boolean(),
    column: z.number().int().nonnegative(),
    /** Some rows, columns or cells were left out: the file holds more than a batch takes. */
    truncated: z.boolean(),
  }),
  z.object({ kind: z.literal('unreadable'), fileName: z.string().max(MAX_SHORT_CHARS), message: z.string().max(2000) }),
]);
export type IdFile = z.infer<typeof idFileSchema>;

/** The cells of one column of a table of IDs, without its header row: the lines a batch is made of. */
export function columnOf(table: { rows: readonly (readonly string[])[]; header: boolean }, column: number): string[] {
  return table.rows.slice(table.header ? 1 : 0).map((row) => row[column] ?? '');
}

/** What startBatch answers: the IDs it took, and the lines it skipped. */
export const batchStartedSchema = z.object({
  total: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
  blank: z.number().int().nonnegative(),
});

/** The most rows one getBatch answer carries; the window asks again while `more`. */
export const MAX_BATCH_ROWS_PER_ANSWER = 2000;

/** What the window asks: changes since `version` of batch `batch` (0 for none seen yet). */
export const batchSinceSchema = z.object({ batch: z.number().int().nonnegative(), since: z.number().int().nonnegative() });

/** How the batch main holds is, and the rows changed since the version the window asked from. */
export const batchStateSchema = z.object({
  /** Which batch (a new start is a new number); 0 when none has started. */
  batch: z.number().int().nonnegative(),
  /** The version these changes bring the window to. */
  version: z.number().int().nonnegative(),
  /** More changes wait past `version`: ask again. */
  more: z.boolean(),
  running: z.boolean(),
  idType: idChoiceSchema,
  progress: batchProgressSchema,
  /**
   * Why the batch stopped early: the refusal that stopped it (the refused row's error: Adapty's words, its
   * request ID), or why it was stopped (the connection was removed); null when it did not.
   */
  stopped: lookupErrorSchema.nullable(),
  changes: z.array(z.object({ index: z.number().int().nonnegative(), row: batchRowSchema })).max(MAX_BATCH_ROWS_PER_ANSWER),
});
export type BatchState = z.infer<typeof batchStateSchema>;

/** The pace of no batch at all. */
export const IDLE_PROGRESS: BatchProgress = { total: 0, done: 0, failed: 0, cancelled: 0, concurrency: 0, rate: null, throttled: 0, elapsedMs: 0, etaMs: null };

/** What main answers before any batch has started. */
export const NO_BATCH: BatchState = { batch: 0, version: 0, more: false, running: false, idType: 'auto', progress: IDLE_PROGRESS, stopped: null, changes: [] };

const BATCH_EXPORT_FORMATS = ['csv', 'json'] as const;
export type BatchExportFormat = (typeof BATCH_EXPORT_FORMATS)[number];
export const batchExportSchema = z.object({ format: z.enum(BATCH_EXPORT_FORMATS) });
