/** Handlers for lookups: one in flight at a time; a new one, or cancelLookup, aborts it. */
import { lookupIdentifiers } from '../adapty/client';
import type { Handlers, Response } from '../../shared/contract';
import { byChoice } from '../../shared/auto';
import type { LookupQuery, LookupRequest } from '../../shared/lookup';
import { ok } from '../../shared/result';
import type { HandlerDeps } from './deps';
import type { KeyAccess } from './key-access';

/** One lookup through a connection (the active one when none is named): its base URL and timeout, and its key if it may go there. */
export async function lookupThrough(
  { fetch }: HandlerDeps,
  access: KeyAccess,
  query: LookupQuery,
  options: { signal?: AbortSignal; connectionId?: string } = {},
): Promise<Response<'lookup'>> {
  const target = await access.target(options.connectionId);
  if (!target.ok) return target;
  const { baseUrl, timeoutMs } = target.value.connection;
  return lookupIdentifiers(query, { apiKey: target.value.apiKey, fetch, baseUrl, timeoutMs, signal: options.signal });
}

export function lookupHandlers(deps: HandlerDeps, access: KeyAccess): Pick<Handlers, 'lookup' | 'cancelLookup'> {
  let inFlight: AbortController | null = null;
  return {
    async lookup(request: LookupRequest) {
      inFlight?.abort();
      const controller = new AbortController();
      inFlight = controller;
      try {
        const options = { signal: controller.signal, connectionId: request.connectionId };
        const found = await byChoice(request, (query) => lookupThrough(deps, access, query, options));
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
