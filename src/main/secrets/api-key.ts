/**
 * The secret API key as the main process sees it: where it is kept (the
 * keychain, or main-process memory for this session only when the keychain
 * cannot be used), what the renderer may learn about it (KeyStatus: at most
 * its last 4 characters), and the key itself for main-process lookups.
 * Only current() ever returns the key, with the origin it is bound to
 * (key-binding.ts): the keychain item holds both.
 */
import type { AppError, AppFailure, KeychainError } from '../../shared/errors';
import { lookupError } from '../../shared/errors';
import { checkApiKey } from '../../shared/input-rules';
import { keyHint, type KeyStatus } from '../../shared/key-status';
import { fail, ok, type Result } from '../../shared/result';
import { redactDeep } from '../adapty/redact';
import { decodeBoundKey, encodeBoundKey, type BoundKey } from './key-binding';
import type { SecretStore } from './secret-store';

export interface ApiKeyService {
  /** Whether a key is set, its hint and where it is kept. Never fails: a keychain problem is part of the status. */
  status(): Promise<KeyStatus>;
  /**
   * Checks and keeps a key, bound to `origin` (the base URL's origin it is saved for). When the keychain
   * refuses it, the key that was current before stays current.
   */
  save(raw: string, options: { sessionOnly: boolean; origin: string }): Promise<Result<KeyStatus, AppError>>;
  /** Forgets the session key and deletes the key from the keychain. */
  remove(): Promise<Result<KeyStatus, AppError>>;
  /** What is held now (the session key, and the keychain's item as stored), to put back with `restore`; fails when the keychain cannot be read. */
  snapshot(): Promise<Result<KeySnapshot, AppError>>;
  /**
   * Undoes the one `remove` since `snapshot`: puts back the keychain item as it was (bound or not) and the
   * session key. Does nothing when anything else changed the key since (a newer save or removal wins).
   */
  restore(snapshot: KeySnapshot): Promise<Result<void, AppError>>;
  /** The key and its origin, for main-process use only (the Authorization header). */
  current(): Promise<Result<BoundKey, AppError>>;
  /**
   * Binds the key main holds (session key, or read before) to another origin: at once in memory, and in
   * the keychain in the background, unless the key changes first. For a move the person agreed to in
   * main's dialog, or a key saved before keys were bound. False when main holds no key.
   */
  bindKnown(origin: string): boolean;
  /** The key and its origin if main already holds them (session key, or read before), without asking the keychain. */
  known(): BoundKey | null;
}

/** A service's keys at one moment, for main only (it holds the key itself). */
export interface KeySnapshot {
  session: BoundKey | null;
  keychain: BoundKey | null;
  /** The service's count of changes then. */
  changes: number;
}

export const NO_KEY: AppFailure = {
  kind: 'no_key',
  message: 'No API key is set. Open settings and add the secret key of your Adapty app.',
};

const NOTHING: KeyStatus = { configured: false, hint: null, storage: null, keychainProblem: null };

export function createApiKeyService(store: SecretStore): ApiKeyService {
  /** A key kept for this session only; it wins over the keychain until saved there or removed. */
  let sessionKey: BoundKey | null = null;
  /** The keychain's answer after the first successful read or write, so lookups stay instant. */
  let cached: { bound: BoundKey | null } | null = null;
  /** Bumped by every change, so a read that started before one does not overwrite its result. */
  let generation = 0;
  /** The last keychain failure, cleared by the next success; shown next to a session key. */
  let problem: KeychainError | null = null;
  /** Keychain writes of a new key still on their way. */
  let writing = 0;
  /** Every change asked for (a save of either kind, a removal, a new binding): what `restore` may undo is told by it. */
  let changes = 0;

  async function keychainKey(): Promise<Result<BoundKey | null, KeychainError>> {
    if (cached) return ok(cached.bound);
    const started = generation;
    const read = await store.get();
    const bound = read.ok ? ok(read.value === null ? null : decodeBoundKey(read.value)) : read;
    // A save or remove happened meanwhile: what it left known wins over this older read. If it left
    // nothing known (it timed out), this read is the answer, not cached; reading again could wait
    // another whole deadline on a keychain that is not answering.
    if (started !== generation) {
      // (Re-read: TypeScript narrowed `cached` before the await.)
      const known = cached as { bound: BoundKey | null } | null;
      return known ? ok(known.bound) : bound;
    }
    if (!bound.ok) {
      problem = bound.error;
      return bound;
    }
    problem = null;
    cached = { bound: bound.value };
    return bound;
  }

  async function status(): Promise<KeyStatus> {
    if (sessionKey !== null) {
      return { configured: true, hint: keyHint(sessionKey.key), storage: 'session', keychainProblem: problem };
    }
    const read = await keychainKey();
    if (!read.ok) return { ...NOTHING, keychainProblem: read.error };
    if (read.value === null) return NOTHING;
    return { configured: true, hint: keyHint(read.value.key), storage: 'keychain', keychainProblem: null };
  }

  /** Writes a bound key to the keychain; on failure the key in force stays, and a write that timed out is read back later. */
  async function write(bound: { key: string; origin: string }): Promise<Result<KeyStatus, AppError>> {
    const stored = encodeBoundKey(bound);
    changes += 1;
    // Marked before the write: a background write queued earlier (bindKnown) sees it and is skipped,
    // and none is started while this one is on its way (the key it would bind may be the old one).
    generation += 1;
    writing += 1;
    const written = await store.set(stored).finally(() => (writing -= 1));
    if (!written.ok) {
      problem = redactDeep(written.error, [stored, bound.key]);
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
    cached = { bound };
    sessionKey = null;
    problem = null;
    return ok(await status());
  }

  return {
    status,

    async save(raw, { sessionOnly, origin }) {
      const checked = checkApiKey(raw);
      if (!checked.ok) return fail(lookupError('invalid_input', checked.error.message, { field: 'apiKey' }));
      if (sessionOnly) {
        changes += 1;
        sessionKey = { key: checked.value, origin };
        return ok(await status());
      }
      return write({ key: checked.value, origin });
    },

    bindKnown(origin) {
      if (sessionKey !== null) {
        changes += 1;
        sessionKey = { ...sessionKey, origin };
        return true;
      }
      const known = cached?.bound;
      if (!known || writing > 0) return false;
      if (known.origin === origin) return true;
      const bound = { key: known.key, origin };
      changes += 1;
      generation += 1;
      cached = { bound };
      const mine = generation;
      // Written only if nothing changed the key meanwhile (a save or remove queued before this turn wins).
      void store.set(encodeBoundKey(bound), { onlyIf: () => generation === mine });
      return true;
    },

    async remove() {
      changes += 1;
      sessionKey = null;
      generation += 1;
      cached = null;
      const removed = await store.delete();
      if (!removed.ok) {
        problem = removed.error;
        return fail(removed.error);
      }
      cached = { bound: null };
      problem = null;
      return ok(await status());
    },

    async snapshot() {
      const session = sessionKey;
      const before = changes;
      const keychain = await keychainKey();
      if (!keychain.ok) return keychain;
      return ok({ session, keychain: keychain.value, changes: before });
    },

    async restore({ session, keychain, changes: before }) {
      // Only the removal that followed the snapshot is undone: anything since is newer, and stays.
      const undoes = before + 1;
      if (changes !== undoes) return ok(undefined);
      if (keychain) {
        generation += 1;
        const mine = generation;
        // As it was stored: a key saved before keys were bound goes back unbound.
        const stored = keychain.origin === null ? keychain.key : encodeBoundKey({ key: keychain.key, origin: keychain.origin });
        const written = await store.set(stored, { onlyIf: () => generation === mine && changes === undoes });
        if (!written.ok) return fail(written.error);
        if (generation !== mine || changes !== undoes) return ok(undefined);
        cached = { bound: keychain };
      }
      sessionKey = session;
      return ok(undefined);
    },

    known() {
      return sessionKey ?? cached?.bound ?? null;
    },

    async current() {
      if (sessionKey !== null) return ok(sessionKey);
      const read = await keychainKey();
      if (!read.ok) return fail(read.error);
      return read.value === null ? fail(NO_KEY) : ok(read.value);
    },
  };
}
