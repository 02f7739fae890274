/**
 * All IPC handlers, built from their dependencies. Plain functions: the app
 * passes a fetch over Electron's net.request and the keytar store; tests pass Node's fetch
 * and a store of their choosing. No electron import anywhere below here.
 */
import type { Handlers } from '../../shared/contract';
import type { HandlerDeps } from './deps';
import { createKeyAccess } from './key-access';
import { keyHandlers } from './key';
import { lookupHandlers } from './lookup';
import { profileHandlers } from './profile';
import { settingsHandlers } from './settings';

export function createHandlers(deps: HandlerDeps): Handlers {
  const access = createKeyAccess(deps);
  return {
    ...keyHandlers(deps, access),
    ...lookupHandlers(deps, access),
    ...profileHandlers(deps, access),
    ...settingsHandlers(deps, access),
  };
}

export type { HandlerDeps };
