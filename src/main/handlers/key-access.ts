/**
 * Where a request goes and which key it may carry. A request goes to one
 * connection (the one the window names, or the active one) with that
 * connection's key, and a key goes only to the origin it is bound to
 * (secrets/key-binding.ts); anything else is refused before a request is
 * made. A key saved before keys were bound is bound, on first use, to the
 * origin its connection pointed at when the app started: read before any
 * message from the window, so the window cannot choose it.
 */
import { readBaseUrl } from '../adapty/client';
import { connectionFor, type Connection } from '../../shared/connections';
import { lookupError, type AppError, type AppFailure } from '../../shared/errors';
import { fail, ok, type Result } from '../../shared/result';
import { originOf } from '../secrets/key-binding';
import { gone } from '../settings/settings-store';
import type { HandlerDeps } from './deps';

/** A connection, and the key that may be sent to its base URL. */
export interface Target {
  connection: Connection;
  apiKey: string;
}

export interface KeyAccess {
  /** The connection `connectionId` (the active one when left out) and its key, or why no request may go there. */
  target(connectionId?: string): Promise<Result<Target, AppError>>;
  /** The origin a connection's key is bound to, counting a key saved before keys were bound as bound where the app started. */
  originOfKey(connectionId: string, origin: string | null): Promise<string | null>;
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
  const startOrigins = settings.connections().then(({ connections }) => new Map(connections.map(({ id, baseUrl }) => [id, originOf(baseUrl)])));
  const originOfKey = async (connectionId: string, origin: string | null) => origin ?? (await startOrigins).get(connectionId) ?? null;
  return {
    originOfKey,
    async target(connectionId) {
      const connection = connectionFor(await settings.connections(), connectionId);
      if (!connection) return fail(gone());
      // The origin as the client will read the base URL: a base URL it would refuse gets no key at all.
      const base = readBaseUrl(connection.baseUrl);
      if (!base.ok) return fail(lookupError('invalid_input', base.error.message, { field: 'baseUrl' }));
      const target = base.value.origin;
      const key = keys.of(connection.id);
      const current = await key.current();
      if (!current.ok) return current;
      const bound = await originOfKey(connection.id, current.value.origin);
      if (current.value.origin === null && bound !== null) key.bindKnown(bound);
      if (bound !== target) return fail(keyNotForOrigin(bound ?? 'no address', target));
      return ok({ connection, apiKey: current.value.key });
    },
  };
}
