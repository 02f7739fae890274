/** `batch` as a process: IDs from a file or stdin, rows out in input order, progress and a summary on stderr, its exit codes. */
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { BATCH_COLUMNS } from '../../src/main/batch/batch-files';
import { useLocalAdapty } from '../helpers/local-adapty';
import { useTempDirs } from '../helpers/temp-dir';

const CLI = resolve(__dirname, '../../out/main/cli.js');
const KEY = 'secret_live_BatchTestOnly.Zz9Yy8Xx7';

type Run = { code: number | null; stdout: string; stderr: string };

function cli(args: string[], options: { stdin?: string; env?: Record<string, string>; onStderr?: (text: string, child: ReturnType<typeof spawn>) => void } = {}): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH, ADAPTY_API_KEY: KEY, ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      options.onStderr?.(stderr, child);
    });
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

const csvRows = (text: string) => Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
const users = (n: number) => Array.from({ length: n }, (_, i) => `user-${i + 1}`);

describe('cli batch', () => {
  const local = useLocalAdapty({ apiKeys: [KEY], slowMs: 20_000 });
  const temp = useTempDirs();
  const batch = (args: string[], options?: Parameters<typeof cli>[1]) => cli(['batch', ...args, '--base-url', local.server.url], options);

  it('every ID succeeds: CSV on stdout in input order, each ID once, a progress line on stderr, exit 0', async () => {
    const ids = [...users(150), 'user-3', '', 'all-set'];
    const { code, stdout, stderr } = await batch(['--input', '-'], { stdin: ids.join('\n') });
    expect(code).toBe(0);
    const rows = csvRows(stdout);
    expect(rows[0]).toEqual([...BATCH_COLUMNS]);
    expect(rows.slice(1).map((row) => row[0])).toEqual([...users(150), 'all-set']);
    expect(rows.slice(1).every((row) => row[1] === 'ok')).toBe(true);
    expect(stderr).toMatch(/^batch: 151 IDs \(1 duplicate, 1 blank line skipped\), at most 16 at once$/m);
    expect(stderr).toMatch(/^batch: 151 done · 0 failed · 0 left · \d+ rows\/s$/m);
    expect(stderr).not.toContain(KEY);
  });

  it('some rows fail: all rows still written, a summary of failures by kind, exit 9', async () => {
    const dir = await temp();
    const input = join(dir, 'ids.txt');
    const output = join(dir, 'rows.json');
    await writeFile(input, ['user-1', 'nobody-1', 'scenario:server-error', 'nobody-2', 'user-2'].join('\n'));
    const { code, stdout, stderr } = await batch(['--input', input, '--output', output, '--id-type', 'customer']);
    expect(code).toBe(9);
    expect(stdout).toBe('');
    expect(stderr).toContain(`batch: 5 rows written to ${output}`);
    expect(stderr).toMatch(/^batch: 3 of 5 rows did not succeed: not_found 2 · server_error 1\.$/m);
    const rows = JSON.parse(await readFile(output, 'utf8')) as { id: string; status: string; attempts: number }[];
    expect(rows.map((row) => [row.id, row.status])).toEqual([
      ['user-1', 'ok'],
      ['nobody-1', 'not_found'],
      ['scenario:server-error', 'server_error'],
      ['nobody-2', 'not_found'],
      ['user-2', 'ok'],
    ]);
    expect(rows[2]?.attempts).toBe(4);
  }, 20_000);

  it('a CSV column by header name; IDs with commas, quotes and formulas come back quoted and inert', async () => {
    const dir = await temp();
    const input = join(dir, 'export.csv');
    await writeFile(input, 'email,customer_user_id\nann@x.io,user-7\nbob@x.io,"=HYPERLINK(""x"")"\ncy@x.io,"a,b"\n');
    const { code, stdout, stderr } = await batch(['--input', input, '--column', 'Customer_User_ID']);
    expect(code).toBe(9);
    expect(stderr).toMatch(/^batch: 3 IDs, the header "customer_user_id" skipped, at most 16 at once$/m);
    expect(csvRows(stdout).slice(1).map((row) => [row[0], row[1]])).toEqual([
      ['user-7', 'ok'],
      [`'=HYPERLINK("x")`, 'not_found'],
      ['a,b', 'not_found'],
    ]);
  });

  it('a key Adapty refuses stops the batch at once: exit 3, the rows written, saying why', async () => {
    const before = local.server.requests.length;
    const { code, stdout, stderr } = await batch(['--input', '-', '--concurrency', '1'], { stdin: users(300).join('\n'), env: { ADAPTY_API_KEY: 'wrong-key-1234' } });
    expect(code).toBe(3);
    expect(csvRows(stdout)).toHaveLength(301);
    // The last line is the refusal, with what Adapty said and its request ID, not the words of the rows it cancelled.
    const last = stderr.trim().split('\n').at(-1);
    expect(last).toMatch(/^error: unauthorized \(HTTP 401, error_code \w+\): The batch stopped at "user-1": Adapty did not accept the API key/);
    expect(last).toMatch(/Request ID: [\w-]+/);
    expect(local.server.requests.length - before).toBeLessThan(5);
  });

  it('Ctrl-C stops the batch, and every row is still written: those that finished, the rest cancelled; exit 130', async () => {
    const ids = [...users(5), 'scenario:slow', ...users(100).map((id) => `${id}-x`)];
    const { code, stdout, stderr } = await batch(['--input', '-', '--concurrency', '1'], {
      stdin: ids.join('\n'),
      onStderr: (text, child) => {
        if (text.includes('at most 1 at once')) setTimeout(() => child.kill('SIGINT'), 300);
      },
    });
    expect(code).toBe(130);
    // The rows not looked up are counted as such, not as failures, and not in the pace.
    expect(stderr).toMatch(/^batch: 5 done · 0 failed · 101 cancelled · 0 left · \d+ rows\/s$/m);
    expect(stderr).toMatch(/^batch: 101 of 106 rows did not succeed: cancelled 101\.$/m);
    const rows = csvRows(stdout).slice(1);
    expect(rows.map((row) => row[0])).toEqual(ids);
    expect(rows.slice(0, 5).every((row) => row[1] === 'ok')).toBe(true);
    expect(rows.find((row) => row[0] === 'scenario:slow')?.[1]).toBe('cancelled');
  });

  it('says what is wrong with its input, in one line, exit 2', async () => {
    const dir = await temp();
    const empty = join(dir, 'empty.txt');
    await writeFile(empty, '\n \n');
    const cases: [string[], RegExp][] = [
      [['--input', join(dir, 'missing.txt')], /missing\.txt could not be read: there is no such file\./],
      [['--input', empty], /empty\.txt holds no IDs\./],
      [['--input', '-', '--column', '3'], /--column 3 is not a column of stdin \(it has 1\)/],
      [['--input', '-', '--json'], /batch takes --format json, not --json\./],
      [['--input', '-', '--concurrency', '65'], /--concurrency is at most 64, got 65\./],
      [['--input', '-', '--id-type', 'email'], /--id-type is auto, customer or profile, got "email"\./],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await batch(args, { stdin: 'user-1\n' });
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toMatch(message);
      expect(stderr).not.toMatch(/at .*\.js:\d+/);
    }
  });
});
