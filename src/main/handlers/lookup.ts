/** Handlers for lookups: one in flight at a time; a new one, or cancelLookup, aborts it. */
import { lookupIdentifiers } from '../adapty/client';
import type { Handlers, Response } from '../../shared/contract';
import type { LookupQuery } from '../../shared/lookup';
import { ok } from '../../shared/result';
import type { HandlerDeps } from './deps';

/** One lookup with the key in force and the base URL and timeout from settings. */
export async function lookupWithSettings(
  { keys, settings, fetch }: HandlerDeps,
  query: LookupQuery,
  signal?: AbortSignal,
): Promise<Response<'lookup'>> {
  const key = await keys.current();
  if (!key.ok) return key;
  const { baseUrl, timeoutMs } = await settings.get();
  return lookupIdentifiers(query, { apiKey: key.value, fetch, baseUrl, timeoutMs, signal });
}

export function lookupHandlers(deps: HandlerDeps): Pick<Handlers, 'lookup' | 'cancelLookup'> {
  let inFlight: AbortController | null = null;
  return {
    async lookup(query) {
      inFlight?.abort();
      const controller = new AbortController();
      inFlight = controller;
      try {
        return await lookupWithSettings(deps, query, controller.signal);
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
