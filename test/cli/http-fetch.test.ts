/** The CLI's transport where it differs from a fetch's plumbing: what it asks for, and a body compressed anyway. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpFetch } from '../../src/cli/http-fetch';
import { lookupIdentifiers } from '../../src/main/adapty/client';
import { LIMITS } from '../../src/main/adapty/limits';

const KEY = 'secret_live_HttpFetchTestKey.Aa1Bb2Cc3';
const BODY = JSON.stringify({ appsflyer_id: 'af-1', adjust_device_id: null });
const ENCODERS: Record<string, (data: Buffer) => Buffer> = { gzip: gzipSync, deflate: deflateSync, br: brotliCompressSync };

let server: Server;
let url: string;
const asked: string[] = [];
/** How the next answer is encoded, and its body. */
let next: { encoding: string; body: Buffer } = { encoding: 'gzip', body: Buffer.from(BODY) };

beforeAll(async () => {
  server = createServer((req, res) => {
    asked.push(String(req.headers['accept-encoding']));
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': next.encoding });
    res.end(ENCODERS[next.encoding]?.(next.body) ?? next.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const lookup = () => lookupIdentifiers({ idType: 'customer_user_id', id: 'someone' }, { apiKey: KEY, fetch: createHttpFetch(), baseUrl: url });

describe("the CLI's transport", () => {
  it('asks for an uncompressed answer', async () => {
    next = { encoding: 'identity', body: Buffer.from(BODY) };
    expect((await lookup()).ok).toBe(true);
    expect(asked.at(-1)).toBe('identity');
  });

  it.each(Object.keys(ENCODERS))('reads an answer compressed anyway (%s), as a fetch would', async (encoding) => {
    next = { encoding, body: Buffer.from(BODY) };
    const outcome = await lookup();
    expect(outcome.ok && outcome.value.identifiers.appsflyer_id).toBe('af-1');
  });

  it('stops a compressed answer that decodes past the cap, without reading it all', async () => {
    // A few KB on the wire, 64 MiB once decoded.
    next = { encoding: 'gzip', body: Buffer.alloc(64 * 1024 * 1024, 0x20) };
    const outcome = await lookup();
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error).toMatchObject({ kind: 'invalid_response' });
    expect(LIMITS.bodyBytes).toBeLessThan(64 * 1024 * 1024);
  });

  it('gives the headers as a fetch does: by name in any case, repeated ones joined, every one listed', async () => {
    const repeating = createServer((_req, res) => {
      res.setHeader('X-Repeated', ['a', 'b']);
      res.setHeader('Set-Cookie', ['c=1', 'd=2']);
      res.end('{}');
    });
    await new Promise<void>((resolve) => repeating.listen(0, '127.0.0.1', resolve));
    try {
      const response = await createHttpFetch()(`http://127.0.0.1:${(repeating.address() as AddressInfo).port}/`, {});
      await response.body?.cancel();
      expect(response.headers.get('X-REPEATED')).toBe('a, b');
      expect(response.headers.get('set-cookie')).toBe('c=1, d=2');
      expect(response.headers.has('Set-Cookie')).toBe(true);
      expect(response.headers.get('constructor')).toBeNull();
      expect(response.headers.has('toString')).toBe(false);
      expect([...response.headers.entries()]).toEqual(expect.arrayContaining([['x-repeated', 'a, b'], ['set-cookie', 'c=1, d=2']]));
    } finally {
      await new Promise<void>((resolve) => repeating.close(() => resolve()));
    }
  });
});
