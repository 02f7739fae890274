/**
 * What the preload puts on the page: `window.api`, typed by the contract, and
 * `window.appEvents`, the messages main sends. Included by both tsconfigs (the
 * renderer calls it, the preload provides it).
 */
import type { Api } from '../shared/contract';

export interface AppEvents {
  /** A link from the OS arrived: take it with api.takeDeepLinks. Returns the unsubscribe. */
  onDeepLink(listener: () => void): () => void;
  /** The batch changed: ask api.getBatch for what changed. Returns the unsubscribe. */
  onBatchChanged(listener: () => void): () => void;
}

declare global {
  interface Window {
    api: Api;
    appEvents?: AppEvents;
  }
}

export {};
