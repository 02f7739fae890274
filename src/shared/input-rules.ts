/**
 * The rules an ID or a key must meet before anything is sent to Adapty.
 * The client enforces them; the renderer shows the same messages inline, so
 * the user learns what is wrong before pressing Enter.
 */
import type { Result } from './result';

/** The two ways Adapty names a user: what is sent to Adapty is always one of these. */
export const ID_TYPES = ['customer_user_id', 'profile_id'] as const;
export type IdType = (typeof ID_TYPES)[number];

/** What a person may choose: Auto (main decides, see `autoIdTypes`) or one of the two. */
export const ID_CHOICES = ['auto', ...ID_TYPES] as const;
export type IdChoice = (typeof ID_CHOICES)[number];

export const ID_TYPE_LABELS: Record<IdType, string> = {
  customer_user_id: 'Customer user ID',
  profile_id: 'Profile ID',
};

export const ID_CHOICE_LABELS: Record<IdChoice, string> = { auto: 'Auto', ...ID_TYPE_LABELS };

export const MAX_CUSTOMER_USER_ID_LENGTH = 1024;
/**
 * The most any ID may be as a message to main: above the rule's limit, so an ID that is a little too
 * long still gets the rule's own clear message; far below what would stall main to check.
 */
export const MAX_LOOKUP_ID_MESSAGE_LENGTH = 4 * MAX_CUSTOMER_USER_ID_LENGTH;

/** A UUID in any case, as Adapty's profile IDs are. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What a copy from a chat, a ticket or a spreadsheet brings around an ID, never part of it: whitespace
 * (NBSP and line breaks included), quotes of every kind (straight, curly, low-9, backtick), and invisible
 * format characters (zero-width space, non-joiner and joiner, LRM/RLM and every other bidi mark, word
 * joiner, invisible operators, BOM, soft hyphen). All are in the BMP, so a code unit is a code point here.
 */
const ID_WRAPPING = /^[\s'"`\u2018-\u201f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]$/u;

/** Whether the code unit at `at` may wrap an ID: a printable ASCII character that is not a quote never does (no regex run for it). */
function mayWrap(raw: string, at: number): boolean {
  const code = raw.charCodeAt(at);
  if (code > 0x20 && code < 0x7f && code !== 0x22 && code !== 0x27 && code !== 0x60) return false;
  return ID_WRAPPING.test(raw[at] as string);
}

/** Splits what was pasted or typed into the ID and how many characters came before it. */
function unwrapId(raw: string): { value: string; leading: number } {
  let start = 0;
  let end = raw.length;
  while (start < end && mayWrap(raw, start)) start++;
  while (end > start && mayWrap(raw, end - 1)) end--;
  return { value: start === 0 && end === raw.length ? raw : raw.slice(start, end), leading: start };
}

/**
 * An ID as pasted, without the spaces, quotes and invisible characters around it (see ID_WRAPPING).
 * Only the ends: what is left is always one unbroken part of what came in. The renderer applies it on
 * paste and on search; the ID checks below (and so main and the client) apply it too.
 */
export function trimId(raw: string): string {
  return unwrapId(raw).value;
}

/**
 * Auto, in main: a UUID can be either kind of ID (an app may use UUIDs as its own user IDs), so it is
 * tried as a profile ID first and, when Adapty has no such profile, as a customer user ID; anything else
 * can only be a customer user ID.
 */
export function autoIdTypes(raw: string): readonly [IdType] | readonly [IdType, IdType] {
  return UUID.test(trimId(raw)) ? ['profile_id', 'customer_user_id'] : ['customer_user_id'];
}

export type InputProblem = { message: string; position: number | null };
export type InputCheck = Result<string, InputProblem>;

function problem(message: string, position: number | null = null): { ok: false; error: InputProblem } {
  return { ok: false, error: { message, position } };
}

/** "U+0009 (tab)" for a control character, `"é" (U+00E9)` for anything else. */
export function describeCharacter(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (isControl(code)) {
    const names: Record<number, string> = { 0: 'null', 9: 'tab', 10: 'line feed', 13: 'carriage return', 127: 'delete' };
    return `control character ${hex}${names[code] ? ` (${names[code]})` : ''}`;
  }
  return `"${ch}" (${hex})`;
}

function isControl(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

/** Printable ASCII is all an HTTP header carries without ambiguity. */
function travelsInHeader(code: number): boolean {
  return code >= 0x20 && code <= 0x7e;
}

/** The first character of `value` (which starts `offset` code points into what was typed) that fails. */
function firstBadCharacter(value: string, offset: number, ok: (code: number) => boolean) {
  // Printable ASCII throughout (almost every key and ID) is answered by code unit: no string per character.
  let ascii = 0;
  while (ascii < value.length && value.charCodeAt(ascii) < 0x80 && ok(value.charCodeAt(ascii))) ascii++;
  if (ascii === value.length) return null;
  // By code point, with no array made: a key or an ID is checked on every lookup.
  let position = offset;
  for (const ch of value) {
    position += 1;
    if (!ok(ch.codePointAt(0) ?? 0)) return { ch, position };
  }
  return null;
}

function leadingWhitespace(raw: string): number {
  return Array.from(raw).length - Array.from(raw.trimStart()).length;
}

export function checkProfileId(raw: string): InputCheck {
  const { value } = unwrapId(raw);
  if (value === '') return problem('Enter a profile ID.');
  if (!UUID.test(value)) {
    return problem(
      'A profile ID is a UUID such as 3f2a1c9e-0b4d-4e8a-9c1f-2d5e6a7b8c9d (the "Adapty ID" in the dashboard). ' +
        'To look up your own user ID, choose Customer user ID.',
    );
  }
  return { ok: true, value: value.toLowerCase() };
}

/**
 * Why a customer user ID with characters outside printable ASCII cannot be looked up, and what to do.
 * Adapty's apps may set such IDs (the SDKs send customer_user_id in a JSON body), but the server-side
 * API takes it only in the adapty-customer-user-id header and documents no encoded form for it (the
 * legacy v1 API's Base64URL form, is_user_id_base64url_encoded=1, was for IDs in URL paths).
 */
export const NOT_IN_A_HEADER =
  "It cannot be sent: Adapty's server-side API takes a customer user ID only in an HTTP header (adapty-customer-user-id), " +
  'HTTP headers carry only ASCII (Latin-1 at most, and not reliably), and Adapty documents no encoded form. ' +
  "Search by profile ID instead: in the Adapty dashboard's Profiles page, find this customer user ID and copy the profile's Adapty ID.";

export function checkCustomerUserId(raw: string): InputCheck {
  const { value, leading } = unwrapId(raw);
  if (value === '') return problem('Enter a customer user ID.');
  // Counted by code point only when it could be too long: a text never has more code points than UTF-16 units.
  const length = value.length > MAX_CUSTOMER_USER_ID_LENGTH ? Array.from(value).length : value.length;
  if (length > MAX_CUSTOMER_USER_ID_LENGTH) {
    return problem(
      `A customer user ID can be at most ${MAX_CUSTOMER_USER_ID_LENGTH} characters; this one has ${length}.`,
    );
  }
  const bad = firstBadCharacter(value, leading, travelsInHeader);
  if (bad) {
    const what = describeCharacter(bad.ch);
    if (isControl(bad.ch.codePointAt(0) ?? 0)) {
      return problem(`The customer user ID has ${what} at position ${bad.position}: control characters are not allowed.`, bad.position);
    }
    return problem(`The customer user ID has ${what} at position ${bad.position}. ${NOT_IN_A_HEADER}`, bad.position);
  }
  return { ok: true, value };
}

export function checkLookupId(idType: IdChoice, raw: string): InputCheck {
  if (idType === 'auto') return trimId(raw) === '' ? problem('Enter a customer user ID or a profile ID.') : checkLookupId(autoIdTypes(raw)[0], raw);
  return idType === 'profile_id' ? checkProfileId(raw) : checkCustomerUserId(raw);
}

/**
 * A secret key is trimmed (a pasted key often ends in a newline) and must then
 * be free of whitespace and control characters. Messages never quote the key.
 */
export function checkApiKey(raw: string): InputCheck {
  const value = raw.trim();
  if (value === '') return problem('Enter the secret API key (Adapty dashboard → App settings → General → API keys).');
  const bad = firstBadCharacter(value, leadingWhitespace(raw), (code) => code > 0x20 && code <= 0x7e);
  if (bad) {
    const code = bad.ch.codePointAt(0) ?? 0;
    const what = code === 0x20 ? 'a space' : /\s/u.test(bad.ch) ? 'whitespace' : isControl(code) ? 'a control character' : 'a non-ASCII character';
    return problem(
      `The API key has ${what} at position ${bad.position}; a secret key is one word of letters, digits, "_" and ".". Paste it again from the dashboard.`,
      bad.position,
    );
  }
  return { ok: true, value };
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** Adapty's address: an http(s) URL without credentials, given back without a trailing slash. */
export function checkBaseUrl(raw: string): InputCheck {
  const read = readBaseUrlParts(raw);
  return read.ok ? { ok: true, value: read.value.value } : read;
}

/** checkBaseUrl's answer with the URL it parsed (the client reads its origin and host: one parse, not two). */
export function readBaseUrlParts(raw: string): Result<{ value: string; url: URL }, InputProblem> {
  const value = raw.trim();
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return problem(`"${value}" is not a URL; use something like https://api.adapty.io.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return problem(`The base URL must start with https:// (got ${url.protocol}).`);
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    return problem('Use https://: over http:// the secret key would travel unencrypted. Plain http:// is allowed only for this computer (localhost, 127.0.0.1).');
  }
  if (url.username || url.password) return problem('The base URL must not contain a user name or password.');
  if (url.search || url.hash) return problem('The base URL must not have a query (?…) or fragment (#…).');
  return { ok: true, value: { value: `${url.origin}${url.pathname.replace(/\/+$/, '')}`, url } };
}
