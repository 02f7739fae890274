import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { BATCH_COLUMNS, idColumnGuess, readIdTable, rowsAsCsv, rowsAsJson } from '../../../src/main/batch/batch-files';
import { columnOf, pendingRow, type BatchRow } from '../../../src/shared/batch';
import { lookupError } from '../../../src/shared/errors';
import { IDENTIFIER_KEYS } from '../../../src/shared/identifiers';

const table = (text: string, name = 'ids.csv') => {
  const read = readIdTable(text, name);
  if (!read.ok) throw new Error(read.error);
  return read.value;
};

function found(id: string, values: Partial<Record<(typeof IDENTIFIER_KEYS)[number], string>> = {}): BatchRow {
  const identifiers = Object.fromEntries(IDENTIFIER_KEYS.map((key) => [key, values[key] ?? null])) as BatchRow['result'] extends infer R ? (R extends { identifiers: infer I } ? I : never) : never;
  return { id, status: 'ok', attempts: 1, error: null, result: { query: { idType: 'customer_user_id', id }, identifiers, extras: {}, requestId: 'req-1' } };
}

describe('reading IDs', () => {
  it('a .txt is one ID per line, whatever it holds (commas included), a line break at the end starting no blank line', () => {
    expect(columnOf(table('a,b\nc\r\n', 'ids.txt'), 0)).toEqual(['a,b', 'c']);
  });

  it('a .csv with a header: the ID column is found by its name, and quoted cells keep commas, quotes and line breaks', () => {
    const csv = table('email,customer_user_id\r\nann@x.io,"id, with comma"\nbob@x.io,"say ""hi"""\ncy@x.io,"two\nlines"\n');
    expect(csv.header).toBe(true);
    expect(idColumnGuess(csv)).toBe(1);
    expect(columnOf(csv, 1)).toEqual(['id, with comma', 'say "hi"', 'two\nlines']);
  });

  it('a .csv without a header starts at its first row', () => {
    const csv = table('user-1,x\nuser-2,y\n');
    expect(csv.header).toBe(false);
    expect(columnOf(csv, 0)).toEqual(['user-1', 'user-2']);
  });

  it('a first row that is an ID, not a name of IDs, is read as an ID (david, android, demo_user)', () => {
    for (const first of ['david', 'android', 'demo_user', 'kids', 'user-1']) {
      const csv = table(`${first}\nalice\nbob\n`);
      expect(csv.header, first).toBe(false);
      expect(columnOf(csv, 0)[0]).toBe(first);
    }
    for (const name of ['customer_user_id', 'Profile ID', 'id', 'Adapty ID', 'user id']) expect(table(`${name}\nalice\nbob\n`).header, name).toBe(true);
  });

  it('a byte-order mark is not part of the first ID', () => {
    expect(columnOf(table('\uFEFFuser-1\nuser-2', 'ids.txt'), 0)[0]).toBe('user-1');
  });

  it('a CSV with a quote left open is refused, saying where', () => {
    const read = readIdTable('id\n"user-1\nuser-2\n', 'ids.csv');
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error).toMatch(/ids\.csv is not a CSV file that can be read: .*row/);
  });
});

describe('writing rows', () => {
  const tricky = ['a,b', 'say "hi"', 'two\nlines', '=HYPERLINK("http://x")', '+1', '-2', '@SUM(A1)', '=1\n+2', 'plain'];
  const rows = [
    ...tricky.map((id) => found(id, { appsflyer_id: id })),
    { ...pendingRow('gone'), status: 'failed' as const, attempts: 4, error: lookupError('server_error', 'Adapty answered 500.', { status: 500, requestId: 'req-9' }) },
  ];

  it('CSV: a header of the columns, then one row each; read back, every ID and value is what it was, formula-like ones behind an apostrophe', () => {
    const text = rowsAsCsv(rows);
    const back = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
    expect(back[0]).toEqual([...BATCH_COLUMNS]);
    const formula = /^[=+\-@]/;
    expect(back.slice(1, -1).map((row) => row[0])).toEqual(tricky.map((id) => (formula.test(id) ? `'${id}` : id)));
    const appsflyer = BATCH_COLUMNS.indexOf('appsflyer_id');
    expect(back.slice(1, -1).map((row) => row[appsflyer])).toEqual(tricky.map((id) => (formula.test(id) ? `'${id}` : id)));
    expect(back.at(-1)?.slice(0, 6)).toEqual(['gone', 'server_error', '', 'Adapty answered 500.', 'req-9', '4']);
  });

  it('no cell that a spreadsheet would run starts with =, +, - or @, not even after a line break inside it', () => {
    const cells = Papa.parse<string[]>(rowsAsCsv(rows), { skipEmptyLines: true }).data.flat();
    expect(cells.filter((cell) => /^[=+\-@]/.test(cell))).toEqual([]);
  });

  it('a cell that runs as a formula only after spaces, or in full-width signs, is made inert too', () => {
    const cells = Papa.parse<string[]>(rowsAsCsv([' =1+1', '\uff1d1+1', '\u3000@SUM(A1)'].map((id) => found(id))), { skipEmptyLines: true }).data.slice(1).map((row) => row[0]);
    expect(cells).toEqual(["' =1+1", "'\uff1d1+1", "'\u3000@SUM(A1)"]);
  });

  it('JSON: one object a row with the same fields, null where the CSV is empty', () => {
    const objects = JSON.parse(rowsAsJson(rows)) as Record<string, unknown>[];
    expect(objects).toHaveLength(rows.length);
    expect(Object.keys(objects[0] as object)).toEqual([...BATCH_COLUMNS]);
    expect(objects[3]).toMatchObject({ id: '=HYPERLINK("http://x")', status: 'ok', matched_as: 'customer_user_id', appsflyer_id: '=HYPERLINK("http://x")', branch_id: null });
    expect(objects.at(-1)).toMatchObject({ id: 'gone', status: 'server_error', request_id: 'req-9', attempts: 4, appsflyer_id: null });
  });
});
