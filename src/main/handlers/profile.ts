/**
 * The handler for a user's profile. It runs beside the identifiers lookup (the window asks for both at
 * once), so it has its own in-flight call: a new profile lookup cancels only the previous profile lookup,
 * and a new identifiers lookup does not touch it. cancelLookup (the window's Cancel, Esc) stops both.
 */
import type { LazyExchange } from '../adapty/client';
import { lookupProfile } from '../adapty/profile';
import type { Handlers, Response } from '../../shared/contract';
import { byChoice } from '../../shared/auto';
import { ok } from '../../shared/result';
import type { LookupQuery, LookupRequest } from '../../shared/lookup';
import type { HandlerDeps } from './deps';
import type { ExchangeLog } from './exchange-log';
import type { KeyAccess } from './key-access';

export interface ProfileHandlers extends Pick<Handlers, 'lookupProfile'> {
  /** Cancels the profile call in flight (the window's Cancel and Esc stop the whole search); true if one was running. */
  cancelProfile(): boolean;
}

export function profileHandlers({ fetch }: HandlerDeps, access: KeyAccess, exchanges: ExchangeLog): ProfileHandlers {
  let previous = new AbortController();
  let running = false;

  /** One profile call through a connection (the active one when none is named), with its key only if it may go there. */
  async function once(query: LookupQuery, signal: AbortSignal, connectionId: string | undefined, onExchange: (exchange: LazyExchange) => void): Promise<Response<'lookupProfile'>> {
    const target = await access.target(connectionId);
    if (!target.ok) return target;
    const { baseUrl, timeoutMs } = target.value.connection;
    return lookupProfile(query, { apiKey: target.value.apiKey, fetch, baseUrl, timeoutMs, signal, onExchange });
  }

  return {
    async lookupProfile(request: LookupRequest) {
      previous.abort();
      const controller = new AbortController();
      previous = controller;
      running = true;
      const onExchange = exchanges.start('profile');
      try {
        const found = await byChoice(request, (query) => once(query, controller.signal, request.connectionId, onExchange));
        return found.ok ? ok(found.value.value) : found;
      } finally {
        if (previous === controller) running = false;
      }
    },
    cancelProfile() {
      const was = running;
      previous.abort();
      running = false;
      return was;
    },
  };
}
