import { describe, expect, it } from 'vitest';
import { LOCAL_ADAPTY_KEY, startLocalAdapty } from '../../../src/main/local-adapty/server';
import { byCustomer, useLocalAdapty } from '../../helpers/local-adapty';
import { useTempDirs } from '../../helpers/temp-dir';
import { createTestApp, errorOf, valueOf, type TestAppOptions } from '../../helpers/test-app';

const tempDir = useTempDirs('adapty-key-');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const OTHER_KEY = 'another_app_secret_key.0000000000';

/** No `window`-character piece of the key may appear in `text` (5: nothing longer than the 4-character hint). */
function expectNoKeyIn(text: string, key: string, window = 5): void {
  for (let start = 0; start + window <= key.length; start++) expect(text).not.toContain(key.slice(start, start + window));
}

describe('key handlers', () => {
  const local = useLocalAdapty();
  const app = async (options: Partial<TestAppOptions> = {}) => createTestApp(await tempDir(), { baseUrl: local.server.url, ...options });

  it('reports no key at first', async () => {
    const { handlers } = await app();
    expect(valueOf(await handlers.getKeyStatus(undefined))).toEqual({ configured: false, hint: null, storage: null, keychainProblem: null });
  });

  it('saves a key: the status says where, with at most its last 4 characters and never the key', async () => {
    const { handlers } = await app();
    const saved = await handlers.saveKey({ key: `  ${LOCAL_ADAPTY_KEY}\n`, sessionOnly: false });
    const status = valueOf(await handlers.getKeyStatus(undefined));
    expect(status).toMatchObject({ configured: true, storage: 'keychain', keychainProblem: null });
    expect(status.hint).toBe(LOCAL_ADAPTY_KEY.slice(-4));
    expect(valueOf(saved)).toEqual(status);
    expectNoKeyIn(JSON.stringify(saved), LOCAL_ADAPTY_KEY);
    expectNoKeyIn(JSON.stringify(status), LOCAL_ADAPTY_KEY);
  });

  it('keeps a session-only key in memory, also without showing it', async () => {
    const { handlers } = await app();
    const status = valueOf(await handlers.saveKey({ key: LOCAL_ADAPTY_KEY, sessionOnly: true }));
    expect(status).toMatchObject({ configured: true, storage: 'session', hint: LOCAL_ADAPTY_KEY.slice(-4) });
    expectNoKeyIn(JSON.stringify(await handlers.getKeyStatus(undefined)), LOCAL_ADAPTY_KEY);
    expect(valueOf(await handlers.lookup(byCustomer('all-set'))).query.id).toBe('all-set');
  });

  it('gives no hint at all for a key too short to hide', async () => {
    const { handlers } = await app();
    const status = valueOf(await handlers.saveKey({ key: 'sh0rt_Zq9', sessionOnly: false }));
    expect(status).toMatchObject({ configured: true, hint: null });
    expectNoKeyIn(JSON.stringify(status), 'sh0rt_Zq9', 3);
  });

  it.each(['', '   ', 'two words', 'tab\tinside', 'über_key_1234567890', `line\nbreak_1234567890`])(
    'refuses %j as invalid_input, and the key saved before still works',
    async (bad) => {
      const { handlers } = await app({ key: LOCAL_ADAPTY_KEY });
      const before = valueOf(await handlers.getKeyStatus(undefined));
      const refused = errorOf(await handlers.saveKey({ key: bad, sessionOnly: false }));
      expect(refused).toMatchObject({ kind: 'invalid_input', field: 'apiKey' });
      if (bad.trim().length >= 5) expect(refused.message).not.toContain(bad.trim());
      expect(valueOf(await handlers.getKeyStatus(undefined))).toEqual(before);
      expect(valueOf(await handlers.lookup(byCustomer('documented-example'))).query.id).toBe('documented-example');
    },
  );

  it('refuses an invalid session-only key too, keeping the saved one', async () => {
    const { handlers } = await app({ key: LOCAL_ADAPTY_KEY });
    expect(errorOf(await handlers.saveKey({ key: 'not a key', sessionOnly: true }))).toMatchObject({ kind: 'invalid_input' });
    expect(valueOf(await handlers.getKeyStatus(undefined)).storage).toBe('keychain');
    valueOf(await handlers.lookup(byCustomer('all-set')));
  });

  it('testKey with the right key is ok: Adapty answered 404 for a random profile ID', async () => {
    const { handlers } = await app({ key: LOCAL_ADAPTY_KEY });
    const before = local.server.requests.length;
    const tested = valueOf(await handlers.testKey(undefined));
    expect(tested.requestId).toMatch(UUID);
    const sent = local.server.requests.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'GET', hasAuthorization: true, customerUserId: null, profileId: expect.stringMatching(UUID) });
  });

  it('testKey picks a new random profile ID each time', async () => {
    const { handlers } = await app({ key: LOCAL_ADAPTY_KEY });
    const before = local.server.requests.length;
    valueOf(await handlers.testKey(undefined));
    valueOf(await handlers.testKey(undefined));
    const [a, b] = local.server.requests.slice(before);
    expect(a?.profileId).not.toBe(b?.profileId);
  });

  it('testKey with no key is no_key, and nothing is sent', async () => {
    const { handlers } = await app();
    const before = local.server.requests.length;
    expect(errorOf(await handlers.testKey(undefined))).toMatchObject({ kind: 'no_key' });
    expect(local.server.requests.length).toBe(before);
  });

  it('testKey against a base URL where nothing listens is a network error, not ok', async () => {
    const gone = await startLocalAdapty();
    await gone.close();
    const { handlers } = await createTestApp(await tempDir(), { baseUrl: gone.url, key: LOCAL_ADAPTY_KEY });
    expect(errorOf(await handlers.testKey(undefined))).toMatchObject({ kind: 'network' });
  });

  it('removeKey forgets the key: not configured, and lookups and tests get no_key', async () => {
    const { handlers } = await app({ key: LOCAL_ADAPTY_KEY });
    valueOf(await handlers.lookup(byCustomer('all-set')));
    const removed = valueOf(await handlers.removeKey(undefined));
    expect(removed).toEqual({ configured: false, hint: null, storage: null, keychainProblem: null });
    expect(valueOf(await handlers.getKeyStatus(undefined))).toEqual(removed);
    const before = local.server.requests.length;
    expect(errorOf(await handlers.lookup(byCustomer('all-set')))).toMatchObject({ kind: 'no_key' });
    expect(errorOf(await handlers.testKey(undefined))).toMatchObject({ kind: 'no_key' });
    expect(local.server.requests.length).toBe(before);
  });

  it('removeKey forgets a session-only key as well', async () => {
    const { handlers } = await app({ key: LOCAL_ADAPTY_KEY });
    valueOf(await handlers.saveKey({ key: OTHER_KEY, sessionOnly: true }));
    valueOf(await handlers.removeKey(undefined));
    expect(valueOf(await handlers.getKeyStatus(undefined)).configured).toBe(false);
    expect(errorOf(await handlers.lookup(byCustomer('all-set')))).toMatchObject({ kind: 'no_key' });
  });
});

describe('key handlers against an Adapty that does not accept the key', () => {
  const strict = useLocalAdapty({ apiKeys: [OTHER_KEY] });

  it('testKey with a wrong key is unauthorized, and says so without the key', async () => {
    const { handlers } = await createTestApp(await tempDir(), { baseUrl: strict.server.url, key: LOCAL_ADAPTY_KEY });
    const refused = errorOf(await handlers.testKey(undefined));
    expect(refused).toMatchObject({ kind: 'unauthorized', status: 401 });
    // Its message is prose ("Adapty did not accept…"): look for pieces of 8 characters or more.
    expectNoKeyIn(JSON.stringify(refused), LOCAL_ADAPTY_KEY, 8);
    expect(strict.server.requests.at(-1)).toMatchObject({ hasAuthorization: true, profileId: expect.stringMatching(UUID) });
  });

  it('saving the right key makes testKey and lookups work', async () => {
    const { handlers } = await createTestApp(await tempDir(), { baseUrl: strict.server.url, key: LOCAL_ADAPTY_KEY });
    expect(errorOf(await handlers.lookup(byCustomer('all-set')))).toMatchObject({ kind: 'unauthorized' });
    valueOf(await handlers.saveKey({ key: OTHER_KEY, sessionOnly: false }));
    valueOf(await handlers.testKey(undefined));
    valueOf(await handlers.lookup(byCustomer('all-set')));
  });
});
