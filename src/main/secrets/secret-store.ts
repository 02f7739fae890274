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
  set(secret: string): Promise<Result<void, KeychainError>>;
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
