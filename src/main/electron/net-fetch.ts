/**
 * The fetch the app hands to the Adapty client: Chromium's network stack
 * (system proxy and certificates) through net.request. Unlike net.fetch, a
 * redirect comes back as its 3xx response with Location, so the client itself
 * decides whether to follow and never sends the key to another origin
 * (net.fetch with redirect: 'manual' fails the request instead).
 *
 * Lookups never touch the HTTP cache: every lookup goes to the same URL and
 * the user's ID travels in a header, so a cached answer could show one
 * user's identifiers for another.
 *
 * Nothing here throws from an event listener: an answer that cannot become a
 * Response (a header value above U+00FF, a status outside 200–599) rejects
 * the promise with an InvalidResponseError at once, instead of an uncaught
 * exception that leaves the lookup waiting for its timeout.
 *
 * `net` is passed in (electron's in the app, a double over node:http in
 * tests), so this file needs electron's types only.
 */
import type { ClientRequest, IncomingMessage, Net } from 'electron';
import type { FetchLike } from '../adapty/client';
import { InvalidResponseError } from '../adapty/fetch-errors';

type Headers_ = Record<string, string | string[]>;

/** Response headers as fetch's Headers; a value that cannot be one throws InvalidResponseError. */
function toHeaders(raw: Headers_): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    try {
      headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    } catch {
      throw new InvalidResponseError(`the server sent a header (${name.slice(0, 40)}) whose value is not valid in HTTP`);
    }
  }
  return headers;
}

function checkStatus(status: number): void {
  if (!Number.isInteger(status) || status < 200 || status > 599) {
    throw new InvalidResponseError(`the server answered with status ${status}, outside 200–599`);
  }
}

/**
 * The response body as a web stream, from IncomingMessage's documented events; `stop` ends it early.
 * When the reader cancels (the client stops reading at its cap), `onCancel` aborts the request and
 * later events are ignored.
 */
function bodyOf(
  response: IncomingMessage,
  onFinished: () => void,
  onCancel: () => void,
): { stream: ReadableStream<Uint8Array>; stop: (error: unknown) => void } {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let open = true;
  const finish = (error?: unknown) => {
    if (!open) return;
    open = false;
    onFinished();
    if (error === undefined) controller.close();
    else controller.error(error);
  };
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      response.on('data', (chunk) => {
        if (open) controller.enqueue(new Uint8Array(chunk));
      });
      response.on('end', () => finish());
      response.on('error', (error) => finish(error));
      response.on('aborted', () => finish(Object.assign(new Error('The response was aborted.'), { code: 'ERR_CONNECTION_CLOSED' })));
    },
    cancel() {
      if (!open) return;
      open = false;
      onFinished();
      onCancel();
    },
  });
  return { stream, stop: finish };
}

export function createNetFetch(net: Pick<Net, 'request'>): FetchLike {
  const fetchOver = (url: string, init: RequestInit) =>
    new Promise<Response>((resolve, reject) => {
      const signal = init.signal ?? undefined;
      const aborted = () => signal?.reason ?? new DOMException('The operation was aborted.', 'AbortError');
      if (signal?.aborted) {
        reject(aborted());
        return;
      }
      let request: ClientRequest;
      let settled = false;
      /** Set while a body is being read: an abort then ends the body, not the (settled) promise. */
      let stopBody: ((error: unknown) => void) | null = null;
      const release = () => signal?.removeEventListener('abort', onAbort);
      function onAbort() {
        request.abort();
        stopBody?.(aborted());
        fail(aborted());
      }
      /** Rejects once; later events are ignored. */
      function fail(error: unknown): void {
        if (settled) return;
        settled = true;
        release();
        reject(error);
      }
      /** Runs a listener's work; anything it throws rejects the lookup as an unreadable answer instead of escaping. */
      const guarded = (work: () => void) => {
        try {
          work();
        } catch (error) {
          request.abort();
          fail(error instanceof InvalidResponseError ? error : new InvalidResponseError('the answer could not be read'));
        }
      };

      try {
        request = net.request({ url, method: init.method ?? 'GET', redirect: 'manual', cache: 'no-store', useSessionCookies: false });
        new Headers(init.headers).forEach((value, name) => request.setHeader(name, value));
      } catch (error) {
        reject(error);
        return;
      }
      signal?.addEventListener('abort', onAbort, { once: true });

      request.on('redirect', (statusCode, _method, redirectUrl, responseHeaders) =>
        guarded(() => {
          request.abort();
          checkStatus(statusCode);
          const headers = toHeaders(responseHeaders);
          headers.set('location', redirectUrl);
          const response = new Response(null, { status: statusCode, headers });
          if (settled) return;
          settled = true;
          release();
          resolve(response);
        }),
      );
      request.on('response', (incoming) =>
        guarded(() => {
          checkStatus(incoming.statusCode);
          const headers = toHeaders(incoming.headers);
          const empty = [204, 205, 304].includes(incoming.statusCode);
          const body = empty ? null : bodyOf(incoming, release, () => request.abort());
          const response = new Response(body?.stream ?? null, { status: incoming.statusCode, statusText: incoming.statusMessage, headers });
          if (settled) return;
          settled = true;
          if (body) stopBody = body.stop;
          else release();
          resolve(response);
        }),
      );
      request.on('error', (error) => {
        stopBody?.(error);
        fail(error);
      });
      request.end();
    });
  // Each request lets go of its signal once over: on error, on a redirect, or when its body ends or is cancelled.
  return Object.assign(fetchOver, { releasesSignals: true });
}
