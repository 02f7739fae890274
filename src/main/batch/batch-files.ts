/**
 * A batch's files: IDs in (a .txt of one ID per line, or a column of a .csv) and rows out (CSV or JSON).
 * CSV is read and written by papaparse, so quoting is right for IDs holding commas, quotes and line
 * breaks; a cell that a spreadsheet would run as a formula (it begins with =, +, -, @, a tab or a
 * carriage return) is written with a leading apostrophe, as OWASP advises, so it is shown, not run.
 */
import Papa from 'papaparse';
import { rowOutcome, type BatchRow } from '../../shared/batch';
import { IDENTIFIER_KEYS } from '../../shared/identifiers';
import { linesOf } from '../../shared/batch';
import { fail, ok, type Result } from '../../shared/result';

/**
 * The cells a spreadsheet may run as a formula: one that begins with = + - @ (or their full-width forms),
 * also after spaces (a spreadsheet that trims them), or with a tab or a carriage return. papaparse's own
 * rule stops at a line break; this one does not.
 */
const FORMULA = /^[\t\r]|^[\s\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]/;

/** A file of IDs as a table: each line's cells; `header` when the first row names its columns. */
interface IdTable {
  rows: string[][];
  header: boolean;
}

/**
 * What a header cell of a column of IDs is called, whole: "id", "customer_user_id", "Profile ID", "user id",
 * "Adapty ID", "uuid"… (a name such as "david" or "android" is an ID, not a header).
 */
const ID_HEADER = /^(ids?|uuid|user|customer|profile|(customer[ _-]?)?user[ _-]?ids?|customer[ _-]?ids?|profile[ _-]?ids?|adapty[ _-]?(profile[ _-]?)?ids?)$/i;

/** A .csv is read as CSV; anything else as one ID per line. */
export function readIdTable(text: string, fileName: string): Result<IdTable, string> {
  const body = text.replace(/^\uFEFF/, '');
  if (!/\.csv$/i.test(fileName)) return ok({ rows: linesOf(body).map((line) => [line]), header: false });
  // One kind of line break (a file may mix them; papaparse reads only the first kind it meets).
  const parsed = Papa.parse<string[]>(body.replace(/\r\n?/g, '\n'), { skipEmptyLines: 'greedy', newline: '\n' });
  const broken = parsed.errors.find((error) => error.type === 'Quotes');
  if (broken) return fail(`${fileName} is not a CSV file that can be read: ${broken.message} (row ${(broken.row ?? 0) + 1}).`);
  const rows = parsed.data;
  return ok({ rows, header: looksLikeHeader(rows) });
}

/** A first row is a header when one of its cells names IDs and no other row's cell in that place does. */
function looksLikeHeader(rows: readonly string[][]): boolean {
  const first = rows[0];
  if (!first || rows.length < 2) return false;
  return first.some((cell, column) => ID_HEADER.test(cell.trim()) && !rows.slice(1, 50).some((row) => (row[column] ?? '').trim() === cell.trim()));
}

/** The column that most likely holds the IDs: one whose header names IDs, else the first. */
export function idColumnGuess(table: IdTable): number {
  if (!table.header) return 0;
  const header = table.rows[0] ?? [];
  const exact = header.findIndex((cell) => /^(customer_user_id|profile_id|id)$/i.test(cell.trim()));
  if (exact >= 0) return exact;
  const named = header.findIndex((cell) => ID_HEADER.test(cell.trim()));
  return named >= 0 ? named : 0;
}

/** The columns of a file of rows: the ID, how it ended, then each identifier. */
export const BATCH_COLUMNS = ['id', 'status', 'matched_as', 'message', 'request_id', 'attempts', ...IDENTIFIER_KEYS] as const;

function flat(row: BatchRow): Record<(typeof BATCH_COLUMNS)[number], string | number | null> {
  const result = row.result;
  const identifiers = Object.fromEntries(IDENTIFIER_KEYS.map((key) => [key, result?.identifiers[key] ?? null]));
  return {
    id: row.id,
    status: rowOutcome(row),
    matched_as: result?.query.idType ?? null,
    message: row.error?.message ?? null,
    request_id: result?.requestId ?? row.error?.requestId ?? null,
    attempts: row.attempts,
    ...(identifiers as Record<(typeof IDENTIFIER_KEYS)[number], string | null>),
  };
}

/** Rows as CSV (RFC 4180, CRLF), a header first; formula-like cells made inert. */
export function rowsAsCsv(rows: readonly BatchRow[]): string {
  return `${Papa.unparse({ fields: [...BATCH_COLUMNS], data: rows.map((row) => {
    const cells = flat(row);
    return BATCH_COLUMNS.map((column) => cells[column] ?? '');
  }) }, { escapeFormulae: FORMULA, newline: '\r\n' })}\r\n`;
}

/** Rows as a JSON array, one object a row (the same fields as the CSV; an empty cell is null). */
export function rowsAsJson(rows: readonly BatchRow[]): string {
  return `${JSON.stringify(rows.map(flat), null, 2)}\n`;
}
