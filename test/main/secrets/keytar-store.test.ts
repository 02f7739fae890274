import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createKeytarStore, PROBE_SUFFIX, type Keytar } from '../../../src/main/secrets/keytar-store';
import { KEYCHAIN_ACCOUNT } from '../../../src/main/secrets/secret-store';
import { describeKeychain, fakeKey, realKeytar, testService } from '../../helpers/keychain';

describeKeychain('keytar store on a real keychain (gnome-keyring)', () => {
  const service = testService('keytar-store');
  let keytar: Keytar;
  const store = () => createKeytarStore({ keytar, service });

  beforeAll(() => {
    keytar = realKeytar();
  });
  afterAll(async () => {
    await keytar.deletePassword(service, KEYCHAIN_ACCOUNT);
  });

  it('gets null when nothing is stored, and the probe leaves nothing behind', async () => {
    expect(await store().get()).toEqual({ ok: true, value: null });
    expect(await keytar.getPassword(service, `${KEYCHAIN_ACCOUNT}${PROBE_SUFFIX}`)).toBeNull();
  });

  it('round trip: set, get, delete, then get and delete find nothing', async () => {
    const key = fakeKey();
    expect(await store().set(key)).toEqual({ ok: true, value: undefined });
    // The item really is in the keychain, where keytar (and the next app start) finds it.
    expect(await keytar.getPassword(service, KEYCHAIN_ACCOUNT)).toBe(key);
    expect(await store().get()).toEqual({ ok: true, value: key });
    expect(await store().delete()).toEqual({ ok: true, value: true });
    expect(await keytar.getPassword(service, KEYCHAIN_ACCOUNT)).toBeNull();
    expect(await store().get()).toEqual({ ok: true, value: null });
    expect(await store().delete()).toEqual({ ok: true, value: false });
    expect(await keytar.getPassword(service, `${KEYCHAIN_ACCOUNT}${PROBE_SUFFIX}`)).toBeNull();
  });

  it('replaces a stored key', async () => {
    const [first, second] = [fakeKey(), fakeKey()];
    await store().set(first);
    expect(await store().set(second)).toEqual({ ok: true, value: undefined });
    expect(await store().get()).toEqual({ ok: true, value: second });
    await store().delete();
  });

  it('keeps one account apart from another under the same service', async () => {
    const key = fakeKey();
    const other = createKeytarStore({ keytar, service, account: 'other-account' });
    await store().set(key);
    expect(await other.get()).toEqual({ ok: true, value: null });
    expect(await other.delete()).toEqual({ ok: true, value: false });
    expect(await store().get()).toEqual({ ok: true, value: key });
    await store().delete();
  });
});

describe('keytar store with a stand-in keytar (for what a headless keychain cannot do)', () => {
  const never = () => new Promise<never>(() => {});
  const calls: string[] = [];
  const recording = (overrides: Partial<Keytar>): Keytar => ({
    getPassword: async (_s, a) => (calls.push(`get ${a}`), null),
    setPassword: async (_s, a) => void calls.push(`set ${a}`),
    deletePassword: async (_s, a) => (calls.push(`delete ${a}`), true),
    ...overrides,
  });

  it('reports a getPassword that never answers as "timeout" once the timeout has passed', async () => {
    const store = createKeytarStore({ keytar: recording({ getPassword: never }), service: 's', timeoutMs: 150 });
    const started = performance.now();
    const result = await store.get();
    const elapsed = performance.now() - started;
    expect(result.ok ? null : result.error.problem).toBe('timeout');
    expect(result.ok ? '' : result.error.message).toMatch(/unlock/);
    expect(elapsed).toBeGreaterThanOrEqual(140);
  });

  it('counts the probe against the same deadline', async () => {
    vi.useFakeTimers();
    try {
      const store = createKeytarStore({ keytar: recording({ setPassword: never }), service: 's', timeoutMs: 150 });
      let settled: Awaited<ReturnType<typeof store.get>> | null = null;
      void store.get().then((result) => (settled = result));
      // 150 ms on the clock must end get() and its probe together; a probe with a deadline of its own would still be waiting.
      await vi.advanceTimersByTimeAsync(150);
      expect(settled).toMatchObject({ ok: false, error: { problem: 'timeout' } });
    } finally {
      vi.useRealTimers();
    }
  });

  it('times out setPassword and deletePassword too', async () => {
    const store = createKeytarStore({ keytar: recording({ setPassword: never, deletePassword: never }), service: 's', timeoutMs: 50 });
    expect(await store.set(fakeKey())).toMatchObject({ ok: false, error: { problem: 'timeout' } });
    expect(await store.delete()).toMatchObject({ ok: false, error: { problem: 'timeout' } });
  });

  it('turns a rejection into data and keeps the key out of it', async () => {
    const key = fakeKey();
    const store = createKeytarStore({
      keytar: recording({ setPassword: async (_s, _a, p) => Promise.reject(new Error(`refused to store "${p}"`)) }),
      service: 's',
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const result = await store.set(key);
    const logged = warn.mock.calls.flat().join(' ');
    warn.mockRestore();
    expect(result).toMatchObject({ ok: false, error: { kind: 'keychain_unavailable', problem: 'failed' } });
    expect(JSON.stringify(result)).not.toContain(key);
    expect(logged).toContain('refused to store "[redacted]"');
    expect(logged).not.toContain(key);
  });

  it('probes only when the answer could hide a locked keyring, under the probe account', async () => {
    calls.length = 0;
    const store = createKeytarStore({ keytar: recording({ getPassword: async () => 'k' }), service: 's', account: 'a' });
    await store.get();
    await store.delete();
    expect(calls).toEqual(['delete a']);
    calls.length = 0;
    await createKeytarStore({ keytar: recording({}), service: 's', account: 'a' }).get();
    expect(calls).toEqual(['get a', `set a${PROBE_SUFFIX}`, `delete a${PROBE_SUFFIX}`]);
  });
});
