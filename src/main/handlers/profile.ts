/**
 * The handler for a user's profile. It runs beside the identifiers lookup (the window asks for both at
 * once), so it has its own in-flight call: a new profile lookup cancels only the previous profile lookup,
 * and neither `lookup` nor `cancelLookup` touches it.
 */
import { lookupProfile } from '../adapty/profile';
import type { Handlers, Response } from '../../shared/contract';
import { autoIdTypes, trimId } from '../../shared/input-rules';
import type { LookupQuery, LookupRequest } from '../../shared/lookup';
import type { HandlerDeps } from './deps';
import type { KeyAccess } from './key-access';

export function profileHandlers({ settings, fetch }: HandlerDeps, access: KeyAccess): Pick<Handlers, 'lookupProfile'> {
  let previous = new AbortController();

  /** One profile call with the base URL and timeout from settings, and the key only if it may go there. */
  async function once(query: LookupQuery, signal: AbortSignal): Promise<Response<'lookupProfile'>> {
    const { baseUrl, timeoutMs } = await settings.get();
    const key = await access.keyFor(baseUrl);
    return key.ok ? lookupProfile(query, { apiKey: key.value, fetch, baseUrl, timeoutMs, signal }) : key;
  }

  return {
    async lookupProfile(request: LookupRequest) {
      previous.abort();
      const controller = new AbortController();
      previous = controller;
      if (request.idType !== 'auto') return once({ idType: request.idType, id: request.id }, controller.signal);
      // Auto: each type the ID could be, in order, until Adapty has the profile; only "no such profile" moves on.
      const id = trimId(request.id);
      const [first, ...others] = autoIdTypes(id);
      let outcome = await once({ idType: first, id }, controller.signal);
      for (const idType of others) {
        if (outcome.ok || outcome.error.kind !== 'not_found') break;
        outcome = await once({ idType, id }, controller.signal);
      }
      return outcome;
    },
  };
}
