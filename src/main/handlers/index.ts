/**
 * All IPC handlers, built from their dependencies. Plain functions: the app
 * passes Electron's net.fetch and the keytar store; tests pass Node's fetch
 * and a store of their choosing. No electron import anywhere below here.
 */
import type { Handlers } from '../../shared/contract';
import type { HandlerDeps } from './deps';
import { keyHandlers } from './key';
import { lookupHandlers } from './lookup';
import { settingsHandlers } from './settings';

export function createHandlers(deps: HandlerDeps): Handlers {
  return { ...keyHandlers(deps), ...lookupHandlers(deps), ...settingsHandlers(deps.settings) };
}

export type { HandlerDeps };
