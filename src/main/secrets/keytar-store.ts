/**
 * The SecretStore of the app: one item in the OS keychain through keytar.
 *
 * Every operation has a deadline (a keyring prompt with no one to answer it
 * hangs forever). A locked keyring makes getPassword answer null and
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

export interface KeytarStoreOptions {
  /** The keytar module (the real one in the app and in keychain tests). */
  keytar: Keytar;
  /** One of KEYCHAIN_SERVICES (tests add a suffix of their own). */
  service: string;
  account?: string;
  /** The most one store operation may take, probe included. */
  timeoutMs?: number;
}

/** The probe item lives next to the key, under the same service. */
export const PROBE_SUFFIX = '.probe';
const PROBE_VALUE = 'adapty-inspector keychain probe';

type Outcome<T> = Result<T, KeychainError>;

/** Runs one keytar call, giving up (as data) at the deadline. */
async function call<T>(run: () => Promise<T>, deadline: number, timeoutMs: number, secret?: string): Promise<Outcome<T>> {
  const remaining = deadline - Date.now();
  if (remaining <= 0) return fail(keychainTimeout(timeoutMs));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<Outcome<T>>((resolve) => {
    timer = setTimeout(() => resolve(fail(keychainTimeout(timeoutMs))), remaining);
  });
  const answered = (async (): Promise<Outcome<T>> => {
    try {
      return ok(await run());
    } catch (error) {
      return fail(keychainError(error, { secret }));
    }
  })();
  try {
    return await Promise.race([answered, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

export function createKeytarStore({ keytar, service, account = KEYCHAIN_ACCOUNT, timeoutMs = 5000 }: KeytarStoreOptions): SecretStore {
  const probeAccount = `${account}${PROBE_SUFFIX}`;

  /** Proves the keyring is unlocked and writable by saving and deleting a throwaway item. */
  async function probe(deadline: number): Promise<Outcome<void>> {
    const written = await call(() => keytar.setPassword(service, probeAccount, PROBE_VALUE), deadline, timeoutMs);
    if (!written.ok) return written;
    const removed = await call(() => keytar.deletePassword(service, probeAccount), deadline, timeoutMs);
    return removed.ok ? ok(undefined) : removed;
  }

  return {
    async get() {
      const deadline = Date.now() + timeoutMs;
      const read = await call(() => keytar.getPassword(service, account), deadline, timeoutMs);
      if (!read.ok || read.value !== null) return read;
      const usable = await probe(deadline);
      return usable.ok ? ok(null) : usable;
    },

    async set(secret) {
      const deadline = Date.now() + timeoutMs;
      const written = await call(() => keytar.setPassword(service, account, secret), deadline, timeoutMs, secret);
      return written.ok ? ok(undefined) : written;
    },

    async delete() {
      const deadline = Date.now() + timeoutMs;
      const removed = await call(() => keytar.deletePassword(service, account), deadline, timeoutMs);
      if (!removed.ok || removed.value) return removed;
      const usable = await probe(deadline);
      return usable.ok ? ok(false) : usable;
    },
  };
}
