/**
 * The rules an ID or a key must meet before anything is sent to Adapty.
 * The client enforces them; the renderer shows the same messages inline, so
 * the user learns what is wrong before pressing Enter.
 */
import type { Result } from './result';

export const ID_TYPES = ['customer_user_id', 'profile_id'] as const;
export type IdType = (typeof ID_TYPES)[number];

export const ID_TYPE_LABELS: Record<IdType, string> = {
  customer_user_id: 'Customer user ID',
  profile_id: 'Profile ID',
};

export const MAX_CUSTOMER_USER_ID_LENGTH = 1024;
/**
 * The most any ID may be as a message to main: above the rule's limit, so an ID that is a little too
 * long still gets the rule's own clear message; far below what would stall main to check.
 */
export const MAX_LOOKUP_ID_MESSAGE_LENGTH = 4 * MAX_CUSTOMER_USER_ID_LENGTH;

/** A UUID in any case, as Adapty's profile IDs are. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type InputProblem = { message: string; position: number | null };
export type InputCheck = Result<string, InputProblem>;

function problem(message: string, position: number | null = null): InputCheck {
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
  const chars = Array.from(value);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    if (!ok(ch.codePointAt(0) ?? 0)) return { ch, position: offset + i + 1 };
  }
  return null;
}

function leadingWhitespace(raw: string): number {
  return Array.from(raw).length - Array.from(raw.trimStart()).length;
}

export function checkProfileId(raw: string): InputCheck {
  const value = raw.trim();
  if (value === '') return problem('Enter a profile ID.');
  if (!UUID.test(value)) {
    return problem(
      'A profile ID is a UUID such as 3f2a1c9e-0b4d-4e8a-9c1f-2d5e6a7b8c9d (the "Adapty ID" in the dashboard). ' +
        'To look up your own user ID, choose Customer user ID.',
    );
  }
  return { ok: true, value: value.toLowerCase() };
}

export function checkCustomerUserId(raw: string): InputCheck {
  const value = raw.trim();
  if (value === '') return problem('Enter a customer user ID.');
  const length = Array.from(value).length;
  if (length > MAX_CUSTOMER_USER_ID_LENGTH) {
    return problem(
      `A customer user ID can be at most ${MAX_CUSTOMER_USER_ID_LENGTH} characters; this one has ${length}.`,
    );
  }
  const bad = firstBadCharacter(value, leadingWhitespace(raw), travelsInHeader);
  if (bad) {
    const what = describeCharacter(bad.ch);
    const why = isControl(bad.ch.codePointAt(0) ?? 0)
      ? 'control characters are not allowed'
      : 'Adapty receives the ID in an HTTP header, which carries only printable ASCII characters';
    return problem(`The customer user ID has ${what} at position ${bad.position}: ${why}.`, bad.position);
  }
  return { ok: true, value };
}

export function checkLookupId(idType: IdType, raw: string): InputCheck {
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
  return { ok: true, value: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}
