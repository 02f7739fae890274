/**
 * Handlers for the active connection's secret key: status, save, test, remove.
 * The key itself never leaves main. The demo's key is its server's own: saving
 * or removing it is refused (demo-guard.ts).
 */
import { randomUUID } from 'node:crypto';
import { activeConnection, type Connection } from '../../shared/connections';
import type { Handlers } from '../../shared/contract';
import { fail, ok } from '../../shared/result';
import { DEFAULT_BASE_URL } from '../../shared/settings';
import { originOf } from '../secrets/key-binding';
import { demoKeyRefusal } from './demo-guard';
import type { HandlerDeps } from './deps';
import type { KeyAccess } from './key-access';
import { lookupThrough } from './lookup';

/** What else must know that a connection's key is gone (a batch running through it stops). */
export interface KeyEvents {
  keyRemoved(connection: Connection): void;
}

export function keyHandlers(deps: HandlerDeps, access: KeyAccess, events?: KeyEvents): Pick<Handlers, 'getKeyStatus' | 'saveKey' | 'testKey' | 'removeKey'> {
  const { keys, settings } = deps;
  const active = async () => activeConnection(await settings.connections());
  return {
    getKeyStatus: async () => ok(await keys.of((await active()).id).status()),
    /** A key is saved for its connection's base URL: it will be sent there and nowhere else. */
    async saveKey({ key, sessionOnly }) {
      const connection = await active();
      const refused = demoKeyRefusal(connection);
      if (refused) return refused;
      const origin = originOf(connection.baseUrl) ?? originOf(DEFAULT_BASE_URL)!;
      return keys.of(connection.id).save(key, { sessionOnly, origin });
    },
    async removeKey() {
      const connection = await active();
      const refused = demoKeyRefusal(connection);
      if (refused) return refused;
      const removed = await keys.of(connection.id).remove();
      if (removed.ok) events?.keyRemoved(connection);
      return removed;
    },
    /** Looks up a random profile ID: Adapty answers 404 to a key it accepts and 401 to one it does not. */
    async testKey() {
      const outcome = await lookupThrough(deps, access, { idType: 'profile_id', id: randomUUID() });
      if (outcome.ok) return ok({ requestId: outcome.value.requestId });
      if (outcome.error.kind === 'not_found') return ok({ requestId: outcome.error.requestId });
      return fail(outcome.error);
    },
  };
}
