/**
 * The secret API key as the main process sees it: where it is kept (the
 * keychain, or main-process memory for this session only when the keychain
 * cannot be used), what the renderer may learn about it (KeyStatus: at most
 * its last 4 characters), and the key itself for main-process lookups.
 * Only current() ever returns the key.
 */
import type { AppError, AppFailure, KeychainError } from '../../shared/errors';
import { lookupError } from '../../shared/errors';
import { checkApiKey } from '../../shared/input-rules';
import { keyHint, type KeyStatus } from '../../shared/key-status';
import { fail, ok, type Result } from '../../shared/result';
import { redactDeep } from '../adapty/redact';
import type { SecretStore } from './secret-store';

export interface ApiKeyService {
  /** Whether a key is set, its hint and where it is kept. Never fails: a keychain problem is part of the status. */
  status(): Promise<KeyStatus>;
  /** Checks and keeps a key. When the keychain refuses it, the key that was current before stays current. */
  save(raw: string, options: { sessionOnly: boolean }): Promise<Result<KeyStatus, AppError>>;
  /** Forgets the session key and deletes the key from the keychain. */
  remove(): Promise<Result<KeyStatus, AppError>>;
  /** The key, for main-process use only (the Authorization header). */
  current(): Promise<Result<string, AppError>>;
  /** The key if main already holds it (session key, or read before), without asking the keychain. */
  known(): string | null;
}

export const NO_KEY: AppFailure = {
  kind: 'no_key',
  message: 'No API key is set. Open settings and add the secret key of your Adapty app.',
};

const NOTHING: KeyStatus = { configured: false, hint: null, storage: null, keychainProblem: null };

export function createApiKeyService(store: SecretStore): ApiKeyService {
  /** A key kept for this session only; it wins over the keychain until saved there or removed. */
  let sessionKey: string | null = null;
  /** The keychain's answer after the first successful read or write, so lookups stay instant. */
  let cached: { key: string | null } | null = null;
  /** Bumped by every change, so a read that started before one does not overwrite its result. */
  let generation = 0;
  /** The last keychain failure, cleared by the next success; shown next to a session key. */
  let problem: KeychainError | null = null;

  async function keychainKey(): Promise<Result<string | null, KeychainError>> {
    if (cached) return ok(cached.key);
    const started = generation;
    const read = await store.get();
    // A save or remove happened meanwhile: what it left known wins over this older read. If it left
    // nothing known (it timed out), this read is the answer, not cached; reading again could wait
    // another whole deadline on a keychain that is not answering.
    if (started !== generation) {
      // (Re-read: TypeScript narrowed `cached` before the await.)
      const known = cached as { key: string | null } | null;
      return known ? ok(known.key) : read;
    }
    if (!read.ok) {
      problem = read.error;
      return read;
    }
    problem = null;
    cached = { key: read.value };
    return read;
  }

  async function status(): Promise<KeyStatus> {
    if (sessionKey !== null) {
      return { configured: true, hint: keyHint(sessionKey), storage: 'session', keychainProblem: problem };
    }
    const read = await keychainKey();
    if (!read.ok) return { ...NOTHING, keychainProblem: read.error };
    if (read.value === null) return NOTHING;
    return { configured: true, hint: keyHint(read.value), storage: 'keychain', keychainProblem: null };
  }

  return {
    status,

    async save(raw, { sessionOnly }) {
      const checked = checkApiKey(raw);
      if (!checked.ok) return fail(lookupError('invalid_input', checked.error.message, { field: 'apiKey' }));
      const key = checked.value;
      if (sessionOnly) {
        sessionKey = key;
        return ok(await status());
      }
      const written = await store.set(key);
      if (!written.ok) {
        problem = redactDeep(written.error, [key]);
        if (written.error.problem === 'timeout') {
          // The write may still land (say, once an unlock prompt is answered): forget what was known,
          // and once the keychain has finished with it, read what it really holds, so the status
          // shown next matches the keychain.
          generation += 1;
          cached = null;
          void store.settled?.().then(() => {
            generation += 1;
            cached = null;
            return keychainKey();
          });
        }
        return fail(problem);
      }
      generation += 1;
      cached = { key };
      sessionKey = null;
      problem = null;
      return ok(await status());
    },

    async remove() {
      sessionKey = null;
      generation += 1;
      cached = null;
      const removed = await store.delete();
      if (!removed.ok) {
        problem = removed.error;
        return fail(removed.error);
      }
      cached = { key: null };
      problem = null;
      return ok(await status());
    },

    known() {
      return sessionKey ?? cached?.key ?? null;
    },

    async current() {
      if (sessionKey !== null) return ok(sessionKey);
      const read = await keychainKey();
      if (!read.ok) return fail(read.error);
      return read.value === null ? fail(NO_KEY) : ok(read.value);
    },
  };
}
