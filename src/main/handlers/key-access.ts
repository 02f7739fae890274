/**
 * Which key a request to a base URL may carry. A key goes only to the origin
 * it is bound to (secrets/key-binding.ts); anything else is refused before a
 * request is made. A key saved before keys were bound is bound, on first use,
 * to the origin the app pointed at when it started: read before any message
 * from the window, so the window cannot choose it.
 */
import type { AppError, AppFailure } from '../../shared/errors';
import { fail, ok, type Result } from '../../shared/result';
import { originOf } from '../secrets/key-binding';
import type { HandlerDeps } from './deps';

export interface KeyAccess {
  /** The key that may be sent to `baseUrl`, or why none may. */
  keyFor(baseUrl: string): Promise<Result<string, AppError>>;
  /** The origin a key is bound to, counting a key saved before keys were bound as bound where the app started. */
  originOfKey(origin: string | null): Promise<string | null>;
  /**
   * The person agreed, in main's dialog, that the key bound to `from` may go to `to`. It may at once;
   * the keychain item is rewritten in the background (queued behind any keychain call), so the
   * settings handler that asked never waits on the keychain.
   */
  allowMove(from: string, to: string): void;
}

export function keyNotForOrigin(keyOrigin: string, target: string): AppFailure {
  return {
    kind: 'key_origin_mismatch',
    message:
      `The saved API key is for ${keyOrigin}, but the base URL now points at ${target}. The app sends a key only where it was saved: ` +
      `save the key again in settings to use it with ${target}, or set the base URL back.`,
  };
}

export function createKeyAccess({ keys, settings }: HandlerDeps): KeyAccess {
  const startOrigin = settings.get().then(({ baseUrl }) => originOf(baseUrl));
  const originOfKey = async (origin: string | null) => origin ?? (await startOrigin);
  /** Moves agreed to in this run whose keychain write may not have landed yet: from → to. */
  const agreed = new Map<string, string>();
  return {
    originOfKey,
    allowMove(from, to) {
      agreed.set(from, to);
      void keys.rebind(to);
    },
    async keyFor(baseUrl) {
      const current = await keys.current();
      if (!current.ok) return current;
      const target = originOf(baseUrl);
      // Not a URL: the client refuses it before sending anything.
      if (target === null) return ok(current.value.key);
      const bound = await originOfKey(current.value.origin);
      if (current.value.origin === null && bound !== null) void keys.rebind(bound);
      if (bound !== target && (bound === null || agreed.get(bound) !== target)) return fail(keyNotForOrigin(bound ?? 'no address', target));
      return ok(current.value.key);
    },
  };
}
