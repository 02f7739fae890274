/**
 * A key goes only to the origin it was saved for. Two local Adapty servers on
 * 127.0.0.1 (two origins: other ports); the page's own messages cannot move
 * the key, only the person's answer in main's dialog can.
 */
import { keyRingOver } from '../../helpers/key-ring';
import { describe, expect, it, vi } from 'vitest';
import { decodeBoundKey } from '../../../src/main/secrets/key-binding';
import { LOCAL_ADAPTY_KEY, startLocalAdapty } from '../../../src/main/local-adapty/server';
import { useLocalAdapty } from '../../helpers/local-adapty';
import { createTestApp, errorOf, valueOf } from '../../helpers/test-app';
import { useTempDirs } from '../../helpers/temp-dir';

const home = useLocalAdapty();
const elsewhere = useLocalAdapty();
const tempDir = useTempDirs('key-origin-');
const query = { idType: 'customer_user_id', id: 'all-set' } as const;
const withKey = (server: { requests: Array<{ hasAuthorization: boolean }> }) => server.requests.filter((request) => request.hasAuthorization).length;

describe('a key bound to its origin', () => {
  it('is saved for the base URL in force, in the keychain item itself', async () => {
    const app = await createTestApp(await tempDir(), { baseUrl: home.server.url });
    valueOf(await app.handlers.saveKey({ key: LOCAL_ADAPTY_KEY, sessionOnly: false }));
    expect(app.keys.known()).toEqual({ key: LOCAL_ADAPTY_KEY, origin: new URL(home.server.url).origin });
    expect(valueOf(await app.handlers.lookup(query)).identifiers).toBeTruthy();
  });

  it('the page changing the base URL and testing the key sends the key nowhere (the issue\'s attack)', async () => {
    const confirm = vi.fn(async () => false);
    const app = await createTestApp(await tempDir(), { baseUrl: home.server.url, confirmKeyMove: confirm });
    valueOf(await app.handlers.saveKey({ key: LOCAL_ADAPTY_KEY, sessionOnly: false }));
    const before = elsewhere.server.requests.length;

    valueOf(await app.handlers.saveSettings({ baseUrl: elsewhere.server.url, timeoutMs: 15_000 }));
    expect(confirm).toHaveBeenCalledWith({ from: new URL(home.server.url).origin, to: new URL(elsewhere.server.url).origin });
    const tested = errorOf(await app.handlers.testKey(undefined));
    const looked = errorOf(await app.handlers.lookup(query));
    for (const error of [tested, looked]) {
      expect(error.kind).toBe('key_origin_mismatch');
      expect(error.message).toContain(`The saved API key is for ${new URL(home.server.url).origin}`);
      expect(error.message).not.toContain(LOCAL_ADAPTY_KEY);
    }
    expect(elsewhere.server.requests.length).toBe(before);

    // Back to where the key belongs: it works again.
    valueOf(await app.handlers.saveSettings({ baseUrl: home.server.url, timeoutMs: 15_000 }));
    expect(valueOf(await app.handlers.lookup(query)).requestId).toBeTruthy();
    expect(confirm).toHaveBeenCalledTimes(1);
  });

  it('moves with the person\'s consent in main\'s dialog, and the keychain item says so', async () => {
    const app = await createTestApp(await tempDir(), { baseUrl: home.server.url, confirmKeyMove: async () => true });
    valueOf(await app.handlers.saveKey({ key: LOCAL_ADAPTY_KEY, sessionOnly: false }));
    const before = withKey(elsewhere.server);
    valueOf(await app.handlers.saveSettings({ baseUrl: elsewhere.server.url, timeoutMs: 15_000 }));
    valueOf(await app.handlers.lookup(query));
    expect(withKey(elsewhere.server)).toBe(before + 1);
    expect(app.keys.known()?.origin).toBe(new URL(elsewhere.server.url).origin);
  });

  it('a key saved again at the new address is bound there', async () => {
    const app = await createTestApp(await tempDir(), { baseUrl: home.server.url });
    valueOf(await app.handlers.saveKey({ key: LOCAL_ADAPTY_KEY, sessionOnly: false }));
    valueOf(await app.handlers.saveSettings({ baseUrl: elsewhere.server.url, timeoutMs: 15_000 }));
    expect(errorOf(await app.handlers.lookup(query)).kind).toBe('key_origin_mismatch');
    valueOf(await app.handlers.saveKey({ key: LOCAL_ADAPTY_KEY, sessionOnly: false }));
    valueOf(await app.handlers.lookup(query));
  });

  it('a session-only key is bound the same way', async () => {
    const app = await createTestApp(await tempDir(), { baseUrl: home.server.url });
    valueOf(await app.handlers.saveKey({ key: LOCAL_ADAPTY_KEY, sessionOnly: true }));
    valueOf(await app.handlers.saveSettings({ baseUrl: elsewhere.server.url, timeoutMs: 15_000 }));
    expect(errorOf(await app.handlers.lookup(query)).kind).toBe('key_origin_mismatch');
  });
});

describe('a key saved before keys were bound (the upgrade)', () => {
  it('is bound to where the app pointed when it started, even if the page changes the base URL first', async () => {
    const app = await createTestApp(await tempDir(), { baseUrl: home.server.url, key: LOCAL_ADAPTY_KEY });
    // Before anything reads the key, the page points the app elsewhere and tests the key.
    valueOf(await app.handlers.saveSettings({ baseUrl: elsewhere.server.url, timeoutMs: 15_000 }));
    const before = withKey(elsewhere.server);
    expect(errorOf(await app.handlers.testKey(undefined)).kind).toBe('key_origin_mismatch');
    expect(withKey(elsewhere.server)).toBe(before);

    valueOf(await app.handlers.saveSettings({ baseUrl: home.server.url, timeoutMs: 15_000 }));
    valueOf(await app.handlers.lookup(query));
    // Nothing is lost: the same key, now stored with its origin.
    await expect.poll(() => app.keys.known()).toEqual({ key: LOCAL_ADAPTY_KEY, origin: new URL(home.server.url).origin });
  });

  it('reads a plain value as an unbound key, and an envelope as a bound one', () => {
    expect(decodeBoundKey('secret_live_plain.Aa1')).toEqual({ key: 'secret_live_plain.Aa1', origin: null });
    expect(decodeBoundKey('{"v":1,"origin":"https://api.adapty.io","key":"k"}')).toEqual({ key: 'k', origin: 'https://api.adapty.io' });
    expect(decodeBoundKey('{"not":"an envelope"}')).toEqual({ key: '{"not":"an envelope"}', origin: null });
  });
});

it('a local server on another port is another origin', async () => {
  const other = await startLocalAdapty();
  try {
    expect(new URL(other.url).origin).not.toBe(new URL(home.server.url).origin);
  } finally {
    await other.close();
  }
});

describe('agreeing once is not agreeing for ever', () => {
  it('after agreeing to one move, a later "keep" keeps the key where it is', async () => {
    const answers = [true, false];
    const app = await createTestApp(await tempDir(), { baseUrl: home.server.url, confirmKeyMove: async () => answers.shift() ?? false });
    valueOf(await app.handlers.saveKey({ key: LOCAL_ADAPTY_KEY, sessionOnly: false }));
    valueOf(await app.handlers.saveSettings({ baseUrl: elsewhere.server.url, timeoutMs: 15_000 }));
    valueOf(await app.handlers.lookup(query));
    // Back home: asked again, and this time the answer is no.
    valueOf(await app.handlers.saveSettings({ baseUrl: home.server.url, timeoutMs: 15_000 }));
    expect(errorOf(await app.handlers.lookup(query)).kind).toBe('key_origin_mismatch');
    expect(answers).toEqual([]);
  });

  it('a key saved after an earlier move is bound only where it was saved', async () => {
    const answers = [true, false];
    const app = await createTestApp(await tempDir(), { baseUrl: home.server.url, confirmKeyMove: async () => answers.shift() ?? false });
    valueOf(await app.handlers.saveKey({ key: LOCAL_ADAPTY_KEY, sessionOnly: false }));
    valueOf(await app.handlers.saveSettings({ baseUrl: elsewhere.server.url, timeoutMs: 15_000 }));
    valueOf(await app.handlers.removeKey(undefined));
    valueOf(await app.handlers.saveSettings({ baseUrl: home.server.url, timeoutMs: 15_000 }));
    valueOf(await app.handlers.saveKey({ key: LOCAL_ADAPTY_KEY, sessionOnly: false }));
    valueOf(await app.handlers.saveSettings({ baseUrl: elsewhere.server.url, timeoutMs: 15_000 }));
    expect(errorOf(await app.handlers.lookup(query)).kind).toBe('key_origin_mismatch');
  });

  it('changing only the timeout does not ask', async () => {
    const confirm = vi.fn(async () => false);
    const app = await createTestApp(await tempDir(), { baseUrl: home.server.url, confirmKeyMove: confirm });
    valueOf(await app.handlers.saveKey({ key: LOCAL_ADAPTY_KEY, sessionOnly: false }));
    valueOf(await app.handlers.saveSettings({ baseUrl: elsewhere.server.url, timeoutMs: 15_000 }));
    valueOf(await app.handlers.saveSettings({ baseUrl: elsewhere.server.url, timeoutMs: 20_000 }));
    expect(confirm).toHaveBeenCalledTimes(1);
  });
});

describe('a key saved while an older one is being bound', () => {
  it('the new key wins: the background write of the old one is skipped', async () => {
    const folder = await tempDir();
    const { createSlowStore } = await import('../../helpers/slow-store');
    const store = createSlowStore('secret_live_OldLegacyKey.Aa1Bb2Cc3', 30);
    const { createHandlers } = await import('../../../src/main/handlers');
    const { createSettingsStore } = await import('../../../src/main/settings/settings-store');
    const settings = createSettingsStore(`${folder}/settings.json`);
    await settings.save({ baseUrl: home.server.url, timeoutMs: 15_000 });
    const keys = keyRingOver(store);
    const handlers = createHandlers({ keys, settings, fetch: (url, init) => fetch(url, init) });
    await handlers.getKeyStatus(undefined);
    // A lookup binds the old (legacy) key in the background while a new key is being saved.
    const looking = handlers.lookup(query);
    const saving = handlers.saveKey({ key: LOCAL_ADAPTY_KEY, sessionOnly: false });
    await Promise.all([looking, saving]);
    await store.idle();
    expect(decodeBoundKey(store.value() ?? '').key).toBe(LOCAL_ADAPTY_KEY);
    expect(keys.of('default').known()?.key).toBe(LOCAL_ADAPTY_KEY);
  });
});
