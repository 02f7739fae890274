import { readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IDENTIFIERS_PATH } from '../../../src/main/adapty/client';
import { LOCAL_ADAPTY_KEY } from '../../../src/main/local-adapty/server';
import { MAX_ID_FILE_BYTES, type BatchRow, type BatchState } from '../../../src/shared/batch';
import type { Handlers } from '../../../src/shared/contract';
import { useLocalAdapty } from '../../helpers/local-adapty';
import { useTempDirs } from '../../helpers/temp-dir';
import { createTestApp, errorOf, valueOf, type TestAppOptions } from '../../helpers/test-app';

const tempDir = useTempDirs('adapty-batch-');

/** What the window does: asks for changes until it has them all, and keeps the rows it was told of. */
async function rowsNow(handlers: Handlers, answers: unknown[] = []): Promise<{ state: BatchState; rows: BatchRow[] }> {
  const rows: BatchRow[] = [];
  let since = 0;
  let batch = 0;
  for (;;) {
    const state = valueOf(await handlers.getBatch({ batch, since }));
    answers.push(state);
    if (state.batch !== batch) rows.length = 0;
    for (const { index, row } of state.changes) rows[index] = row;
    ({ batch, version: since } = state);
    if (!state.more) return { state, rows };
  }
}

/** Waits until `until` holds of the batch as the window would see it. */
async function waitFor(handlers: Handlers, until: (state: BatchState) => boolean, answers: unknown[] = []) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const seen = await rowsNow(handlers, answers);
    if (until(seen.state)) return seen;
    if (Date.now() > deadline) throw new Error(`the batch never got there: ${JSON.stringify(seen.state.progress)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
const ended = (state: BatchState) => !state.running;

describe('batch handlers', () => {
  const local = useLocalAdapty();
  const app = async (options: Partial<TestAppOptions> = {}) => createTestApp(await tempDir(), { baseUrl: local.server.url, key: LOCAL_ADAPTY_KEY, ...options });
  const asked = (since: number) =>
    local.server.requests
      .slice(since)
      .filter((request) => request.path === IDENTIFIERS_PATH)
      .map((request) => request.customerUserId);

  it('two starts at once (Ctrl+Enter twice): one batch runs, the other start is refused, and Cancel stops it all', async () => {
    const { handlers } = await app();
    const ids = Array.from({ length: 60 }, (_, i) => `scenario:slow:40-${i}`);
    const before = local.server.requests.length;
    const [first, second] = await Promise.all([handlers.startBatch({ ids, idType: 'customer_user_id' }), handlers.startBatch({ ids, idType: 'customer_user_id' })]);
    expect([first.ok, second.ok].sort()).toEqual([false, true]);
    expect(errorOf(first.ok ? second : first).message).toMatch(/A batch is running/);
    // A rerun asked while it runs is refused too.
    expect(errorOf(await handlers.rerunFailed(undefined)).message).toMatch(/A batch is running/);
    valueOf(await handlers.cancelBatch(undefined));
    const { rows } = await waitFor(handlers, ended);
    const afterCancel = asked(before).length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(asked(before).length).toBe(afterCancel);
    expect(rows).toHaveLength(60);
    expect(afterCancel).toBeLessThan(60);
  });

  it('looks up each ID once and keeps the rows in input order, saying what it skipped', async () => {
    const { handlers } = await app();
    const before = local.server.requests.length;
    const started = valueOf(await handlers.startBatch({ ids: ['user-1', ' user-2 ', 'user-1', '', 'nobody-batch', 'user-3', '   '], idType: 'auto' }));
    expect(started).toEqual({ total: 4, duplicates: 1, blank: 2 });
    const { state, rows } = await waitFor(handlers, ended);
    expect(rows.map((row) => [row.id, row.status])).toEqual([
      ['user-1', 'ok'],
      ['user-2', 'ok'],
      ['nobody-batch', 'failed'],
      ['user-3', 'ok'],
    ]);
    expect(rows[2]?.error).toMatchObject({ kind: 'not_found', status: 404 });
    expect(rows[0]?.result?.query).toEqual({ idType: 'customer_user_id', id: 'user-1' });
    expect(Object.keys(rows[0]?.result?.identifiers ?? {})).toHaveLength(16);
    expect(state.progress).toMatchObject({ total: 4, done: 3, failed: 1 });
    expect(asked(before).filter((id) => id === 'user-1')).toHaveLength(1);
  });

  it('sends the rows in pieces the window can ask for one after another', async () => {
    const { handlers } = await app();
    const ids = Array.from({ length: 4500 }, (_, n) => `user-${n + 1}`);
    valueOf(await handlers.startBatch({ ids, idType: 'customer_user_id' }));
    const answers: BatchState[] = [];
    const { rows } = await waitFor(handlers, ended, answers);
    expect(rows.map((row) => row.id)).toEqual(ids);
    expect(rows.every((row) => row.status === 'ok')).toBe(true);
    expect(answers.some((answer) => answer.more)).toBe(true);
  }, 60_000);

  it('cancel keeps the rows that finished; the others end cancelled', async () => {
    const { handlers } = await app();
    const fast = Array.from({ length: 10 }, (_, n) => `user-${n + 1}`);
    const slow = Array.from({ length: 3 }, (_, n) => `scenario:slow:10000:${n}`);
    valueOf(await handlers.startBatch({ ids: [...slow, ...fast], idType: 'customer_user_id' }));
    await waitFor(handlers, (state) => state.progress.done === fast.length);
    expect(valueOf(await handlers.cancelBatch(undefined))).toBe(true);
    const { rows, state } = await waitFor(handlers, ended);
    expect(rows.slice(3).map((row) => row.status)).toEqual(fast.map(() => 'ok'));
    expect(rows.slice(3).every((row) => row.result?.identifiers)).toBe(true);
    expect(rows.slice(0, 3).map((row) => [row.status, row.error?.kind])).toEqual(slow.map(() => ['cancelled', 'cancelled']));
    // Cancelled is not failed: the window draws and counts them apart.
    expect(state.progress).toMatchObject({ total: 13, done: 10, failed: 0, cancelled: 3 });
    expect(valueOf(await handlers.cancelBatch(undefined))).toBe(false);
  });

  it('rerun failed looks up again only the rows that did not succeed', async () => {
    const { handlers } = await app();
    valueOf(await handlers.startBatch({ ids: ['user-1', 'nobody-rerun', 'user-2', 'scenario:forbidden-not-a-scenario'], idType: 'auto' }));
    const first = await waitFor(handlers, ended);
    expect(first.rows.map((row) => row.status)).toEqual(['ok', 'failed', 'ok', 'failed']);
    const before = local.server.requests.length;
    expect(valueOf(await handlers.rerunFailed(undefined))).toEqual({ total: 2 });
    const second = await waitFor(handlers, ended);
    expect(asked(before).sort()).toEqual(['nobody-rerun', 'scenario:forbidden-not-a-scenario']);
    // The rows that had succeeded are the same rows, not looked up again.
    expect(second.rows[0]).toEqual(first.rows[0]);
    expect(second.rows[2]).toEqual(first.rows[2]);
    expect(second.rows.map((row) => row.status)).toEqual(['ok', 'failed', 'ok', 'failed']);
  });

  it('exports the rows as CSV and JSON to the path the save dialog chose; nothing when it was cancelled', async () => {
    const folder = await tempDir();
    const answers: Array<string | null> = [join(folder, 'rows.csv'), join(folder, 'rows.json'), null];
    const suggested: string[] = [];
    const { handlers } = await app({
      batch: {
        chooseExportPath: async ({ fileName }) => {
          suggested.push(fileName);
          return answers.shift() ?? null;
        },
      },
    });
    valueOf(await handlers.startBatch({ ids: ['all-set', 'nobody-export'], idType: 'customer_user_id' }));
    await waitFor(handlers, ended);
    expect(valueOf(await handlers.exportBatch({ format: 'csv' }))).toEqual({ path: join(folder, 'rows.csv') });
    const csv = (await readFile(join(folder, 'rows.csv'), 'utf8')).split('\r\n');
    expect(csv[0]).toMatch(/^id,status,matched_as,message,request_id,attempts,adjust_device_id,/);
    expect(csv[1]).toMatch(/^all-set,ok,customer_user_id,/);
    expect(csv[2]).toMatch(/^nobody-export,not_found,,/);
    expect(valueOf(await handlers.exportBatch({ format: 'json' }))).toEqual({ path: join(folder, 'rows.json') });
    const json = JSON.parse(await readFile(join(folder, 'rows.json'), 'utf8')) as Array<Record<string, unknown>>;
    expect(json.map((row) => [row.id, row.status])).toEqual([
      ['all-set', 'ok'],
      ['nobody-export', 'not_found'],
    ]);
    expect(valueOf(await handlers.exportBatch({ format: 'csv' }))).toBeNull();
    expect(suggested[0]).toMatch(/^adapty-batch-.*\.csv$/);
    expect(suggested[1]).toMatch(/\.json$/);
  });

  it('refuses to export while a batch runs (the file would hold rows still pending), and exports once it has ended', async () => {
    const folder = await tempDir();
    const { handlers } = await app({ batch: { chooseExportPath: async () => join(folder, 'rows.csv') } });
    valueOf(await handlers.startBatch({ ids: ['scenario:slow:10000:export', 'user-1'], idType: 'customer_user_id' }));
    expect(errorOf(await handlers.exportBatch({ format: 'csv' }))).toMatchObject({ message: /A batch is running/ });
    expect(existsSync(join(folder, 'rows.csv'))).toBe(false);
    valueOf(await handlers.cancelBatch(undefined));
    await waitFor(handlers, ended);
    expect(valueOf(await handlers.exportBatch({ format: 'csv' }))).toEqual({ path: join(folder, 'rows.csv') });
    expect(await readFile(join(folder, 'rows.csv'), 'utf8')).not.toMatch(/,pending,/);
  });

  it('removing the connection a batch runs through stops it (its key is gone): the rows left say why', async () => {
    const { handlers } = await app();
    const running = valueOf(await handlers.getSettings(undefined)).active;
    const ids = [...Array.from({ length: 5 }, (_, n) => `user-${n + 1}`), ...Array.from({ length: 30 }, (_, n) => `scenario:slow:300:${n}`)];
    valueOf(await handlers.startBatch({ ids, idType: 'customer_user_id', connectionId: running }));
    await waitFor(handlers, (state) => state.progress.done >= 5);
    // Another connection first (the last one cannot go), then the batch's own is removed.
    valueOf(await handlers.addConnection({ name: 'Other', colour: 'teal' }));
    const before = local.server.requests.length;
    valueOf(await handlers.removeConnection({ id: running }));
    const { state, rows } = await waitFor(handlers, ended);
    expect(state.stopped).toMatchObject({ kind: 'cancelled', message: 'Not looked up: the connection "Default" was removed while the batch ran.' });
    expect(state.progress.cancelled).toBeGreaterThan(20);
    expect(rows.filter((row) => row.status === 'cancelled').every((row) => row.error?.message === state.stopped?.message)).toBe(true);
    // No request goes out with the removed connection's key once it is gone (those under way may end).
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(local.server.requests.length - before).toBeLessThan(10);
    // Its rows cannot run again through it: the answer says so, and what to do.
    expect(errorOf(await handlers.rerunFailed(undefined))).toMatchObject({ kind: 'invalid_input', message: /^The connection this batch ran through was removed: start the batch again/ });
  });

  it('removing the key of the connection a batch runs through stops it too', async () => {
    const { handlers } = await app();
    const ids = [...Array.from({ length: 3 }, (_, n) => `user-${n + 1}`), ...Array.from({ length: 30 }, (_, n) => `scenario:slow:300:k${n}`)];
    valueOf(await handlers.startBatch({ ids, idType: 'customer_user_id' }));
    await waitFor(handlers, (state) => state.progress.done >= 3);
    valueOf(await handlers.removeKey(undefined));
    const { state } = await waitFor(handlers, ended);
    expect(state.stopped).toMatchObject({ kind: 'cancelled', message: 'Not looked up: the API key of "Default" was removed while the batch ran.' });
    expect(state.progress.cancelled).toBeGreaterThan(20);
  });

  it('exports the rows as they were when asked, though a batch starts while the save dialog is open', async () => {
    const folder = await tempDir();
    const holder: { handlers?: Handlers } = {};
    const { handlers } = await app({
      batch: {
        chooseExportPath: async () => {
          valueOf(await holder.handlers!.startBatch({ ids: ['scenario:slow:10000:during-dialog'], idType: 'customer_user_id' }));
          return join(folder, 'rows.json');
        },
      },
    });
    holder.handlers = handlers;
    valueOf(await handlers.startBatch({ ids: ['all-set', 'user-1'], idType: 'customer_user_id' }));
    await waitFor(handlers, ended);
    valueOf(await handlers.exportBatch({ format: 'json' }));
    const json = JSON.parse(await readFile(join(folder, 'rows.json'), 'utf8')) as Array<Record<string, unknown>>;
    expect(json.map((row) => [row.id, row.status])).toEqual([
      ['all-set', 'ok'],
      ['user-1', 'ok'],
    ]);
    valueOf(await handlers.cancelBatch(undefined));
    await waitFor(handlers, ended);
  });

  it('removing another connection leaves the batch running', async () => {
    const { handlers } = await app();
    const running = valueOf(await handlers.getSettings(undefined)).active;
    const other = valueOf(await handlers.addConnection({ name: 'Other', colour: 'teal' })).active;
    valueOf(await handlers.switchConnection({ id: running }));
    valueOf(await handlers.startBatch({ ids: Array.from({ length: 20 }, (_, n) => `scenario:slow:50:${n}`), idType: 'customer_user_id', connectionId: running }));
    valueOf(await handlers.removeConnection({ id: other }));
    const { state, rows } = await waitFor(handlers, ended);
    expect(state.stopped).toBeNull();
    expect(rows.every((row) => row.status === 'ok')).toBe(true);
  });

  it('refuses a batch without a key, clearly, before any request', async () => {
    const { handlers } = await app({ key: undefined });
    const before = local.server.requests.length;
    expect(errorOf(await handlers.startBatch({ ids: ['user-1'], idType: 'auto' }))).toMatchObject({ kind: 'no_key' });
    expect(local.server.requests.length).toBe(before);
    expect(valueOf(await handlers.getBatch({ batch: 0, since: 0 }))).toMatchObject({ batch: 0, running: false, changes: [] });
  });

  it('refuses a batch of only blank lines, and a second batch while one runs', async () => {
    const { handlers } = await app();
    expect(errorOf(await handlers.startBatch({ ids: ['', '  '], idType: 'auto' }))).toMatchObject({ kind: 'invalid_input', message: /Nothing to look up/ });
    valueOf(await handlers.startBatch({ ids: ['scenario:slow:10000:busy'], idType: 'customer_user_id' }));
    expect(errorOf(await handlers.startBatch({ ids: ['user-1'], idType: 'auto' }))).toMatchObject({ message: /A batch is running/ });
    expect(errorOf(await handlers.rerunFailed(undefined))).toMatchObject({ message: /A batch is running/ });
    valueOf(await handlers.cancelBatch(undefined));
    await waitFor(handlers, ended);
  });

  it('stops at a refused key and says why; the rows left are cancelled with that reason', async () => {
    const { handlers } = await app({ key: 'a_key_adapty_does_not_know' });
    valueOf(await handlers.startBatch({ ids: Array.from({ length: 40 }, (_, n) => `user-${n + 1}`), idType: 'customer_user_id' }));
    const { state, rows } = await waitFor(handlers, ended);
    // The banner's error is the refusal itself: the refused row's kind, status and request ID, saying where it stopped.
    expect(state.stopped).toMatchObject({ kind: 'unauthorized', status: 401, message: /^The batch stopped at "user-\d+": Adapty did not accept the API key/ });
    const at = state.stopped?.message.match(/stopped at "(user-\d+)"/)?.[1];
    const refused = rows.find((row) => row.id === at);
    expect(refused?.error).toMatchObject({ kind: 'unauthorized', requestId: state.stopped?.requestId });
    expect(state.stopped?.requestId).toEqual(expect.any(String));
    expect(rows.filter((row) => row.status === 'cancelled').every((row) => row.error?.message.startsWith(`Not looked up: the batch stopped at "${at}": `))).toBe(true);
    expect(rows.every((row) => row.status !== 'ok')).toBe(true);
  });

  it('never puts the key in an answer, even when Adapty echoes it', async () => {
    const folder = await tempDir();
    const { handlers } = await app({ batch: { chooseExportPath: async () => join(folder, 'out.json') } });
    const answers: unknown[] = [];
    answers.push(await handlers.startBatch({ ids: ['user-1', 'scenario:echo-key', 'nobody'], idType: 'auto' }));
    await waitFor(handlers, ended, answers);
    answers.push(await handlers.rerunFailed(undefined));
    await waitFor(handlers, ended, answers);
    answers.push(await handlers.exportBatch({ format: 'json' }));
    expect(JSON.stringify(answers)).not.toContain(LOCAL_ADAPTY_KEY);
    expect(await readFile(join(folder, 'out.json'), 'utf8')).not.toContain(LOCAL_ADAPTY_KEY);
  });

  it('tells the window when the batch changed', async () => {
    let told = 0;
    const { handlers } = await app({ batch: { onBatchChanged: () => told++ } });
    valueOf(await handlers.startBatch({ ids: ['user-1', 'user-2'], idType: 'auto' }));
    await waitFor(handlers, ended);
    await expect.poll(() => told).toBeGreaterThan(0);
  });

  describe('opening a file of IDs', () => {
    it('reads a CSV as a table, guesses the ID column and the header', async () => {
      const folder = await tempDir();
      const file = join(folder, 'users.csv');
      await writeFile(file, 'email,customer_user_id,plan\r\na@example.com,user-1,pro\r\nb@example.com,"user,2",free\r\n');
      const { handlers } = await app({ batch: { chooseIdFile: async () => file } });
      expect(valueOf(await handlers.openIdFile(undefined))).toEqual({
        kind: 'table',
        fileName: 'users.csv',
        rows: [
          ['email', 'customer_user_id', 'plan'],
          ['a@example.com', 'user-1', 'pro'],
          ['b@example.com', 'user,2', 'free'],
        ],
        header: true,
        column: 1,
        truncated: false,
      });
    });

    it('reads a .txt as one ID per line; says why a file cannot be read; null when the dialog was cancelled', async () => {
      const folder = await tempDir();
      const paths: Array<string | null> = [join(folder, 'ids.txt'), join(folder, 'latin1.txt'), join(folder, 'missing.csv'), null];
      await writeFile(paths[0]!, 'user-1\nuser-2\n');
      await writeFile(paths[1]!, Buffer.from([0x75, 0xe9, 0x0a]));
      const { handlers } = await app({ batch: { chooseIdFile: async () => paths.shift() ?? null } });
      expect(valueOf(await handlers.openIdFile(undefined))).toMatchObject({ kind: 'table', rows: [['user-1'], ['user-2']], header: false, column: 0 });
      expect(valueOf(await handlers.openIdFile(undefined))).toMatchObject({ kind: 'unreadable', message: /not UTF-8/ });
      expect(valueOf(await handlers.openIdFile(undefined))).toMatchObject({ kind: 'unreadable', message: /could not be read \(ENOENT\)/ });
      expect(valueOf(await handlers.openIdFile(undefined))).toBeNull();
      expect(existsSync(join(folder, 'missing.csv'))).toBe(false);
    });

    it('reads a file of exactly 20 MiB, and refuses one byte more with what to do', async () => {
      const folder = await tempDir();
      const line = 'user-1234567\n';
      const limit = Buffer.alloc(MAX_ID_FILE_BYTES, line);
      const paths = [join(folder, 'limit.txt'), join(folder, 'over.txt')];
      await writeFile(paths[0]!, limit);
      await writeFile(paths[1]!, Buffer.concat([limit, Buffer.from('x')]));
      const { handlers } = await app({ batch: { chooseIdFile: async () => paths.shift() ?? null } });
      const read = valueOf(await handlers.openIdFile(undefined));
      expect(read).toMatchObject({ kind: 'table', fileName: 'limit.txt' });
      expect(valueOf(await handlers.openIdFile(undefined))).toEqual({ kind: 'unreadable', fileName: 'over.txt', message: 'over.txt is larger than 20 MiB: split it into smaller files.' });
    });
  });
});
