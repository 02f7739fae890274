import { describe, expect, it, vi } from 'vitest';
import { createApiKeyService } from '../../../src/main/secrets/api-key';
import { createUnavailableStore, loadKeytar } from '../../../src/main/secrets/load-keytar';
import { currentKey, ORIGIN } from '../../helpers/keychain';

describe('loading keytar', () => {
  it('loads the real module with all three functions', async () => {
    const loaded = await loadKeytar();
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect([typeof loaded.value.getPassword, typeof loaded.value.setPassword, typeof loaded.value.deletePassword]).toEqual(['function', 'function', 'function']);
  });

  it('takes the module from an ES-module namespace\'s default export', async () => {
    const keytar = { getPassword: async () => null, setPassword: async () => undefined, deletePassword: async () => false };
    const loaded = await loadKeytar(() => ({ getPassword: keytar.getPassword, default: keytar }));
    expect(loaded).toEqual({ ok: true, value: keytar });
  });

  it('reports a module without setPassword and deletePassword (what import() gave in Electron) as a keychain problem', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const loaded = await loadKeytar(() => ({ getPassword: async () => null }));
    error.mockRestore();
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.error).toMatchObject({ kind: 'keychain_unavailable', problem: 'failed' });
    expect(loaded.error.message).toContain('setPassword, deletePassword missing');
    expect(loaded.error.message).toContain('keep the key for this session only');
  });

  it('turns a native module that cannot load (no libsecret) into advice, and the app still works for the session', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const loaded = await loadKeytar(() => Promise.reject(new Error('libsecret-1.so.0: cannot open shared object file: No such file or directory')));
    warn.mockRestore();
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.error.problem).toBe('no_secret_service');
    expect(loaded.error.message).toContain('sudo apt-get install');

    const keys = createApiKeyService(createUnavailableStore(loaded.error));
    expect(await keys.status()).toMatchObject({ configured: false, keychainProblem: { problem: 'no_secret_service' } });
    expect((await keys.save('session_only_key_1234', { sessionOnly: false, origin: ORIGIN })).ok).toBe(false);
    expect(await keys.save('session_only_key_1234', { sessionOnly: true, origin: ORIGIN })).toMatchObject({ ok: true, value: { storage: 'session' } });
    expect(await currentKey(keys)).toEqual({ ok: true, value: 'session_only_key_1234' });
  });
});
