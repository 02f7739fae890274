import { afterAll, beforeAll, expect, it } from 'vitest';
import { decodeBoundKey } from '../../../src/main/secrets/key-binding';
import { createApiKeyService, NO_KEY, type ApiKeyService } from '../../../src/main/secrets/api-key';
import { createKeytarStore, type Keytar } from '../../../src/main/secrets/keytar-store';
import { KEYCHAIN_ACCOUNT } from '../../../src/main/secrets/secret-store';
import { currentKey, describeKeychain, fakeKey, ORIGIN, realKeytar, testService } from '../../helpers/keychain';

describeKeychain('API key service on a real keychain (gnome-keyring)', () => {
  const service = testService('api-key');
  let keytar: Keytar;
  let keys: ApiKeyService;
  const shown: unknown[] = [];
  const used: string[] = [];
  /** Every status and result the renderer could see, kept to check none holds a key. */
  const see = <T>(value: T): T => (shown.push(value), value);
  const key = () => {
    const k = fakeKey();
    used.push(k);
    return k;
  };
  const restart = () => createApiKeyService(createKeytarStore({ keytar, service }));

  beforeAll(() => {
    keytar = realKeytar();
    keys = restart();
  });
  afterAll(async () => {
    await keytar.deletePassword(service, KEYCHAIN_ACCOUNT);
  });

  it('starts with no key: status says so and current() is no_key', async () => {
    expect(see(await keys.status())).toEqual({ configured: false, hint: null, storage: null, keychainProblem: null });
    expect(see(await currentKey(keys))).toEqual({ ok: false, error: NO_KEY });
  });

  it('save puts the trimmed key in the keychain; status shows only its last 4 characters', async () => {
    const k = key();
    const saved = see(await keys.save(`  ${k}\n`, { sessionOnly: false, origin: ORIGIN }));
    expect(saved).toEqual({ ok: true, value: { configured: true, hint: k.slice(-4), storage: 'keychain', keychainProblem: null } });
    // The keychain item holds the key with the origin it is bound to.
    expect(decodeBoundKey((await keytar.getPassword(service, KEYCHAIN_ACCOUNT)) ?? '')).toEqual({ key: k, origin: ORIGIN });
    expect(await currentKey(keys)).toEqual({ ok: true, value: k });
    // The next start of the app reads it back from the keychain.
    const again = restart();
    expect(see(await again.status())).toEqual({ configured: true, hint: k.slice(-4), storage: 'keychain', keychainProblem: null });
    expect(await currentKey(again)).toEqual({ ok: true, value: k });
  });

  it('an invalid key is refused and the previous key stays', async () => {
    const before = await currentKey(keys);
    const refused = see(await keys.save('secret with spaces', { sessionOnly: false, origin: ORIGIN }));
    expect(refused).toMatchObject({ ok: false, error: { kind: 'invalid_input', field: 'apiKey' } });
    expect(refused.ok ? '' : refused.error.message).toMatch(/a space at position 7/);
    expect(see(await keys.save('   ', { sessionOnly: true, origin: ORIGIN }))).toMatchObject({ ok: false, error: { kind: 'invalid_input' } });
    expect(await currentKey(keys)).toEqual(before);
  });

  it('a session-only key is used in memory and leaves the keychain alone; a keychain save ends it', async () => {
    const inKeychain = await keytar.getPassword(service, KEYCHAIN_ACCOUNT);
    const session = key();
    const saved = see(await keys.save(session, { sessionOnly: true, origin: ORIGIN }));
    expect(saved).toEqual({ ok: true, value: { configured: true, hint: session.slice(-4), storage: 'session', keychainProblem: null } });
    expect(await currentKey(keys)).toEqual({ ok: true, value: session });
    expect(await keytar.getPassword(service, KEYCHAIN_ACCOUNT)).toBe(inKeychain);

    const lasting = key();
    expect(see(await keys.save(lasting, { sessionOnly: false, origin: ORIGIN }))).toMatchObject({ ok: true, value: { storage: 'keychain' } });
    expect(await currentKey(keys)).toEqual({ ok: true, value: lasting });
  });

  it('remove deletes the key from the keychain and forgets a session key', async () => {
    await keys.save(key(), { sessionOnly: true, origin: ORIGIN });
    const removed = see(await keys.remove());
    expect(removed).toEqual({ ok: true, value: { configured: false, hint: null, storage: null, keychainProblem: null } });
    expect(await keytar.getPassword(service, KEYCHAIN_ACCOUNT)).toBeNull();
    expect(see(await currentKey(keys))).toEqual({ ok: false, error: NO_KEY });
    expect(see(await restart().status())).toMatchObject({ configured: false });
    expect(see(await keys.remove())).toMatchObject({ ok: true, value: { configured: false } });
  });

  it('nothing it showed contains a key', () => {
    expect(used.length).toBeGreaterThanOrEqual(3);
    expect(shown.length).toBeGreaterThanOrEqual(10);
    const text = JSON.stringify(shown);
    for (const k of used) expect(text).not.toContain(k);
  });
});
