/**
 * What the preload puts on the page: `window.api`, typed by the contract.
 * Included by both tsconfigs (the renderer calls it, the preload provides it).
 */
import type { Api } from '../shared/contract';

declare global {
  interface Window {
    api: Api;
  }
}

export {};
