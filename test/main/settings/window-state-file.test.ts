/**
 * The file rules of window-state.json (settings.json's rules, synchronously),
 * on real files in temporary folders: links and anything but a regular file
 * neither read nor replaced (a FIFO never opened), a size cap, a byte order
 * mark, leftovers of interrupted saves removed, atomic saves.
 */
import { execFileSync, spawn } from 'node:child_process';
import { link, lstat, mkdir, readdir, readFile, readlink, stat, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { readRegularFileSync, writeAtomicSync } from '../../../src/main/settings/atomic-file';
import { MAX_WINDOW_STATE_BYTES, readWindowState, writeWindowState, type WindowState } from '../../../src/main/settings/window-state';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs('adapty-window-state-file-');
const STATE: WindowState = { x: -40, y: 60, width: 1200, height: 800, maximized: false };
const OTHER: WindowState = { x: 300, y: 200, width: 900, height: 640, maximized: true };
const UUID = '0f8fad5b-d9cb-469f-a165-70867728950e';

let warn: MockInstance<typeof console.warn>;
beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  warn.mockRestore();
});

const json = (state: WindowState) => `${JSON.stringify(state)}\n`;
const list = async (folder: string) => (await readdir(folder)).sort();

async function stateFile(): Promise<{ folder: string; file: string }> {
  const folder = await tempDir();
  return { folder, file: join(folder, 'window-state.json') };
}

/**
 * Runs `body` (synchronous code that must not open the FIFO) with a writer
 * that opens the FIFO after 1.5 s. Should `body` block opening or reading it,
 * the writer frees it and the elapsed time fails the test, rather than
 * blocking the test worker for ever. The writer, still waiting for a reader
 * when all went well, is stopped afterwards.
 */
function withoutBlockingOn<T>(fifo: string, body: () => T): { value: T; ms: number } {
  const writer = spawn('sh', ['-c', 'sleep 1.5; echo "{}" > "$0"', fifo], { stdio: 'ignore' });
  try {
    const started = performance.now();
    const value = body();
    return { value, ms: performance.now() - started };
  } finally {
    writer.kill();
  }
}

describe('reading window-state.json', () => {
  it('reads a file that starts with a UTF-8 byte order mark', async () => {
    const { file } = await stateFile();
    await writeFile(file, `\uFEFF${json(STATE)}`);
    expect((await readFile(file)).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(readWindowState(file)).toEqual(STATE);
    expect(warn).not.toHaveBeenCalled();
  });

  it('reads a valid file of exactly the size cap', async () => {
    const { file } = await stateFile();
    const text = JSON.stringify(STATE);
    await writeFile(file, text + ' '.repeat(MAX_WINDOW_STATE_BYTES - text.length));
    expect((await stat(file)).size).toBe(MAX_WINDOW_STATE_BYTES);
    expect(readWindowState(file)).toEqual(STATE);
  });

  it('does not read a 1 MiB file (valid otherwise): default placement, file left as it is', async () => {
    const { folder, file } = await stateFile();
    // zod drops unknown keys, so only the cap stands between this file and the window.
    const big = JSON.stringify({ ...STATE, padding: 'x'.repeat(1024 * 1024) });
    await writeFile(file, big);
    expect(readWindowState(file)).toBeNull();
    expect(warn).toHaveBeenCalledExactlyOnceWith(`Window state ${file} is not used (it is larger than 16 KiB); using the default placement.`);
    expect(await list(folder)).toEqual(['window-state.json']);
    expect(await readFile(file, 'utf8')).toBe(big);
  });

  it('does not read bytes that are not UTF-8', async () => {
    const { file } = await stateFile();
    await writeFile(file, Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
    expect(readWindowState(file)).toBeNull();
    expect(warn).toHaveBeenCalledExactlyOnceWith(expect.stringContaining('(it is not UTF-8 text)'));
  });

  it('removes the temporary files an interrupted save left, and nothing else', async () => {
    const { folder, file } = await stateFile();
    await writeFile(file, json(STATE));
    const ours = [`window-state.json.${UUID}.tmp`, `window-state.json.${UUID.replace(/0/g, 'a')}.tmp`];
    const others = [
      'window-state.json.tmp',
      'window-state.json.1234.tmp',
      'window-state.json.not-a-uuid.tmp',
      `window-state.json.${UUID}.tmp.keep`,
      `window-state.json.${UUID.toUpperCase()}.tmp`,
      `xwindow-state.json.${UUID}.tmp`,
      `settings.json.${UUID}.tmp`,
      'settings.json',
    ];
    for (const name of ours) await writeFile(join(folder, name), '{"x": 1');
    for (const name of others) await writeFile(join(folder, name), 'keep me');
    // A folder with our naming is not a file we wrote: it stays.
    const folderNamedLikeOurs = `window-state.json.${UUID.replace(/f/g, 'b')}.tmp`;
    await mkdir(join(folder, folderNamedLikeOurs));

    expect(readWindowState(file)).toEqual(STATE);
    expect(await list(folder)).toEqual(['window-state.json', folderNamedLikeOurs, ...others].sort());
    for (const name of others) expect(await readFile(join(folder, name), 'utf8')).toBe('keep me');
  });

  it('removes leftover temporary files even when there is no window-state file', async () => {
    const { folder, file } = await stateFile();
    await writeFile(join(folder, `window-state.json.${UUID}.tmp`), '{');
    expect(readWindowState(file)).toBeNull();
    expect(await list(folder)).toEqual([]);
    expect(warn).not.toHaveBeenCalled();
  });
});

describe('anything but a regular file at the window-state path', () => {
  it.each([
    ['a valid window state elsewhere', true],
    ['a file that does not exist', false],
  ])('a symbolic link (to %s) is neither followed nor replaced, and its target is left alone', async (_what, targetExists) => {
    const { folder, file } = await stateFile();
    const target = join(await tempDir(), 'elsewhere.json');
    if (targetExists) await writeFile(target, json(OTHER));
    await symlink(target, file);

    expect(readWindowState(file)).toBeNull();
    expect(warn).toHaveBeenLastCalledWith(
      `Window state ${file} is not used (it is a symbolic link; the app uses only a regular file there); using the default placement.`,
    );
    expect(writeWindowState(file, STATE)).toBe(false);
    expect(warn).toHaveBeenLastCalledWith(`Window state could not be saved to ${file} (it is a symbolic link; the app uses only a regular file there).`);

    expect((await lstat(file)).isSymbolicLink()).toBe(true);
    expect(await readlink(file)).toBe(target);
    if (targetExists) expect(await readFile(target, 'utf8')).toBe(json(OTHER));
    else await expect(lstat(target)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await list(folder)).toEqual(['window-state.json']);
  });

  it('a FIFO is never opened: the read answers at once with the default placement, and a save is skipped', { timeout: 3_000 }, async () => {
    const { folder, file } = await stateFile();
    execFileSync('mkfifo', [file]);
    const read = withoutBlockingOn(file, () => readWindowState(file));
    expect(read.value).toBeNull();
    expect(read.ms).toBeLessThan(1_000);
    expect(warn).toHaveBeenLastCalledWith(expect.stringContaining('(it is a named pipe (FIFO); the app uses only a regular file there)'));

    const write = withoutBlockingOn(file, () => writeWindowState(file, STATE));
    expect(write.value).toBe(false);
    expect(write.ms).toBeLessThan(1_000);
    expect((await lstat(file)).isFIFO()).toBe(true);
    expect(await list(folder)).toEqual(['window-state.json']);
  });

  it('a folder is neither read nor replaced', async () => {
    const { folder, file } = await stateFile();
    await mkdir(file);
    await writeFile(join(file, 'inside.txt'), 'kept');
    expect(readWindowState(file)).toBeNull();
    expect(warn).toHaveBeenLastCalledWith(expect.stringContaining('(it is a folder; the app uses only a regular file there)'));
    expect(writeWindowState(file, STATE)).toBe(false);
    expect(await readFile(join(file, 'inside.txt'), 'utf8')).toBe('kept');
    expect(await list(folder)).toEqual(['window-state.json']);
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it('a socket is neither read nor replaced', async () => {
    const { folder, file } = await stateFile();
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(file, resolve));
    try {
      expect(readWindowState(file)).toBeNull();
      expect(warn).toHaveBeenLastCalledWith(expect.stringContaining('(it is a socket;'));
      expect(writeWindowState(file, STATE)).toBe(false);
      expect((await lstat(file)).isSocket()).toBe(true);
      expect(await list(folder)).toEqual(['window-state.json']);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('saving window-state.json', () => {
  it('leaves complete JSON, readable only by the user, and no temporary file', async () => {
    const { folder, file } = await stateFile();
    for (const state of [STATE, OTHER, STATE]) {
      expect(writeWindowState(file, state)).toBe(true);
      expect(await list(folder)).toEqual(['window-state.json']);
      expect(await readFile(file, 'utf8')).toBe(json(state));
      expect(readWindowState(file)).toEqual(state);
    }
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(warn).not.toHaveBeenCalled();
  });

  it('replaces the file by renaming a new one over it, never writing into the old one', async () => {
    const { folder, file } = await stateFile();
    expect(writeWindowState(file, STATE)).toBe(true);
    // A second name for the old file: an in-place write would show through it.
    await link(file, join(folder, 'old-name'));
    const before = (await stat(file)).ino;
    expect(writeWindowState(file, OTHER)).toBe(true);
    expect((await stat(file)).ino).not.toBe(before);
    expect(await readFile(join(folder, 'old-name'), 'utf8')).toBe(json(STATE));
    expect(await readFile(file, 'utf8')).toBe(json(OTHER));
  });

  it('replaces a file that could not be used', async () => {
    const { folder, file } = await stateFile();
    await writeFile(file, '{"x": 1, "y":');
    expect(readWindowState(file)).toBeNull();
    expect(writeWindowState(file, STATE)).toBe(true);
    expect(readWindowState(file)).toEqual(STATE);
    expect(await list(folder)).toEqual(['window-state.json']);
  });
});

describe('the synchronous file helpers, on their own', () => {
  it('readRegularFileSync does not open a link and does not wait on a FIFO (as if swapped in after the lstat)', { timeout: 3_000 }, async () => {
    const folder = await tempDir();
    const fifo = join(folder, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const read = withoutBlockingOn(fifo, () => readRegularFileSync(fifo, 100));
    expect(read.value).toEqual({ ok: false, error: { code: 'ENOTREG' } });
    expect(read.ms).toBeLessThan(1_000);

    const target = join(folder, 'target.json');
    await writeFile(target, json(STATE));
    await symlink(target, join(folder, 'link'));
    expect(readRegularFileSync(join(folder, 'link'), 100)).toMatchObject({ ok: false, error: { code: 'ELOOP' } });
  });

  it('readRegularFileSync reads at most one byte past the cap', async () => {
    const file = join(await tempDir(), 'big');
    await writeFile(file, 'x'.repeat(1000));
    const read = readRegularFileSync(file, 10);
    expect(read.ok && read.value.toString()).toBe('x'.repeat(11));
  });

  it('writeAtomicSync that cannot rename (a folder in the way) fails and leaves no temporary file', async () => {
    const folder = await tempDir();
    const target = join(folder, 'target');
    await mkdir(target);
    await writeFile(join(target, 'inside.txt'), 'kept');
    expect(writeAtomicSync(target, 'text')).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^E/) } });
    expect(await list(folder)).toEqual(['target']);
    expect(await readFile(join(target, 'inside.txt'), 'utf8')).toBe('kept');
  });
});
