/** Handlers for lookups: one in flight at a time; a new one, or cancelLookup, aborts it. */
import { lookupIdentifiers } from '../adapty/client';
import type { Handlers, Response } from '../../shared/contract';
import type { LookupError } from '../../shared/errors';
import { autoIdTypes, trimId } from '../../shared/input-rules';
import type { LookupQuery, LookupRequest } from '../../shared/lookup';
import { fail, ok } from '../../shared/result';
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

function quoted(id: string): string {
  return `"${id.length > 80 ? `${id.slice(0, 77)}…` : id}"`;
}

/** Auto's own "not found": Adapty's last answer, with a message that says what was tried, and why. */
function autoNotFound(id: string, last: LookupError, first: LookupError | null): LookupError {
  const message = first
    ? `No profile in this app has the profile ID or the customer user ID ${quoted(id)}: Auto tried both, as a profile ID first, then as a customer user ID. ` +
      `Check the ID, and that the API key is this app's.${first.requestId ? ` (Request ID of the profile ID lookup: ${first.requestId}.)` : ''}`
    : `No profile with customer user ID ${quoted(id)} in this app. Auto looked it up as a customer user ID only: it is not a UUID, so it cannot be a profile ID. Check the ID.`;
  return { ...last, message };
}

/**
 * Auto: the types the ID could be, in order (see autoIdTypes), until one is found. Only Adapty's
 * "no such profile" moves on to the next type; any other answer (a bad key, a timeout, a cancel) is the
 * answer. A result says which type matched and what was tried before it.
 */
async function autoLookup(deps: HandlerDeps, access: KeyAccess, raw: string, signal: AbortSignal): Promise<Response<'lookup'>> {
  const id = trimId(raw);
  const [first, second] = autoIdTypes(id);
  const one = await lookupWithSettings(deps, access, { idType: first, id }, signal);
  if (one.ok) return ok({ ...one.value, auto: { tried: [first] } });
  if (one.error.kind !== 'not_found') return one;
  if (!second) return fail(autoNotFound(id, one.error, null));
  const two = await lookupWithSettings(deps, access, { idType: second, id }, signal);
  if (two.ok) return ok({ ...two.value, auto: { tried: [first, second] } });
  if (two.error.kind !== 'not_found') return two;
  return fail(autoNotFound(id, two.error, one.error));
}

export function lookupHandlers(deps: HandlerDeps, access: KeyAccess): Pick<Handlers, 'lookup' | 'cancelLookup'> {
  let inFlight: AbortController | null = null;
  return {
    async lookup(request: LookupRequest) {
      inFlight?.abort();
      const controller = new AbortController();
      inFlight = controller;
      try {
        if (request.idType === 'auto') return await autoLookup(deps, access, request.id, controller.signal);
        return await lookupWithSettings(deps, access, { idType: request.idType, id: trimId(request.id) }, controller.signal);
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
