import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IDENTIFIERS_PATH, lookupIdentifiers, type ClientOptions, type FetchLike } from '../../../src/main/adapty/client';
import { lookupProfile, PROFILE_PATH } from '../../../src/main/adapty/profile';
import { REDACTED } from '../../../src/main/adapty/redact';
import { SAMPLE_PROFILES, type SampleProfile } from '../../../src/main/local-adapty/profiles';
import { byChoice } from '../../../src/shared/auto';
import { curlCommand, KEY_MASK, MAX_EXCHANGE_BODY_CHARS, type Exchange } from '../../../src/shared/exchange';
import { exchangeSchema } from '../../../src/shared/exchange-schema';
import type { LookupQuery } from '../../../src/shared/lookup';
import { byCustomer, byProfile, useLocalAdapty } from '../../helpers/local-adapty';
import { errorOf, valueOf } from '../../helpers/test-app';

// Shaped like a real secret key so a leak would show; it opens nothing.
const KEY = 'secret_live_ExchangeClient.Aa1Bb2Cc3D';
const MASKED = `Api-Key ${KEY_MASK}Cc3D`;
const [, allSet, , , uuidUser] = SAMPLE_PROFILES as [SampleProfile, SampleProfile, SampleProfile, SampleProfile, SampleProfile];

/** An ID with everything a shell would change if the curl command quoted it wrongly. */
const NASTY_ID = `it's "$HOME" \\ x`;

const nodeFetch: FetchLike = (url, init) => fetch(url, init);

/** The key, or any 12-character run of it (what redaction removes), nowhere in the exchange. */
function expectNoKey(exchange: Exchange): void {
  const text = JSON.stringify(exchange);
  for (let i = 0; i + 12 <= KEY.length; i++) expect(text).not.toContain(KEY.slice(i, i + 12));
}

/** Runs one call with onExchange and gives the outcome and every exchange reported, each checked against the schema. */
async function captured<T>(call: (options: ClientOptions) => Promise<T>, options: Partial<ClientOptions> = {}) {
  const exchanges: Exchange[] = [];
  const outcome = await call({ apiKey: KEY, fetch: nodeFetch, onExchange: (exchange) => exchanges.push(exchange()), ...options });
  for (const exchange of exchanges) {
    expect(exchangeSchema.parse(exchange)).toEqual(exchange);
    expectNoKey(exchange);
  }
  return { outcome, exchanges };
}

const header = (headers: Exchange['responseHeaders'], name: string) => headers.find(([n]) => n.toLowerCase() === name)?.[1];

describe('onExchange, over real HTTP to the local Adapty', () => {
  const local = useLocalAdapty({ apiKeys: [KEY], slowMs: 5000 });
  const identifiers = (query: LookupQuery, options: Partial<ClientOptions> = {}) =>
    captured((o) => lookupIdentifiers(query, o), { baseUrl: local.server.url, ...options });

  it('reports a found lookup once: the request with the key masked, 200, the time, the headers and the raw body', async () => {
    const { outcome, exchanges } = await identifiers(byCustomer('all-set'));
    const result = valueOf(outcome);
    expect(exchanges).toHaveLength(1);
    const [exchange] = exchanges as [Exchange];
    expect(exchange.method).toBe('GET');
    expect(exchange.url).toBe(`${local.server.url}${IDENTIFIERS_PATH}`);
    expect(exchange.requestHeaders).toEqual([
      ['Accept', 'application/json'],
      ['Authorization', MASKED],
      ['adapty-customer-user-id', 'all-set'],
    ]);
    expect(exchange.status).toBe(200);
    expect(exchange.statusText).toBe('OK');
    expect(Number.isFinite(exchange.durationMs)).toBe(true);
    expect(exchange.durationMs).toBeGreaterThanOrEqual(0);
    expect(header(exchange.responseHeaders, 'content-type')).toBe('application/json');
    expect(header(exchange.responseHeaders, 'request-id')).toBe(result.requestId);
    expect(JSON.parse(exchange.body ?? 'null')).toEqual(allSet.body);
    expect(exchange.bodyTruncated).toBe(false);
    expect(exchange.error).toBeNull();
  });

  it('reports a 404 as it came: status, Adapty\'s error body, no error of its own', async () => {
    const { outcome, exchanges } = await identifiers(byCustomer('nobody'));
    expect(errorOf(outcome).kind).toBe('not_found');
    expect(exchanges).toHaveLength(1);
    const [exchange] = exchanges as [Exchange];
    expect(exchange).toMatchObject({ status: 404, statusText: 'Not Found', error: null, bodyTruncated: false });
    expect(exchange.requestHeaders).toContainEqual(['adapty-customer-user-id', 'nobody']);
    expect(JSON.parse(exchange.body ?? 'null')).toMatchObject({ error_code: 'profile_not_found', status_code: 404 });
  });

  it('reports a dropped connection as no answer: status null, the error, no headers, no body', async () => {
    const { outcome, exchanges } = await identifiers(byCustomer('scenario:drop'));
    const error = errorOf(outcome);
    expect(error.kind).toBe('network');
    expect(exchanges).toHaveLength(1);
    const [exchange] = exchanges as [Exchange];
    expect(exchange).toMatchObject({ status: null, statusText: '', responseHeaders: [], body: null, bodyTruncated: false, error: error.message });
    expect(exchange.error).toMatch(/dropped/);
    expect(exchange.requestHeaders).toContainEqual(['Authorization', MASKED]);
  });

  it('reports a timeout and a cancel as no answer, with the lookup\'s own message', async () => {
    const slow = await identifiers(byCustomer('scenario:slow:5000'), { timeoutMs: 200 });
    expect(errorOf(slow.outcome).kind).toBe('timeout');
    expect(slow.exchanges).toEqual([expect.objectContaining({ status: null, body: null, error: errorOf(slow.outcome).message })]);
    expect(slow.exchanges[0]?.error).toMatch(/did not answer within/);

    const cancel = new AbortController();
    setTimeout(() => cancel.abort(), 100);
    const cancelled = await identifiers(byCustomer('scenario:slow:5000'), { signal: cancel.signal });
    expect(errorOf(cancelled.outcome).kind).toBe('cancelled');
    expect(cancelled.exchanges).toEqual([expect.objectContaining({ status: null, body: null, error: 'The lookup was cancelled.' })]);
  });

  it('reports nothing when nothing was sent (input refused before any request)', async () => {
    const before = local.server.requests.length;
    for (const [query, options] of [
      [byCustomer('   '), {}],
      [byProfile('not-a-uuid'), {}],
      [byCustomer('all-set'), { apiKey: 'has a space' }],
      [byCustomer('all-set'), { baseUrl: 'ftp://example.com' }],
    ] as const) {
      const { outcome, exchanges } = await identifiers(query, options);
      expect(errorOf(outcome).kind).toBe('invalid_input');
      expect(exchanges).toEqual([]);
    }
    expect(local.server.requests.length).toBe(before);
  });

  it('reports the profile endpoint through lookupProfile, by profile ID (as sent: lower-cased)', async () => {
    const { outcome, exchanges } = await captured((o) => lookupProfile(byProfile(allSet.profileId.toUpperCase()), o), { baseUrl: local.server.url });
    valueOf(outcome);
    expect(exchanges).toHaveLength(1);
    const [exchange] = exchanges as [Exchange];
    expect(exchange.url).toBe(`${local.server.url}${PROFILE_PATH}`);
    expect(exchange.requestHeaders).toEqual([
      ['Accept', 'application/json'],
      ['Authorization', MASKED],
      ['adapty-profile-id', allSet.profileId],
    ]);
    expect(exchange.status).toBe(200);
    expect(JSON.parse(exchange.body ?? 'null')).toMatchObject({ data: { profile_id: allSet.profileId, customer_user_id: 'all-set' } });
  });

  it('under Auto, reports each try: a UUID as a profile ID (404), then as a customer user ID (200)', async () => {
    const { outcome, exchanges } = await captured(
      (o) => byChoice({ idType: 'auto', id: uuidUser.customerUserId }, (query) => lookupIdentifiers(query, o)),
      { baseUrl: local.server.url },
    );
    expect(valueOf(outcome).tried).toEqual(['profile_id', 'customer_user_id']);
    expect(exchanges.map((e) => [e.status, e.requestHeaders[2]])).toEqual([
      [404, ['adapty-profile-id', uuidUser.customerUserId]],
      [200, ['adapty-customer-user-id', uuidUser.customerUserId]],
    ]);
  });

  it('names the address that answered after a redirect within the origin, so its curl gets the same answer', async () => {
    const { exchanges } = await identifiers(byCustomer('scenario:redirect-same-origin'));
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]).toMatchObject({ url: `${local.server.url}${IDENTIFIERS_PATH}?redirected=1`, status: 200 });
  });

  it('keeps the status of a redirect it refused (a loop), rather than saying no answer came', async () => {
    const { exchanges } = await identifiers(byCustomer('scenario:redirect-loop'));
    expect(exchanges[0]).toMatchObject({ status: 307, body: null, error: expect.stringContaining('redirected more than') });
  });

  it('redacts the key a server echoes in its body (scenario:echo-key), and a key given with whitespace around it', async () => {
    for (const apiKey of [KEY, `  ${KEY}\n`]) {
      const { outcome, exchanges } = await identifiers(byCustomer('scenario:echo-key'), { apiKey });
      expect(errorOf(outcome).status).toBe(400);
      expect(exchanges).toHaveLength(1);
      const [exchange] = exchanges as [Exchange];
      expect(exchange.status).toBe(400);
      expect(exchange.body).toContain(`Malformed header Authorization: Api-Key ${REDACTED}`);
      expect(exchange.body).not.toContain(KEY);
      expect(exchange.requestHeaders).toContainEqual(['Authorization', MASKED]);
    }
  });
});

describe('onExchange, with an answer no local server gives', () => {
  const answering = (response: () => Response): FetchLike => () => Promise.resolve(response());
  const identifiers = (fetch: FetchLike) => captured((o) => lookupIdentifiers(byCustomer('all-set'), o), { baseUrl: 'http://127.0.0.1:9', fetch });

  it('cuts a body at MAX_EXCHANGE_BODY_CHARS and says so', async () => {
    const big = `"${'x'.repeat(MAX_EXCHANGE_BODY_CHARS * 2)}"`;
    const { exchanges } = await identifiers(answering(() => new Response(big, { status: 500, headers: { 'content-type': 'application/json' } })));
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]?.body).toBe(big.slice(0, MAX_EXCHANGE_BODY_CHARS));
    expect(exchanges[0]?.bodyTruncated).toBe(true);
  });

  it('keeps a body of exactly MAX_EXCHANGE_BODY_CHARS whole', async () => {
    const exact = 'y'.repeat(MAX_EXCHANGE_BODY_CHARS);
    const { exchanges } = await identifiers(answering(() => new Response(exact, { status: 500 })));
    expect(exchanges[0]?.body).toBe(exact);
    expect(exchanges[0]?.bodyTruncated).toBe(false);
  });

  it('stays within its schema when redaction lengthens a body, and for a base URL whose percent-encoding is long', async () => {
    const shortKey = 'k1234';
    const exchanges: Exchange[] = [];
    await lookupIdentifiers(byCustomer('all-set'), {
      apiKey: shortKey,
      baseUrl: `http://127.0.0.1:9/${'%'.repeat(1000)}`,
      fetch: answering(() => new Response(shortKey.repeat(MAX_EXCHANGE_BODY_CHARS / 5), { status: 500 })),
      onExchange: (exchange) => exchanges.push(exchange()),
    });
    for (const exchange of exchanges) expect(exchangeSchema.safeParse(exchange).success).toBe(true);
  });

  it('redacts the key from response headers and the status text too', async () => {
    const { exchanges } = await identifiers(
      answering(() => new Response(`{"echo":"${KEY}"}`, { status: 401, statusText: `Bad key ${KEY}`, headers: { 'x-echo': `Api-Key ${KEY}`, 'x-upper': KEY.toUpperCase() } })),
    );
    const [exchange] = exchanges as [Exchange];
    expect(header(exchange.responseHeaders, 'x-echo')).toBe(`Api-Key ${REDACTED}`);
    expect(header(exchange.responseHeaders, 'x-upper')).toBe(REDACTED);
    expect(exchange.statusText).toBe(`Bad key ${REDACTED}`);
    expect(exchange.body).toBe(`{"echo":"${REDACTED}"}`);
  });

  it("redacts the key from a JSON body that writes it with JSON's escapes (the details show the body decoded, pretty-printed)", async () => {
    const escaped = [...KEY].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
    // Every sixth character escaped: no run of 12 of the key as it is, nor of any other form, is in the text.
    const partly = [...KEY].map((c, i) => (i % 6 === 5 ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c)).join('');
    for (const echo of [escaped, partly]) {
      const body = `{"errors":["bad key ${echo}"],"${echo}":1}`;
      const { outcome, exchanges } = await identifiers(answering(() => new Response(body, { status: 400, headers: { 'content-type': 'application/json' } })));
      expect(errorOf(outcome).messages).toEqual([`bad key ${REDACTED}`]);
      const [exchange] = exchanges as [Exchange];
      // What the details show: the body as JSON, decoded.
      expect(JSON.parse(exchange.body ?? 'null')).toEqual({ errors: [`bad key ${REDACTED}`], [REDACTED]: 1 });
    }
  });

  it('screens the part of a long body that is shown: JSON up to the cut, the key in escapes, whatever follows', async () => {
    const escaped = [...KEY].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
    const head = `{"echo":"${escaped}","pad":"`;
    const shownPart = `${head}${'p'.repeat(MAX_EXCHANGE_BODY_CHARS - head.length - 2)}"}`;
    // The whole body is not JSON (one byte more), but what the details show of it is.
    const { exchanges } = await identifiers(answering(() => new Response(`${shownPart}x`, { status: 500 })));
    const [exchange] = exchanges as [Exchange];
    expect(exchange.bodyTruncated).toBe(true);
    expect(exchange.body?.length).toBeLessThanOrEqual(MAX_EXCHANGE_BODY_CHARS);
    const decoded = JSON.parse(exchange.body ?? 'null') as { echo: string };
    expect(decoded.echo).toBe(REDACTED);
    expect(JSON.stringify(decoded)).not.toContain(KEY.slice(0, 12));
  });
});

describe('the exchange as a curl command, run by the real curl against the local Adapty', () => {
  const local = useLocalAdapty({ apiKeys: [KEY] });
  const hasCurl = existsSync('/usr/bin/curl');

  /** Runs a curl command as a person would paste it: /bin/sh, the key in ADAPTY_API_KEY, HOME set so a stray $HOME would show. */
  function pasted(command: string): Promise<{ code: number; stdout: string; stderr: string }> {
    const env = { PATH: process.env.PATH, HOME: '/home/EXPANDED-HOME', ADAPTY_API_KEY: KEY };
    return new Promise((done) => {
      execFile('/bin/sh', ['-c', command], { env, timeout: 10_000 }, (error, stdout, stderr) => {
        done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
      });
    });
  }

  /** The body of curl --include's output: what follows the blank line after the head. */
  const bodyOf = (output: string) => output.slice(output.indexOf('\r\n\r\n') + 4);

  async function exchangeOf(call: (options: ClientOptions) => Promise<unknown>): Promise<Exchange> {
    const { exchanges } = await captured(call, { baseUrl: local.server.url });
    expect(exchanges).toHaveLength(1);
    return exchanges[0] as Exchange;
  }

  it.skipIf(!hasCurl)('(needs /usr/bin/curl, skipped without it) sends an ID with quotes, $ and a backslash exactly as the app did, and gets the same 200', async () => {
    // The local Adapty answers "scenario:no-request-id:…" with the all-set profile (200), whatever follows the name.
    const id = `scenario:no-request-id:${NASTY_ID}`;
    const exchange = await exchangeOf((o) => lookupIdentifiers(byCustomer(id), o));
    expect(exchange.status).toBe(200);
    expect(local.server.requests.at(-1)?.customerUserId).toBe(id);
    const command = curlCommand(exchange);
    expect(command).not.toContain(KEY);

    const before = local.server.requests.length;
    const { code, stdout, stderr } = await pasted(command);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout.startsWith('HTTP/1.1 200')).toBe(true);
    expect(local.server.requests.slice(before)).toEqual([
      { method: 'GET', path: IDENTIFIERS_PATH, hasAuthorization: true, customerUserId: id, profileId: null },
    ]);
    expect(JSON.parse(bodyOf(stdout))).toEqual(JSON.parse(exchange.body ?? 'null'));
  });

  it.skipIf(!hasCurl)('(needs /usr/bin/curl, skipped without it) sends the nasty ID itself: the same 404 the app got, for exactly that ID', async () => {
    const exchange = await exchangeOf((o) => lookupIdentifiers(byCustomer(NASTY_ID), o));
    expect(exchange.status).toBe(404);
    const before = local.server.requests.length;
    const { code, stdout } = await pasted(curlCommand(exchange));
    expect(code).toBe(0);
    expect(stdout.startsWith('HTTP/1.1 404')).toBe(true);
    expect(local.server.requests.slice(before).map((r) => r.customerUserId)).toEqual([NASTY_ID]);
  });

  it.skipIf(!hasCurl)('(needs /usr/bin/curl, skipped without it) replays a profile lookup by profile ID with the key from the environment', async () => {
    const exchange = await exchangeOf((o) => lookupProfile(byProfile(allSet.profileId), o));
    const before = local.server.requests.length;
    const { code, stdout } = await pasted(curlCommand(exchange));
    expect(code).toBe(0);
    // 200, not 401: the server accepted the key the shell put in from $ADAPTY_API_KEY.
    expect(stdout.startsWith('HTTP/1.1 200')).toBe(true);
    expect(local.server.requests.slice(before)).toEqual([{ method: 'GET', path: PROFILE_PATH, hasAuthorization: true, customerUserId: null, profileId: allSet.profileId }]);
    expect(JSON.parse(bodyOf(stdout))).toMatchObject({ data: { profile_id: allSet.profileId } });
  });
});
