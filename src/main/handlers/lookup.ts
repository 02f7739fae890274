/** Handlers for lookups: one in flight at a time; a new one, or cancelLookup, aborts it. */
import { lookupIdentifiers } from '../adapty/client';
import type { Handlers } from '../../shared/contract';
import { ok } from '../../shared/result';
import type { HandlerDeps } from './deps';

export function lookupHandlers({ keys, settings, fetch }: HandlerDeps): Pick<Handlers, 'lookup' | 'cancelLookup'> {
  let inFlight: AbortController | null = null;
  return {
    async lookup(query) {
      inFlight?.abort();
      const controller = new AbortController();
      inFlight = controller;
      try {
        const key = await keys.current();
        if (!key.ok) return key;
        const { baseUrl, timeoutMs } = await settings.get();
        return await lookupIdentifiers(query, { apiKey: key.value, fetch, baseUrl, timeoutMs, signal: controller.signal });
      } finally {
        if (inFlight === controller) inFlight = null;
      }
    },
    async cancelLookup() {
      const running = inFlight !== null;
      inFlight?.abort();
      inFlight = null;
      return ok(running);
    },
  };
}
