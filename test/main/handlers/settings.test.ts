import { keyRingOver } from '../../helpers/key-ring';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createHandlers } from '../../../src/main/handlers';
import { createMemoryStore } from '../../../src/main/secrets/memory-store';
import { createSettingsStore } from '../../../src/main/settings/settings-store';
import { LOCAL_ADAPTY_KEY } from '../../../src/main/local-adapty/server';
import { DEFAULT_CONNECTIONS, firstConnection } from '../../../src/shared/connections';
import type { Settings } from '../../../src/shared/settings';
import { byCustomer, useLocalAdapty } from '../../helpers/local-adapty';
import { useTempDirs } from '../../helpers/temp-dir';
import { createTestApp, errorOf, nodeFetch, valueOf } from '../../helpers/test-app';

const tempDir = useTempDirs('adapty-settings-handlers-');

/** What getSettings answers when `settings` are the first (and only, active) connection's. */
const onlyConnection = (settings: Settings) => ({ active: 'default', connections: [firstConnection(settings)] });

/** Handlers over a settings file that has not been written yet. */
async function freshHandlers(folder: string, file = join(folder, 'settings.json')) {
  const keys = keyRingOver(createMemoryStore());
  return { handlers: createHandlers({ keys, settings: createSettingsStore(file), fetch: nodeFetch }), file };
}

/** Every file under `folder`, with its text. */
async function filesUnder(folder: string): Promise<Array<{ path: string; text: string }>> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return Promise.all(
    entries.filter((entry) => entry.isFile()).map(async (entry) => {
      const path = join(entry.parentPath, entry.name);
      return { path, text: await readFile(path, 'utf8') };
    }),
  );
}

describe('settings handlers', () => {
  const local = useLocalAdapty();

  it('refuses a base URL that holds the saved key or anything key-shaped, and writes nothing', async () => {
    const folder = await tempDir();
    const file = join(folder, 'settings.json');
    const key = 'plain_key_without_prefix.Zz9Yy8';
    const keys = keyRingOver(createMemoryStore(key));
    const handlers = createHandlers({ keys, settings: createSettingsStore(file), fetch: nodeFetch });
    // As the window does when it opens: main then knows the key without asking the keychain again.
    await handlers.getKeyStatus(undefined);
    for (const baseUrl of [`https://api.adapty.io/${key}`, 'https://proxy.example/secret_live_AbCdEf123456.x']) {
      const error = errorOf(await handlers.saveSettings({ baseUrl, timeoutMs: 15_000 }));
      expect(error).toMatchObject({ kind: 'invalid_input', field: 'baseUrl' });
      expect(error.message).toContain('key field');
      expect(error.message).not.toContain(key);
    }
    expect(await filesUnder(folder)).toEqual([]);
    expect(valueOf(await handlers.getSettings(undefined))).toEqual(DEFAULT_CONNECTIONS);
  });

  it('finds the key in the base URL however it was pasted: with a tab inside, percent-encoded, in another case', async () => {
    const folder = await tempDir();
    const key = 'plain_key_without_prefix.Zz9Yy8Xx7Ww6';
    const handlers = createHandlers({ keys: keyRingOver(createMemoryStore(key)), settings: createSettingsStore(join(folder, 'settings.json')), fetch: nodeFetch });
    await handlers.getKeyStatus(undefined);
    const encoded = [...key].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('');
    for (const baseUrl of [
      `https://api.adapty.io/${key.slice(0, 10)}\t${key.slice(10)}`,
      `https://api.adapty.io/${encoded}`,
      `https://api.adapty.io/${key.toUpperCase()}`,
      'https://api.adapty.io/secret%5Flive%5FAbCdEf123456',
      ' https://api.adapty.io/x/secret_live_\tAbCdEf ',
    ]) {
      expect(errorOf(await handlers.saveSettings({ baseUrl, timeoutMs: 15_000 })), baseUrl).toMatchObject({ kind: 'invalid_input', field: 'baseUrl' });
    }
    expect(await filesUnder(folder)).toEqual([]);
  });

  it('refuses a key-shaped base URL without asking the keychain, even before the key was read', async () => {
    const folder = await tempDir();
    const asked = { count: 0 };
    const store = createMemoryStore('plain_key_without_prefix.Zz9Yy8');
    const counting = { ...store, get: () => ((asked.count += 1), store.get()) };
    const handlers = createHandlers({ keys: keyRingOver(counting), settings: createSettingsStore(join(folder, 'settings.json')), fetch: nodeFetch });
    const error = errorOf(await handlers.saveSettings({ baseUrl: 'https://proxy.example/secret_test_AbCdEf123456', timeoutMs: 15_000 }));
    expect(error).toMatchObject({ kind: 'invalid_input', field: 'baseUrl' });
    expect(valueOf(await handlers.saveSettings({ baseUrl: 'https://api.adapty.io', timeoutMs: 20_000 }))).toMatchObject({ timeoutMs: 20_000 });
    expect(asked.count).toBe(0);
  });

  it('getSettings gives the defaults when there is no settings file', async () => {
    const { handlers } = await freshHandlers(await tempDir());
    expect(await handlers.getSettings(undefined)).toEqual({ ok: true, value: DEFAULT_CONNECTIONS });
  });

  it('getSettings gives the defaults for a corrupt file, saying so the first time only', async () => {
    const folder = await tempDir();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      await writeFile(join(folder, 'settings.json'), '{"baseUrl": "javascript:alert(1)", "timeoutMs": 5000}');
      const { handlers } = await freshHandlers(folder);
      expect(valueOf(await handlers.getSettings(undefined))).toEqual({ ...DEFAULT_CONNECTIONS, notice: expect.stringMatching(/base URL is not valid/) });
      expect(valueOf(await handlers.getSettings(undefined))).toEqual(DEFAULT_CONNECTIONS);
      expect(warn).toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('saveSettings answers the normalized settings, keeps them, and a new store reads them back', async () => {
    const folder = await tempDir();
    const { handlers, file } = await freshHandlers(folder);
    const saved = await handlers.saveSettings({ baseUrl: ` ${local.server.url}/ `, timeoutMs: 4_000 });
    const expected = { baseUrl: local.server.url, timeoutMs: 4_000 };
    expect(saved).toEqual({ ok: true, value: expected });
    expect(await handlers.getSettings(undefined)).toEqual({ ok: true, value: onlyConnection(expected) });
    expect(await createSettingsStore(file).get()).toEqual(expected);
    expect(await (await freshHandlers(folder)).handlers.getSettings(undefined)).toEqual({ ok: true, value: onlyConnection(expected) });
  });

  it.each([
    [{ baseUrl: 'ftp://api.adapty.io', timeoutMs: 4_000 }, 'baseUrl'],
    [{ baseUrl: 'https://user:pw@api.adapty.io', timeoutMs: 4_000 }, 'baseUrl'],
    [{ baseUrl: 'https://api.adapty.io', timeoutMs: 500 }, 'timeoutMs'],
    [{ baseUrl: 'https://api.adapty.io', timeoutMs: 1_000.5 }, 'timeoutMs'],
  ])('saveSettings refuses %j as invalid_input on %s; the previous settings stay in force', async (input, field) => {
    const app = await createTestApp(await tempDir(), { baseUrl: local.server.url, key: LOCAL_ADAPTY_KEY, timeoutMs: 4_000 });
    const before = await readFile(app.settingsFile, 'utf8');
    expect(errorOf(await app.handlers.saveSettings(input))).toMatchObject({ kind: 'invalid_input', field });
    expect(valueOf(await app.handlers.getSettings(undefined))).toEqual(onlyConnection({ baseUrl: local.server.url, timeoutMs: 4_000 }));
    expect(await readFile(app.settingsFile, 'utf8')).toBe(before);
    expect(valueOf(await app.handlers.lookup(byCustomer('all-set'))).query.id).toBe('all-set');
  });

  it('saveSettings that cannot write is an error, and the settings in force stay', async () => {
    const folder = await tempDir();
    await writeFile(join(folder, 'not-a-folder'), 'x');
    const { handlers } = await freshHandlers(folder, join(folder, 'not-a-folder', 'settings.json'));
    const failed = errorOf(await handlers.saveSettings({ baseUrl: local.server.url, timeoutMs: 4_000 }));
    expect(failed).toMatchObject({ kind: 'internal', message: expect.stringMatching(/could not be saved/) });
    expect(valueOf(await handlers.getSettings(undefined))).toEqual({ ...DEFAULT_CONNECTIONS, notice: expect.stringMatching(/could not be read \(ENOTDIR\)/) });
  });

  it('never writes the key, or anything named like one, into the settings folder', async () => {
    const folder = await tempDir();
    const app = await createTestApp(folder, { baseUrl: local.server.url });
    valueOf(await app.handlers.saveKey({ key: LOCAL_ADAPTY_KEY, sessionOnly: false }));
    valueOf(await app.handlers.saveSettings({ baseUrl: local.server.url, timeoutMs: 5_000 }));
    valueOf(await app.handlers.testKey(undefined));
    valueOf(await app.handlers.lookup(byCustomer('all-set')));
    const files = await filesUnder(folder);
    expect(files.map((file) => file.path)).toEqual([app.settingsFile]);
    for (const { text } of files) {
      expect(text).not.toContain(LOCAL_ADAPTY_KEY);
      expect(text).not.toContain(LOCAL_ADAPTY_KEY.slice(0, 12));
      expect(text).not.toMatch(/key|secret|token|password|authorization/i);
    }
    const written = JSON.parse(files[0]!.text) as { connections: object[] };
    expect(Object.keys(written).sort()).toEqual(['active', 'connections', 'version']);
    for (const connection of written.connections) expect(Object.keys(connection).sort()).toEqual(['baseUrl', 'colour', 'id', 'name', 'timeoutMs']);
  });
});
