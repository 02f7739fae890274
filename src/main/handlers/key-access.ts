/**
 * Which key a request to a base URL may carry. A key goes only to the origin
 * it is bound to (secrets/key-binding.ts); anything else is refused before a
 * request is made. A key saved before keys were bound is bound, on first use,
 * to the origin the app pointed at when it started: read before any message
 * from the window, so the window cannot choose it.
 */
import { lookupError, type AppError, type AppFailure } from '../../shared/errors';
import { checkBaseUrl } from '../../shared/input-rules';
import { fail, ok, type Result } from '../../shared/result';
import { originOf } from '../secrets/key-binding';
import type { HandlerDeps } from './deps';

export interface KeyAccess {
  /** The key that may be sent to `baseUrl`, or why none may. */
  keyFor(baseUrl: string): Promise<Result<string, AppError>>;
  /** The origin a key is bound to, counting a key saved before keys were bound as bound where the app started. */
  originOfKey(origin: string | null): Promise<string | null>;
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
  return {
    originOfKey,
    async keyFor(baseUrl) {
      // The origin as the client will read the base URL: a base URL it would refuse gets no key at all.
      const checked = checkBaseUrl(baseUrl);
      if (!checked.ok) return fail(lookupError('invalid_input', checked.error.message, { field: 'baseUrl' }));
      const target = originOf(checked.value);
      const current = await keys.current();
      if (!current.ok) return current;
      const bound = await originOfKey(current.value.origin);
      if (current.value.origin === null && bound !== null) keys.bindKnown(bound);
      if (target === null || bound !== target) return fail(keyNotForOrigin(bound ?? 'no address', target ?? baseUrl));
      return ok(current.value.key);
    },
  };
}
