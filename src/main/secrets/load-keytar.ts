/**
 * keytar, loaded when the app starts rather than when main is imported: on a
 * Linux machine without libsecret its native module cannot load, and the app
 * must still open and say what to install. Until then every keychain call
 * answers with that problem (the key can still be kept for the session).
 *
 * keytar is CommonJS, so it is loaded with `require`. A dynamic `import()`
 * would go through Node's ES-module loader in Electron's main process, whose
 * export detection finds `getPassword` but not `setPassword` or
 * `deletePassword`: saving and removing a key would fail in the shipped app
 * only. Whatever loads, the three functions are checked before use.
 */
import { createRequire } from 'node:module';
import type { KeychainError } from '../../shared/errors';
import { fail, ok, type Result } from '../../shared/result';
import { keychainError } from './keychain-errors';
import type { Keytar } from './keytar-store';
import type { SecretStore } from './secret-store';

const FUNCTIONS = ['getPassword', 'setPassword', 'deletePassword'] as const;

const requireKeytar = (): unknown => createRequire(import.meta.url)('keytar');

/** The names of keytar's functions that `candidate` lacks. */
function missingFunctions(candidate: unknown): string[] {
  const record = (typeof candidate === 'object' || typeof candidate === 'function') && candidate !== null ? (candidate as Record<string, unknown>) : {};
  return FUNCTIONS.filter((name) => typeof record[name] !== 'function');
}

/** The module itself, or its `default` (what an ES-module namespace of a CommonJS module holds). */
function asKeytar(loaded: unknown): Result<Keytar, string[]> {
  const wrapped = typeof loaded === 'object' && loaded !== null ? (loaded as { default?: unknown }).default : undefined;
  for (const candidate of [loaded, wrapped]) {
    if (missingFunctions(candidate).length === 0) return ok(candidate as Keytar);
  }
  return fail(missingFunctions(loaded));
}

/** keytar loaded, but without all of its functions: the app was built or packaged wrongly. */
export function incompleteKeytar(missing: readonly string[]): KeychainError {
  console.error(`keytar loaded without ${missing.join(', ')}`);
  return {
    kind: 'keychain_unavailable',
    problem: 'failed',
    message:
      `The app's keychain module is incomplete (${missing.join(', ')} missing), so keys cannot be saved or removed. ` +
      'Reinstall the app or report this to its developers. Until then you can keep the key for this session only.',
  };
}

export async function loadKeytar(load: () => unknown = requireKeytar): Promise<Result<Keytar, KeychainError>> {
  let loaded: unknown;
  try {
    loaded = await load();
  } catch (error) {
    return fail(keychainError(error));
  }
  const keytar = asKeytar(loaded);
  return keytar.ok ? keytar : fail(incompleteKeytar(keytar.error));
}

/** A store for when keytar itself could not load: every call reports why. */
export function createUnavailableStore(problem: KeychainError): SecretStore {
  return { get: async () => fail(problem), set: async () => fail(problem), delete: async () => fail(problem) };
}
