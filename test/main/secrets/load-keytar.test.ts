import { describe, expect, it, vi } from 'vitest';
import { createApiKeyService } from '../../../src/main/secrets/api-key';
import { createUnavailableStore, loadKeytar } from '../../../src/main/secrets/load-keytar';

describe('loading keytar', () => {
  it('loads the real module under Node', async () => {
    const loaded = await loadKeytar();
    expect(loaded.ok && typeof loaded.value.getPassword).toBe('function');
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
    expect((await keys.save('session_only_key_1234', { sessionOnly: false })).ok).toBe(false);
    expect(await keys.save('session_only_key_1234', { sessionOnly: true })).toMatchObject({ ok: true, value: { storage: 'session' } });
    expect(await keys.current()).toEqual({ ok: true, value: 'session_only_key_1234' });
  });
});
