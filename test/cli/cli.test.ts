import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { IDENTIFIER_KEYS } from '../../src/shared/identifiers';
import { SAMPLE_PROFILES } from '../../src/main/local-adapty/profiles';
import { startLocalAdapty } from '../../src/main/local-adapty/server';
import { useLocalAdapty } from '../helpers/local-adapty';

const CLI = resolve(__dirname, '../../out/main/cli.js');
// Shaped like a real secret key so a leak would show; it opens nothing.
const KEY = 'secret_live_CliTestOnly.Qq1Ww2Ee3Rr4';

type Run = { code: number; stdout: string; stderr: string };

function run(args: string[], env: Record<string, string | undefined> = { ADAPTY_API_KEY: KEY }): Promise<Run> {
  return new Promise((done) => {
    const childEnv = { PATH: process.env.PATH, ...env } as NodeJS.ProcessEnv;
    execFile(process.execPath, [CLI, ...args], { env: childEnv, timeout: 10_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test does).`);
});

describe('the CLI as a process', () => {
  const local = useLocalAdapty({ apiKeys: [KEY], slowMs: 3000 });
  const lookup = (...args: string[]) => run(['lookup', ...args, '--base-url', local.server.url]);

  it('--json prints exactly one JSON object with all 16 keys and the extras, nothing else', async () => {
    const { code, stdout, stderr } = await lookup('--customer-user-id', 'liberal-shape', '--json');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const object = JSON.parse(stdout);
    expect(Object.keys(object)).toEqual([...IDENTIFIER_KEYS, 'singular_device_id', 'future_integration']);
    expect(object.appsflyer_id).toBe('1700000000000-1234567');
    expect(object.adjust_device_id).toBe('');
    expect(object.mixpanel_user_id).toBeNull();
    expect(object.future_integration).toEqual({ id: 'x-1', since: 2026 });
  });

  it('--json of the documented example equals the documented body', async () => {
    const { code, stdout } = await lookup('--profile-id', SAMPLE_PROFILES[0]!.profileId, '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(SAMPLE_PROFILES[0]!.body);
  });

  it('prints a readable table by integration with "not set" and the request ID', async () => {
    const { code, stdout } = await lookup('--customer-user-id', 'documented-example');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Customer user ID\s+documented-example$/m);
    expect(stdout).toMatch(/^Request ID\s+[0-9a-f-]{36}$/m);
    expect(stdout).toMatch(/^AppsFlyer\s+Network user ID\s+appsflyer_id\s+1741933337626-3179568$/m);
    expect(stdout).toMatch(/^Adjust\s+Network user ID\s+adjust_device_id\s+not set$/m);
    expect(stdout).toContain('5 of 16 identifiers set.');
    for (const key of IDENTIFIER_KEYS) expect(stdout).toContain(key);
  });

  it('shows extra keys in the table as such', async () => {
    const { stdout } = await lookup('--customer-user-id', 'liberal-shape');
    expect(stdout).toContain('Other keys Adapty sent');
    expect(stdout).toMatch(/singular_device_id\s+"sg-42"/);
  });

  it.each([
    ['unauthorized', ['--customer-user-id', 'all-set'], { ADAPTY_API_KEY: 'wrong_key' }, 3, /^error: unauthorized \(HTTP 401, error_code unauthorized\): .*Adapty says: "Invalid API key"\. Request ID: [0-9a-f-]{36}\.$/],
    ['not found', ['--customer-user-id', 'nobody'], undefined, 4, /^error: not_found \(HTTP 404, error_code profile_not_found\): .*"Profile not found"/],
    ['rate limited', ['--customer-user-id', 'scenario:rate-limited'], undefined, 5, /^error: rate_limited \(HTTP 429, error_code rate_limited\): .*Wait 2 s/],
    ['server error', ['--customer-user-id', 'scenario:server-error'], undefined, 6, /^error: server_error \(HTTP 500\): /],
    ['bad gateway', ['--customer-user-id', 'scenario:bad-gateway'], undefined, 6, /^error: server_error \(HTTP 502\): /],
    ['not JSON', ['--customer-user-id', 'scenario:not-json'], undefined, 6, /^error: invalid_response \(HTTP 200\): /],
    ['wrong shape', ['--customer-user-id', 'scenario:wrong-shape'], undefined, 6, /^error: invalid_response \(HTTP 200\): .*Field: appsflyer_id\./],
    ['dropped connection', ['--customer-user-id', 'scenario:drop'], undefined, 7, /^error: network: .*dropped/],
    ['timeout', ['--customer-user-id', 'scenario:slow', '--timeout-ms', '1000'], undefined, 7, /^error: timeout: Adapty did not answer within 1 s/],
    ['invalid profile ID', ['--profile-id', 'not-a-uuid'], undefined, 2, /^error: invalid_input: A profile ID is a UUID/],
    ['control character', ['--customer-user-id', 'a\tb'], undefined, 2, /^error: invalid_input: .*U\+0009 \(tab\) at position 2/],
  ] as const)('%s: exit %i… and one line on stderr', async (_name, args, env, exit, line) => {
    const { code, stdout, stderr } = await run(['lookup', ...args, '--base-url', local.server.url], env ?? { ADAPTY_API_KEY: KEY });
    expect(code).toBe(exit);
    expect(stdout).toBe('');
    expect(stderr.endsWith('\n')).toBe(true);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr.trim()).toMatch(line);
  });

  it('a refused connection exits 7', async () => {
    const closed = await startLocalAdapty();
    await closed.close();
    const { code, stderr } = await run(['lookup', '--customer-user-id', 'x', '--base-url', closed.url]);
    expect(code).toBe(7);
    expect(stderr).toMatch(/^error: network: .*refused/);
  });

  it('never prints the key, even when the server repeats it', async () => {
    const echoed = await lookup('--customer-user-id', 'scenario:echo-key');
    expect(echoed.code).toBe(8);
    expect(echoed.stderr).toContain('Api-Key [redacted]');
    const found = await lookup('--customer-user-id', 'all-set');
    for (const output of [echoed, found]) expect(output.stdout + output.stderr).not.toContain(KEY);
  });

  it.each([
    [['lookup'], /exactly one of --customer-user-id/],
    [['lookup', '--customer-user-id', 'a', '--profile-id', SAMPLE_PROFILES[0]!.profileId], /exactly one of/],
    [['lookup', '--customer-user-id', 'a', '--timeout-ms', 'soon'], /--timeout-ms takes a positive whole number/],
    [['lookup', '--customer-user-id', 'a', '--timeout-ms', '4294967296'], /--timeout-ms must be between 1000 and 120000/],
    [['lookup', '--customer-user-id', 'a', '--timeout-ms', '999'], /--timeout-ms must be between 1000 and 120000/],
    [['lookup', '--customer-user-id', 'a', '--base-url', 'not a url'], /invalid_input: "not a url" is not a URL/],
    [['lookup', '--customer-user-id', 'a', '--verbose'], /usage: .*--verbose/],
    [['fetch'], /Unknown command "fetch"/],
  ])('usage error %j exits 2 with one line', async (args, message) => {
    const { code, stdout, stderr } = await run(args as string[]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
  });

  it('without ADAPTY_API_KEY exits 2 and says which variable to set', async () => {
    const { code, stderr } = await run(['lookup', '--customer-user-id', 'all-set', '--base-url', local.server.url], {});
    expect(code).toBe(2);
    expect(stderr).toMatch(/ADAPTY_API_KEY is not set/);
  });

  it('--help documents the commands, options, key variable and every exit code', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    for (const text of ['--customer-user-id', '--profile-id', '--json', '--base-url', '--timeout-ms', 'ADAPTY_API_KEY', 'local-server']) {
      expect(stdout).toContain(text);
    }
    for (const exit of ['0  found', '2  usage', '3  unauthorized', '4  not found', '5  rate limited', '6  server error', '7  network']) {
      expect(stdout).toContain(exit);
    }
  });
});
