/**
 * The real keytar where there is no usable keychain, each case in a child
 * process with its own (or no) D-Bus session: the raw error keytar gives, and
 * what the store and the key service make of it.
 */
import { afterEach, expect, it } from 'vitest';
import { createApiKeyService } from '../../../src/main/secrets/api-key';
import { createKeytarStore } from '../../../src/main/secrets/keytar-store';
import { keychainError } from '../../../src/main/secrets/keychain-errors';
import { KEYCHAIN_ACCOUNT } from '../../../src/main/secrets/secret-store';
import { startKeychainChild, type ChildMode, type KeychainChild } from '../../helpers/keychain-child';
import { currentKey, describeKeychain, fakeKey, ORIGIN, testService } from '../../helpers/keychain';

const CASES: Array<{ mode: ChildMode; raw: RegExp; problem: string; advice: RegExp }> = [
  {
    mode: 'no-secret-service',
    raw: /^The name org\.freedesktop\.secrets was not provided by any \.service files$/,
    problem: 'no_secret_service',
    advice: /sudo apt-get install gnome-keyring/,
  },
  { mode: 'dead-bus', raw: /^Could not connect: /, problem: 'no_dbus', advice: /start the app from your desktop session/ },
  { mode: 'no-bus', raw: /^Cannot autolaunch D-Bus without X11 \$DISPLAY$/, problem: 'no_dbus', advice: /start the app from your desktop session/ },
];

describeKeychain('no usable keychain (real keytar in a child process)', () => {
  const service = testService('unavailable');
  let child: KeychainChild | undefined;
  afterEach(async () => {
    await child?.close();
    child = undefined;
  });

  it.each(CASES)('$mode: keytar says so, and every store call reports $problem', async ({ mode, raw, problem, advice }) => {
    child = await startKeychainChild(mode);
    const thrown = await child.keytar.getPassword(service, KEYCHAIN_ACCOUNT).then(
      () => null,
      (error: Error) => error,
    );
    expect(thrown?.message).toMatch(raw);
    const classified = keychainError(thrown);
    expect(classified.problem).toBe(problem);
    expect(classified.message).toMatch(advice);

    const store = createKeytarStore({ keytar: child.keytar, service, timeoutMs: 3000 });
    const key = fakeKey();
    for (const result of [await store.get(), await store.set(key), await store.delete()]) {
      expect(result).toMatchObject({ ok: false, error: { kind: 'keychain_unavailable', problem } });
      expect(JSON.stringify(result)).not.toContain(key);
    }
  });

  it('no login keyring yet: get is not "no key" but no_collection, via the probe', async () => {
    child = await startKeychainChild('no-login-keyring');
    // What keytar alone says: nothing stored, nothing deleted, no error.
    expect(await child.keytar.getPassword(service, KEYCHAIN_ACCOUNT)).toBeNull();
    expect(await child.keytar.deletePassword(service, KEYCHAIN_ACCOUNT)).toBe(false);
    const store = createKeytarStore({ keytar: child.keytar, service, timeoutMs: 3000 });
    expect(await store.get()).toMatchObject({ ok: false, error: { problem: 'no_collection' } });
    expect(await store.delete()).toMatchObject({ ok: false, error: { problem: 'no_collection' } });
    const set = await store.set(fakeKey());
    expect(set).toMatchObject({ ok: false, error: { problem: 'no_collection' } });
    expect(set.ok ? '' : set.error.message).toMatch(/Passwords and Keys/);
  });

  it('the key service offers the session instead, and says why', async () => {
    child = await startKeychainChild('no-secret-service');
    const keys = createApiKeyService(createKeytarStore({ keytar: child.keytar, service, timeoutMs: 3000 }));
    const key = fakeKey();
    const before = await keys.status();
    expect(before).toMatchObject({ configured: false, storage: null, keychainProblem: { problem: 'no_secret_service' } });
    expect(await currentKey(keys)).toMatchObject({ ok: false, error: { problem: 'no_secret_service' } });

    const saved = await keys.save(key, { sessionOnly: false, origin: ORIGIN });
    expect(saved).toMatchObject({ ok: false, error: { problem: 'no_secret_service' } });
    const session = await keys.save(key, { sessionOnly: true, origin: ORIGIN });
    expect(session).toEqual({
      ok: true,
      value: { configured: true, hint: key.slice(-4), storage: 'session', keychainProblem: expect.objectContaining({ problem: 'no_secret_service' }) },
    });
    expect(await currentKey(keys)).toEqual({ ok: true, value: key });
    for (const shown of [before, saved, session, await keys.status()]) expect(JSON.stringify(shown)).not.toContain(key);
  });
});
