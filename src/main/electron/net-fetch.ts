/**
 * The fetch the app hands to the Adapty client: Chromium's network stack
 * (system proxy and certificates) through net.request. Unlike net.fetch, a
 * redirect comes back as its 3xx response with Location, so the client itself
 * decides whether to follow and never sends the key to another origin
 * (net.fetch with redirect: 'manual' fails the request instead).
 */
import { net } from 'electron';
import { Readable } from 'node:stream';
import type { FetchLike } from '../adapty/client';

function toHeaders(raw: Record<string, string | string[]>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  return headers;
}

export const electronFetch: FetchLike = (url, init) =>
  new Promise<Response>((resolve, reject) => {
    const signal = init.signal ?? undefined;
    const aborted = () => signal?.reason ?? new DOMException('The operation was aborted.', 'AbortError');
    if (signal?.aborted) {
      reject(aborted());
      return;
    }
    const request = net.request({ url, method: init.method ?? 'GET', redirect: 'manual' });
    new Headers(init.headers).forEach((value, name) => request.setHeader(name, value));
    const onAbort = () => {
      request.abort();
      reject(aborted());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => signal?.removeEventListener('abort', onAbort);

    request.on('redirect', (statusCode, _method, redirectUrl, responseHeaders) => {
      request.abort();
      done();
      const headers = toHeaders(responseHeaders);
      headers.set('location', redirectUrl);
      resolve(new Response(null, { status: statusCode, headers }));
    });
    request.on('response', (response) => {
      const body = [204, 205, 304].includes(response.statusCode)
        ? null
        : (Readable.toWeb(response as unknown as Readable) as unknown as ReadableStream<Uint8Array>);
      response.on('end', done);
      resolve(new Response(body, { status: response.statusCode, statusText: response.statusMessage, headers: toHeaders(response.headers) }));
    });
    request.on('error', (error) => {
      done();
      reject(error);
    });
    request.end();
  });
