/** The CLI's arguments, read into one command or a usage problem (always one sentence of ours, never Node's parser text). */
import { parseArgs } from 'node:util';
import type { LookupRequest } from '../shared/lookup';
import type { Result } from '../shared/result';
import { MAX_TIMEOUT_MS, MIN_TIMEOUT_MS } from '../shared/settings';

/** `lookup` and `profile`: one ID (a bare one is Auto), where to ask, and how to print. */
export interface QueryCommand {
  name: 'lookup' | 'profile';
  request: LookupRequest;
  json: boolean;
  /** lookup only: the profile too. */
  withProfile: boolean;
  baseUrl?: string;
  timeoutMs?: number;
  /** A connection of the app, by name: its base URL, timeout and keychain key. */
  connection?: string;
  /** Each HTTP exchange on stderr, the key masked. */
  verbose: boolean;
}

export type Command = { name: 'help' } | QueryCommand | { name: 'local-server'; port: number; slowMs?: number; ratePerSecond?: number };

export const HELP = `adapty-inspector: look up one user in Adapty: the integration identifiers, and who the user is.

Usage:
  adapty-inspector lookup  (ID | --customer-user-id ID | --profile-id UUID)
                           [--with-profile] [--json] [--verbose] [--connection NAME]
                           [--base-url URL] [--timeout-ms N]
  adapty-inspector profile (ID | --customer-user-id ID | --profile-id UUID)
                           [--json] [--verbose] [--connection NAME] [--base-url URL]
                           [--timeout-ms N]
  adapty-inspector local-server [--port N] [--slow-ms N] [--rate N]
  adapty-inspector --help
  (from the repository: npm run --silent cli -- …; after a build, npx adapty-inspector …)

lookup   the 16 integration identifiers of one profile
profile  who the user is: profile ID, customer user ID, total revenue, access levels,
         subscriptions, one-time purchases, custom attributes

  ID                     a bare ID is Auto, as in the app: a UUID is tried as a profile ID,
                         then, if no profile has it, as a customer user ID; anything else
                         is a customer user ID. The output says what it matched as.
  --customer-user-id ID  your app's own user ID (printable ASCII, at most 1,024 characters)
  --profile-id UUID      the Adapty profile ID ("Adapty ID" in the dashboard)
  --with-profile         lookup: the profile too (after the identifiers; in --json under "profile")
  --json                 print exactly one JSON object, nothing else on stdout:
                           lookup: all 16 identifiers (null when not set), then any extra
                             keys Adapty sent; with a bare ID also "matched_as"
                             ("profile_id" or "customer_user_id"); with --with-profile also
                             "profile": the profile object below, or {"error": {...}}
                           profile: {"profile_id", "customer_user_id", "app_id",
                             "total_revenue_usd", "access_levels": [...], "subscriptions": [...],
                             "one_time_purchases": [...], "custom_attributes": [{"key", "value"}],
                             "extras", "request_id"}, and "matched_as" with a bare ID
                           an error: {"error": {"kind", "status", "error_code", "message",
                             "messages", "request_id"}} (and "retry_after_ms" when Adapty
                             said how long to wait); kind "usage" for wrong arguments
  --verbose              each HTTP exchange on stderr, as curl -v shows it: the request (the key
                         as "Api-Key ••••" and its last 4 characters), the status, the time, the
                         response headers and the body
  --connection NAME      one of the app's connections, by name (any case): its base URL,
                         timeout and the key the app keeps in the OS keychain for it. The
                         key goes only to the address it was saved for.
                         ADAPTY_INSPECTOR_DEVELOPMENT=1: a development run's connections.
  --base-url URL         Adapty's address (default https://api.adapty.io, or the connection's)
  --timeout-ms N         give up after N milliseconds, 1000 to 120000 (default 15000, or the
                         connection's)

  The secret API key is read from the environment variable ADAPTY_API_KEY
  (Adapty dashboard -> App settings -> General -> API keys); when it is set it wins
  over --connection's key. It is never printed.

local-server
  Starts a local server on 127.0.0.1 that speaks the same endpoints, with sample
  profiles and customer user IDs "scenario:<name>" that fail on purpose. It prints
  its URL, its key and the IDs it knows, and runs until Ctrl-C. With --rate N it answers at
  most N requests a second (bursts of N), and 429 with Retry-After above that.

Output
  Without --json: a table of the 16 identifiers by integration ("not set" for
  none) and Adapty's request ID; the profile as a block of lines. Errors, with or
  without --json: one line on stderr naming the kind, HTTP status, Adapty's
  error_code and message, and the request ID.
  lookup --with-profile when only the profile fails: the identifiers are printed,
  the profile part says why, and the exit code is the profile's error's.

Exit codes
  0  found
  2  usage or invalid input (also: no key: ADAPTY_API_KEY not set, or the connection
     has none, or its key is for another address)
  3  unauthorized: the key was refused (401/403)
  4  not found: no such profile (404)
  5  rate limited (429); the line says how long to wait
  6  server error (5xx, other statuses), a redirect away from the base URL, or an
     answer that is not Adapty's (wrong shape, over 1 MiB, a 404 page of a proxy)
  7  network failure or timeout
  8  request refused (400): Adapty's message says what it did not accept
  130 cancelled (Ctrl-C)
`;

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  'customer-user-id': { type: 'string' },
  'profile-id': { type: 'string' },
  'with-profile': { type: 'boolean' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean', short: 'v' },
  'base-url': { type: 'string' },
  'timeout-ms': { type: 'string' },
  connection: { type: 'string' },
  port: { type: 'string' },
  'slow-ms': { type: 'string' },
  rate: { type: 'string' },
} as const;

type OptionName = keyof typeof OPTIONS;
const isOption = (name: string): name is OptionName => Object.hasOwn(OPTIONS, name);

/** Whether the arguments ask for JSON, before (or without) reading them: a usage error is then JSON too. */
export function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json');
}

function positiveInteger(name: string, raw: string | undefined): Result<number | undefined, string> {
  if (raw === undefined) return { ok: true, value: undefined };
  if (!/^\d+$/.test(raw) || Number(raw) <= 0) return { ok: false, error: `${name} takes a positive whole number, got "${raw}".` };
  return { ok: true, value: Number(raw) };
}

const usage = (error: string): Result<never, string> => ({ ok: false, error });

/**
 * The options as given, checked one by one. Node's parser runs lenient (it never throws), and every
 * problem it would have reported is worded here instead.
 */
function readOptions(argv: readonly string[]): Result<{ values: Partial<Record<OptionName, string | boolean>>; positionals: string[] }, string> {
  const { tokens } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: false, tokens: true });
  const values: Partial<Record<OptionName, string | boolean>> = {};
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    const { name, rawName } = token;
    if (!isOption(name)) return usage(`Unknown option ${rawName}.`);
    const long = `--${name}`;
    if (OPTIONS[name].type === 'boolean') {
      if (token.value !== undefined) return usage(`${long} takes no value.`);
      values[name] = true;
      continue;
    }
    // A value that looks like an option was most likely a forgotten value: ask for the unambiguous form.
    if (token.value === undefined || (!token.inlineValue && token.value.startsWith('-'))) {
      return usage(`${long} needs a value, as in ${long} VALUE (a value that starts with "-": ${long}=VALUE).`);
    }
    if (values[name] !== undefined) return usage(`${long} is given twice.`);
    values[name] = token.value;
  }
  return { ok: true, value: { values, positionals } };
}

const text = (value: string | boolean | undefined): string | undefined => (typeof value === 'string' ? value : undefined);

export function parseCommand(argv: readonly string[]): Result<Command, string> {
  const read = readOptions(argv);
  if (!read.ok) return read;
  const { values, positionals } = read.value;
  if (values.help || positionals.length === 0) return { ok: true, value: { name: 'help' } };
  const [name, ...rest] = positionals;

  if (name === 'local-server') {
    if (rest.length > 0) return usage(`Unexpected argument "${rest[0]}".`);
    const port = positiveInteger('--port', text(values.port));
    const slowMs = positiveInteger('--slow-ms', text(values['slow-ms']));
    const rate = positiveInteger('--rate', text(values.rate));
    if (!port.ok) return port;
    if (!slowMs.ok) return slowMs;
    if (!rate.ok) return rate;
    return { ok: true, value: { name, port: port.value ?? 0, slowMs: slowMs.value, ratePerSecond: rate.value } };
  }
  if (name !== 'lookup' && name !== 'profile') return usage(`Unknown command "${name}"; the commands are lookup, profile and local-server.`);
  if (rest.length > 1) return usage(`Unexpected argument "${rest[1]}": give one ID.`);
  if (name === 'profile' && values['with-profile']) return usage('--with-profile is for lookup; profile prints the profile already.');

  const bare = rest[0];
  const customer = text(values['customer-user-id']);
  const profile = text(values['profile-id']);
  const given = [bare, customer, profile].filter((id) => id !== undefined).length;
  if (given !== 1) {
    return usage(
      `Give exactly one of: a bare ID (Auto), --customer-user-id ID or --profile-id UUID${given > 1 ? '; more than one was given' : ''}.`,
    );
  }
  const timeoutMs = positiveInteger('--timeout-ms', text(values['timeout-ms']));
  if (!timeoutMs.ok) return timeoutMs;
  if (timeoutMs.value !== undefined && (timeoutMs.value < MIN_TIMEOUT_MS || timeoutMs.value > MAX_TIMEOUT_MS)) {
    return usage(`--timeout-ms must be between ${MIN_TIMEOUT_MS} and ${MAX_TIMEOUT_MS} (the app's range), got ${timeoutMs.value}.`);
  }
  const request: LookupRequest =
    bare !== undefined
      ? { idType: 'auto', id: bare }
      : customer !== undefined
        ? { idType: 'customer_user_id', id: customer }
        : { idType: 'profile_id', id: profile ?? '' };
  return {
    ok: true,
    value: {
      name,
      request,
      json: values.json === true,
      withProfile: values['with-profile'] === true,
      baseUrl: text(values['base-url']),
      timeoutMs: timeoutMs.value,
      connection: text(values.connection),
      verbose: values.verbose === true,
    },
  };
}
