/**
 * Turns what a fetch throws (Node's undici or Electron's net.request) into one
 * sentence a person can act on. Neither exposes a typed error, so this reads
 * the error codes both use.
 */
const KNOWN: Array<{ codes: string[]; say: (host: string) => string }> = [
  {
    codes: ['ECONNREFUSED', 'ERR_CONNECTION_REFUSED'],
    say: (host) => `${host} refused the connection: nothing is listening there. Check the base URL.`,
  },
  {
    codes: ['ENOTFOUND', 'EAI_AGAIN', 'ERR_NAME_NOT_RESOLVED', 'ERR_INTERNET_DISCONNECTED'],
    say: (host) => `Could not find ${host}. Check your internet connection and the base URL.`,
  },
  {
    codes: ['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE', 'ERR_CONNECTION_RESET', 'ERR_EMPTY_RESPONSE', 'ERR_CONNECTION_CLOSED'],
    say: (host) => `The connection to ${host} was dropped before a full answer arrived. Try again.`,
  },
  {
    codes: ['ENETUNREACH', 'EHOSTUNREACH', 'ERR_ADDRESS_UNREACHABLE', 'ERR_NETWORK_CHANGED'],
    say: (host) => `${host} cannot be reached from this network. Check your connection or VPN.`,
  },
  {
    codes: ['CERT_', 'ERR_CERT_', 'SELF_SIGNED', 'UNABLE_TO_VERIFY', 'ERR_SSL_', 'ERR_TLS_'],
    say: (host) => `The secure connection to ${host} failed: its certificate was not accepted. A proxy may be intercepting traffic.`,
  },
];

function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    if (typeof current === 'object') {
      const { code, message } = current as { code?: unknown; message?: unknown };
      if (typeof code === 'string') codes.push(code);
      if (typeof message === 'string') {
        const net = /net::(ERR_[A-Z_]+)/.exec(message);
        if (net?.[1]) codes.push(net[1]);
      }
      current = (current as { cause?: unknown }).cause;
    } else break;
  }
  return codes;
}

/** Headers too large to parse: an answer that is not usable, not a connection problem. */
const OVERSIZED_HEADERS = ['UND_ERR_HEADERS_OVERFLOW', 'HPE_HEADER_OVERFLOW', 'ERR_RESPONSE_HEADERS_TOO_BIG'];

export function isOversizedHeaders(error: unknown): boolean {
  return codesOf(error).some((code) => OVERSIZED_HEADERS.includes(code));
}

export function describeNetworkError(error: unknown, host: string): string {
  const codes = codesOf(error);
  for (const known of KNOWN) {
    const hit = codes.find((code) => known.codes.some((k) => code.startsWith(k)));
    if (hit) return `${known.say(host)} (${hit})`;
  }
  // Only an error code is quoted: an exception's own text never reaches the window.
  const detail = codes[0] ? ` (${codes[0]})` : '';
  return `Could not reach ${host}. Check your connection and the base URL.${detail}`;
}
