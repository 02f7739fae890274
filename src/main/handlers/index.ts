/**
 * All IPC handlers, built from their dependencies. Plain functions: the app
 * passes a fetch over Electron's net.request and the keytar store; tests pass Node's fetch
 * and a store of their choosing. No electron import anywhere below here.
 */
import type { Handlers } from '../../shared/contract';
import type { HandlerDeps } from './deps';
import { keyHandlers } from './key';
import { lookupHandlers } from './lookup';
import { settingsHandlers } from './settings';

export function createHandlers(deps: HandlerDeps): Handlers {
  return { ...keyHandlers(deps), ...lookupHandlers(deps), ...settingsHandlers(deps) };
}

export type { HandlerDeps };
