/**
 * One keychain call at a time: the keytar store's queue, with a keytar whose
 * calls answer only when the test says (a keyring that hangs, then answers).
 * The real keyring, stopped with SIGSTOP, is in test/keychain-stall/.
 */
import { describe, expect, it } from 'vitest';
import { createApiKeyService } from '../../../src/main/secrets/api-key';
import { createKeytarStore, type Keytar } from '../../../src/main/secrets/keytar-store';
import { ORIGIN } from '../../helpers/keychain';

/** A keyring in memory whose calls wait until `answer()` is called; it counts the calls made. */
function slowKeyring() {
  const items = new Map<string, string>();
  const waiting: Array<() => void> = [];
  const held = <T>(work: () => T) =>
    new Promise<T>((resolve) => {
      keyring.calls += 1;
      keyring.outstanding += 1;
      keyring.maxOutstanding = Math.max(keyring.maxOutstanding, keyring.outstanding);
      waiting.push(() => {
        keyring.outstanding -= 1;
        resolve(work());
      });
    });
  const keytar: Keytar = {
    getPassword: (service, account) => held(() => items.get(`${service}/${account}`) ?? null),
    setPassword: (service, account, password) => held(() => void items.set(`${service}/${account}`, password)),
    deletePassword: (service, account) => held(() => items.delete(`${service}/${account}`)),
  };
  const keyring = {
    keytar,
    items,
    calls: 0,
    outstanding: 0,
    maxOutstanding: 0,
    /**
     * Answers calls one by one, as they arrive, until none has come for a few turns of the event loop.
     * `newestFirst`: a keyring that answers concurrent requests out of order.
     */
    async answerAll({ newestFirst = false } = {}) {
      for (let quiet = 0; quiet < 5; ) {
        await new Promise((resolve) => setImmediate(resolve));
        const next = newestFirst ? waiting.pop() : waiting.shift();
        if (next) {
          quiet = 0;
          next();
        } else quiet += 1;
      }
    },
  };
  return keyring;
}

const TIMEOUT = 200;

describe('the keytar store queues its calls', () => {
  it('while a call hangs, later operations time out on their own deadline without calling keytar', async () => {
    const keyring = slowKeyring();
    const store = createKeytarStore({ keytar: keyring.keytar, service: 's', timeoutMs: TIMEOUT });
    const first = await store.get();
    expect(first).toMatchObject({ ok: false, error: { problem: 'timeout' } });
    const later = await Promise.all([store.get(), store.set('k'), store.delete(), store.get(), store.get()]);
    for (const outcome of later) expect(outcome).toMatchObject({ ok: false, error: { problem: 'timeout' } });
    expect(keyring.calls).toBe(1);
    expect(keyring.maxOutstanding).toBe(1);

    // The keyring answers at last: the next operation runs.
    await keyring.answerAll();
    const next = store.set('k');
    await keyring.answerAll();
    expect(await next).toEqual({ ok: true, value: undefined });
    expect(keyring.items.get('s/secret-api-key')).toBe('k');
  });

  it('concurrent reads share one call', async () => {
    const keyring = slowKeyring();
    keyring.items.set('s/secret-api-key', 'stored');
    const store = createKeytarStore({ keytar: keyring.keytar, service: 's', timeoutMs: 5_000 });
    const reads = [store.get(), store.get(), store.get()];
    await keyring.answerAll();
    expect(await Promise.all(reads)).toEqual([0, 1, 2].map(() => ({ ok: true, value: 'stored' })));
    expect(keyring.calls).toBe(1);
  });

  it('a save that timed out and landed later is what a later Remove removes: after a restart the key is gone', async () => {
    const keyring = slowKeyring();
    const store = createKeytarStore({ keytar: keyring.keytar, service: 's', timeoutMs: TIMEOUT });
    const keys = createApiKeyService(store);
    const saved = await keys.save('secret_live_TimedOutSave.Aa1Bb2', { sessionOnly: false, origin: ORIGIN });
    expect(saved).toMatchObject({ ok: false, error: { problem: 'timeout' } });

    // The person presses Remove; the keyring then answers, newest request first if it can.
    const removing = keys.remove();
    await keyring.answerAll({ newestFirst: true });
    await removing;
    await keyring.answerAll({ newestFirst: true });
    expect(keyring.items.has('s/secret-api-key')).toBe(false);
    expect(keyring.maxOutstanding).toBe(1);
    const afterRestart = createApiKeyService(createKeytarStore({ keytar: keyring.keytar, service: 's', timeoutMs: 5_000 }));
    const status = afterRestart.status();
    await keyring.answerAll();
    expect(await status).toMatchObject({ configured: false });
  });

  it('after a save times out, the status is read again from the keychain once it answers', async () => {
    const keyring = slowKeyring();
    const store = createKeytarStore({ keytar: keyring.keytar, service: 's', timeoutMs: TIMEOUT });
    const keys = createApiKeyService(store);
    expect(await keys.save('secret_live_LandsLater.Zz9Yy8', { sessionOnly: false, origin: ORIGIN })).toMatchObject({ ok: false });
    await keyring.answerAll();
    await new Promise((resolve) => setTimeout(resolve, 10));
    await keyring.answerAll();
    // The re-read queued behind the write has run: main knows the key that really is stored.
    expect(keys.known()?.key).toBe('secret_live_LandsLater.Zz9Yy8');
  });
});
