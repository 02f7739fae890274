/**
 * One keychain, several items (one per connection): each item keeps its own
 * secret, and every keytar call of every item goes through one queue, so a
 * hung keyring holds at most one worker thread whatever the number of items.
 * On the real keychain (scripts/with-keychain.sh), and with a stand-in keytar
 * for a keyring that hangs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeychain, PROBE_SUFFIX, type Keytar } from '../../../src/main/secrets/keytar-store';
import { KEYCHAIN_ACCOUNT } from '../../../src/main/secrets/secret-store';
import { describeKeychain, fakeKey, realKeytar, testService } from '../../helpers/keychain';

/** `keytar` with every call counted: how many are outstanding at once, at most, and how many were made. */
function counting(keytar: Keytar) {
  const seen = { calls: 0, outstanding: 0, maxOutstanding: 0 };
  const counted =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      seen.calls += 1;
      seen.outstanding += 1;
      seen.maxOutstanding = Math.max(seen.maxOutstanding, seen.outstanding);
      try {
        return await call(...args);
      } finally {
        seen.outstanding -= 1;
      }
    };
  const wrapped: Keytar = {
    getPassword: counted((service: string, account: string) => keytar.getPassword(service, account)),
    setPassword: counted((service: string, account: string, password: string) => keytar.setPassword(service, account, password)),
    deletePassword: counted((service: string, account: string) => keytar.deletePassword(service, account)),
  };
  return { keytar: wrapped, seen };
}

const FIRST = KEYCHAIN_ACCOUNT;
const SECOND = 'connection:c-1a2b3c4d';

describeKeychain('items of one keychain on a real keychain (gnome-keyring)', () => {
  const service = testService('keychain-items');
  let keytar: Keytar;

  beforeAll(() => {
    keytar = realKeytar();
  });
  afterAll(async () => {
    for (const account of [FIRST, SECOND]) await keytar.deletePassword(service, account);
  });

  it('keeps each item apart: set, get and delete of one leave the other as it was', async () => {
    const keychain = createKeychain({ keytar, service });
    const [first, second] = [keychain.item(FIRST), keychain.item(SECOND)];
    const [firstKey, secondKey] = [fakeKey(), fakeKey()];

    expect(await first.get()).toEqual({ ok: true, value: null });
    expect(await second.get()).toEqual({ ok: true, value: null });
    expect(await first.set(firstKey)).toEqual({ ok: true, value: undefined });
    expect(await second.get()).toEqual({ ok: true, value: null });
    expect(await second.set(secondKey)).toEqual({ ok: true, value: undefined });

    // Each in its own keychain item, where the next start of the app finds it.
    expect(await keytar.getPassword(service, FIRST)).toBe(firstKey);
    expect(await keytar.getPassword(service, SECOND)).toBe(secondKey);
    expect(await first.get()).toEqual({ ok: true, value: firstKey });
    expect(await second.get()).toEqual({ ok: true, value: secondKey });

    expect(await second.delete()).toEqual({ ok: true, value: true });
    expect(await second.get()).toEqual({ ok: true, value: null });
    expect(await first.get()).toEqual({ ok: true, value: firstKey });
    expect(await keytar.getPassword(service, FIRST)).toBe(firstKey);

    expect(await first.delete()).toEqual({ ok: true, value: true });
    expect(await first.delete()).toEqual({ ok: true, value: false });
    expect(await keytar.getPassword(service, FIRST)).toBeNull();
    // The probes that confirmed "nothing stored" left nothing behind.
    for (const account of [FIRST, SECOND]) expect(await keytar.getPassword(service, `${account}${PROBE_SUFFIX}`)).toBeNull();
  });

  it('a new keychain over the same service finds what the items of an earlier one stored', async () => {
    const [firstKey, secondKey] = [fakeKey(), fakeKey()];
    const before = createKeychain({ keytar, service });
    await Promise.all([before.item(FIRST).set(firstKey), before.item(SECOND).set(secondKey)]);
    const after = createKeychain({ keytar, service });
    expect(await Promise.all([after.item(FIRST).get(), after.item(SECOND).get()])).toEqual([
      { ok: true, value: firstKey },
      { ok: true, value: secondKey },
    ]);
    await Promise.all([after.item(FIRST).delete(), after.item(SECOND).delete()]);
  });

  it('never has two keytar calls outstanding at once, across items, however many operations run together', async () => {
    const { keytar: watched, seen } = counting(keytar);
    const keychain = createKeychain({ keytar: watched, service });
    const items = [keychain.item(FIRST), keychain.item(SECOND)];
    const keys = [fakeKey(), fakeKey()];

    const outcomes = await Promise.all(
      items.flatMap((item, i) => [item.get(), item.set(keys[i]!), item.get(), item.delete(), item.get(), item.set(keys[i]!), item.get()]),
    );
    for (const outcome of outcomes) expect(outcome.ok).toBe(true);
    expect(seen.calls).toBeGreaterThanOrEqual(12);
    expect(seen.maxOutstanding).toBe(1);
    // The last writes landed, each in its own item.
    expect(await items[0]!.get()).toEqual({ ok: true, value: keys[0] });
    expect(await items[1]!.get()).toEqual({ ok: true, value: keys[1] });
    await Promise.all(items.map((item) => item.delete()));
    expect(seen.maxOutstanding).toBe(1);
  });
});

describe('items of one keychain with a stand-in keytar (a keyring that hangs)', () => {
  /** A keyring in memory whose calls answer only when the test says; it counts the calls. */
  function heldKeyring() {
    const items = new Map<string, string>();
    const waiting: Array<() => void> = [];
    const held = <T>(work: () => T) => new Promise<T>((resolve) => waiting.push(() => resolve(work())));
    const base: Keytar = {
      getPassword: (service, account) => held(() => items.get(`${service}/${account}`) ?? null),
      setPassword: (service, account, password) => held(() => void items.set(`${service}/${account}`, password)),
      deletePassword: (service, account) => held(() => items.delete(`${service}/${account}`)),
    };
    const { keytar, seen: counts } = counting(base);
    return {
      keytar,
      items,
      counts,
      /** Answers calls one by one, as they arrive, until none has come for a few turns of the event loop. */
      async answerAll() {
        for (let quiet = 0; quiet < 5; ) {
          await new Promise((resolve) => setImmediate(resolve));
          const next = waiting.shift();
          if (next) {
            quiet = 0;
            next();
          } else quiet += 1;
        }
      },
    };
  }

  it('while one item hangs, the other gives up at its deadline without calling keytar, and runs once the keyring answers', async () => {
    const keyring = heldKeyring();
    keyring.items.set(`s/${SECOND}`, 'second');
    const keychain = createKeychain({ keytar: keyring.keytar, service: 's', timeoutMs: 150 });
    const [first, second] = [keychain.item(FIRST), keychain.item(SECOND)];

    expect(await first.set('first')).toMatchObject({ ok: false, error: { problem: 'timeout' } });
    const later = await Promise.all([second.get(), second.set('x'), second.delete()]);
    for (const outcome of later) expect(outcome).toMatchObject({ ok: false, error: { problem: 'timeout' } });
    expect(keyring.counts.calls).toBe(1);
    expect(keyring.counts.maxOutstanding).toBe(1);

    await keyring.answerAll();
    const read = second.get();
    await keyring.answerAll();
    expect(await read).toEqual({ ok: true, value: 'second' });
    expect(keyring.items.get(`s/${FIRST}`)).toBe('first');
    expect(keyring.counts.maxOutstanding).toBe(1);
  });

  it('shares a read in progress within one item, never across items', async () => {
    const keyring = heldKeyring();
    keyring.items.set(`s/${FIRST}`, 'first');
    keyring.items.set(`s/${SECOND}`, 'second');
    const keychain = createKeychain({ keytar: keyring.keytar, service: 's', timeoutMs: 5_000 });
    const [first, second] = [keychain.item(FIRST), keychain.item(SECOND)];
    const reads = [first.get(), first.get(), second.get(), second.get(), first.get()];
    await keyring.answerAll();
    expect(await Promise.all(reads)).toEqual(['first', 'first', 'second', 'second', 'first'].map((value) => ({ ok: true, value })));
    expect(keyring.counts.calls).toBe(2);
    expect(keyring.counts.maxOutstanding).toBe(1);
  });
});
