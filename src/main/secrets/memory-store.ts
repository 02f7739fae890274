/**
 * A SecretStore held in memory, for tests that choose it explicitly (logic
 * that does not need a keychain). The app never uses it, and never falls back
 * to it when the keychain fails: it reports the KeychainError instead and
 * lets the person keep the key for the session through ApiKeyService.
 */
import { ok } from '../../shared/result';
import type { SecretStore } from './secret-store';

export function createMemoryStore(initial?: string): SecretStore {
  let secret: string | null = initial ?? null;
  return {
    async get() {
      return ok(secret);
    },
    async set(value, options) {
      if (options?.onlyIf && !options.onlyIf()) return ok(undefined);
      secret = value;
      return ok(undefined);
    },
    async delete() {
      const had = secret !== null;
      secret = null;
      return ok(had);
    },
  };
}
