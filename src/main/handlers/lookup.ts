/** Handlers for lookups: one in flight at a time; a new one, or cancelLookup, aborts it. */
import { lookupIdentifiers } from '../adapty/client';
import type { Handlers, Response } from '../../shared/contract';
import { byChoice } from '../../shared/auto';
import type { LookupQuery, LookupRequest } from '../../shared/lookup';
import { ok } from '../../shared/result';
import type { HandlerDeps } from './deps';
import type { KeyAccess } from './key-access';

/** One lookup with the base URL and timeout from settings, and the key if it may go there. */
export async function lookupWithSettings(
  { settings, fetch }: HandlerDeps,
  access: KeyAccess,
  query: LookupQuery,
  signal?: AbortSignal,
): Promise<Response<'lookup'>> {
  const { baseUrl, timeoutMs } = await settings.get();
  const key = await access.keyFor(baseUrl);
  if (!key.ok) return key;
  return lookupIdentifiers(query, { apiKey: key.value, fetch, baseUrl, timeoutMs, signal });
}

export function lookupHandlers(deps: HandlerDeps, access: KeyAccess): Pick<Handlers, 'lookup' | 'cancelLookup'> {
  let inFlight: AbortController | null = null;
  return {
    async lookup(request: LookupRequest) {
      inFlight?.abort();
      const controller = new AbortController();
      inFlight = controller;
      try {
        const found = await byChoice(request, (query) => lookupWithSettings(deps, access, query, controller.signal));
        if (!found.ok) return found;
        const { value, tried } = found.value;
        return ok(tried ? { ...value, auto: { tried } } : value);
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
