import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { IDENTIFIERS_PATH } from '../../src/main/adapty/client';
import { PROFILE_PATH } from '../../src/main/adapty/profile';
import { SAMPLE_PROFILES, type SampleProfile } from '../../src/main/local-adapty/profiles';
import { MAX_EXCHANGE_BODY_CHARS } from '../../src/shared/exchange';
import { json, useHostileServer } from '../helpers/hostile-server';
import { useLocalAdapty } from '../helpers/local-adapty';

const CLI = resolve(__dirname, '../../out/main/cli.js');
// Shaped like a real secret key so a leak would show; it opens nothing.
const KEY = 'secret_live_CliVerboseOnly.Pp1Oo2Ii3U';
const MASKED_LINE = '> Authorization: Api-Key ••••Ii3U';

type Run = { code: number; stdout: string; stderr: string };

function run(args: string[]): Promise<Run> {
  return new Promise((done) => {
    const env = { PATH: process.env.PATH, ADAPTY_API_KEY: KEY } as NodeJS.ProcessEnv;
    execFile(process.execPath, [CLI, ...args], { env, timeout: 10_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test does).`);
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const line = (text: string) => new RegExp(`^${escape(text)}$`, 'm');

/** The key, or any 12-character run of it (what redaction removes), nowhere in the text. */
function expectNoKey(text: string): void {
  for (let i = 0; i + 12 <= KEY.length; i++) expect(text).not.toContain(KEY.slice(i, i + 12));
}

/** The exchanges printed on stderr: each one block of `>` lines, `<` lines and the body, ending in a blank line. */
function exchangesIn(stderr: string): string[][] {
  return stderr
    .split('\n\n')
    .filter((block) => block.startsWith('> '))
    .map((block) => block.split('\n'));
}

const withoutRequestId = (stdout: string) => stdout.replace(/^Request ID\s+\S+$/m, 'Request ID');

describe('the CLI with --verbose', () => {
  const local = useLocalAdapty({ apiKeys: [KEY] });
  const lookup = (...args: string[]) => run(['lookup', ...args, '--base-url', local.server.url]);
  const [, allSet, , , uuidUser] = SAMPLE_PROFILES as [SampleProfile, SampleProfile, SampleProfile, SampleProfile, SampleProfile];

  it('prints the exchange on stderr as curl -v does, and the usual table on stdout', async () => {
    const { code, stdout, stderr } = await lookup('all-set', '--verbose');
    expect(code).toBe(0);
    const plain = await lookup('all-set');
    expect(plain.stderr).toBe('');
    expect(withoutRequestId(stdout)).toBe(withoutRequestId(plain.stdout));
    expect(stdout).not.toMatch(/^[<>]/m);

    const requestId = /^Request ID\s+(\S+)$/m.exec(stdout)?.[1];
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const exchanges = exchangesIn(stderr);
    expect(exchanges).toHaveLength(1);
    const [lines] = exchanges as [string[]];
    expect(lines.slice(0, 5)).toEqual([
      `> GET ${local.server.url}${IDENTIFIERS_PATH}`,
      '> Accept: application/json',
      MASKED_LINE,
      '> adapty-customer-user-id: all-set',
      '>',
    ]);
    expect(lines[0]).toMatch(/^> GET http:\/\/127\.0\.0\.1:\d+\/api\/v2\/server-side-api\/integration\/profile\/set\/integration-identifiers\/$/);
    expect(lines[5]).toMatch(/^< 200 OK \(\d+ ms\)$/);
    const end = lines.indexOf('<');
    expect(end).toBeGreaterThan(5);
    const responseHeaders = lines.slice(6, end);
    expect(responseHeaders.every((header) => /^< [a-z0-9-]+: /.test(header))).toBe(true);
    expect(responseHeaders).toContain('< content-type: application/json');
    expect(responseHeaders).toContain(`< request-id: ${requestId}`);
    expect(JSON.parse(lines.slice(end + 1).join('\n'))).toEqual(allSet.body);
    expect(stderr.endsWith('\n\n')).toBe(true);
    expectNoKey(stdout);
    expectNoKey(stderr);
  });

  it('with --json, stdout is still exactly one JSON object; the exchange goes to stderr', async () => {
    const { code, stdout, stderr } = await lookup('all-set', '--verbose', '--json');
    expect(code).toBe(0);
    expect(stdout.endsWith('\n')).toBe(true);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(stdout)).toEqual(JSON.parse((await lookup('all-set', '--json')).stdout));
    expect(stderr).toMatch(line(`> GET ${local.server.url}${IDENTIFIERS_PATH}`));
    expect(stderr).toMatch(line(MASKED_LINE));
    expect(stderr).toMatch(/^< 200 OK \(\d+ ms\)$/m);
    expectNoKey(stdout + stderr);
  });

  it('-v is the same switch', async () => {
    const { code, stderr } = await lookup('-v', '--customer-user-id', 'all-set');
    expect(code).toBe(0);
    expect(exchangesIn(stderr)).toHaveLength(1);
    expect(stderr).toMatch(line(MASKED_LINE));
    expect(stderr).toMatch(line('> adapty-customer-user-id: all-set'));
  });

  it('a lookup with no answer prints the request and "< no answer", then the error line', async () => {
    const { code, stdout, stderr } = await lookup('scenario:drop', '-v');
    expect(code).toBe(7);
    expect(stdout).toBe('');
    const [lines, ...more] = exchangesIn(stderr) as [string[]];
    expect(more).toEqual([]);
    expect(lines.slice(0, 5)).toEqual([`> GET ${local.server.url}${IDENTIFIERS_PATH}`, '> Accept: application/json', MASKED_LINE, '> adapty-customer-user-id: scenario:drop', '>']);
    expect(lines[5]).toMatch(/^< no answer after \d+ ms: The connection to 127\.0\.0\.1:\d+ was dropped/);
    expect(lines).toHaveLength(6);
    expect(stderr).not.toMatch(/^< \d{3}/m);
    expect(stderr).toMatch(/^error: network: /m);
    expectNoKey(stderr);
  });

  it('an error status prints its line without a doubled space, and an empty body prints nothing after "<"', async () => {
    const { code, stderr } = await lookup('scenario:server-error', '-v');
    expect(code).toBe(6);
    const [lines] = exchangesIn(stderr) as [string[]];
    expect(lines[5]).toMatch(/^< 500 Internal Server Error \(\d+ ms\)$/);
    expect(lines.at(-1)).toBe('<');
    expect(stderr).toMatch(/^error: server_error \(HTTP 500\)/m);
  });

  it('a 404 prints Adapty\'s error body', async () => {
    const { code, stderr } = await lookup('nobody', '--verbose');
    expect(code).toBe(4);
    const [lines] = exchangesIn(stderr) as [string[]];
    expect(lines[5]).toMatch(/^< 404 Not Found \(\d+ ms\)$/);
    expect(JSON.parse(lines.slice(lines.indexOf('<') + 1).join('\n'))).toMatchObject({ error_code: 'profile_not_found' });
  });

  it('never prints the key a server repeats in its body: it is redacted', async () => {
    const { code, stdout, stderr } = await lookup('scenario:echo-key', '--verbose', '--json');
    expect(code).toBe(8);
    expect(stderr).toMatch(line(MASKED_LINE));
    expect(stderr).toContain('Malformed header Authorization: Api-Key [redacted]');
    expectNoKey(stdout + stderr);
  });

  it('prints an ID with quotes, $ and a backslash as it was sent', async () => {
    const id = `it's "$HOME" \\ x`;
    const { code, stderr } = await lookup('--customer-user-id', id, '-v');
    expect(code).toBe(4);
    expect(stderr).toMatch(line(`> adapty-customer-user-id: ${id}`));
    expect(local.server.requests.at(-1)?.customerUserId).toBe(id);
  });

  it('prints every exchange, in order: Auto\'s two tries, then the profile with --with-profile', async () => {
    const { code, stderr } = await lookup(uuidUser.customerUserId, '--with-profile', '-v');
    expect(code).toBe(0);
    const exchanges = exchangesIn(stderr);
    expect(exchanges.map((lines) => [lines[0], lines[3], lines[5]?.replace(/\(\d+ ms\)$/, '(… ms)')])).toEqual([
      [`> GET ${local.server.url}${IDENTIFIERS_PATH}`, `> adapty-profile-id: ${uuidUser.customerUserId}`, '< 404 Not Found (… ms)'],
      [`> GET ${local.server.url}${IDENTIFIERS_PATH}`, `> adapty-customer-user-id: ${uuidUser.customerUserId}`, '< 200 OK (… ms)'],
      [`> GET ${local.server.url}${PROFILE_PATH}`, `> adapty-customer-user-id: ${uuidUser.customerUserId}`, '< 200 OK (… ms)'],
    ]);
    expectNoKey(stderr);
  });

  it('profile --verbose prints the profile endpoint\'s exchange', async () => {
    const { code, stdout, stderr } = await run(['profile', '--profile-id', allSet.profileId, '--verbose', '--base-url', local.server.url]);
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^Profile ID\\s+${allSet.profileId}$`, 'm'));
    const [lines, ...more] = exchangesIn(stderr) as [string[]];
    expect(more).toEqual([]);
    expect(lines.slice(0, 5)).toEqual([`> GET ${local.server.url}${PROFILE_PATH}`, '> Accept: application/json', MASKED_LINE, `> adapty-profile-id: ${allSet.profileId}`, '>']);
    expect(JSON.parse(lines.slice(lines.indexOf('<') + 1).join('\n'))).toMatchObject({ data: { profile_id: allSet.profileId } });
  });

  it('without --verbose, nothing of the exchange is printed', async () => {
    const found = await lookup('all-set');
    expect(found.stderr).toBe('');
    const dropped = await lookup('scenario:drop');
    expect(dropped.stderr).not.toMatch(/^[<>]/m);
    expect(dropped.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('--help documents --verbose', async () => {
    const { stdout } = await run(['--help']);
    expect(stdout).toMatch(/^ {2}--verbose\s+each HTTP exchange on stderr/m);
  });
});

describe('the CLI with --verbose, against answers the local Adapty never gives', () => {
  const server = useHostileServer();
  const lookup = (...args: string[]) => run(['lookup', ...args, '--base-url', server.url]);

  it('a status line without a reason phrase prints "< 500 (N ms)", with one space', async () => {
    server.answer = json('500 ', { errors: ['boom'] });
    const { code, stderr } = await lookup('all-set', '-v');
    expect(code).toBe(6);
    const [lines] = exchangesIn(stderr) as [string[]];
    expect(lines[5]).toMatch(/^< 500 \(\d+ ms\)$/);
  });

  it(`a body over ${MAX_EXCHANGE_BODY_CHARS} characters is cut there, and says so`, async () => {
    const [, allSet] = SAMPLE_PROFILES as [SampleProfile, SampleProfile];
    const body = JSON.stringify({ ...allSet.body, padding: 'p'.repeat(2 * MAX_EXCHANGE_BODY_CHARS) });
    server.answer = json('200 OK', body);
    const { code, stdout, stderr } = await lookup('all-set', '-v');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^16 of 16 identifiers set\.$/m);
    const [lines] = exchangesIn(stderr) as [string[]];
    const at = lines.indexOf('<');
    expect(lines.slice(at + 1)).toEqual([body.slice(0, MAX_EXCHANGE_BODY_CHARS), '(body cut at 64 KiB)']);
  });
});
