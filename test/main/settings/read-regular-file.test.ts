/** Reading a regular file up to a cap: the whole file when it fits, one byte more than the cap when it does not. */
import { readFileSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRegularFile, readRegularFileSync } from '../../../src/main/settings/atomic-file';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs('adapty-read-file-');
const MAX = 1000;

/** Bytes that differ from place to place, so a byte copied to the wrong place shows. */
const bytesOf = (length: number) => Buffer.from(Array.from({ length }, (_, i) => (i * 7 + 3) % 251));

describe.each([
  ['readRegularFile', (path: string, max: number) => readRegularFile(path, max)],
  ['readRegularFileSync', async (path: string, max: number) => readRegularFileSync(path, max)],
])('%s', (_name, read) => {
  it.each([0, 1, 10, MAX - 1, MAX])('reads a file of %i bytes whole', async (size) => {
    const file = join(await tempDir(), 'ids.txt');
    await writeFile(file, bytesOf(size));
    const result = await read(file, MAX);
    expect(result.ok && result.value.equals(bytesOf(size))).toBe(true);
  });

  it.each([MAX + 1, MAX * 3 + 17, MAX * 40])('reads a file of %i bytes only to one byte past the cap', async (size) => {
    const file = join(await tempDir(), 'ids.txt');
    await writeFile(file, bytesOf(size));
    const result = await read(file, MAX);
    expect(result.ok && result.value.equals(bytesOf(MAX + 1))).toBe(true);
  });

  // /proc's files say they are empty and are not: the buffer grows as the file turns out longer than said.
  it.skipIf(process.platform !== 'linux')('reads a file longer than its size said, growing as it goes (Linux: a /proc file)', async () => {
    const expected = readFileSync('/proc/self/cmdline');
    expect(statSync('/proc/self/cmdline').size).toBe(0);
    expect(expected.length).toBeGreaterThan(8);
    const whole = await read('/proc/self/cmdline', 1024 * 1024);
    expect(whole.ok && whole.value.equals(expected)).toBe(true);
    const capped = await read('/proc/self/cmdline', 5);
    expect(capped.ok && capped.value.equals(expected.subarray(0, 6))).toBe(true);
  });

  it('refuses a folder', async () => {
    const folder = join(await tempDir(), 'ids.txt');
    await mkdir(folder);
    expect(await read(folder, MAX)).toEqual({ ok: false, error: { code: 'ENOTREG' } });
  });
});
