/** The CLI's arguments, read into one command or a usage problem (always one sentence of ours, never Node's parser text). */
import { parseArgs } from 'node:util';
import { DEFAULT_BATCH_CONCURRENCY, MAX_BATCH_CONCURRENCY } from '../shared/batch-limits';
import type { IdChoice } from '../shared/input-rules';
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

/** `batch`: IDs from a file or stdin, one row each to a file or stdout. */
export interface BatchCommand {
  name: 'batch';
  /** A path, or "-" for stdin. */
  input: string;
  /** A CSV's column of IDs: its header's name or its number (from 1); a guess when left out. */
  column?: string;
  idType: IdChoice;
  /** A path; stdout when left out. */
  output?: string;
  format: 'csv' | 'json';
  concurrency: number;
  baseUrl?: string;
  timeoutMs?: number;
  connection?: string;
  verbose: boolean;
  json: false;
}

export type Command =
  /** The general help, or one command's. */
  | { name: 'help'; command?: CommandName }
  | QueryCommand
  | BatchCommand
  | { name: 'local-server'; port: number; slowMs?: number; ratePerSecond?: number };

/** The commands, each with a help of its own (`<command> --help`). */
export const COMMAND_NAMES = ['lookup', 'profile', 'batch', 'local-server'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];
const isCommandName = (name: string | undefined): name is CommandName => (COMMAND_NAMES as readonly (string | undefined)[]).includes(name);

/*
 * The help in parts: HELP puts them all together, and each command's help (COMMAND_HELP) only its own usage
 * and options, in the same words.
 */
const USAGE: Record<CommandName, string> = {
  lookup: `  adapty-inspector lookup  (ID | --customer-user-id ID | --profile-id UUID)
                           [--with-profile] [--json] [--verbose] [--connection NAME]
                           [--base-url URL] [--timeout-ms N]
`,
  profile: `  adapty-inspector profile (ID | --customer-user-id ID | --profile-id UUID)
                           [--json] [--verbose] [--connection NAME] [--base-url URL]
                           [--timeout-ms N]
`,
  batch: `  adapty-inspector batch   --input FILE|- [--column NAME|N] [--id-type auto|customer|profile]
                           [--output FILE] [--format csv|json] [--concurrency N]
                           [--connection NAME] [--base-url URL] [--timeout-ms N] [--verbose]
`,
  'local-server': `  adapty-inspector local-server [--port N] [--slow-ms N] [--rate N]
`,
};

const ABOUT_LOOKUP = `lookup   the 16 integration identifiers of one profile
`;
const ABOUT_PROFILE = `profile  who the user is: profile ID, customer user ID, total revenue, access levels,
         subscriptions, one-time purchases, custom attributes
`;

const ID_OPTIONS = `  ID                     a bare ID is Auto, as in the app: a UUID is tried as a profile ID,
                         then, if no profile has it, as a customer user ID; anything else
                         is a customer user ID. The output says what it matched as.
  --customer-user-id ID  your app's own user ID (printable ASCII, at most 1,024 characters)
  --profile-id UUID      the Adapty profile ID ("Adapty ID" in the dashboard)
`;
const WITH_PROFILE_OPTION = `  --with-profile         lookup: the profile too (after the identifiers; in --json under "profile")
`;
const JSON_OPTION = `  --json                 print exactly one JSON object, nothing else on stdout:
`;
const JSON_LOOKUP = `                           lookup: all 16 identifiers (null when not set), then any extra
                             keys Adapty sent; with a bare ID also "matched_as"
                             ("profile_id" or "customer_user_id"); with --with-profile also
                             "profile": the profile object below, or {"error": {...}}
`;
const JSON_PROFILE = `                           profile: {"profile_id", "customer_user_id", "app_id",
                             "total_revenue_usd", "access_levels": [...], "subscriptions": [...],
                             "one_time_purchases": [...], "custom_attributes": [{"key", "value"}],
                             "extras", "request_id"}, and "matched_as" with a bare ID
`;
const JSON_ERROR = `                           an error: {"error": {"kind", "status", "error_code", "message",
                             "messages", "request_id"}} (and "retry_after_ms" when Adapty
                             said how long to wait); kind "usage" for wrong arguments
`;
/** The options every command that calls Adapty takes, and where its key comes from. */
const CONNECTION_OPTIONS = `  --verbose              each HTTP exchange on stderr, as curl -v shows it: the request (the key
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
`;

const BATCH = `batch    many IDs, one row each: the ID, how it ended, then the 16 identifiers
  --input FILE|-         one ID per line, or a .csv file (or "-" for stdin; stdin is read as
                         CSV when --column is given). Blank lines are skipped; an ID given
                         twice is looked up once.
  --column NAME|N        the CSV column holding the IDs, by header name or number from 1
                         (default: a column whose header names IDs, else the first)
  --id-type TYPE         auto (the default), customer or profile
  --output FILE|-        write the rows there (default, or -: stdout)
  --format csv|json      csv (the default; json when --output ends in .json): columns id,
                         status ("ok" or the error's kind), matched_as, message, request_id,
                         attempts, then the 16 identifiers. A cell beginning with = + - @ is
                         written with a leading ' so a spreadsheet shows it, not runs it.
  --concurrency N        requests in flight at most, 1 to 64 (default 16). The pace is found
                         by itself: fewer in flight and fewer a second after a 429 or a 5xx,
                         more while answers are fast; 429, 5xx, timeouts and network
                         failures are tried again up to 3 times, after Retry-After if given.
  Rows come out in input order. A progress line goes to stderr, then a summary of failures
  by kind. Ctrl-C stops the batch and still writes every row (the rest as cancelled).
`;

const LOCAL_SERVER = `local-server
  Starts a local server on 127.0.0.1 that speaks the same endpoints, with sample
  profiles and customer user IDs "scenario:<name>" that fail on purpose. It prints
  its URL, its key and the IDs it knows, and runs until Ctrl-C. With --rate N it answers at
  most N requests a second (bursts of N), and 429 with Retry-After above that.
`;
/** Only in local-server's own help: the general one says them in its text above. */
const LOCAL_SERVER_OPTIONS = `  --port N               the port to listen on (default: a free one, printed)
  --slow-ms N            how long scenario:slow waits before answering (default 3000)
  --rate N               at most N requests a second (bursts of N); 429 with Retry-After above
`;

export const HELP = `adapty-inspector: look up one user in Adapty: the integration identifiers, and who the user is.

Usage:
${USAGE.lookup}${USAGE.profile}${USAGE.batch}${USAGE['local-server']}  adapty-inspector --help
  (from the repository: npm run --silent cli -- …; after a build, npx adapty-inspector …)

${ABOUT_LOOKUP}${ABOUT_PROFILE}
${ID_OPTIONS}${WITH_PROFILE_OPTION}${JSON_OPTION}${JSON_LOOKUP}${JSON_PROFILE}${JSON_ERROR}${CONNECTION_OPTIONS}
${BATCH}
${LOCAL_SERVER}
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
  9  batch: some rows did not succeed (the summary on stderr says which kinds); a batch
     stopped by a refused key exits 3
  130 cancelled (Ctrl-C)
`;

const commandHelp = (name: CommandName, body: string) => `Usage:
${USAGE[name]}
${body}
The output, the exit codes and the other commands: adapty-inspector --help
`;

/** What `<command> --help` prints: that command's usage and its own options, in HELP's words. */
export const COMMAND_HELP: Record<CommandName, string> = {
  lookup: commandHelp('lookup', `${ABOUT_LOOKUP}\n${ID_OPTIONS}${WITH_PROFILE_OPTION}${JSON_OPTION}${JSON_LOOKUP}${JSON_PROFILE}${JSON_ERROR}${CONNECTION_OPTIONS}`),
  profile: commandHelp('profile', `${ABOUT_PROFILE}\n${ID_OPTIONS}${JSON_OPTION}${JSON_PROFILE}${JSON_ERROR}${CONNECTION_OPTIONS}`),
  batch: commandHelp('batch', `${BATCH}\n${CONNECTION_OPTIONS}`),
  'local-server': commandHelp('local-server', `${LOCAL_SERVER}\n${LOCAL_SERVER_OPTIONS}`),
};

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
  input: { type: 'string' },
  column: { type: 'string' },
  'id-type': { type: 'string' },
  output: { type: 'string' },
  format: { type: 'string' },
  concurrency: { type: 'string' },
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
    // A value that looks like an option was most likely a forgotten value: ask for the unambiguous form
    // ("-" alone is stdin for --input, stdout for --output).
    const stdio = token.value === '-' && (name === 'input' || name === 'output');
    if (token.value === undefined || (!token.inlineValue && token.value.startsWith('-') && !stdio)) {
      return usage(`${long} needs a value, as in ${long} VALUE (a value that starts with "-": ${long}=VALUE).`);
    }
    if (values[name] !== undefined) return usage(`${long} is given twice.`);
    values[name] = token.value;
  }
  return { ok: true, value: { values, positionals } };
}

const text = (value: string | boolean | undefined): string | undefined => (typeof value === 'string' ? value : undefined);

function readTimeout(values: Partial<Record<OptionName, string | boolean>>): Result<number | undefined, string> {
  const timeoutMs = positiveInteger('--timeout-ms', text(values['timeout-ms']));
  if (timeoutMs.ok && timeoutMs.value !== undefined && (timeoutMs.value < MIN_TIMEOUT_MS || timeoutMs.value > MAX_TIMEOUT_MS)) {
    return usage(`--timeout-ms must be between ${MIN_TIMEOUT_MS} and ${MAX_TIMEOUT_MS} (the app's range), got ${timeoutMs.value}.`);
  }
  return timeoutMs;
}

const ID_TYPE_OPTIONS: Record<string, IdChoice> = { auto: 'auto', customer: 'customer_user_id', profile: 'profile_id' };
/** Options only batch takes. */
const BATCH_ONLY: OptionName[] = ['input', 'column', 'id-type', 'output', 'format', 'concurrency'];
/** Options only lookup and profile take. */
const QUERY_ONLY: OptionName[] = ['customer-user-id', 'profile-id', 'with-profile', 'json', 'port', 'slow-ms', 'rate'];

function batchCommand(values: Partial<Record<OptionName, string | boolean>>, rest: string[]): Result<Command, string> {
  if (rest.length > 0) return usage(`Unexpected argument "${rest[0]}": batch reads its IDs from --input FILE (or - for stdin).`);
  const foreign = QUERY_ONLY.find((name) => values[name] !== undefined);
  if (foreign === 'json') return usage('batch takes --format json, not --json.');
  if (foreign) return usage(`--${foreign} is not an option of batch.`);
  const input = text(values.input);
  if (input === undefined) return usage('batch needs --input FILE (one ID per line, or a .csv), or --input - to read stdin.');
  const idTypeName = text(values['id-type']) ?? 'auto';
  // Own keys only: "constructor" or "toString" is not an ID type.
  const idType = Object.hasOwn(ID_TYPE_OPTIONS, idTypeName) ? ID_TYPE_OPTIONS[idTypeName] : undefined;
  if (!idType) return usage(`--id-type is auto, customer or profile, got "${text(values['id-type'])}".`);
  // "-" is stdout, as no --output is.
  const output = text(values.output) === '-' ? undefined : text(values.output);
  const format = text(values.format) ?? (output && /\.json$/i.test(output) ? 'json' : 'csv');
  if (format !== 'csv' && format !== 'json') return usage(`--format is csv or json, got "${format}".`);
  const concurrency = positiveInteger('--concurrency', text(values.concurrency));
  if (!concurrency.ok) return concurrency;
  if (concurrency.value !== undefined && concurrency.value > MAX_BATCH_CONCURRENCY) return usage(`--concurrency is at most ${MAX_BATCH_CONCURRENCY}, got ${concurrency.value}.`);
  const timeoutMs = readTimeout(values);
  if (!timeoutMs.ok) return timeoutMs;
  return {
    ok: true,
    value: {
      name: 'batch',
      input,
      column: text(values.column),
      idType,
      output,
      format,
      concurrency: concurrency.value ?? DEFAULT_BATCH_CONCURRENCY,
      baseUrl: text(values['base-url']),
      timeoutMs: timeoutMs.value,
      connection: text(values.connection),
      verbose: values.verbose === true,
      json: false,
    },
  };
}

export function parseCommand(argv: readonly string[]): Result<Command, string> {
  const read = readOptions(argv);
  if (!read.ok) return read;
  const { values, positionals } = read.value;
  const [name, ...rest] = positionals;
  // "<command> --help": that command's help; --help alone (or after an unknown command), the general one.
  if (values.help || name === undefined) return { ok: true, value: isCommandName(name) ? { name: 'help', command: name } : { name: 'help' } };

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
  if (name === 'batch') return batchCommand(values, rest);
  if (name !== 'lookup' && name !== 'profile') return usage(`Unknown command "${name}"; the commands are lookup, profile, batch and local-server.`);
  const batchOnly = BATCH_ONLY.find((option) => values[option] !== undefined);
  if (batchOnly) return usage(`--${batchOnly} is an option of batch, not of ${name}.`);
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
  const timeoutMs = readTimeout(values);
  if (!timeoutMs.ok) return timeoutMs;
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
