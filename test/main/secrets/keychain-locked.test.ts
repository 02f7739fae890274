/**
 * A real gnome-keyring, locked for real. Each test runs keytar in a child
 * process with a keyring of its own (scripts/with-keychain.sh), because
 * locking the login collection of the shared session would break the test
 * files running in parallel.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createApiKeyService } from '../../../src/main/secrets/api-key';
import { createKeytarStore } from '../../../src/main/secrets/keytar-store';
import { KEYCHAIN_ACCOUNT } from '../../../src/main/secrets/secret-store';
import { startKeychainChild, type KeychainChild } from '../../helpers/keychain-child';
import { currentKey, describeKeychain, fakeKey, ORIGIN, testService } from '../../helpers/keychain';

describeKeychain('a locked keyring (real gnome-keyring in a child session)', () => {
  const service = testService('locked');
  let child: KeychainChild;
  const store = () => createKeytarStore({ keytar: child.keytar, service, timeoutMs: 3000 });

  beforeEach(async () => {
    child = await startKeychainChild('keyring');
  });
  afterEach(async () => {
    await child.close();
  });

  it('get, set and delete all report "locked"; a key saved before is not taken for "no key"', async () => {
    const key = fakeKey();
    expect(await store().set(key)).toEqual({ ok: true, value: undefined });
    await child.lock();

    // What keytar alone says, and why the store cannot take it at its word.
    expect(await child.keytar.getPassword(service, KEYCHAIN_ACCOUNT)).toBeNull();
    expect(await child.keytar.deletePassword(service, KEYCHAIN_ACCOUNT)).toBe(false);

    const results = [await store().get(), await store().set(fakeKey()), await store().delete()];
    for (const result of results) {
      expect(result).toMatchObject({ ok: false, error: { kind: 'keychain_unavailable', problem: 'locked' } });
      expect(result.ok ? '' : result.error.message).toMatch(/unlock it in Passwords and Keys \(seahorse\)/);
      expect(JSON.stringify(result)).not.toContain(key);
    }
  });

  it('a save refused by the locked keyring keeps the key that was current', async () => {
    const [first, second] = [fakeKey(), fakeKey()];
    const keys = createApiKeyService(store());
    expect(await keys.save(first, { sessionOnly: false, origin: ORIGIN })).toMatchObject({ ok: true, value: { storage: 'keychain' } });
    await child.lock();

    const refused = await keys.save(second, { sessionOnly: false, origin: ORIGIN });
    expect(refused).toMatchObject({ ok: false, error: { problem: 'locked' } });
    expect(await currentKey(keys)).toEqual({ ok: true, value: first });
    const status = await keys.status();
    expect(status).toEqual({ configured: true, hint: first.slice(-4), storage: 'keychain', keychainProblem: null });
    for (const shown of [refused, status]) {
      expect(JSON.stringify(shown)).not.toContain(first);
      expect(JSON.stringify(shown)).not.toContain(second);
    }
  });

  it('after a restart with the keyring locked: the problem, not "no key", and the session as a way out', async () => {
    const key = fakeKey();
    await store().set(key);
    await child.lock();

    const keys = createApiKeyService(store());
    const status = await keys.status();
    expect(status).toMatchObject({ configured: false, storage: null, keychainProblem: { problem: 'locked' } });
    const current = await currentKey(keys);
    expect(current).toMatchObject({ ok: false, error: { kind: 'keychain_unavailable', problem: 'locked' } });

    const session = await keys.save(key, { sessionOnly: true, origin: ORIGIN });
    expect(session).toMatchObject({ ok: true, value: { configured: true, storage: 'session', keychainProblem: { problem: 'locked' } } });
    expect(await currentKey(keys)).toEqual({ ok: true, value: key });

    const removed = await keys.remove();
    expect(removed).toMatchObject({ ok: false, error: { problem: 'locked' } });
    // The session key is gone; the keychain one could not be deleted and cannot be read.
    expect(await currentKey(keys)).toMatchObject({ ok: false, error: { problem: 'locked' } });
    for (const shown of [status, current, session, removed]) expect(JSON.stringify(shown)).not.toContain(key);
  });
});
