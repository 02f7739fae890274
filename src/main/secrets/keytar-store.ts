/**
 * The SecretStores of the app: items in the OS keychain through keytar, one
 * per connection, all behind one queue (createKeychain), so a hung keyring
 * holds at most one worker thread whatever the number of items.
 *
 * Every operation has a deadline (a keyring prompt with no one to answer it
 * hangs forever), and operations run one at a time: reads in progress are
 * shared, writes queue, and a hung keychain holds up only keychain calls. A locked keyring makes getPassword answer null and
 * deletePassword false without an error, so those answers are confirmed by
 * writing and deleting a throwaway probe item: a locked keyring is reported
 * as 'locked', never as "no key". findCredentials is never called (it
 * crashes the process on a locked keyring). Errors are data: nothing throws.
 */
import type { KeychainError } from '../../shared/errors';
import { fail, ok, type Result } from '../../shared/result';
import { keychainError, keychainTimeout } from './keychain-errors';
import { KEYCHAIN_ACCOUNT, type SecretStore } from './secret-store';

export type Keytar = Pick<typeof import('keytar'), 'getPassword' | 'setPassword' | 'deletePassword'>;

export interface KeychainOptions {
  /** The keytar module (the real one in the app and in keychain tests). */
  keytar: Keytar;
  /** One of KEYCHAIN_SERVICES (tests add a suffix of their own). */
  service: string;
  /** The most one store operation may take, probe included. */
  timeoutMs?: number;
}

export interface KeytarStoreOptions extends KeychainOptions {
  account?: string;
}

/** The keychain of one service: a store per item (account), every call to keytar in one queue. */
export interface Keychain {
  item(account: string): SecretStore;
}

/** The probe item lives next to the key, under the same service. */
export const PROBE_SUFFIX = '.probe';
const PROBE_VALUE = 'adapty-inspector keychain probe';

type Outcome<T> = Result<T, KeychainError>;

/** Resolves to false once `deadline` has passed, unless `promise` settles first (then true). */
async function before(promise: Promise<unknown>, deadline: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([promise.then(() => true, () => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs one keytar call inside an operation: its answer as data, or a timeout at the operation's deadline. */
type Call = <T>(run: () => Promise<T>, secret?: string) => Promise<Outcome<T>>;

/** One item of the keychain: its own account, the whole keychain's queue. */
export function createKeytarStore({ account = KEYCHAIN_ACCOUNT, ...options }: KeytarStoreOptions): SecretStore {
  return createKeychain(options).item(account);
}

export function createKeychain({ keytar, service, timeoutMs = 5000 }: KeychainOptions): Keychain {
  /** Settles when the keychain is free: every operation waits for the one before it. */
  let free: Promise<void> = Promise.resolve();

  /**
   * Runs `operation` once every earlier one has finished, so that at most one
   * keytar call is ever outstanding (a call abandoned at its deadline keeps a
   * worker thread until the keychain answers; a second one would keep another,
   * and enough of them stall file reads too). An operation that cannot start
   * before its deadline fails as a timeout without calling keytar. The next
   * operation starts only when the last keytar call has really settled, even
   * if that was long after this operation gave up on it.
   */
  async function exclusive<T>(operation: (call: Call) => Promise<Outcome<T>>): Promise<Outcome<T>> {
    const deadline = Date.now() + timeoutMs;
    const previous = free;
    let release!: () => void;
    free = new Promise<void>((resolve) => (release = resolve));
    if (!(await before(previous, deadline))) {
      void previous.then(release);
      return fail(keychainTimeout(timeoutMs));
    }
    let last: Promise<unknown> = Promise.resolve();
    const call: Call = async (run, secret) => {
      if (Date.now() >= deadline) return fail(keychainTimeout(timeoutMs));
      const pending = (async () => run())();
      last = pending;
      const answered = pending.then(
        (value): Outcome<typeof value> => ok(value),
        (error: unknown) => fail(keychainError(error, { secret })),
      );
      return (await before(answered, deadline)) ? answered : fail(keychainTimeout(timeoutMs));
    };
    try {
      return await operation(call);
    } finally {
      void last.then(release, release);
    }
  }

  /** Proves the keyring is unlocked and writable by saving and deleting a throwaway item. */
  async function probe(call: Call, probeAccount: string): Promise<Outcome<void>> {
    const written = await call(() => keytar.setPassword(service, probeAccount, PROBE_VALUE));
    if (!written.ok) return written;
    const removed = await call(() => keytar.deletePassword(service, probeAccount));
    return removed.ok ? ok(undefined) : removed;
  }

  function item(account: string): SecretStore {
    const probeAccount = `${account}${PROBE_SUFFIX}`;
    /** The read of this item in progress, which concurrent reads share. */
    let reading: Promise<Outcome<string | null>> | null = null;
    return {
      settled: () => free,

      get() {
        reading ??= exclusive(async (call) => {
          const read = await call(() => keytar.getPassword(service, account));
          if (!read.ok || read.value !== null) return read;
          const usable = await probe(call, probeAccount);
          return usable.ok ? ok(null) : usable;
        }).finally(() => (reading = null));
        return reading;
      },

      set(secret, options) {
        return exclusive(async (call) => {
          if (options?.onlyIf && !options.onlyIf()) return ok(undefined);
          const written = await call(() => keytar.setPassword(service, account, secret), secret);
          return written.ok ? ok(undefined) : written;
        });
      },

      delete() {
        return exclusive(async (call) => {
          const removed = await call(() => keytar.deletePassword(service, account));
          if (!removed.ok || removed.value) return removed;
          const usable = await probe(call, probeAccount);
          return usable.ok ? ok(false) : usable;
        });
      },
    };
  }

  return { item };
}
