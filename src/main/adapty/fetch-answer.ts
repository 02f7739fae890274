/**
 * One answer from Adapty, fetched with the fetch passed in: redirects are
 * followed by hand, only within the base URL's origin (scheme, host and
 * port), so the key and the user's ID never go anywhere else, whatever the
 * fetch would do; the body is read as a stream and never beyond LIMITS.bodyBytes.
 */
import type { FetchLike, FetchResponse } from './client';
import { InvalidResponseError, RedirectRefusedError } from './fetch-errors';
import { clip, LIMITS } from './limits';

const MAX_REDIRECTS = 5;

export interface Answer {
  response: FetchResponse;
  text: string;
  /** The address that answered: the one asked, or where redirects within the origin led. */
  url: string;
}

/** `url` is asked first; redirects are followed only within `origin` (url's own). */
export async function fetchAnswer(url: string, origin: string, init: RequestInit, fetch: FetchLike): Promise<Answer> {
  let current = url;
  let lastStatus: number | null = null;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const response = await fetch(current, init);
    if (!isRedirect(response)) return { response, text: await readCappedText(response), url: current };
    lastStatus = response.status;
    await response.body?.cancel().catch(() => undefined);
    current = redirectTarget(response, current, origin).href;
  }
  throw new RedirectRefusedError(`Adapty redirected more than ${MAX_REDIRECTS} times; check the base URL.`, lastStatus);
}

function isRedirect(response: FetchResponse): boolean {
  return response.status >= 300 && response.status <= 399 && response.status !== 304 && response.headers.has('location');
}

/** Where a redirect points, if the client may follow it there. */
function redirectTarget(response: FetchResponse, from: string, origin: string): URL {
  let target: URL;
  try {
    target = new URL(response.headers.get('location') ?? '', from);
  } catch {
    throw new RedirectRefusedError(`Adapty answered ${response.status} with a redirect to something that is not an address; check the base URL.`, response.status);
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw new RedirectRefusedError(`Adapty answered ${response.status} with a redirect to a "${target.protocol}" address, which the app never follows; check the base URL.`, response.status);
  }
  if (target.origin !== origin) {
    throw new RedirectRefusedError(
      `Adapty answered ${response.status} with a redirect to ${clip(`${target.origin}${target.pathname}`, 120)}, away from ${origin}. ` +
        'The app never follows a redirect elsewhere, so your key and the user\'s ID stay where you sent them. If the service has moved, change the base URL.',
      response.status,
    );
  }
  return target;
}

const MIB = 1024 * 1024;

function tooLarge(what: string): InvalidResponseError {
  return new InvalidResponseError(`its body is ${what}, more than the ${LIMITS.bodyBytes / MIB} MiB any real answer stays far below`);
}

/** The body as text, read until LIMITS.bodyBytes at most: a Content-Length above it is refused before reading. */
async function readCappedText(response: FetchResponse): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > LIMITS.bodyBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(`${(declared / MIB).toFixed(1)} MiB by its Content-Length`);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > LIMITS.bodyBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge('larger');
    }
    chunks.push(value);
  }
  return utf8.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
}

/** Decodes whole texts only (never with `stream`), so one serves every answer. */
const utf8 = new TextDecoder();
