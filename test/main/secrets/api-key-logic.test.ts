/**
 * ApiKeyService logic that needs no keychain: caching, what stays current
 * when a save fails, and redaction. Uses the memory store (chosen explicitly)
 * and stores that fail on purpose.
 */
import { describe, expect, it } from 'vitest';
import type { KeychainError } from '../../../src/shared/errors';
import { fail, ok } from '../../../src/shared/result';
import { encodeBoundKey } from '../../../src/main/secrets/key-binding';
import { createApiKeyService, NO_KEY } from '../../../src/main/secrets/api-key';
import { createMemoryStore } from '../../../src/main/secrets/memory-store';
import type { SecretStore } from '../../../src/main/secrets/secret-store';
import { currentKey, fakeKey, ORIGIN } from '../../helpers/keychain';

const LOCKED: KeychainError = { kind: 'keychain_unavailable', problem: 'locked', message: 'The Login keyring is locked.' };

/** A store that counts reads and can be told to fail. */
function controllable(initial?: string) {
  const inner = createMemoryStore(initial);
  const state = { reads: 0, failing: null as KeychainError | null };
  const store: SecretStore = {
    get: async () => (state.reads++, state.failing ? fail(state.failing) : inner.get()),
    set: async (secret) => (state.failing ? fail(state.failing) : inner.set(secret)),
    delete: async () => (state.failing ? fail(state.failing) : inner.delete()),
  };
  return { store, inner, state };
}

describe('memory store', () => {
  it('gets, sets and deletes, and reports whether there was something to delete', async () => {
    const key = fakeKey();
    const store = createMemoryStore(key);
    expect(await store.get()).toEqual(ok(key));
    expect(await store.delete()).toEqual(ok(true));
    expect(await store.get()).toEqual(ok(null));
    expect(await store.delete()).toEqual(ok(false));
    expect(await store.set('other')).toEqual(ok(undefined));
    expect(await store.get()).toEqual(ok('other'));
  });
});

describe('API key service logic (memory store)', () => {
  it('reads the keychain once, then answers from the cache; save and remove update it', async () => {
    const key = fakeKey();
    const { store, inner, state } = controllable(key);
    const keys = createApiKeyService(store);
    expect(await currentKey(keys)).toEqual(ok(key));
    expect(await currentKey(keys)).toEqual(ok(key));
    expect(await keys.status()).toMatchObject({ configured: true, storage: 'keychain' });
    expect(state.reads).toBe(1);

    const next = fakeKey();
    await keys.save(next, { sessionOnly: false, origin: ORIGIN });
    expect(await currentKey(keys)).toEqual(ok(next));
    expect(await inner.get()).toEqual(ok(encodeBoundKey({ key: next, origin: ORIGIN })));
    await keys.remove();
    expect(await currentKey(keys)).toEqual(fail(NO_KEY));
    expect(state.reads).toBe(1);
  });

  it('does not cache a failed read: the next call asks the keychain again', async () => {
    const key = fakeKey();
    const { store, state } = controllable(key);
    const keys = createApiKeyService(store);
    state.failing = LOCKED;
    expect(await currentKey(keys)).toEqual(fail(LOCKED));
    expect(await keys.status()).toEqual({ configured: false, hint: null, storage: null, keychainProblem: LOCKED });
    state.failing = null;
    expect(await currentKey(keys)).toEqual(ok(key));
    expect(state.reads).toBe(3);
  });

  it('a refused keychain save keeps a session key current, with the problem in the status', async () => {
    const { store, inner, state } = controllable();
    const keys = createApiKeyService(store);
    const session = fakeKey();
    await keys.save(session, { sessionOnly: true, origin: ORIGIN });
    state.failing = LOCKED;
    expect(await keys.save(fakeKey(), { sessionOnly: false, origin: ORIGIN })).toEqual(fail(LOCKED));
    expect(await currentKey(keys)).toEqual(ok(session));
    expect(await keys.status()).toEqual({ configured: true, hint: session.slice(-4), storage: 'session', keychainProblem: LOCKED });
    expect(await inner.get()).toEqual(ok(null));
  });

  it('a refused keychain save after none was set leaves no key', async () => {
    const { store, state } = controllable();
    const keys = createApiKeyService(store);
    state.failing = LOCKED;
    expect(await keys.save(fakeKey(), { sessionOnly: false, origin: ORIGIN })).toEqual(fail(LOCKED));
    state.failing = null;
    expect(await currentKey(keys)).toEqual(fail(NO_KEY));
  });

  it('removes the key from an error that repeats it, whatever the store', async () => {
    const key = fakeKey();
    const leaky: SecretStore = {
      ...createMemoryStore(),
      set: async (secret) => fail({ kind: 'keychain_unavailable', problem: 'failed', message: `could not store ${secret}` }),
    };
    const result = await createApiKeyService(leaky).save(key, { sessionOnly: false, origin: ORIGIN });
    expect(result).toEqual(fail({ kind: 'keychain_unavailable', problem: 'failed', message: 'could not store [redacted]' }));
  });

  it('gives no hint for a key too short to hide the rest', async () => {
    const keys = createApiKeyService(createMemoryStore());
    expect(await keys.save('short_key', { sessionOnly: false, origin: ORIGIN })).toEqual(
      ok({ configured: true, hint: null, storage: 'keychain', keychainProblem: null }),
    );
  });

  it('a remove the keychain refuses is an error, and the session key is gone anyway', async () => {
    const { store, state } = controllable(fakeKey());
    const keys = createApiKeyService(store);
    await keys.save(fakeKey(), { sessionOnly: true, origin: ORIGIN });
    state.failing = LOCKED;
    expect(await keys.remove()).toEqual(fail(LOCKED));
    expect(await currentKey(keys)).toEqual(fail(LOCKED));
  });

  it('a read that finishes after a save does not bring back the old key', async () => {
    const old = fakeKey();
    const inner = createMemoryStore(old);
    let release: () => void = () => {};
    const slow: SecretStore = {
      ...inner,
      get: async () => {
        await new Promise<void>((resolve) => (release = resolve));
        return inner.get();
      },
    };
    const keys = createApiKeyService(slow);
    const reading = keys.current();
    const next = fakeKey();
    await keys.save(next, { sessionOnly: false, origin: ORIGIN });
    release();
    await reading;
    expect(await currentKey(keys)).toEqual(ok(next));
  });
});

describe('a keychain write that times out but lands later', () => {
  it('is not hidden by the cache: the next read asks the keychain and finds what is really there', async () => {
    const before = fakeKey();
    const after = fakeKey();
    const inner = createMemoryStore(before);
    let finishLateWrite: () => Promise<void> = async () => undefined;
    const store: SecretStore = {
      get: () => inner.get(),
      delete: () => inner.delete(),
      // Like keytar waiting on an unlock prompt: our timeout fires first, the write lands afterwards.
      set: async (secret) => {
        finishLateWrite = async () => void (await inner.set(secret));
        return fail({ kind: 'keychain_unavailable', problem: 'timeout', message: 'The keychain did not answer within 5 s.' });
      },
    };
    const keys = createApiKeyService(store);
    expect(await currentKey(keys)).toEqual(ok(before));
    const saved = await keys.save(after, { sessionOnly: false, origin: ORIGIN });
    expect(saved.ok).toBe(false);
    await finishLateWrite();
    expect(await currentKey(keys)).toEqual(ok(after));
    expect((await keys.status()).hint).toBe(after.slice(-4));
  });
});
