/**
 * The app's fetch over Electron's net.request, driven through the Electron
 * double's `net` (node:http underneath) against real servers on 127.0.0.1:
 * the local Adapty server, and a raw socket server that sends what no
 * well-behaved server would (a status of 600, a header value above U+00FF).
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createNetDouble } from '../../../e2e/electron-double/net';
import { lookupIdentifiers } from '../../../src/main/adapty/client';
import { createNetFetch } from '../../../src/main/electron/net-fetch';
import { SAMPLE_PROFILES } from '../../../src/main/local-adapty/profiles';
import { LOCAL_ADAPTY_KEY } from '../../../src/main/local-adapty/server';
import type { LookupQuery } from '../../../src/shared/lookup';
import { byCustomer, useLocalAdapty } from '../../helpers/local-adapty';

const local = useLocalAdapty({ slowMs: 3000 });

function lookupWith(baseUrl: string, query: LookupQuery, extra: { timeoutMs?: number; signal?: AbortSignal } = {}) {
  const net = createNetDouble();
  const outcome = lookupIdentifiers(query, { apiKey: LOCAL_ADAPTY_KEY, fetch: createNetFetch(net), baseUrl, timeoutMs: extra.timeoutMs ?? 10_000, signal: extra.signal });
  return { net, outcome };
}

/** Nothing may escape as an uncaught exception while a test runs. */
const uncaught: unknown[] = [];
const record = (error: unknown) => uncaught.push(error);
beforeAll(() => {
  process.on('uncaughtException', record);
});
afterAll(() => {
  process.off('uncaughtException', record);
});
afterEach(() => {
  expect(uncaught).toEqual([]);
});

describe('lookups through net.request', () => {
  it('finds a profile, and asks for no HTTP cache and no cookies', async () => {
    const { net, outcome } = lookupWith(local.server.url, byCustomer('documented-example'));
    const result = await outcome;
    expect(result.ok && result.value.identifiers.appsflyer_id).toBe(SAMPLE_PROFILES[0]?.body.appsflyer_id);
    expect(net.requests).toHaveLength(1);
    expect(net.requests[0]).toMatchObject({ cache: 'no-store', redirect: 'manual', useSessionCookies: false, method: 'GET' });
  });

  it('follows a same-origin redirect itself, through the redirect event', async () => {
    const { net, outcome } = lookupWith(local.server.url, byCustomer('scenario:redirect-same-origin'));
    expect((await outcome).ok).toBe(true);
    expect(net.requests).toHaveLength(2);
    expect(net.requests.every((request) => request.cache === 'no-store')).toBe(true);
  });

  it('reads error answers with their body and headers', async () => {
    const outcome = await lookupWith(local.server.url, byCustomer('scenario:rate-limited')).outcome;
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error).toMatchObject({ kind: 'rate_limited', status: 429 });
    expect(outcome.error.retryAfterMs).not.toBeNull();
  });

  it('reports a refused connection as a network error', async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((done) => closed.close(() => done()));
    const outcome = await lookupWith(`http://127.0.0.1:${port}`, byCustomer('anyone')).outcome;
    expect(outcome.ok || outcome.error).toMatchObject({ kind: 'network', message: expect.stringContaining('ERR_CONNECTION_REFUSED') });
  });

  it('cancels a slow lookup at once when asked', async () => {
    const controller = new AbortController();
    const { outcome } = lookupWith(local.server.url, byCustomer('scenario:slow'), { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const result = await outcome;
    expect(result.ok || result.error.kind).toBe('cancelled');
  });
});

describe('answers that cannot become a Response reject the lookup, never an uncaught exception', () => {
  let server: Server;
  let url: string;
  /** What the raw server answers next: the status line and extra header lines. */
  let answer = { status: '200 OK', headers: [] as Buffer[] };
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    server = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.once('data', () => {
        const body = Buffer.from('{}');
        socket.end(
          Buffer.concat([
            Buffer.from(`HTTP/1.1 ${answer.status}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n`),
            ...answer.headers.map((line) => Buffer.concat([line, Buffer.from('\r\n')])),
            Buffer.from('\r\n'),
            body,
          ]),
        );
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((done) => server.close(() => done()));
  });

  it('a header value above U+00FF (UTF-8 on the wire, as Chromium reads it)', async () => {
    answer = { status: '200 OK', headers: [Buffer.from('X-Note: 名前', 'utf8')] };
    const outcome = await lookupWith(url, byCustomer('anyone'), { timeoutMs: 8000 }).outcome;
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.kind).toBe('invalid_response');
    expect(outcome.error.message).toContain('x-note');
  });

  it.each(['600 Beyond', '999 Nonsense'])('a status of %s', async (status) => {
    answer = { status, headers: [] };
    const outcome = await lookupWith(url, byCustomer('anyone'), { timeoutMs: 8000 }).outcome;
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.kind).toBe('invalid_response');
    expect(outcome.error.message).toContain(`status ${status.slice(0, 3)}, outside 200–599`);
  });

  it('a redirect whose header cannot be read', async () => {
    answer = { status: '302 Found', headers: [Buffer.from('Location: /elsewhere'), Buffer.from('X-Why: ☃', 'utf8')] };
    const outcome = await lookupWith(url, byCustomer('anyone'), { timeoutMs: 8000 }).outcome;
    expect(outcome.ok || outcome.error.kind).toBe('invalid_response');
  });
});
