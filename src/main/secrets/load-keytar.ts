/**
 * keytar, loaded when the app starts rather than when main is imported: on a
 * Linux machine without libsecret its native module cannot load, and the app
 * must still open and say what to install. Until then every keychain call
 * answers with that problem (the key can still be kept for the session).
 */
import type { KeychainError } from '../../shared/errors';
import { fail, ok, type Result } from '../../shared/result';
import { keychainError } from './keychain-errors';
import type { Keytar } from './keytar-store';
import type { SecretStore } from './secret-store';

export async function loadKeytar(load: () => Promise<Keytar> = () => import('keytar')): Promise<Result<Keytar, KeychainError>> {
  try {
    return ok(await load());
  } catch (error) {
    return fail(keychainError(error));
  }
}

/** A store for when keytar itself could not load: every call reports why. */
export function createUnavailableStore(problem: KeychainError): SecretStore {
  return { get: async () => fail(problem), set: async () => fail(problem), delete: async () => fail(problem) };
}
