/**
 * The CLI's transport: the client's fetch over node:http and node:https. Node's own fetch costs about
 * 0.1 s to load (undici), longer than a whole lookup on a near server; this one loads in a few ms.
 * It does what the client asks of a fetch and no more: one request, redirects not followed (the client
 * follows them itself, within the origin), the body read chunk by chunk, an abort that ends both.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import type { Readable } from 'node:stream';
import type { BodyChunk, FetchLike, FetchResponse, ResponseBody } from '../main/adapty/client';
import { InvalidResponseError } from '../main/adapty/fetch-errors';
import { rememberLast } from '../shared/remember-last';

/**
 * Response headers as the client reads them: by name in any case; repeated ones joined as node joins them
 * (as fetch does, but for a few that node keeps the first of, such as Location and Retry-After).
 * Read from node's own object (lower-cased names) when asked, own names only: a lookup asks for two or three.
 */
class AnswerHeaders {
  constructor(private readonly raw: IncomingMessage['headers']) {}
  get(name: string): string | null {
    const key = name.toLowerCase();
    const value = Object.hasOwn(this.raw, key) ? this.raw[key] : undefined;
    return value === undefined ? null : joined(value);
  }
  has(name: string): boolean {
    return this.get(name) !== null;
  }
  *entries(): IterableIterator<[string, string]> {
    for (const [name, value] of Object.entries(this.raw)) if (value !== undefined) yield [name, joined(value)];
  }
}

/** A header's value as fetch gives it: repeated ones joined. */
const joined = (value: string | string[]) => (Array.isArray(value) ? value.join(', ') : value);

/** Chunks read ahead of the client at most; then the socket waits (the client reads on, or stops at its cap). */
const READ_AHEAD = 4;

/** The failure of an answer whose connection closed before its end, as undici names it. */
const closedEarly = () => Object.assign(new Error('The connection closed before the whole answer arrived.'), { code: 'ECONNRESET' });

/** A body sent compressed although not asked for so (a proxy may): decoded as fetch would decode it. */
function decoded(incoming: IncomingMessage): Readable {
  const encoding = String(incoming.headers['content-encoding'] ?? '').trim().toLowerCase();
  if (encoding === '' || encoding === 'identity') return incoming;
  // node:zlib only for a compressed answer (the CLI asks for none): a lookup starts without it.
  const { createBrotliDecompress, createGunzip, createInflate } = process.getBuiltinModule('node:zlib');
  const decoder = encoding === 'gzip' || encoding === 'x-gzip' ? createGunzip() : encoding === 'deflate' ? createInflate() : encoding === 'br' ? createBrotliDecompress() : null;
  if (!decoder) return incoming;
  incoming.on('error', (error) => decoder.destroy(error));
  // A connection that closes mid-answer ends the decoded body with the same error as an undecoded one.
  incoming.on('close', () => {
    if (!incoming.complete) decoder.destroy(closedEarly());
  });
  // The client stopping the decoded body (at its cap, say) stops the answer under it too.
  decoder.on('close', () => incoming.destroy());
  return incoming.pipe(decoder);
}

/**
 * A body read as the client reads one (getReader, read, cancel), straight from the socket's chunks: a web
 * stream around it costs more than the whole rest of a lookup on a near server.
 */
function bodyOf(incoming: Readable): ResponseBody {
  const queue: Buffer[] = [];
  let ended = false;
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  const tell = () => {
    const waiting = wake;
    wake = null;
    waiting?.();
  };
  incoming.on('data', (chunk: Buffer) => {
    queue.push(chunk);
    if (queue.length >= READ_AHEAD) incoming.pause();
    tell();
  });
  incoming.on('end', () => {
    ended = true;
    tell();
  });
  incoming.on('error', (error) => {
    failure ??= error;
    tell();
  });
  incoming.on('close', () => {
    // Closed before its end: the connection dropped mid-answer.
    if (!ended) failure ??= closedEarly();
    tell();
  });
  const cancel = async () => {
    incoming.destroy();
  };
  const read = async (): Promise<BodyChunk> => {
    for (;;) {
      const chunk = queue.shift();
      if (chunk) {
        if (queue.length === 0) incoming.resume();
        return { done: false, value: chunk };
      }
      if (failure) throw failure;
      if (ended) return { done: true, value: undefined };
      await new Promise<void>((resolve) => (wake = resolve));
    }
  };
  return { getReader: () => ({ read, cancel }), cancel };
}

/** Every lookup asks the same address (a batch, thousands of times): read once. request() does not change it. */
const addressOf = rememberLast((url: string) => new URL(url));

const abortError = (signal: AbortSignal) => signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');

export function createHttpFetch(): FetchLike {
  // Connections are kept for the next request (a batch makes many); idle ones do not hold the process open.
  const http = new HttpAgent({ keepAlive: true });
  let https: Promise<{ agent: HttpsAgent; request: typeof import('node:https').request }> | null = null;
  // node:https (and TLS) only for an https address, loaded once: a local server needs neither.
  const agentFor = (protocol: string) => {
    if (protocol !== 'https:') return { agent: http, request: httpRequest };
    https ??= import('node:https').then((module) => ({ agent: new module.Agent({ keepAlive: true }), request: module.request }));
    return https;
  };

  const fetchOver = async (url: string, init: RequestInit): Promise<FetchResponse> => {
    const target = addressOf(url);
    const { agent, request } = await agentFor(target.protocol);
    const signal = init.signal ?? null;
    if (signal?.aborted) throw abortError(signal);
    return new Promise<FetchResponse>((resolve, reject) => {
      // Uncompressed, please (an answer is a few KB); one compressed anyway is decoded below.
      const headers = { 'accept-encoding': 'identity', ...(init.headers as Record<string, string> | undefined) };
      const req = request(target, { method: init.method ?? 'GET', headers, agent });
      let body: IncomingMessage | null = null;
      const onAbort = () => {
        const error = abortError(signal as AbortSignal);
        req.destroy(error);
        body?.destroy(error);
        reject(error);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => signal?.removeEventListener('abort', onAbort);
      req.on('error', (error) => {
        done();
        // As undici does: the cause carries the code (ECONNREFUSED, HPE_HEADER_OVERFLOW, …).
        reject(new TypeError('fetch failed', { cause: error }));
      });
      req.on('response', (incoming) => {
        const status = incoming.statusCode ?? 0;
        if (status < 200 || status > 599) {
          req.destroy();
          done();
          reject(new InvalidResponseError(`it has the status ${status}, which HTTP does not allow`));
          return;
        }
        const empty = [204, 205, 304].includes(status) || init.method === 'HEAD';
        body = incoming;
        incoming.once('close', done);
        if (empty) incoming.resume();
        resolve({
          status,
          statusText: incoming.statusMessage ?? '',
          headers: new AnswerHeaders(incoming.headers),
          body: empty ? null : bodyOf(decoded(incoming)),
        });
      });
      req.end();
    });
  };
  // Each request lets go of its signal once over (on error, or when its answer closes).
  return Object.assign(fetchOver, { releasesSignals: true });
}
