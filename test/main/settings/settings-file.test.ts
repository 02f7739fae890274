/**
 * The file rules of settings.json, on real files in temporary folders: atomic
 * saves, leftovers of interrupted saves, a byte order mark, links and other
 * non-regular files refused, a size cap, and corrupt files kept aside.
 */
import { keyRingOver } from '../../helpers/key-ring';
import { execFileSync } from 'node:child_process';
import { link, lstat, mkdir, readdir, readFile, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { createHandlers } from '../../../src/main/handlers';
import { createMemoryStore } from '../../../src/main/secrets/memory-store';
import { moveAside } from '../../../src/main/settings/atomic-file';
import { createSettingsStore, MAX_SETTINGS_BYTES } from '../../../src/main/settings/settings-store';
import { DEFAULT_CONNECTIONS, firstConnection } from '../../../src/shared/connections';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/shared/settings';
import { nodeFetch, valueOf } from '../../helpers/test-app';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs('adapty-settings-file-');
const LOCAL: Settings = { baseUrl: 'http://127.0.0.1:4010', timeoutMs: 5_000 };
const OTHER: Settings = { baseUrl: 'https://proxy.example.com/adapty', timeoutMs: 30_000 };
const UUID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const BACKUP = /^settings\.json\.corrupt-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z(-\d+)?$/;

let warn: MockInstance<typeof console.warn>;
beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  warn.mockRestore();
});

/** A settings file as version 1 wrote it (still read, as the first connection). */
const json = (settings: Settings) => `${JSON.stringify(settings, null, 2)}\n`;
/** The text a save writes: version 2, with `settings` as the only (first, active) connection. */
const saved = (settings: Settings) => `${JSON.stringify({ version: 2, active: 'default', connections: [firstConnection(settings)] }, null, 2)}\n`;
const list = async (folder: string) => (await readdir(folder)).sort();

async function settingsFile(): Promise<{ folder: string; file: string }> {
  const folder = await tempDir();
  return { folder, file: join(folder, 'settings.json') };
}

/** getSettings as the window calls it. */
function handlersOver(file: string) {
  return createHandlers({ keys: keyRingOver(createMemoryStore()), settings: createSettingsStore(file), fetch: nodeFetch });
}

describe('reading settings.json', () => {
  it('loads a file that starts with a UTF-8 byte order mark', async () => {
    const { file } = await settingsFile();
    await writeFile(file, `\uFEFF${json(LOCAL)}`);
    expect((await readFile(file)).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const store = createSettingsStore(file);
    expect(await store.get()).toEqual(LOCAL);
    expect(await store.takeNotice?.()).toBeNull();
    expect(warn).not.toHaveBeenCalled();
  });

  it('removes the temporary files an interrupted save left, and nothing else', async () => {
    const { folder, file } = await settingsFile();
    await writeFile(file, json(LOCAL));
    const ours = [`settings.json.${UUID}.tmp`, `settings.json.${UUID.replace(/0/g, 'a')}.tmp`];
    const others = [
      'settings.json.tmp',
      'settings.json.not-a-uuid.tmp',
      `settings.json.${UUID}.tmp.keep`,
      `settings.json.${UUID.toUpperCase()}.tmp`,
      `xsettings.json.${UUID}.tmp`,
      `window-state.json.${UUID}.tmp`,
      'window-state.json.1234.tmp',
      'settings.json.corrupt-2024-01-02T03-04-05-678Z',
      'notes.txt',
    ];
    for (const name of ours) await writeFile(join(folder, name), '{"baseUrl": "http://half');
    for (const name of others) await writeFile(join(folder, name), 'keep me');
    // A folder with our naming is not a file we wrote: it stays.
    await mkdir(join(folder, `settings.json.${UUID.replace(/f/g, 'b')}.tmp`));

    expect(await createSettingsStore(file).get()).toEqual(LOCAL);
    expect(await list(folder)).toEqual(['settings.json', `settings.json.${UUID.replace(/f/g, 'b')}.tmp`, ...others].sort());
    for (const name of others) expect(await readFile(join(folder, name), 'utf8')).toBe('keep me');
  });

  it('removes leftover temporary files even when there is no settings file', async () => {
    const { folder, file } = await settingsFile();
    await writeFile(join(folder, `settings.json.${UUID}.tmp`), '{');
    expect(await createSettingsStore(file).get()).toEqual(DEFAULT_SETTINGS);
    expect(await list(folder)).toEqual([]);
  });

  it('reads a valid file of exactly the size cap', async () => {
    const { file } = await settingsFile();
    const text = JSON.stringify(LOCAL);
    await writeFile(file, text + ' '.repeat(MAX_SETTINGS_BYTES - text.length));
    expect((await stat(file)).size).toBe(MAX_SETTINGS_BYTES);
    expect(await createSettingsStore(file).get()).toEqual(LOCAL);
  });
});

describe('a corrupt settings.json', () => {
  it('is kept aside, the defaults load, and the first getSettings says so, once', async () => {
    const { folder, file } = await settingsFile();
    await writeFile(file, '{baseUrl: https://x');
    const handlers = handlersOver(file);

    const first = valueOf(await handlers.getSettings(undefined));
    const [backup, ...rest] = (await list(folder)).filter((name) => name !== 'settings.json');
    expect(rest).toEqual([]);
    expect(backup).toMatch(BACKUP);
    expect(first).toEqual({
      ...DEFAULT_CONNECTIONS,
      notice: `settings.json in ${folder} could not be used (it is not JSON), so the default settings are in use. The file was kept as ${backup}.`,
    });
    expect(await readFile(join(folder, backup!), 'utf8')).toBe('{baseUrl: https://x');
    expect(await list(folder)).toEqual([backup]);
    expect(warn).toHaveBeenCalledTimes(1);

    expect(valueOf(await handlers.getSettings(undefined))).toStrictEqual(DEFAULT_CONNECTIONS);
    // The next run finds no file: defaults, nothing to tell.
    expect(valueOf(await handlersOver(file).getSettings(undefined))).toStrictEqual(DEFAULT_CONNECTIONS);
  });

  it.each([
    ['not UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), 'it is not UTF-8 text'],
    ['the wrong shape', JSON.stringify({ base_url: LOCAL.baseUrl }), 'it does not hold the expected settings'],
    ['a timeout out of bounds', JSON.stringify({ ...LOCAL, timeoutMs: 10 }), 'its timeout is not valid'],
  ])('is kept aside when it is %s, and the notice says why', async (_what, content, reason) => {
    const { folder, file } = await settingsFile();
    await writeFile(file, content);
    const store = createSettingsStore(file);
    expect(await store.get()).toEqual(DEFAULT_SETTINGS);
    expect(await store.takeNotice?.()).toContain(`(${reason})`);
    expect(await store.takeNotice?.()).toBeNull();
    const [backup] = await list(folder);
    expect(await readFile(join(folder, backup!))).toEqual(Buffer.from(content));
  });

  it('over the size cap (1 MiB, valid JSON otherwise) is kept aside unread', async () => {
    const { folder, file } = await settingsFile();
    const big = JSON.stringify({ ...LOCAL, padding: 'x'.repeat(1024 * 1024) });
    await writeFile(file, big);
    const store = createSettingsStore(file);
    expect(await store.get()).toEqual(DEFAULT_SETTINGS);
    expect(await store.takeNotice?.()).toMatch(/could not be used \(it is larger than 64 KiB\)/);
    const [backup, ...rest] = await list(folder);
    expect(rest).toEqual([]);
    expect(backup).toMatch(BACKUP);
    expect(await readFile(join(folder, backup!), 'utf8')).toBe(big);
  });

  it('two corrupt loads in a row keep both backups', async () => {
    const { folder, file } = await settingsFile();
    await writeFile(file, 'first broken file');
    expect(await createSettingsStore(file).get()).toEqual(DEFAULT_SETTINGS);
    await writeFile(file, 'second broken file');
    expect(await createSettingsStore(file).get()).toEqual(DEFAULT_SETTINGS);

    const backups = await list(folder);
    expect(backups).toHaveLength(2);
    for (const name of backups) expect(name).toMatch(BACKUP);
    const contents = await Promise.all(backups.map((name) => readFile(join(folder, name), 'utf8')));
    expect(contents.sort()).toEqual(['first broken file', 'second broken file']);
  });

  it('a backup name already taken gets a number, never overwriting the earlier backup', async () => {
    const { folder, file } = await settingsFile();
    const now = new Date('2024-05-06T07:08:09.010Z');
    await writeFile(join(folder, 'settings.json.corrupt-2024-05-06T07-08-09-010Z'), 'earlier');
    await writeFile(join(folder, 'settings.json.corrupt-2024-05-06T07-08-09-010Z-1'), 'earlier too');
    await writeFile(file, 'broken');
    expect(await moveAside(file, 'corrupt', now)).toEqual({ ok: true, value: `${file}.corrupt-2024-05-06T07-08-09-010Z-2` });
    expect(await readFile(`${file}.corrupt-2024-05-06T07-08-09-010Z`, 'utf8')).toBe('earlier');
    expect(await readFile(`${file}.corrupt-2024-05-06T07-08-09-010Z-1`, 'utf8')).toBe('earlier too');
    expect(await readFile(`${file}.corrupt-2024-05-06T07-08-09-010Z-2`, 'utf8')).toBe('broken');
  });

  it('a save after a corrupt load writes the new settings, keeps the backup, and ends the notice', async () => {
    const { folder, file } = await settingsFile();
    await writeFile(file, 'null');
    const store = createSettingsStore(file);
    expect(await store.get()).toEqual(DEFAULT_SETTINGS);
    expect(await store.save(LOCAL)).toEqual({ ok: true, value: LOCAL });
    expect(await store.takeNotice?.()).toBeNull();
    const names = await list(folder);
    expect(names).toHaveLength(2);
    expect(names[0]).toBe('settings.json');
    expect(names[1]).toMatch(BACKUP);
  });
});

describe('anything but a regular file at the settings path', () => {
  const LINK_MESSAGE = (folder: string) =>
    `settings.json in ${folder} is a symbolic link; the app does not follow links for its settings. Remove it or replace it with a regular file.`;

  it.each([
    ['a valid settings file elsewhere', true],
    ['a file that does not exist', false],
  ])('a symbolic link (to %s) is neither read nor replaced, and its target is left alone', async (_what, targetExists) => {
    const { folder, file } = await settingsFile();
    const target = join(await tempDir(), 'real-settings.json');
    if (targetExists) await writeFile(target, json(OTHER));
    await symlink(target, file);

    const store = createSettingsStore(file);
    expect(await store.get()).toEqual(DEFAULT_SETTINGS);
    // Told on every read while the link is there, not just once.
    expect(await store.takeNotice?.()).toBe(LINK_MESSAGE(folder));
    expect(await store.takeNotice?.()).toBe(LINK_MESSAGE(folder));
    expect(valueOf(await handlersOver(file).getSettings(undefined))).toEqual({ ...DEFAULT_CONNECTIONS, notice: LINK_MESSAGE(folder) });

    expect(await store.save(LOCAL)).toEqual({ ok: false, error: { kind: 'internal', message: LINK_MESSAGE(folder) } });
    expect(await store.get()).toEqual(DEFAULT_SETTINGS);
    expect((await lstat(file)).isSymbolicLink()).toBe(true);
    expect(await readlink(file)).toBe(target);
    if (targetExists) expect(await readFile(target, 'utf8')).toBe(json(OTHER));
    else await expect(lstat(target)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await list(folder)).toEqual(['settings.json']);
  });

  it('a link put in place after a save: the save is refused and the saved settings stay in force', async () => {
    const { folder, file } = await settingsFile();
    const store = createSettingsStore(file);
    valueOf(await store.save(LOCAL));
    const target = join(await tempDir(), 'elsewhere.json');
    await writeFile(target, json(OTHER));
    await rm(file);
    await symlink(target, file);
    expect(await store.save(OTHER)).toMatchObject({ ok: false, error: { message: LINK_MESSAGE(folder) } });
    expect(await store.get()).toEqual(LOCAL);
    expect(await readFile(target, 'utf8')).toBe(json(OTHER));
  });

  it('a FIFO is never opened: getSettings answers at once, and saves are refused', { timeout: 3_000 }, async () => {
    const { folder, file } = await settingsFile();
    execFileSync('mkfifo', [file]);
    const started = performance.now();
    const handlers = handlersOver(file);
    const message = `settings.json in ${folder} is a named pipe (FIFO); the app reads its settings only from a regular file. Remove it or replace it with a regular file.`;
    expect(valueOf(await handlers.getSettings(undefined))).toEqual({ ...DEFAULT_CONNECTIONS, notice: message });
    expect(await handlers.saveSettings(LOCAL)).toEqual({ ok: false, error: { kind: 'internal', message } });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect((await lstat(file)).isFIFO()).toBe(true);
    expect(await list(folder)).toEqual(['settings.json']);
  });

  it('a folder is neither read nor replaced', async () => {
    const { folder, file } = await settingsFile();
    await mkdir(file);
    await writeFile(join(file, 'inside.txt'), 'kept');
    const store = createSettingsStore(file);
    expect(await store.get()).toEqual(DEFAULT_SETTINGS);
    const message = `settings.json in ${folder} is a folder; the app reads its settings only from a regular file. Remove it or replace it with a regular file.`;
    expect(await store.takeNotice?.()).toBe(message);
    expect(await store.save(LOCAL)).toEqual({ ok: false, error: { kind: 'internal', message } });
    expect(await readFile(join(file, 'inside.txt'), 'utf8')).toBe('kept');
    expect(await list(folder)).toEqual(['settings.json']);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('a socket is neither read nor replaced', async () => {
    const { folder, file } = await settingsFile();
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(file, resolve));
    try {
      const store = createSettingsStore(file);
      expect(await store.get()).toEqual(DEFAULT_SETTINGS);
      expect(await store.takeNotice?.()).toMatch(/is a socket; the app reads its settings only from a regular file/);
      expect(await store.save(LOCAL)).toMatchObject({ ok: false, error: { kind: 'internal', message: expect.stringMatching(/is a socket/) } });
      expect((await lstat(file)).isSocket()).toBe(true);
      expect(await list(folder)).toEqual(['settings.json']);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('saving settings.json', () => {
  it('leaves complete JSON and no temporary file', async () => {
    const { folder, file } = await settingsFile();
    const store = createSettingsStore(file);
    for (const settings of [LOCAL, OTHER, LOCAL]) {
      valueOf(await store.save(settings));
      expect(await list(folder)).toEqual(['settings.json']);
      expect(await readFile(file, 'utf8')).toBe(saved(settings));
    }
  });

  it('replaces the file by renaming a new one over it, never writing into the old one', async () => {
    const { folder, file } = await settingsFile();
    const store = createSettingsStore(file);
    valueOf(await store.save(LOCAL));
    // A second name for the old file: an in-place write would show through it.
    await link(file, join(folder, 'old-name'));
    const before = (await stat(file)).ino;
    valueOf(await store.save(OTHER));
    expect((await stat(file)).ino).not.toBe(before);
    expect(await readFile(join(folder, 'old-name'), 'utf8')).toBe(saved(LOCAL));
    expect(await readFile(file, 'utf8')).toBe(saved(OTHER));
  });
});
