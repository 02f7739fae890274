/** The CLI's arguments, read into one command or a usage problem. */
import { parseArgs } from 'node:util';
import type { LookupQuery } from '../shared/lookup';
import type { Result } from '../shared/result';
import { MAX_TIMEOUT_MS, MIN_TIMEOUT_MS } from '../shared/settings';

export type Command =
  | { name: 'help' }
  | { name: 'lookup'; query: LookupQuery; json: boolean; baseUrl?: string; timeoutMs?: number }
  | { name: 'local-server'; port: number; slowMs?: number };

export const HELP = `adapty-inspector: look up one profile's integration identifiers in Adapty.

Usage:
  npm run --silent cli -- lookup (--customer-user-id ID | --profile-id UUID)
                                 [--json] [--base-url URL] [--timeout-ms N]
  npm run --silent cli -- local-server [--port N] [--slow-ms N]
  npm run --silent cli -- --help

lookup
  --customer-user-id ID  your app's own user ID (printable ASCII, at most 1,024 characters)
  --profile-id UUID      the Adapty profile ID ("Adapty ID" in the dashboard)
  --json                 print exactly one JSON object: all 16 identifiers (null when
                         not set) and any extra keys Adapty sent; nothing else on stdout
  --base-url URL         Adapty's address (default https://api.adapty.io)
  --timeout-ms N         give up after N milliseconds, 1000 to 120000 (default 15000)

  The secret API key is read from the environment variable ADAPTY_API_KEY
  (Adapty dashboard -> App settings -> General -> API keys). It is never printed.

local-server
  Starts a local server on 127.0.0.1 that speaks the same endpoint, with sample
  profiles and customer user IDs "scenario:<name>" that fail on purpose. It prints
  its URL, its key and the IDs it knows, and runs until Ctrl-C.

Output
  Without --json: a table of the 16 identifiers by integration ("not set" for
  none) and Adapty's request ID. Errors: one line on stderr naming the kind, HTTP
  status, Adapty's error_code and message, and the request ID.

Exit codes
  0  found
  2  usage or invalid input (also: ADAPTY_API_KEY not set)
  3  unauthorized: the key was refused (401/403)
  4  not found: no such profile (404)
  5  rate limited (429); the line says how long to wait
  6  server error (5xx, other statuses), a redirect away from the base URL, or an
     answer that is not Adapty's (wrong shape, over 1 MiB, a 404 page of a proxy)
  7  network failure or timeout
  8  request refused (400): Adapty's message says what it did not accept
  130 cancelled (Ctrl-C)
`;

function positiveInteger(name: string, raw: string | undefined): Result<number | undefined, string> {
  if (raw === undefined) return { ok: true, value: undefined };
  if (!/^\d+$/.test(raw) || Number(raw) <= 0) return { ok: false, error: `${name} takes a positive whole number, got "${raw}".` };
  return { ok: true, value: Number(raw) };
}

export function parseCommand(argv: readonly string[]): Result<Command, string> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        'customer-user-id': { type: 'string' },
        'profile-id': { type: 'string' },
        json: { type: 'boolean' },
        'base-url': { type: 'string' },
        'timeout-ms': { type: 'string' },
        port: { type: 'string' },
        'slow-ms': { type: 'string' },
      },
    });
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) return { ok: true, value: { name: 'help' } };
  const [name, ...rest] = positionals;
  if (rest.length > 0) return { ok: false, error: `Unexpected argument "${rest[0]}".` };

  if (name === 'local-server') {
    const port = positiveInteger('--port', values.port);
    const slowMs = positiveInteger('--slow-ms', values['slow-ms']);
    if (!port.ok) return port;
    if (!slowMs.ok) return slowMs;
    return { ok: true, value: { name, port: port.value ?? 0, slowMs: slowMs.value } };
  }
  if (name !== 'lookup') return { ok: false, error: `Unknown command "${name}"; the commands are lookup and local-server.` };

  const customer = values['customer-user-id'];
  const profile = values['profile-id'];
  if ((customer === undefined) === (profile === undefined)) {
    return { ok: false, error: 'Give exactly one of --customer-user-id ID or --profile-id UUID.' };
  }
  const timeoutMs = positiveInteger('--timeout-ms', values['timeout-ms']);
  if (!timeoutMs.ok) return timeoutMs;
  if (timeoutMs.value !== undefined && (timeoutMs.value < MIN_TIMEOUT_MS || timeoutMs.value > MAX_TIMEOUT_MS)) {
    return { ok: false, error: `--timeout-ms must be between ${MIN_TIMEOUT_MS} and ${MAX_TIMEOUT_MS} (the app's range), got ${timeoutMs.value}.` };
  }
  const query: LookupQuery =
    customer !== undefined ? { idType: 'customer_user_id', id: customer } : { idType: 'profile_id', id: profile ?? '' };
  return {
    ok: true,
    value: { name, query, json: values.json ?? false, baseUrl: values['base-url'], timeoutMs: timeoutMs.value },
  };
}
