/**
 * The client against a hostile server on 127.0.0.1, through each fetch the
 * client is given: Node's (tests), the app's over net.request (driven through
 * the Electron double's net) and the CLI's over node:http. Every answer becomes a typed
 * outcome, in bounded memory and time, and no form of the key comes back.
 * Time and memory bounds are generous: they separate "bounded" from
 * "buffered 2 GiB" or "hung until the timeout", not fast from slow.
 */
import { describe, expect, it } from 'vitest';
import { createNetDouble } from '../../../e2e/electron-double/net';
import { lookupIdentifiers, type FetchLike } from '../../../src/main/adapty/client';
import { LIMITS } from '../../../src/main/adapty/limits';
import { MAX_RETRY_AFTER_MS } from '../../../src/main/adapty/response';
import { createNetFetch } from '../../../src/main/electron/net-fetch';
import { createHttpFetch } from '../../../src/cli/http-fetch';
import { lookupOutcomeSchema } from '../../../src/shared/lookup';
import { endless, head, json, useHostileServer } from '../../helpers/hostile-server';
import { byCustomer } from '../../helpers/local-adapty';
import { errorOf } from '../../helpers/test-app';

const KEY = 'secret_live_H0stileServerKey.Qq1Ww2Ee3Rr4Tt5';
const MIB = 1024 * 1024;

const FETCHES: Array<[string, () => FetchLike]> = [
  ['Node fetch', () => (url, init) => fetch(url, init)],
  ['net.request', () => createNetFetch(createNetDouble())],
  ["the CLI's node:http", () => createHttpFetch()],
];

const server = useHostileServer();

/** One lookup, with the peak memory it took on top of what was in use before (sampled), and its time. */
async function measuredLookup(makeFetch: () => FetchLike, timeoutMs = 10_000) {
  const used = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const before = used();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, used())), 5);
  const started = performance.now();
  try {
    const outcome = await lookupIdentifiers(byCustomer('someone'), { apiKey: KEY, fetch: makeFetch(), baseUrl: server.url, timeoutMs });
    return { outcome, ms: performance.now() - started, extraMiB: (Math.max(peak, used()) - before) / MIB };
  } finally {
    clearInterval(sampler);
  }
}


describe.each(FETCHES)('through %s', (name, makeFetch) => {
  describe('bodies are read with a cap', () => {
    it('a Content-Length of 2 GiB is refused before any of it is read', async () => {
      server.answer = (socket) => {
        socket.write(head('200 OK', { 'Content-Type': 'application/json', 'Content-Length': String(2 * 1024 * MIB) }));
        socket.write('{"padding":"');
      };
      const { outcome, ms } = await measuredLookup(makeFetch);
      expect(errorOf(outcome)).toMatchObject({ kind: 'invalid_response' });
      expect(errorOf(outcome).message).toContain('2048.0 MiB by its Content-Length');
      expect(ms).toBeLessThan(5_000);
    });

    it.each(['200 OK', '500 Internal Server Error'])('an endless chunked body on %s stops at the cap, in bounded memory', async (status) => {
      server.answer = endless(status, Buffer.alloc(64 * 1024, 'x'));
      const { outcome, ms, extraMiB } = await measuredLookup(makeFetch);
      const error = errorOf(outcome);
      expect(error.kind).toBe('invalid_response');
      expect(error.message).toContain('more than the 1 MiB');
      expect(ms).toBeLessThan(5_000);
      expect(extraMiB).toBeLessThan(64);
    });

    it('a slow body ends at the timeout, not later', async () => {
      server.answer = async (socket) => {
        socket.write(head('200 OK', { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }));
        for (let i = 0; i < 100 && !socket.destroyed; i++) {
          socket.write('1\r\n \r\n');
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      };
      const { outcome, ms } = await measuredLookup(makeFetch, 1_000);
      expect(errorOf(outcome).kind).toBe('timeout');
      expect(ms).toBeLessThan(4_000);
    });
  });

  describe('what is shown is capped', () => {
    it('JSON nested 20,000 deep in an extra key is cut to a readable depth, and the outcome fits the IPC contract', async () => {
      const deep = `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`;
      server.answer = json('200 OK', `{"appsflyer_id":"af","deep":${deep}}`);
      const { outcome } = await measuredLookup(makeFetch);
      expect(outcome.ok).toBe(true);
      if (!outcome.ok) return;
      expect(outcome.value.identifiers.appsflyer_id).toBe('af');
      expect(JSON.stringify(outcome.value.extras)).toContain('nested too deep to show');
      expect(lookupOutcomeSchema.safeParse(outcome).success).toBe(true);
    });

    it('a 503 with a reason phrase of 1,950 characters: the message quotes it clipped, and the outcome fits the IPC contract', async () => {
      server.answer = json(`503 ${'r'.repeat(1_950)}`, '');
      const { outcome } = await measuredLookup(makeFetch);
      const error = errorOf(outcome);
      expect(error).toMatchObject({ kind: 'server_error', status: 503 });
      expect(error.message).toMatch(/^Adapty answered 503 r+…\. This is on Adapty's side/);
      expect(lookupOutcomeSchema.safeParse(outcome).success).toBe(true);
    });

    it('an array nested 2,000 deep in an error body is a typed error', async () => {
      server.answer = json('500 Internal Server Error', `{"errors":${'['.repeat(2_000)}${']'.repeat(2_000)}}`);
      const { outcome } = await measuredLookup(makeFetch);
      expect(errorOf(outcome)).toMatchObject({ kind: 'server_error', status: 500 });
    });

    it('100,000 extra keys and 5,000 long messages are cut to what a person can read', async () => {
      const extras = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, 'v'.repeat(20)]));
      server.answer = json('200 OK', { appsflyer_id: 'af', ...extras });
      const found = (await measuredLookup(makeFetch)).outcome;
      expect(found.ok && Object.keys(found.value.extras).length).toBeLessThanOrEqual(LIMITS.extrasNodes + 1);

      server.answer = json('422 Unprocessable Entity', { error_code: 'x', errors: Array.from({ length: 5_000 }, () => 'm'.repeat(150)) });
      const error = errorOf((await measuredLookup(makeFetch)).outcome);
      expect(error.messages).toHaveLength(LIMITS.messages + 1);
      expect(error.messages.at(-1)).toBe('…and 4990 more');
    });
  });

  describe('headers', () => {
    it('100 KB of headers is invalid_response, not a network problem', async () => {
      server.answer = (socket) => void socket.end(head('200 OK', { 'X-Padding': 'p'.repeat(100 * 1024), 'Content-Length': '2' }) + '{}');
      const error = errorOf((await measuredLookup(makeFetch)).outcome);
      expect(error.kind).toBe('invalid_response');
      expect(error.message).toContain('headers are far larger');
    });

    it('a 10 KB Request-Id is cut, and the result still fits the IPC contract', async () => {
      server.answer = json('200 OK', { appsflyer_id: 'af' }, { 'Request-Id': 'r'.repeat(10_000) });
      const { outcome } = await measuredLookup(makeFetch);
      expect(outcome.ok && outcome.value.requestId?.length).toBe(200);
      expect(lookupOutcomeSchema.safeParse(outcome).success).toBe(true);
    });

    it('a repeated Retry-After: the app\'s and the CLI\'s transports read the first alike; Node\'s fetch joins them, and no wait is known', async () => {
      const body = '{"error_code":"rate_limited","errors":["slow down"]}';
      server.answer = (socket) =>
        void socket.end(`HTTP/1.1 429 Too Many Requests\r\nRetry-After: 1\r\nRetry-After: 120\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`);
      const error = errorOf((await measuredLookup(makeFetch)).outcome);
      // The double keeps node:http's first, as Electron's net does (its IncomingMessage takes values[0] of retry-after).
      expect(error).toMatchObject(name === 'Node fetch' ? { retryAfterMs: null, message: expect.stringContaining('Wait a moment') } : { retryAfterMs: 1000, message: expect.stringContaining('Wait 1 s') });
    });

    it.each([
      ['1000000000', MAX_RETRY_AFTER_MS],
      ['9'.repeat(400), MAX_RETRY_AFTER_MS],
      ['Fri, 31 Dec 999999 23:59:59 GMT', null],
      ['soon', null],
    ])('Retry-After: %s waits at most an hour', async (value, expected) => {
      server.answer = json('429 Too Many Requests', { error_code: 'rate_limited', errors: ['slow down'] }, { 'Retry-After': value });
      const error = errorOf((await measuredLookup(makeFetch)).outcome);
      expect(error).toMatchObject({ kind: 'rate_limited', retryAfterMs: expected });
      expect(error.message).not.toContain('Infinity');
    });
  });

  describe('redirects stay on the base URL\'s origin', () => {
    it.each([
      ['a data: URL', 'data:application/json,{"appsflyer_id":"from-data"}', '"data:" address'],
      ['a javascript: URL', 'javascript:alert(1)', '"javascript:" address'],
      ['another host', 'http://elsewhere.invalid/api', 'redirect to http://elsewhere.invalid/api'],
      ['a protocol-relative URL', '//elsewhere.invalid/x', 'redirect to http://elsewhere.invalid/x'],
      ['another scheme on the same host', 'https://127.0.0.1/api', 'redirect to https://127.0.0.1/api'],
    ])('%s is refused, naming where it pointed, and nothing more is sent', async (_what, location, says) => {
      server.reset();
      server.answer = json('302 Found', {}, { Location: location });
      const error = errorOf((await measuredLookup(makeFetch)).outcome);
      expect(error).toMatchObject({ kind: 'server_error', status: 302 });
      expect(error.message).toContain(says);
      expect(server.connections).toBe(1);
    });
  });

  describe('echoes of the key', () => {
    const bytes = Buffer.from(KEY);
    const echoes: Array<[string, string]> = [
      ['exact', KEY],
      ['truncated', KEY.slice(0, 20)],
      ['from the middle', KEY.slice(7, 25)],
      ['upper case', KEY.toUpperCase()],
      ['base64', bytes.toString('base64')],
      ['base64url', bytes.toString('base64url')],
      ['hex', bytes.toString('hex')],
      ['hex upper case', bytes.toString('hex').toUpperCase()],
      ['URL-encoded', encodeURIComponent(KEY)],
    ];

    it.each(echoes)('%s, in a message, an error code and an extra key, is not in the outcome', async (_form, echo) => {
      server.answer = json('400 Bad Request', { error_code: `bad_${echo}`, errors: [`Authorization: Api-Key ${echo} was malformed`] });
      const refused = JSON.stringify(errorOf((await measuredLookup(makeFetch)).outcome));
      server.answer = json('200 OK', { appsflyer_id: 'af', [`echo_${echo}`]: echo });
      const found = JSON.stringify((await measuredLookup(makeFetch)).outcome);
      for (const text of [refused, found]) {
        const folded = text.toLowerCase();
        for (let i = 0; i + 12 <= echo.length; i++) expect(folded).not.toContain(echo.slice(i, i + 12).toLowerCase());
      }
      expect(refused).toContain('[redacted]');
    });
  });
});
