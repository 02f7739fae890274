#!/usr/bin/env node
/**
 * The CLI: arguments in, lookups through the shared client, text or one JSON object out.
 * Every line it prints passes through redaction of ADAPTY_API_KEY.
 */
import { lookupIdentifiers, type ClientOptions, type LazyExchange } from '../main/adapty/client';
import { redactText } from '../main/adapty/redact';
import { lookupError, type LookupError } from '../shared/errors';
import type { IdType } from '../shared/input-rules';
import type { Profile } from '../shared/profile';
import type { Result } from '../shared/result';
import { unreadableError } from '../shared/unreadable';
import { COMMAND_HELP, HELP, parseCommand, wantsJson, type QueryCommand } from './args';
import { createHttpFetch } from './http-fetch';
import { byChoice, matchedAs } from '../shared/auto';
import { EXIT_CODES, errorAsJsonObject, errorLine, exchangeText, resultAsTable, type UsageError } from './output';

/*
 * What only some commands need is loaded when they run: the profile (and its schemas), a batch, a
 * connection's settings and keychain, the local server. A plain lookup, the common call, starts with
 * none of it (and without zod).
 */
const profileParts = () => Promise.all([import('../main/adapty/profile'), import('./profile-output')]).then(([adapty, output]) => ({ ...adapty, ...output }));

/** What output is redacted of: the key from the environment, and a key read from the keychain once it is read. */
const secrets = process.env.ADAPTY_API_KEY ? [process.env.ADAPTY_API_KEY] : [];
const out = (text: string) => process.stdout.write(redactText(text, secrets));
const err = (text: string) => process.stderr.write(redactText(text, secrets));
const outJson = (value: unknown) => out(`${JSON.stringify(value)}\n`);

/** An error: its line on stderr always; with --json also its object on stdout. Returns the exit code. */
function report(error: LookupError, json: boolean): number {
  if (json) outJson(errorAsJsonObject(error));
  err(errorLine(error));
  return EXIT_CODES[error.kind];
}

function usageError(message: string, json: boolean): number {
  const usage: UsageError = { kind: 'usage', message: `${message} See --help.` };
  if (json) outJson(errorAsJsonObject(usage));
  err(`error: usage: ${usage.message}\n`);
  return 2;
}

const withMatch = (tried: readonly IdType[] | null): Record<string, string> => (tried ? { matched_as: tried[tried.length - 1] as IdType } : {});

async function profileCommand(cmd: QueryCommand, options: ClientOptions): Promise<number> {
  const { lookupProfile, profileAsJsonObject, profileLines } = await profileParts();
  const outcome = await byChoice(cmd.request, (query) => lookupProfile(query, options));
  if (!outcome.ok) return report(outcome.error, cmd.json);
  const { value: profile, tried } = outcome.value;
  if (cmd.json) outJson({ ...profileAsJsonObject(profile), ...withMatch(tried) });
  else out(`${profileLines(profile, tried ? [['Matched as', matchedAs(tried)]] : []).join('\n')}\n`);
  return readInPart(profile);
}

/** A profile with parts of the wrong shape: what was read is printed, and it ends as invalid_response, saying which. */
function readInPart(profile: Profile): number {
  const unreadable = unreadableError(profile);
  if (!unreadable) return 0;
  err(errorLine(unreadable));
  return EXIT_CODES[unreadable.kind];
}

async function lookupCommand(cmd: QueryCommand, options: ClientOptions): Promise<number> {
  const outcome = await byChoice(cmd.request, (query) => lookupIdentifiers(query, options));
  if (!outcome.ok) return report(outcome.error, cmd.json);
  const { value: result, tried } = outcome.value;
  // Some identifiers of the wrong shape: the others are printed (as text), and it ends as invalid_response.
  const unreadable = unreadableError(result);
  if (unreadable) {
    if (!cmd.json) out(resultAsTable(result, tried));
    return report(unreadable, cmd.json);
  }
  // The profile is asked for by the ID and type that matched, as sent.
  const parts = cmd.withProfile ? await profileParts() : null;
  const profile: Result<Profile, LookupError> | null = parts ? await parts.lookupProfile(result.query, options) : null;
  if (cmd.json) {
    const object: Record<string, unknown> = { ...result.identifiers, ...result.extras, ...withMatch(tried) };
    if (parts && profile) object.profile = profile.ok ? parts.profileAsJsonObject(profile.value) : errorAsJsonObject(profile.error);
    outJson(object);
  } else {
    out(resultAsTable(result, tried));
    if (parts && profile) {
      const block = profile.ok ? parts.profileLines(profile.value) : [`The profile could not be read: ${errorLine(profile.error).replace(/^error: /, '').trimEnd()}`];
      out(`\nWho the user is\n${block.join('\n')}\n`);
    }
  }
  if (profile && !profile.ok) {
    err(errorLine(profile.error));
    return EXIT_CODES[profile.error.kind];
  }
  return profile ? readInPart(profile.value) : 0;
}

async function main(argv: string[]): Promise<number> {
  const command = parseCommand(argv);
  if (!command.ok) return usageError(command.error, wantsJson(argv));
  const cmd = command.value;
  if (cmd.name === 'help') {
    out(cmd.command ? COMMAND_HELP[cmd.command] : HELP);
    return 0;
  }
  if (cmd.name === 'local-server') {
    const [{ startLocalAdapty, LOCAL_ADAPTY_KEY }, { knownIdLines }] = await Promise.all([
      import('../main/local-adapty/server'),
      import('../main/local-adapty/profiles'),
    ]);
    const server = await startLocalAdapty({
      port: cmd.port,
      slowMs: cmd.slowMs,
      recordRequests: false,
      ...(cmd.ratePerSecond ? { rateLimit: { perSecond: cmd.ratePerSecond } } : {}),
    });
    // Listening for Ctrl-C (and SIGTERM) before saying so: a stop sent as soon as the lines are read still closes it cleanly.
    const stopped = new Promise<void>((resolve) => process.once('SIGINT', () => resolve()).once('SIGTERM', () => resolve()));
    out(
      [
        `Local Adapty listening on ${server.url}${cmd.ratePerSecond ? ` (at most ${cmd.ratePerSecond} requests a second)` : ''}`,
        `Key: ADAPTY_API_KEY=${LOCAL_ADAPTY_KEY}`,
        ...knownIdLines(),
        'Ctrl-C stops it.',
        '',
      ].join('\n'),
    );
    await stopped;
    await server.close();
    return 0;
  }
  let apiKey = process.env.ADAPTY_API_KEY;
  let { baseUrl, timeoutMs } = cmd;
  if (cmd.connection !== undefined) {
    const { connectionTarget } = await import('./connection');
    const target = await connectionTarget(cmd.connection, process.env, baseUrl);
    if (!target.ok) return report(target.error, cmd.json);
    apiKey = target.value.apiKey;
    secrets.push(apiKey);
    // The connection's address and timeout, unless given.
    baseUrl ??= target.value.connection.baseUrl;
    timeoutMs ??= target.value.connection.timeoutMs;
  }
  if (!apiKey) {
    const message = 'ADAPTY_API_KEY is not set. Export the secret API key (App settings -> General -> API keys), or use --connection NAME, and run again.';
    return report(lookupError('invalid_input', message), cmd.json);
  }
  const cancel = new AbortController();
  process.once('SIGINT', () => cancel.abort());
  const options: ClientOptions = {
    apiKey,
    fetch: createHttpFetch(),
    baseUrl,
    timeoutMs,
    signal: cancel.signal,
    ...(cmd.verbose ? { onExchange: (exchange: LazyExchange) => err(exchangeText(exchange())) } : {}),
  };
  if (cmd.name === 'batch') {
    const { batchCommand } = await import('./batch');
    const { code, error } = await batchCommand(cmd, options, {
      out,
      err,
      interactive: process.stderr.isTTY === true,
      readStdin: async () => {
        const chunks: Buffer[] = [];
        for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
        return Buffer.concat(chunks).toString('utf8');
      },
    });
    if (error) err(errorLine(error));
    return code;
  }
  return cmd.name === 'profile' ? profileCommand(cmd, options) : lookupCommand(cmd, options);
}

// A reader that stops early (… | head) is no failure of the lookup.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    err(`error: internal: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
