/**
 * Electron's `net.request`, over node:http/https, for running the built main
 * process without Electron. It behaves as Electron's ClientRequest does where
 * the app relies on it: `redirect: 'manual'` emits 'redirect' and waits,
 * 'response' gives an IncomingMessage with lower-case headers whose bytes are
 * read as UTF-8 (as Chromium's are), failures are Errors whose message is
 * Chromium's `net::ERR_…` code. Every request's options are recorded, so a
 * test can check what the app asked for (the cache mode, for one).
 */
import type { ClientRequest, ClientRequestConstructorOptions, IncomingMessage, Net } from 'electron';
import { EventEmitter } from 'node:events';
import { request as httpRequest, type ClientRequest as NodeRequest, type IncomingHttpHeaders, type IncomingMessage as NodeResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** Node's error codes as the Chromium errors Electron reports. */
const CHROMIUM_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'ERR_CONNECTION_REFUSED',
  ECONNRESET: 'ERR_CONNECTION_RESET',
  EPIPE: 'ERR_CONNECTION_RESET',
  ENOTFOUND: 'ERR_NAME_NOT_RESOLVED',
  EAI_AGAIN: 'ERR_NAME_NOT_RESOLVED',
  ENETUNREACH: 'ERR_ADDRESS_UNREACHABLE',
  EHOSTUNREACH: 'ERR_ADDRESS_UNREACHABLE',
  HPE_INVALID_CONSTANT: 'ERR_INVALID_HTTP_RESPONSE',
  HPE_INVALID_STATUS: 'ERR_INVALID_HTTP_RESPONSE',
  HPE_HEADER_OVERFLOW: 'ERR_RESPONSE_HEADERS_TOO_BIG',
};

function chromiumError(error: NodeJS.ErrnoException): Error {
  const code = (error.code && CHROMIUM_ERRORS[error.code]) ?? (error.message === 'socket hang up' ? 'ERR_EMPTY_RESPONSE' : 'ERR_FAILED');
  return new Error(`net::${code}`);
}

/** Header values as Chromium hands them to Electron: the raw bytes read as UTF-8. */
function utf8Headers(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const decode = (value: string) => Buffer.from(value, 'latin1').toString('utf8');
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.map(decode) : decode(value);
  }
  return out;
}

class IncomingMessageDouble
  extends EventEmitter
  implements Pick<IncomingMessage, 'statusCode' | 'statusMessage' | 'headers' | 'rawHeaders' | 'httpVersion' | 'httpVersionMajor' | 'httpVersionMinor'>
{
  readonly statusCode: number;
  readonly statusMessage: string;
  readonly headers: Record<string, string | string[]>;
  readonly rawHeaders: string[];
  readonly httpVersion: string;
  readonly httpVersionMajor: number;
  readonly httpVersionMinor: number;

  constructor(response: NodeResponse) {
    super();
    this.statusCode = response.statusCode ?? 0;
    this.statusMessage = response.statusMessage ?? '';
    this.headers = utf8Headers(response.headers);
    this.rawHeaders = response.rawHeaders;
    this.httpVersion = response.httpVersion;
    this.httpVersionMajor = response.httpVersionMajor;
    this.httpVersionMinor = response.httpVersionMinor;
    response.on('data', (chunk: Buffer) => this.emit('data', chunk));
    response.on('end', () => this.emit('end'));
    response.on('error', (error) => this.emit('error', chromiumError(error)));
    response.on('aborted', () => this.emit('aborted'));
  }
}

export class ClientRequestDouble extends EventEmitter implements Pick<ClientRequest, 'setHeader' | 'getHeader' | 'removeHeader' | 'end' | 'abort' | 'followRedirect'> {
  chunkedEncoding = false;
  private readonly headers = new Map<string, string>();
  private current: NodeRequest | null = null;
  private url: URL;
  private aborted = false;
  private pendingRedirect: string | null = null;

  constructor(readonly options: ClientRequestConstructorOptions) {
    super();
    this.url = new URL(options.url ?? '');
  }

  setHeader(name: string, value: string): void {
    this.headers.set(name.toLowerCase(), value);
  }

  getHeader(name: string): string {
    return this.headers.get(name.toLowerCase()) ?? '';
  }

  removeHeader(name: string): void {
    this.headers.delete(name.toLowerCase());
  }

  /** GET requests only: the app sends no body. */
  end(): ClientRequest {
    this.send();
    return this as unknown as ClientRequest;
  }

  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    this.current?.destroy();
    this.emit('abort');
    this.emit('close');
  }

  followRedirect(): void {
    if (!this.pendingRedirect) return;
    this.url = new URL(this.pendingRedirect);
    this.pendingRedirect = null;
    this.send();
  }

  private send(): void {
    const request = (this.url.protocol === 'https:' ? httpsRequest : httpRequest)(this.url, {
      method: this.options.method ?? 'GET',
      headers: Object.fromEntries(this.headers),
    });
    this.current = request;
    request.on('response', (response) => this.receive(response));
    request.on('error', (error) => {
      if (!this.aborted) this.emit('error', chromiumError(error));
    });
    request.end();
  }

  private receive(response: NodeResponse): void {
    if (this.aborted) return;
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (status >= 300 && status < 400 && status !== 304 && location) {
      response.resume();
      const target = new URL(location, this.url).toString();
      const mode = this.options.redirect ?? 'follow';
      if (mode === 'error') {
        this.emit('error', new Error('net::ERR_FAILED'));
        return;
      }
      this.pendingRedirect = target;
      const headers = Object.fromEntries(Object.entries(utf8Headers(response.headers)).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]));
      this.emit('redirect', status, this.options.method ?? 'GET', target, headers);
      if (mode === 'follow') this.followRedirect();
      return;
    }
    this.emit('response', new IncomingMessageDouble(response));
  }
}

export interface NetDouble extends Pick<Net, 'request'> {
  /** The options of every request made, in order. */
  readonly requests: ClientRequestConstructorOptions[];
}

export function createNetDouble(): NetDouble {
  const requests: ClientRequestConstructorOptions[] = [];
  return {
    requests,
    request(options) {
      const normalised = typeof options === 'string' ? { url: options } : options;
      requests.push(normalised);
      return new ClientRequestDouble(normalised) as unknown as ClientRequest;
    },
  };
}
