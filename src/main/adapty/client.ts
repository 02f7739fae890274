/**
 * The Adapty client: one GET about one profile (its integration identifiers
 * here; its profile in profile.ts), named by one ID header.
 * It never throws and never imports electron: it takes the fetch to use
 * (one over Electron's net.request in the app, Node's in tests and the CLI) and returns
 * every outcome as data, with the key redacted from anything it says.
 */
import { lookupError, MAX_MESSAGE_CHARS, MAX_SHORT_CHARS, type LookupError } from '../../shared/errors';
import { checkApiKey, checkLookupId, readBaseUrlParts } from '../../shared/input-rules';
import { DEFAULT_BASE_URL, DEFAULT_TIMEOUT_MS } from '../../shared/settings';
import type { LookupOutcome, LookupQuery } from '../../shared/lookup';
import { fail, ok, type Result } from '../../shared/result';
import { rememberLast } from '../../shared/remember-last';
import { startDeadline } from './deadline';
import { fetchAnswer, type Answer } from './fetch-answer';
import { InvalidResponseError, RedirectRefusedError } from './fetch-errors';
import { clip, LIMITS } from './limits';
import { describeNetworkError, isOversizedHeaders } from './network-error';
import { redactDeep } from './redact';
import { readErrorBody, readIdentifiersBody, readRetryAfter, type IdentifiersBody, type ShapeProblem } from './response';
import { maskedAuthorization, MAX_EXCHANGE_BODY_CHARS, MAX_EXCHANGE_HEADERS, MAX_EXCHANGE_TEXT, type Exchange } from '../../shared/exchange';

export const IDENTIFIERS_PATH = '/api/v2/server-side-api/integration/profile/set/integration-identifiers/';

/** One read of a body, as a web stream's reader gives it. */
export type BodyChunk = { done: false; value: Uint8Array } | { done: true; value?: Uint8Array };

/** How the client reads a body: a web stream has it; the CLI's transport makes just this, without web streams. */
export interface ResponseBody {
  getReader(): { read(): Promise<BodyChunk>; cancel(reason?: unknown): Promise<void> };
  cancel(reason?: unknown): Promise<void>;
}

/** What the client reads of an answer: a fetch's Response has all of it (the CLI's transport makes just this). */
export interface FetchResponse {
  status: number;
  statusText: string;
  headers: Pick<Headers, 'get' | 'has' | 'entries'>;
  body: ResponseBody | null;
}

export type FetchLike = ((url: string, init: RequestInit) => Promise<FetchResponse>) & {
  /**
   * Whether it lets go of `init.signal` as soon as its request is over (the app's and the CLI's transports
   * do): lookups can then share one signal for their deadline (deadline.ts). Node's fetch does not.
   */
  readonly releasesSignals?: boolean;
};

export interface ClientOptions {
  apiKey: string;
  fetch: FetchLike;
  baseUrl?: string;
  timeoutMs?: number;
  /** Aborting it cancels the lookup; the outcome is then a `cancelled` error. */
  signal?: AbortSignal;
  /**
   * Told of each HTTP exchange made (the details drawer, the CLI's --verbose). It gets the exchange to build
   * when wanted (the key masked and redacted; built once): a lookup nobody inspects does not pay for it.
   */
  onExchange?: (exchange: LazyExchange) => void;
}

/** An exchange built on first call, then the same one. */
export type LazyExchange = () => Exchange;

/** The headers of a GET about one profile, the ID in its own header (object literals: a computed key makes a slower object). */
function headersOf(key: string, { idType, id }: LookupQuery): Record<string, string> {
  const authorization = `Api-Key ${key}`;
  return idType === 'profile_id'
    ? { Accept: 'application/json', Authorization: authorization, 'adapty-profile-id': id }
    : { Accept: 'application/json', Authorization: authorization, 'adapty-customer-user-id': id };
}

/** One endpoint of Adapty's about one profile: where it is, what its answer is called, and how its 2xx body is read. */
export interface ProfileEndpoint<T> {
  path: string;
  /** What the body holds, for messages: "the identifiers". */
  what: string;
  /** A promise only when the body is not the usual one (its schema is then loaded). */
  read(json: unknown): Result<T, ShapeProblem> | Promise<Result<T, ShapeProblem>>;
}

/** What a successful GET gives: the query as sent, the body as read, and the request ID. */
export interface Fetched<T> {
  query: LookupQuery;
  body: T;
  requestId: string | null;
}

const IDENTIFIERS: ProfileEndpoint<IdentifiersBody> = { path: IDENTIFIERS_PATH, what: 'the identifiers', read: readIdentifiersBody };

export async function lookupIdentifiers(query: LookupQuery, options: ClientOptions): Promise<LookupOutcome> {
  const outcome = await get(IDENTIFIERS, query, options);
  if (outcome.ok) {
    const { identifiers, extras, unreadable } = outcome.value.body;
    const result = { query: outcome.value.query, identifiers, extras, ...(unreadable.length > 0 ? { unreadable } : {}), requestId: outcome.value.requestId };
    return redactDeep(ok(result), secretsOf(options));
  }
  return redactDeep(outcome, secretsOf(options));
}

/**
 * One GET of an endpoint about the profile named by `query`, with every rule of the client: input checked
 * first, redirects only within the origin, the body capped, every failure a typed error, the key redacted.
 */
export async function getAboutProfile<T>(endpoint: ProfileEndpoint<T>, query: LookupQuery, options: ClientOptions): Promise<Result<Fetched<T>, LookupError>> {
  return redactDeep(await get(endpoint, query, options), secretsOf(options));
}

/** What is redacted from every outcome: the key as given, and as sent (trimmed). */
function secretsOf({ apiKey }: ClientOptions): string[] {
  return [apiKey, apiKey.trim()];
}

const lastKeyCheck = rememberLast(checkApiKey);

/** A base URL as the client uses it: where its paths go, and the origin redirects (and the key) must stay within. */
export interface BaseUrl {
  prefix: string;
  origin: string;
  host: string;
}

/**
 * A base URL checked and read, remembered for the last one: the client and the key's check of where it may
 * go (handlers/key-access.ts) read the same address for every lookup.
 */
export const readBaseUrl = rememberLast((raw: string): Result<BaseUrl, { message: string }> => {
  const checked = readBaseUrlParts(raw);
  if (!checked.ok) return checked;
  const { value, url } = checked.value;
  return ok({ prefix: value, origin: url.origin, host: url.host });
});

async function get<T>(endpoint: ProfileEndpoint<T>, query: LookupQuery, options: ClientOptions): Promise<Result<Fetched<T>, LookupError>> {
  const key = lastKeyCheck(options.apiKey);
  if (!key.ok) return fail(lookupError('invalid_input', key.error.message, { field: 'apiKey' }));
  const id = checkLookupId(query.idType, query.id);
  if (!id.ok) return fail(lookupError('invalid_input', id.error.message, { field: query.idType }));
  const base = readBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
  if (!base.ok) return fail(lookupError('invalid_input', base.error.message, { field: 'baseUrl' }));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    return fail(lookupError('invalid_input', `The timeout must be a positive number of milliseconds (got ${timeoutMs}).`, { field: 'timeoutMs' }));
  }
  const sent: LookupQuery = { idType: query.idType, id: id.value };
  if (options.signal?.aborted) return fail(lookupError('cancelled', 'The lookup was cancelled.'));
  const deadline = startDeadline(timeoutMs, options.signal);
  const interrupted = (): LookupError | null => {
    if (options.signal?.aborted) return lookupError('cancelled', 'The lookup was cancelled.');
    if (deadline.expired()) {
      return lookupError(
        'timeout',
        `Adapty did not answer within ${formatSeconds(timeoutMs)}. Try again; if it keeps happening, check your connection or raise the timeout.`,
      );
    }
    return null;
  };
  try {
    let answer: Answer;
    const url = `${base.value.prefix}${endpoint.path}`;
    const headers = headersOf(key.value, sent);
    // Timed only for someone who will look (the details drawer, --verbose).
    const started = options.onExchange ? performance.now() : 0;
    const tell = (outcome: { answer: Answer } | { error: LookupError; status: number | null }) => {
      if (!options.onExchange) return;
      const durationMs = performance.now() - started;
      let built: Exchange | null = null;
      options.onExchange(() => (built ??= exchangeOf(url, headers, key.value, durationMs, outcome)));
    };
    try {
      answer = await fetchAnswer(url, base.value.origin, { method: 'GET', headers, redirect: 'manual', signal: deadline.signalFor(options.fetch.releasesSignals === true) }, options.fetch);
    } catch (error) {
      const failure = interrupted() ?? fetchFailure(error, base.value.host);
      tell({ error: failure, status: error instanceof RedirectRefusedError ? error.status : null });
      return fail(failure);
    }
    tell({ answer });
    return readResponse(endpoint, sent, answer.response, answer.text);
  } finally {
    deadline.release();
  }
}

/**
 * What the details drawer and --verbose show of one exchange: the key masked in the request, redacted
 * everywhere, then cut to the sizes the window accepts (after redaction, which can lengthen a text). The
 * URL is the one that answered (after redirects within the origin); a refused redirect keeps its status.
 */
function exchangeOf(url: string, headers: Record<string, string>, key: string, durationMs: number, outcome: { answer: Answer } | { error: LookupError; status: number | null }): Exchange {
  const requestHeaders = Object.entries(headers).map(([name, value]): [string, string] => [name, name === 'Authorization' ? maskedAuthorization(key) : value]);
  const base = { method: 'GET' as const, requestHeaders, durationMs: Math.round(durationMs * 10) / 10 };
  if ('error' in outcome) {
    const shown = redactDeep({ ...base, url, statusText: '', error: outcome.error.message }, [key]);
    return { ...shown, url: clip(shown.url, MAX_EXCHANGE_TEXT), status: outcome.status, responseHeaders: [], body: null, bodyTruncated: false, error: clip(shown.error, MAX_MESSAGE_CHARS) };
  }
  const { response, text } = outcome.answer;
  const shown = redactDeep(
    { ...base, url: outcome.answer.url, statusText: response.statusText, responseHeaders: [...response.headers.entries()].slice(0, MAX_EXCHANGE_HEADERS), body: text },
    [key],
  );
  // What is shown is the first MAX_EXCHANGE_BODY_CHARS: that cut is what the details may decode, so it is the one screened.
  const body = decodedRedacted(shown.body.slice(0, MAX_EXCHANGE_BODY_CHARS), key);
  return {
    ...shown,
    url: clip(shown.url, MAX_EXCHANGE_TEXT),
    status: response.status,
    statusText: clip(shown.statusText, MAX_SHORT_CHARS),
    responseHeaders: shown.responseHeaders.map(([name, value]): [string, string] => [clip(name, MAX_SHORT_CHARS), clip(value, MAX_EXCHANGE_TEXT)]),
    body: body.slice(0, MAX_EXCHANGE_BODY_CHARS),
    bodyTruncated: shown.body.length > MAX_EXCHANGE_BODY_CHARS,
    error: null,
  };
}

/**
 * A body as the details may show it. They pretty-print JSON, which decodes its escapes: a key written
 * as \u0073\u0065… (wholly or in part) is in no form redaction looks for in the text, yet shows whole once
 * decoded. Such a body is given as its redacted JSON instead (only a body with a backslash can hide one).
 */
function decodedRedacted(body: string, key: string): string {
  if (!body.includes('\\')) return body;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return body;
  }
  const redacted = redactDeep(json, [key]);
  return redacted === json ? body : JSON.stringify(redacted);
}

/** Why no answer could be used, as a typed error: never an exception's own text. */
function fetchFailure(error: unknown, host: string): LookupError {
  if (error instanceof RedirectRefusedError) return lookupError('server_error', error.message, { status: error.status });
  if (error instanceof InvalidResponseError) {
    return lookupError('invalid_response', `The answer from ${host} could not be read: ${error.message}. Check the base URL; if it is right, try again later.`);
  }
  if (isOversizedHeaders(error)) {
    return lookupError('invalid_response', `The answer from ${host} could not be read: its headers are far larger than any real answer's. Check the base URL, or a proxy in between.`);
  }
  return lookupError('network', describeNetworkError(error, host));
}

/** The start of a body, quoted on one line, for an answer that is not Adapty's. */
function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line ? `it begins "${clip(line, LIMITS.bodyExcerptChars)}"` : 'an empty body';
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

function describeId(query: LookupQuery): string {
  const id = query.id.length > 80 ? clip(query.id, 78) : query.id;
  return `${query.idType === 'profile_id' ? 'profile ID' : 'customer user ID'} "${id}"`;
}

/** What an answer says: at once for the usual 2xx, after reading its body by schema otherwise. */
function readResponse<T>(
  endpoint: ProfileEndpoint<T>,
  query: LookupQuery,
  response: FetchResponse,
  text: string,
): Result<Fetched<T>, LookupError> | Promise<Result<Fetched<T>, LookupError>> {
  const header = response.headers.get('request-id') ?? response.headers.get('x-request-id');
  const requestId = header === null ? null : clip(header, MAX_SHORT_CHARS);
  const { status } = response;
  if (status < 200 || status >= 300) return readFailure(query, response, text, requestId);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const what = text.trim() === '' ? 'an empty body' : 'a body that is not JSON';
    return fail(lookupError('invalid_response', `Adapty answered ${status} with ${what}; ${endpoint.what} could not be read.`, { status, requestId }));
  }
  const fetched = (body: Result<T, ShapeProblem>): Result<Fetched<T>, LookupError> =>
    body.ok
      ? ok({ query, body: body.value, requestId })
      : fail(lookupError('invalid_response', `Adapty's answer has an unexpected shape: ${body.error.message}.`, { status, requestId, field: body.error.field }));
  const body = endpoint.read(json);
  return body instanceof Promise ? body.then(fetched) : fetched(body);
}

/** A non-2xx answer as a typed error, with what Adapty's error body says. */
async function readFailure(query: LookupQuery, response: FetchResponse, text: string, requestId: string | null): Promise<Result<never, LookupError>> {
  const { status } = response;
  const { errorCode, messages, fromAdapty } = await readErrorBody(text);
  const details = { status, errorCode, messages, requestId };
  if (status === 401) {
    return fail(lookupError('unauthorized', 'Adapty did not accept the API key. Use the secret key of this app (App settings → General → API keys).', details));
  }
  if (status === 403) {
    return fail(lookupError('unauthorized', 'Adapty refused this request for this key (403): the key may belong to another app or lack access to this feature.', details));
  }
  const gone = errorCode === 'profile_not_found' || errorCode === 'profile_does_not_exist';
  if ((status === 404 && fromAdapty) || (status === 400 && gone)) {
    const other = query.idType === 'profile_id' ? 'customer user ID' : 'profile ID';
    return fail(lookupError('not_found', `No profile with ${describeId(query)} in this app. Check the ID, or search by ${other} instead.`, details));
  }
  if (status === 404) {
    // A proxy's page, a wrong path in the base URL, a gateway's problem+json: not Adapty saying "no such profile".
    return fail(
      lookupError(
        'invalid_response',
        `The server answered 404 with something that is not Adapty's answer (${excerpt(text)}). Check the base URL: it should be Adapty's API address, such as https://api.adapty.io.`,
        details,
      ),
    );
  }
  if (status === 400) {
    return fail(lookupError('request_refused', 'Adapty refused the request as malformed (400). What Adapty says below names what it did not accept.', details));
  }
  if (status === 429) {
    const retryAfterMs = readRetryAfter(response.headers.get('retry-after'));
    const wait = retryAfterMs === null ? 'Wait a moment' : `Wait ${formatSeconds(Math.ceil(retryAfterMs / 1000) * 1000)}`;
    return fail(lookupError('rate_limited', `Adapty is limiting requests for this app (429). ${wait} and try again.`, { ...details, retryAfterMs }));
  }
  // The reason phrase is the server's: quoted as far as a short text goes, so the message fits the contract.
  const reason = response.statusText ? ` ${clip(response.statusText, MAX_SHORT_CHARS)}` : '';
  const advice = status >= 500 ? 'This is on Adapty\'s side (or a proxy in front of it); try again in a moment.' : 'The request was not accepted.';
  return fail(lookupError('server_error', `Adapty answered ${status}${reason}. ${advice}`, details));
}
