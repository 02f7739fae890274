/**
 * Links from ticket tools into the app:
 * `adapty-inspector://lookup?customer_user_id=…` or `?profile_id=…`, with an
 * optional `&connection=NAME`. A link is read whole or not at all: anything
 * else (another action, an unknown or repeated parameter, an ID that breaks
 * the lookup rules) is refused with a sentence saying why, and runs nothing.
 */
import { z } from 'zod';
import { MAX_CONNECTION_NAME } from './connections';
import { MAX_SHORT_CHARS } from './errors';
import { checkLookupId, MAX_CUSTOMER_USER_ID_LENGTH, type IdType } from './input-rules';
import { idTypeSchema } from './lookup';
import { fail, ok, type Result } from './result';
import { resultSchema } from './result-schema';

export const DEEP_LINK_SCHEME = 'adapty-inspector';
/** Longer than any link this app makes: two 1,024-character IDs, percent-encoded. */
export const MAX_DEEP_LINK_LENGTH = 8192;

export const deepLinkSchema = z.object({
  idType: idTypeSchema,
  id: z.string().max(MAX_CUSTOMER_USER_ID_LENGTH),
  /** A connection's name (or id), as the CLI's --connection takes it. */
  connection: z.string().max(MAX_CONNECTION_NAME).optional(),
});
export type DeepLink = z.infer<typeof deepLinkSchema>;

/** One link as main read it: what to look up, or why it cannot be opened. */
export const deepLinkOutcomeSchema = resultSchema(deepLinkSchema, z.object({ message: z.string().max(MAX_SHORT_CHARS * 4) }));
export type DeepLinkOutcome = z.infer<typeof deepLinkOutcomeSchema>;

type Param = IdType | 'connection';
const PARAMS: readonly Param[] = ['customer_user_id', 'profile_id', 'connection'];
const isParam = (name: string): name is Param => (PARAMS as readonly string[]).includes(name);
const ID_NAMES: Record<IdType, string> = { customer_user_id: 'customer user ID', profile_id: 'profile ID' };
const EXAMPLE = `${DEEP_LINK_SCHEME}://lookup?customer_user_id=…`;

const refuse = (why: string): Result<never, { message: string }> => fail({ message: `This link cannot be opened: ${why}` });

/** Whether a command-line argument is a link for this app (a second launch passes it among others). */
export function isDeepLink(arg: string): boolean {
  return arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`);
}

export function parseDeepLink(raw: string): Result<DeepLink, { message: string }> {
  if (raw.length > MAX_DEEP_LINK_LENGTH) return refuse(`it is longer than ${MAX_DEEP_LINK_LENGTH} characters.`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse(`it is not a valid address. Links look like ${EXAMPLE}`);
  }
  if (url.protocol !== `${DEEP_LINK_SCHEME}:`) return refuse(`it is not an ${DEEP_LINK_SCHEME}: link.`);
  const action = (url.hostname || url.pathname.replace(/^\/+/, '')).toLowerCase();
  const path = url.hostname ? url.pathname.replace(/\/+$/, '') : '';
  if (action !== 'lookup' || path !== '' || url.username || url.password || url.port) {
    return refuse(`the app knows only the "lookup" link (${EXAMPLE}).`);
  }
  const found: Partial<Record<Param, string>> = {};
  for (const [name, value] of url.searchParams) {
    // A list, not an object's keys: "constructor" or "toString" is unknown too.
    if (!isParam(name)) return refuse(`it has a parameter the app does not know ("${name.slice(0, 40)}"). It takes customer_user_id or profile_id, and connection.`);
    if (found[name] !== undefined) return refuse(`it gives ${name} twice.`);
    found[name] = value;
  }
  const types = (['customer_user_id', 'profile_id'] as const).filter((type) => found[type] !== undefined);
  if (types.length !== 1) return refuse('it must name exactly one ID: customer_user_id or profile_id.');
  const idType = types[0]!;
  const checked = checkLookupId(idType, found[idType]!);
  if (!checked.ok) return refuse(`its ${ID_NAMES[idType]} is not valid. ${checked.error.message}`);
  const connection = found.connection?.trim();
  if (found.connection !== undefined && (!connection || connection.length > MAX_CONNECTION_NAME)) {
    return refuse(`its connection name must be 1 to ${MAX_CONNECTION_NAME} characters.`);
  }
  return ok({ idType, id: checked.value, ...(connection ? { connection } : {}) });
}
