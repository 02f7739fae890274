/** Handlers for lookups: one in flight at a time; a new one, or cancelLookup, aborts it. */
import { lookupIdentifiers, type LazyExchange } from '../adapty/client';
import type { Handlers, Response } from '../../shared/contract';
import { byChoice } from '../../shared/auto';
import { connectionFor } from '../../shared/connections';
import { trimId, type IdType } from '../../shared/input-rules';
import type { LookupQuery, LookupRequest } from '../../shared/lookup';
import { ok } from '../../shared/result';
import type { HandlerDeps } from './deps';
import type { ExchangeLog } from './exchange-log';
import type { KeyAccess } from './key-access';

/** One lookup through a connection (the active one when none is named): its base URL and timeout, and its key if it may go there. */
export async function lookupThrough(
  { fetch }: HandlerDeps,
  access: KeyAccess,
  query: LookupQuery,
  options: { signal?: AbortSignal; connectionId?: string; onExchange?: (exchange: LazyExchange) => void } = {},
): Promise<Response<'lookup'>> {
  const target = await access.target(options.connectionId);
  if (!target.ok) return target;
  const { baseUrl, timeoutMs } = target.value.connection;
  return lookupIdentifiers(query, { apiKey: target.value.apiKey, fetch, baseUrl, timeoutMs, signal: options.signal, onExchange: options.onExchange });
}

/**
 * Outcomes not worth a line in the history: an ID that was never valid, and a lookup the person stopped.
 * A lookup refused for want of a key is kept: it is the one to run again once the key is saved.
 */
const NOT_RECORDED = new Set(['cancelled', 'invalid_input']);

/**
 * Adds a lookup to the history: the ID and how it ended, never a key or an identifier's value. The
 * history shows it at once and writes it to disk a little later: the answer does not wait for the disk.
 */
async function record({ history, settings }: HandlerDeps, request: LookupRequest, result: { outcome: string; matchedAs?: IdType }): Promise<void> {
  if (!history || NOT_RECORDED.has(result.outcome)) return;
  const connection = connectionFor(await settings.connections(), request.connectionId);
  if (!connection) return;
  void history.record({
    connectionId: connection.id,
    connectionName: connection.name,
    idType: request.idType,
    ...(result.matchedAs ? { matchedAs: result.matchedAs } : {}),
    // A profile ID is sent lower-cased, so it is kept so too (the same profile typed in either case is one entry).
    id: request.idType === 'profile_id' || result.matchedAs === 'profile_id' ? trimId(request.id).toLowerCase() : trimId(request.id),
    at: new Date().toISOString(),
    outcome: result.outcome,
  });
}

export function lookupHandlers(deps: HandlerDeps, access: KeyAccess, exchanges: ExchangeLog): Pick<Handlers, 'lookup' | 'cancelLookup'> {
  // One controller for lookups one after another, replaced only once it is used to cancel one: lookups
  // share a deadline only with the same caller signal (adapty/deadline.ts), so a new signal per lookup
  // would cost a controller and a timer each again.
  let controller = new AbortController();
  let inFlight: AbortSignal | null = null;
  const cancelInFlight = (): boolean => {
    if (inFlight === null) return false;
    controller.abort();
    controller = new AbortController();
    inFlight = null;
    return true;
  };
  return {
    async lookup(request: LookupRequest) {
      cancelInFlight();
      const { signal } = controller;
      inFlight = signal;
      try {
        const options = { signal, connectionId: request.connectionId, onExchange: exchanges.start('identifiers') };
        const found = await byChoice(request, (query) => lookupThrough(deps, access, query, options));
        // Recorded before answering, so the window's history, asked for when the answer arrives, holds it.
        await record(deps, request, found.ok ? { outcome: 'found', matchedAs: found.value.tried ? found.value.value.query.idType : undefined } : { outcome: found.error.kind });
        if (!found.ok) return found;
        const { value, tried } = found.value;
        return ok(tried ? { ...value, auto: { tried } } : value);
      } finally {
        if (inFlight === signal) inFlight = null;
      }
    },
    async cancelLookup() {
      return ok(cancelInFlight());
    },
  };
}
