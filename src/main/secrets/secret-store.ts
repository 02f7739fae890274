/**
 * Where the secret API key is kept. Three methods, errors as data. The app
 * uses the keytar store (the OS keychain); tests that do not exercise the
 * keychain choose the memory store explicitly. There is never a silent
 * fallback to a file.
 */
import type { KeychainError } from '../../shared/errors';
import type { Result } from '../../shared/result';

export interface SecretStore {
  /** The stored secret, or null when none is stored (and the store is known to be usable). */
  get(): Promise<Result<string | null, KeychainError>>;
  /**
   * Stores the secret. With `onlyIf`, the write happens only if it still answers true when the write's
   * turn comes (writes queue): a write made stale by a newer change is skipped, and answers ok.
   */
  set(secret: string, options?: { onlyIf?: () => boolean }): Promise<Result<void, KeychainError>>;
  /** True when a secret was there and is now gone. */
  delete(): Promise<Result<boolean, KeychainError>>;
  /**
   * Settles once every call already made to the keychain has really finished, including one this
   * store gave up waiting for (a write that timed out may still land). Stores that never give up
   * on a call leave it out.
   */
  settled?(): Promise<void>;
}

/** Keychain service names: development and tests never touch the real key. */
export const KEYCHAIN_SERVICES = {
  production: 'Adapty Inspector',
  development: 'Adapty Inspector (development)',
  test: 'Adapty Inspector (test)',
} as const;
export const KEYCHAIN_ACCOUNT = 'secret-api-key';
