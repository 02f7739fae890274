/**
 * All IPC handlers, built from their dependencies. Plain functions: the app
 * passes a fetch over Electron's net.request and the keytar store; tests pass Node's fetch
 * and a store of their choosing. No electron import anywhere below here.
 */
import type { Handlers } from '../../shared/contract';
import { ok } from '../../shared/result';
import type { HandlerDeps } from './deps';
import * as answerSchemas from '../adapty/answer-schemas';
import { holdAnswerSchemas } from '../adapty/response';
import { createMemoryHistory } from '../history/history-store';
import { batchHandlers } from './batch';
import { connectionHandlers } from './connections';
import { createExchangeLog } from './exchange-log';
import { historyHandlers } from './history';
import { createKeyAccess } from './key-access';
import { keyHandlers } from './key';
import { lookupHandlers } from './lookup';
import { profileHandlers } from './profile';
import { settingsHandlers } from './settings';

export function createHandlers(given: HandlerDeps): Handlers {
  // Main reads every kind of answer with the schemas at hand (only the CLI loads them when first needed).
  holdAnswerSchemas(answerSchemas);
  const deps = { ...given, history: given.history ?? createMemoryHistory() };
  const access = createKeyAccess(deps);
  const exchanges = createExchangeLog();
  const lookups = lookupHandlers(deps, access, exchanges);
  const { stopThrough, ...batch } = batchHandlers(deps, access);
  const { cancelProfile, ...profile } = profileHandlers(deps, access, exchanges);
  return {
    ...keyHandlers(deps, access, { keyRemoved: (connection) => stopThrough(connection.id, `the API key of "${connection.name}" was removed`) }),
    ...lookups,
    ...profile,
    // Cancel stops the whole search: the identifiers and the profile.
    async cancelLookup() {
      const profileWasRunning = cancelProfile();
      const identifiers = await lookups.cancelLookup(undefined);
      return ok((identifiers.ok && identifiers.value) || profileWasRunning);
    },
    ...settingsHandlers(deps, access),
    ...connectionHandlers(deps, { removed: (connection) => stopThrough(connection.id, `the connection "${connection.name}" was removed`) }),
    ...historyHandlers(deps.history),
    takeDeepLinks: async () => ok(given.deepLinks?.take() ?? []),
    getExchanges: async () => ok(exchanges.latest()),
    ...batch,
  };
}

export type { HandlerDeps };
