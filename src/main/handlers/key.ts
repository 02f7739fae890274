/** Handlers for the secret key: status, save, test, remove. The key itself never leaves main. */
import { randomUUID } from 'node:crypto';
import type { Handlers } from '../../shared/contract';
import { fail, ok } from '../../shared/result';
import type { HandlerDeps } from './deps';
import { lookupWithSettings } from './lookup';

export function keyHandlers(deps: HandlerDeps): Pick<Handlers, 'getKeyStatus' | 'saveKey' | 'testKey' | 'removeKey'> {
  const { keys } = deps;
  return {
    getKeyStatus: async () => ok(await keys.status()),
    saveKey: ({ key, sessionOnly }) => keys.save(key, { sessionOnly }),
    removeKey: () => keys.remove(),
    /** Looks up a random profile ID: Adapty answers 404 to a key it accepts and 401 to one it does not. */
    async testKey() {
      const outcome = await lookupWithSettings(deps, { idType: 'profile_id', id: randomUUID() });
      if (outcome.ok) return ok({ requestId: outcome.value.requestId });
      if (outcome.error.kind === 'not_found') return ok({ requestId: outcome.error.requestId });
      return fail(outcome.error);
    },
  };
}
