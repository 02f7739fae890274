/**
 * Auto, once for the app's handlers (identifiers and profile) and the CLI: an ID asked for as Auto is
 * looked up as each type it could be (autoIdTypes: a UUID as a profile ID, then as a customer user ID),
 * over whichever call is given, stopping at the first answer that is not "no such profile". A given
 * type is looked up as that type only.
 */
import { clip } from './text';
import { lookupError, type LookupError } from './errors';
import { autoIdTypes, ID_TYPE_LABELS, trimId, type IdType } from './input-rules';
import type { LookupQuery, LookupRequest } from './lookup';
import { fail, ok, type Result } from './result';

/** What was found and, under Auto, the types tried in order (the last one matched); null when the type was given. */
export interface Matched<T> {
  value: T;
  tried: IdType[] | null;
}

const quoted = (id: string) => `"${clip(id, 80)}"`;

/** Auto's own "not found": Adapty's last answer, with a message that says what was tried. */
function autoNotFound(id: string, last: LookupError, tried: IdType[], firstRequestId: string | null): LookupError {
  const message =
    tried.length > 1
      ? `No profile in this app has the profile ID or the customer user ID ${quoted(id)}: Auto tried both, as a profile ID first, then as a customer user ID. ` +
        `Check the ID, and that the API key is this app's.${firstRequestId ? ` (Request ID of the profile ID lookup: ${firstRequestId}.)` : ''}`
      : `No profile with customer user ID ${quoted(id)} in this app. Auto looked it up as a customer user ID only: it is not a UUID, so it cannot be a profile ID. Check the ID.`;
  return { ...last, message };
}

/** Adapty's "no such profile": the one answer that sends Auto on to the next type. */
function isNotFound(error: { kind: string }): error is LookupError {
  return error.kind === 'not_found';
}

export async function byChoice<T, E extends { kind: string }>(
  request: LookupRequest,
  call: (query: LookupQuery) => Promise<Result<T, E>>,
): Promise<Result<Matched<T>, E | LookupError>> {
  if (request.idType !== 'auto') {
    const outcome = await call({ idType: request.idType, id: trimId(request.id) });
    return outcome.ok ? ok({ value: outcome.value, tried: null }) : outcome;
  }
  const id = trimId(request.id);
  if (id === '') return fail(lookupError('invalid_input', 'Enter a customer user ID or a profile ID.'));
  const tried: IdType[] = [];
  let firstRequestId: string | null = null;
  let last: LookupError | null = null;
  for (const idType of autoIdTypes(id)) {
    tried.push(idType);
    const outcome = await call({ idType, id });
    if (outcome.ok) return ok({ value: outcome.value, tried: [...tried] });
    if (!isNotFound(outcome.error)) return outcome;
    if (last === null) firstRequestId = outcome.error.requestId;
    last = outcome.error;
  }
  return fail(autoNotFound(id, last as LookupError, tried, firstRequestId));
}

/** "Profile ID (Auto)", "Customer user ID (Auto; not found as a profile ID)", "… (Auto; not a UUID, so not a profile ID)". */
export function matchedAs(tried: readonly IdType[]): string {
  const type = tried[tried.length - 1] as IdType;
  const why = tried.length > 1 ? '; no profile has it as a profile ID' : type === 'customer_user_id' ? '; not a UUID, so not a profile ID' : '';
  return `${ID_TYPE_LABELS[type]} (Auto${why})`;
}
