/** Key rings for handler tests: the first connection's key in a store the test chooses, every other connection's in memory. */
import { createKeyRing, type KeyRing } from '../../src/main/secrets/key-ring';
import { createMemoryStore } from '../../src/main/secrets/memory-store';
import { KEYCHAIN_ACCOUNT, type SecretStore } from '../../src/main/secrets/secret-store';

export function keyRingOver(first: SecretStore): KeyRing {
  return createKeyRing((account) => (account === KEYCHAIN_ACCOUNT ? first : createMemoryStore()));
}

/** A key ring in memory, with `key` (if any) as the first connection's key. */
export function memoryKeyRing(key?: string): KeyRing {
  return keyRingOver(createMemoryStore(key));
}
