/**
 * The CLI: arguments in, one lookup through the shared client, text out.
 * Every line it prints passes through redaction of ADAPTY_API_KEY.
 */
import { lookupIdentifiers } from '../main/adapty/client';
import { redactText } from '../main/adapty/redact';
import { startLocalAdapty, LOCAL_ADAPTY_KEY } from '../main/local-adapty/server';
import { SAMPLE_PROFILES, SCENARIO_PREFIX, SCENARIOS } from '../main/local-adapty/profiles';
import { HELP, parseCommand } from './args';
import { resultAsJson } from '../shared/lookup';
import { EXIT_CODES, errorLine, resultAsTable } from './output';

const secrets = [process.env.ADAPTY_API_KEY ?? ''];
const out = (text: string) => process.stdout.write(redactText(text, secrets));
const err = (text: string) => process.stderr.write(redactText(text, secrets));

async function main(argv: string[]): Promise<number> {
  const command = parseCommand(argv);
  if (!command.ok) {
    err(`error: usage: ${command.error} See --help.\n`);
    return 2;
  }
  const cmd = command.value;
  if (cmd.name === 'help') {
    out(HELP);
    return 0;
  }
  if (cmd.name === 'local-server') {
    const server = await startLocalAdapty({ port: cmd.port, slowMs: cmd.slowMs });
    out(
      [
        `Local Adapty listening on ${server.url}`,
        `Key: ADAPTY_API_KEY=${LOCAL_ADAPTY_KEY}`,
        `Customer user IDs: ${SAMPLE_PROFILES.map((p) => p.customerUserId).join(', ')}`,
        `Profile IDs: ${SAMPLE_PROFILES.map((p) => p.profileId).join(', ')}`,
        `Failures: ${Object.keys(SCENARIOS).map((s) => SCENARIO_PREFIX + s).join(', ')}`,
        'Ctrl-C stops it.',
        '',
      ].join('\n'),
    );
    await new Promise<void>((resolve) => process.once('SIGINT', resolve).once('SIGTERM', resolve));
    await server.close();
    return 0;
  }
  const apiKey = process.env.ADAPTY_API_KEY;
  if (!apiKey) {
    err('error: invalid_input: ADAPTY_API_KEY is not set. Export the secret API key (App settings -> General -> API keys) and run again.\n');
    return 2;
  }
  const cancel = new AbortController();
  process.once('SIGINT', () => cancel.abort());
  const outcome = await lookupIdentifiers(cmd.query, {
    apiKey,
    fetch: (url, init) => fetch(url, init),
    baseUrl: cmd.baseUrl,
    timeoutMs: cmd.timeoutMs,
    signal: cancel.signal,
  });
  if (!outcome.ok) {
    err(errorLine(outcome.error));
    return EXIT_CODES[outcome.error.kind];
  }
  out(cmd.json ? `${resultAsJson(outcome.value)}\n` : resultAsTable(outcome.value));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    err(`error: internal: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
