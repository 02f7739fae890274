import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { createSettingsStore } from '../../../src/main/settings/settings-store';
import { firstConnection } from '../../../src/shared/connections';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/shared/settings';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs('adapty-settings-');
const LOCAL: Settings = { baseUrl: 'http://127.0.0.1:4010', timeoutMs: 5_000 };
const OTHER: Settings = { baseUrl: 'https://proxy.example.com/adapty', timeoutMs: 30_000 };

/** The file a save writes: version 2, with `settings` as the only (first, active) connection. */
const fileOf = (settings: Settings) => ({ version: 2, active: 'default', connections: [firstConnection(settings)] });

let warn: MockInstance<typeof console.warn>;
beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  warn.mockRestore();
});

async function settingsFile(): Promise<string> {
  return join(await tempDir(), 'settings.json');
}

describe('reading settings', () => {
  it('gives the defaults when the file is missing, without writing one or warning', async () => {
    const file = await settingsFile();
    expect(await createSettingsStore(file).get()).toEqual(DEFAULT_SETTINGS);
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(warn).not.toHaveBeenCalled();
  });

  it('gives the defaults when even the folder is missing', async () => {
    const file = join(await tempDir(), 'no', 'such', 'folder', 'settings.json');
    expect(await createSettingsStore(file).get()).toEqual(DEFAULT_SETTINGS);
  });

  it.each([
    ['not JSON', '{baseUrl: https://x'],
    ['empty', ''],
    ['null', 'null'],
    ['an array', JSON.stringify([LOCAL])],
    ['a string', JSON.stringify('http://127.0.0.1:4010')],
    ['the wrong shape', JSON.stringify({ base_url: LOCAL.baseUrl, timeout: 5 })],
    ['a numeric base URL', JSON.stringify({ baseUrl: 4010, timeoutMs: 5_000 })],
    ['a timeout as a string', JSON.stringify({ baseUrl: LOCAL.baseUrl, timeoutMs: '5000' })],
    ['an invalid URL inside', JSON.stringify({ baseUrl: 'not a url', timeoutMs: 5_000 })],
    ['a non-http URL inside', JSON.stringify({ baseUrl: 'file:///etc/passwd', timeoutMs: 5_000 })],
    ['a URL with credentials', JSON.stringify({ baseUrl: 'https://u:p@api.adapty.io', timeoutMs: 5_000 })],
    ['a timeout out of bounds', JSON.stringify({ baseUrl: LOCAL.baseUrl, timeoutMs: 10 })],
    ['a fractional timeout', JSON.stringify({ baseUrl: LOCAL.baseUrl, timeoutMs: 1500.5 })],
  ])('gives the defaults, with a warning, for a file that is %s', async (_what, content) => {
    const file = await settingsFile();
    await writeFile(file, content);
    expect(await createSettingsStore(file).get()).toEqual(DEFAULT_SETTINGS);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('gives the defaults when the settings path is a folder', async () => {
    const file = await settingsFile();
    await mkdir(file);
    expect(await createSettingsStore(file).get()).toEqual(DEFAULT_SETTINGS);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('reads a valid file, normalizing what it reads', async () => {
    const file = await settingsFile();
    await writeFile(file, JSON.stringify({ baseUrl: ' http://127.0.0.1:4010/ ', timeoutMs: 5_000 }));
    expect(await createSettingsStore(file).get()).toEqual(LOCAL);
  });

  it('ignores keys it does not know, and does not keep them on the next save', async () => {
    const file = await settingsFile();
    await writeFile(file, JSON.stringify({ ...LOCAL, apiKey: 'sneaky_key_1234567890' }));
    const store = createSettingsStore(file);
    expect(await store.get()).toEqual(LOCAL);
    expect(await store.save(OTHER)).toEqual({ ok: true, value: OTHER });
    expect(await readFile(file, 'utf8')).not.toContain('sneaky');
  });
});

describe('saving settings', () => {
  it('writes a file that a new store reads back', async () => {
    const file = await settingsFile();
    const store = createSettingsStore(file);
    expect(await store.save(LOCAL)).toEqual({ ok: true, value: LOCAL });
    expect(await store.get()).toEqual(LOCAL);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(fileOf(LOCAL));
    expect(await createSettingsStore(file).get()).toEqual(LOCAL);
  });

  it('creates the missing folders of the settings path', async () => {
    const file = join(await tempDir(), 'Adapty Inspector', 'nested', 'settings.json');
    expect((await createSettingsStore(file).save(LOCAL)).ok).toBe(true);
    expect(await createSettingsStore(file).get()).toEqual(LOCAL);
  });

  it('leaves only the settings file behind, readable by its owner only', async () => {
    const file = await settingsFile();
    await createSettingsStore(file).save(LOCAL);
    const folder = join(file, '..');
    expect(await readdir(folder)).toEqual(['settings.json']);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('normalizes the base URL: trimmed, trailing slashes removed', async () => {
    const file = await settingsFile();
    const store = createSettingsStore(file);
    const saved = await store.save({ baseUrl: '  https://proxy.example.com/adapty//  ', timeoutMs: 30_000 });
    expect(saved).toEqual({ ok: true, value: OTHER });
    expect(await store.get()).toEqual(OTHER);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(fileOf(OTHER));
  });

  it('replaces earlier settings', async () => {
    const file = await settingsFile();
    const store = createSettingsStore(file);
    await store.save(LOCAL);
    await store.save(OTHER);
    expect(await store.get()).toEqual(OTHER);
    expect(await createSettingsStore(file).get()).toEqual(OTHER);
  });

  it.each<[string, Settings, 'baseUrl' | 'timeoutMs']>([
    ['a non-http base URL', { baseUrl: 'ftp://api.adapty.io', timeoutMs: 5_000 }, 'baseUrl'],
    ['a base URL with a query', { baseUrl: 'https://api.adapty.io/?x=1', timeoutMs: 5_000 }, 'baseUrl'],
    ['a base URL that is not a URL', { baseUrl: 'api.adapty.io', timeoutMs: 5_000 }, 'baseUrl'],
    ['a timeout too short', { baseUrl: 'https://api.adapty.io', timeoutMs: 999 }, 'timeoutMs'],
    ['a timeout too long', { baseUrl: 'https://api.adapty.io', timeoutMs: 120_001 }, 'timeoutMs'],
    ['a fractional timeout', { baseUrl: 'https://api.adapty.io', timeoutMs: 2_000.5 }, 'timeoutMs'],
  ])('refuses %s as invalid_input naming the field; the previous settings stay', async (_what, input, field) => {
    const file = await settingsFile();
    const store = createSettingsStore(file);
    await store.save(LOCAL);
    const before = await readFile(file, 'utf8');
    const saved = await store.save(input);
    expect(saved).toMatchObject({ ok: false, error: { kind: 'invalid_input', field, message: expect.any(String) } });
    expect(await store.get()).toEqual(LOCAL);
    expect(await readFile(file, 'utf8')).toBe(before);
    expect(await createSettingsStore(file).get()).toEqual(LOCAL);
  });

  it('reports an error when the folder cannot be created (a file is in the way); the previous settings stay', async () => {
    const folder = await tempDir();
    await writeFile(join(folder, 'blocker'), 'a regular file');
    const store = createSettingsStore(join(folder, 'blocker', 'settings.json'));
    const before = await store.get();
    const saved = await store.save(LOCAL);
    expect(saved).toMatchObject({ ok: false, error: { kind: 'internal', message: expect.stringMatching(/previous settings stay in force/) } });
    expect(await store.get()).toEqual(before);
    expect(before).toEqual(DEFAULT_SETTINGS);
  });

  it('reports an error when the file cannot be replaced; the settings saved before stay in force', async () => {
    const file = await settingsFile();
    const store = createSettingsStore(file);
    await store.save(LOCAL);
    // Put a non-empty folder where the file was: it is refused before anything is written.
    await rm(file);
    await mkdir(join(file, 'inside'), { recursive: true });
    const saved = await store.save(OTHER);
    expect(saved).toMatchObject({ ok: false, error: { kind: 'internal', message: expect.stringMatching(/is a folder/) } });
    expect(await store.get()).toEqual(LOCAL);
  });

  it('never writes anything but the connections, each with its two settings, name and colour', async () => {
    const file = await settingsFile();
    await createSettingsStore(file).save({ baseUrl: 'https://api.adapty.io/', timeoutMs: 15_000 });
    const written = JSON.parse(await readFile(file, 'utf8')) as { connections: Array<Record<string, unknown>> } & Record<string, unknown>;
    expect(Object.keys(written).sort()).toEqual(['active', 'connections', 'version']);
    expect(written.connections).toHaveLength(1);
    expect(Object.keys(written.connections[0]!).sort()).toEqual(['baseUrl', 'colour', 'id', 'name', 'timeoutMs']);
  });
});

describe('settings under concurrent use', () => {
  it('keeps a save made while the first read is still loading', async () => {
    const file = await settingsFile();
    await createSettingsStore(file).save(LOCAL);
    const store = createSettingsStore(file);
    const firstRead = store.get();
    const saved = await store.save(OTHER);
    expect(saved).toEqual({ ok: true, value: OTHER });
    await firstRead;
    expect(await store.get()).toEqual(OTHER);
  });

  it('two saves at once both succeed, and memory and file agree on the last one', async () => {
    const file = await settingsFile();
    const store = createSettingsStore(file);
    const [first, second] = await Promise.all([store.save(LOCAL), store.save(OTHER)]);
    expect(first).toEqual({ ok: true, value: LOCAL });
    expect(second).toEqual({ ok: true, value: OTHER });
    expect(await store.get()).toEqual(await createSettingsStore(file).get());
  });
});
