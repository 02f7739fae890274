import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { IDENTIFIER_KEYS } from '../../src/shared/identifiers';
import { knownIdLines, SAMPLE_PROFILES, type SampleProfile } from '../../src/main/local-adapty/profiles';
import { startLocalAdapty } from '../../src/main/local-adapty/server';
import { HELP } from '../../src/cli/args';
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
  const profile = (...args: string[]) => run(['profile', ...args, '--base-url', local.server.url]);
  const [documented, allSet, , liberal, uuidUser] = SAMPLE_PROFILES as [SampleProfile, SampleProfile, SampleProfile, SampleProfile, SampleProfile];
  const oneJson = (stdout: string) => {
    expect(stdout.endsWith('\n')).toBe(true);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    return JSON.parse(stdout) as Record<string, unknown>;
  };

  describe('profile', () => {
    it('prints who the user is as a block: IDs, revenue, access levels, subscriptions, purchases, attributes', async () => {
      const { code, stdout, stderr } = await profile('--customer-user-id', 'documented-example');
      expect(code).toBe(0);
      expect(stderr).toBe('');
      expect(stdout).toMatch(new RegExp(`^Profile ID\\s+${documented.profileId}$`, 'm'));
      expect(stdout).toMatch(/^Customer user ID\s+documented-example$/m);
      expect(stdout).toMatch(/^Total revenue\s+\$9\.99 \(USD\)$/m);
      expect(stdout).toMatch(/^Request ID\s+[0-9a-f-]{36}$/m);
      expect(stdout).not.toContain('Matched as');
      expect(stdout).toMatch(/^Access levels\n {2}premium\s+active\s+App Store premium\.monthly\s+expires \S+, offer introductory free_trial$/m);
      expect(stdout).toMatch(/^Subscriptions\n {2}App Store premium\.monthly\s+active\s+expires \S+, offer introductory free_trial, Production$/m);
      expect(stdout).toMatch(/^One-time purchases\n {2}none$/m);
      expect(stdout).toMatch(/^Custom attributes\n {2}favourite_sport\s+"yoga"\n {2}level\s+7$/m);
    });

    it('a profile with parts of the wrong shape: each says it could not be read (never "none" or "not set"); exit 6, saying which', async () => {
      const { code, stdout, stderr } = await profile('--customer-user-id', 'scenario:profile-unreadable');
      expect(code).toBe(6);
      for (const line of [/^Profile ID\s+could not be read/m, /^Customer user ID\s+could not be read/m, /^Total revenue\s+could not be read/m]) expect(stdout).toMatch(line);
      for (const part of ['Access levels', 'Subscriptions', 'One-time purchases', 'Custom attributes']) expect(stdout).toMatch(new RegExp(`^${part}\n {2}could not be read`, 'm'));
      expect(stdout).not.toMatch(/\bnone$|not set|not given/m);
      expect(stderr).toMatch(/^error: invalid_response.*"data\.access_levels" should be a list or null/m);
    });

    it('shows trouble and unknown keys: lifetime, consumables, refunds, billing issues, extras', async () => {
      const lifetime = await profile('--profile-id', allSet.profileId);
      expect(lifetime.stdout).toMatch(/premium\s+active\s+Google Play premium\.lifetime\s+lifetime/);
      expect(lifetime.stdout).toMatch(/Google Play coins\.100\s+consumable, purchased 2024-05-11T19:02:41\+00:00, Sandbox/);
      const trouble = await profile('--customer-user-id', 'liberal-shape');
      expect(trouble.stdout).toMatch(/^App ID\s+not set$/m);
      expect(trouble.stdout).toMatch(/^Total revenue\s+\$12\.50 \(USD\)$/m);
      expect(trouble.stdout).toMatch(/renewal cancelled.*billing issue since .*in grace period, cancellation reason billing_error, offer promotional pay_as_you_go winter-promo, Sandbox/);
      expect(trouble.stdout).toMatch(/App Store themes\.pack\s+non-consumable, purchased \S+, refunded, Production/);
      expect(trouble.stdout).toMatch(/support_tier\s+\{"name":"gold","since":2024\}/);
    });

    it('--json prints exactly one object in Adapty\'s spelling', async () => {
      const { code, stdout, stderr } = await profile('--profile-id', liberal.profileId, '--json');
      expect(code).toBe(0);
      expect(stderr).toBe('');
      const object = oneJson(stdout);
      expect(Object.keys(object)).toEqual([
        'profile_id', 'customer_user_id', 'app_id', 'total_revenue_usd', 'access_levels', 'subscriptions',
        'one_time_purchases', 'custom_attributes', 'extras', 'request_id',
      ]);
      expect(object).toMatchObject({
        profile_id: liberal.profileId,
        customer_user_id: 'liberal-shape',
        app_id: null,
        total_revenue_usd: 12.5,
        custom_attributes: [{ key: 'churn_risk', value: 'high' }],
        extras: { support_tier: { name: 'gold', since: 2024 } },
      });
      const [level] = object.access_levels as Record<string, unknown>[];
      expect(level).toMatchObject({ id: 'pro', product_id: 'pro.yearly', is_in_grace_period: true, renewal_cancelled: true, extras: { family_shared: false } });
      expect((object.one_time_purchases as Record<string, unknown>[])[0]).toMatchObject({ is_refund: true, extras: { refund_reason: 'accidental purchase' } });
    });
  });

  describe('lookup --with-profile', () => {
    it('text: the identifiers table, then who the user is', async () => {
      const { code, stdout, stderr } = await lookup('--customer-user-id', 'documented-example', '--with-profile');
      expect(code).toBe(0);
      expect(stderr).toBe('');
      const [identifiers, who] = stdout.split('\nWho the user is\n') as [string, string];
      expect(identifiers).toContain('5 of 16 identifiers set.');
      expect(who).toMatch(new RegExp(`^Profile ID\\s+${documented.profileId}$`, 'm'));
      expect(who).toMatch(/^Total revenue\s+\$9\.99 \(USD\)$/m);
      expect(who).toMatch(/^Custom attributes\n {2}favourite_sport/m);
    });

    it('--json: one object, the identifiers and extras, then "profile"', async () => {
      const { code, stdout } = await lookup('--customer-user-id', 'liberal-shape', '--with-profile', '--json');
      expect(code).toBe(0);
      const object = oneJson(stdout);
      expect(Object.keys(object)).toEqual([...IDENTIFIER_KEYS, 'singular_device_id', 'future_integration', 'profile']);
      expect(object.appsflyer_id).toBe('1700000000000-1234567');
      expect(object.profile).toMatchObject({ profile_id: liberal.profileId, customer_user_id: 'liberal-shape', total_revenue_usd: 12.5 });
    });

    it('when only the profile fails: the identifiers, the profile\'s error in its place, its exit code', async () => {
      const text = await lookup('--customer-user-id', 'scenario:profile-fails', '--with-profile');
      expect(text.code).toBe(6);
      expect(text.stdout).toContain('16 of 16 identifiers set.');
      expect(text.stdout).toMatch(/^Who the user is\nThe profile could not be read: server_error \(HTTP 500/m);
      expect(text.stderr.trim().split('\n')).toHaveLength(1);
      expect(text.stderr).toMatch(/^error: server_error \(HTTP 500/);
      const json = await lookup('--customer-user-id', 'scenario:profile-fails', '--with-profile', '--json');
      expect(json.code).toBe(6);
      const object = oneJson(json.stdout);
      expect(object.appsflyer_id).toBe('appsflyer-id-07-7f3a9c');
      expect(object.profile).toMatchObject({ error: { kind: 'server_error', status: 500, error_code: 'internal_error' } });
    });

    it('when the identifiers fail, only their error (the profile is not asked for)', async () => {
      const { code, stdout, stderr } = await lookup('--customer-user-id', 'nobody', '--with-profile', '--json');
      expect(code).toBe(4);
      expect(oneJson(stdout)).toEqual({ error: expect.objectContaining({ kind: 'not_found' }) });
      expect(stderr).toMatch(/^error: not_found/);
    });
  });

  describe('a bare ID is Auto', () => {
    it('a UUID that is a profile ID matches as a profile ID', async () => {
      const text = await lookup(documented.profileId);
      expect(text.code).toBe(0);
      expect(text.stdout).toMatch(/^Matched as\s+Profile ID \(Auto\)$/m);
      expect(text.stdout).toContain('5 of 16 identifiers set.');
      const json = await profile(documented.profileId.toUpperCase(), '--json');
      expect(json.code).toBe(0);
      expect(oneJson(json.stdout)).toMatchObject({ profile_id: documented.profileId, matched_as: 'profile_id' });
    });

    it('a UUID that is only a customer user ID matches as one, after the profile ID', async () => {
      const text = await lookup(uuidUser.customerUserId);
      expect(text.code).toBe(0);
      expect(text.stdout).toMatch(/^Matched as\s+Customer user ID \(Auto; no profile has it as a profile ID\)$/m);
      expect(text.stdout).toMatch(/^Amplitude\s+User ID\s+amplitude_user_id\s+amp-uuid-user$/m);
      const json = await lookup(uuidUser.customerUserId, '--json', '--with-profile');
      const object = oneJson(json.stdout);
      expect(Object.keys(object)).toEqual([...IDENTIFIER_KEYS, 'matched_as', 'profile']);
      expect(object).toMatchObject({ mixpanel_user_id: 'mp-uuid-user', matched_as: 'customer_user_id', profile: { profile_id: uuidUser.profileId } });
      const who = await profile(uuidUser.customerUserId);
      expect(who.stdout).toMatch(/^Matched as\s+Customer user ID \(Auto; no profile has it as a profile ID\)$/m);
      expect(who.stdout).toMatch(new RegExp(`^Profile ID\\s+${uuidUser.profileId}$`, 'm'));
    });

    it('anything else is a customer user ID, and quotes and spaces around it are dropped', async () => {
      const { code, stdout } = await lookup(' "all-set" ', '--json');
      expect(code).toBe(0);
      expect(oneJson(stdout)).toMatchObject({ appsflyer_id: 'appsflyer-id-07-7f3a9c', matched_as: 'customer_user_id' });
      const text = await profile('all-set');
      expect(text.stdout).toMatch(/^Matched as\s+Customer user ID \(Auto; not a UUID, so not a profile ID\)$/m);
    });

    it('a UUID nobody has: not found, saying both were tried', async () => {
      const { code, stdout, stderr } = await lookup('11111111-2222-4333-8444-555555555555');
      expect(code).toBe(4);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/^error: not_found .*Auto tried both, as a profile ID first, then as a customer user ID/);
    });

    it('a flag still forces the type: a customer user ID that is a UUID is not found as a profile ID', async () => {
      const { code, stderr } = await profile('--profile-id', uuidUser.customerUserId);
      expect(code).toBe(4);
      expect(stderr).toMatch(/^error: not_found .*No profile with profile ID/);
    });
  });

  describe('--json errors are one object on stdout, with the same exit codes', () => {
    it.each([
      ['not found', ['lookup', '--customer-user-id', 'nobody'], KEY, 4, { kind: 'not_found', status: 404, error_code: 'profile_not_found', messages: ['Profile not found'] }],
      ['not found (profile)', ['profile', 'nobody'], KEY, 4, { kind: 'not_found', status: 404, error_code: 'profile_does_not_exist' }],
      ['unauthorized', ['lookup', 'all-set'], 'wrong_key', 3, { kind: 'unauthorized', status: 401, error_code: 'unauthorized' }],
      ['unauthorized (profile)', ['profile', 'all-set'], 'wrong_key', 3, { kind: 'unauthorized', status: 401 }],
      ['rate limited', ['lookup', 'scenario:rate-limited'], KEY, 5, { kind: 'rate_limited', status: 429, error_code: 'rate_limited', retry_after_ms: 2000 }],
      ['rate limited (profile)', ['profile', 'scenario:rate-limited'], KEY, 5, { kind: 'rate_limited', status: 429, retry_after_ms: 2000 }],
    ] as const)('%s', async (_name, args, key, exit, expected) => {
      const { code, stdout, stderr } = await run([...args, '--json', '--base-url', local.server.url], { ADAPTY_API_KEY: key });
      expect(code).toBe(exit);
      const object = oneJson(stdout);
      expect(Object.keys(object)).toEqual(['error']);
      const error = object.error as Record<string, unknown>;
      expect(error).toMatchObject(expected);
      expect(Object.keys(error).slice(0, 6)).toEqual(['kind', 'status', 'error_code', 'message', 'messages', 'request_id']);
      expect(error.request_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(error.message).toEqual(expect.any(String));
      if (!('retry_after_ms' in expected)) expect(error).not.toHaveProperty('retry_after_ms');
      // stderr keeps the one line, as without --json.
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(new RegExp(`^error: ${expected.kind} `));
    });

    it('a usage error and a missing key are JSON too', async () => {
      const usage = await run(['lookup', '--json', '--customer-user-id']);
      expect(usage.code).toBe(2);
      expect(oneJson(usage.stdout)).toEqual({
        error: { kind: 'usage', status: null, error_code: null, message: expect.stringMatching(/^--customer-user-id needs a value/), messages: [], request_id: null },
      });
      expect(usage.stderr).toMatch(/^error: usage: --customer-user-id needs a value/);
      const unknown = await run(['profile', 'x', '--json', '--nope']);
      expect(oneJson(unknown.stdout)).toMatchObject({ error: { kind: 'usage', message: 'Unknown option --nope. See --help.' } });
      const noKey = await run(['profile', 'all-set', '--json', '--base-url', local.server.url], {});
      expect(noKey.code).toBe(2);
      expect(oneJson(noKey.stdout)).toMatchObject({ error: { kind: 'invalid_input', message: expect.stringMatching(/ADAPTY_API_KEY is not set/) } });
    });

    it('never prints the key, in JSON either', async () => {
      const echoed = await lookup('--customer-user-id', 'scenario:echo-key', '--json');
      expect(echoed.code).toBe(8);
      expect(echoed.stdout).toContain('Api-Key [redacted]');
      const outputs = [
        echoed,
        await profile('scenario:echo-key', '--json'),
        await profile('scenario:echo-key'),
        await lookup('all-set', '--with-profile', '--json'),
        await lookup('all-set', '--with-profile'),
      ];
      for (const output of outputs) expect(output.stdout + output.stderr).not.toContain(KEY);
    });
  });

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
    ['dropped connection', ['--customer-user-id', 'scenario:drop'], undefined, 7, /^error: network: .*dropped/],
    ['timeout', ['--customer-user-id', 'scenario:slow', '--timeout-ms', '1000'], undefined, 7, /^error: timeout: Adapty did not answer within 1 s/],
    ['invalid profile ID', ['--profile-id', 'not-a-uuid'], undefined, 2, /^error: invalid_input: A profile ID is a UUID/],
    ['control character', ['--customer-user-id', 'a\tb'], undefined, 2, /^error: invalid_input: .*U\+0009 \(tab\) at position 2/],
  ] as const)('%s: its own exit code, and one line on stderr', async (_name, args, env, exit, line) => {
    const { code, stdout, stderr } = await run(['lookup', ...args, '--base-url', local.server.url], env ?? { ADAPTY_API_KEY: KEY });
    expect(code).toBe(exit);
    expect(stdout).toBe('');
    expect(stderr.endsWith('\n')).toBe(true);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr.trim()).toMatch(line);
  });

  it('an answer with an identifier of the wrong shape: the others are printed, that one is marked, and it exits 6 naming the field', async () => {
    const { code, stdout, stderr } = await run(['lookup', '--customer-user-id', 'scenario:wrong-shape', '--base-url', local.server.url]);
    expect(code).toBe(6);
    expect(stdout).toMatch(/^AppsFlyer\s+Network user ID\s+appsflyer_id\s+could not be read \(wrong type\)$/m);
    expect(stdout).toMatch(/^Adjust\s+.*\sadjust_device_id\s+\S+/m);
    expect(stdout).toContain('15 of 16 identifiers set.');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^error: invalid_response: Adapty's answer has an unexpected shape: "appsflyer_id" should be a string or null, got number\. Every other field was read\. Field: appsflyer_id\./);
    const json = await run(['lookup', '--customer-user-id', 'scenario:wrong-shape', '--base-url', local.server.url, '--json']);
    expect(json.code).toBe(6);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { kind: 'invalid_response' } });
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
    [['lookup'], /exactly one of: a bare ID \(Auto\), --customer-user-id ID or --profile-id UUID\./],
    [['lookup', '--customer-user-id', 'a', '--profile-id', SAMPLE_PROFILES[0]!.profileId], /exactly one of.*more than one/],
    [['lookup', 'a', '--customer-user-id', 'b'], /exactly one of.*more than one/],
    [['lookup', 'a', 'b'], /Unexpected argument "b"/],
    [['profile', 'a', '--with-profile'], /--with-profile is for lookup/],
    [['lookup', '--customer-user-id', 'a', '--timeout-ms', 'soon'], /--timeout-ms takes a positive whole number/],
    [['lookup', '--customer-user-id', 'a', '--timeout-ms', '4294967296'], /--timeout-ms must be between 1000 and 120000/],
    [['lookup', '--customer-user-id', 'a', '--timeout-ms', '999'], /--timeout-ms must be between 1000 and 120000/],
    [['lookup', '--customer-user-id', 'a', '--base-url', 'not a url'], /invalid_input: "not a url" is not a URL/],
    [['lookup', '--customer-user-id', 'a', '--verbos'], /^error: usage: Unknown option --verbos\. See --help\.$/m],
    [['lookup', 'a', '-x'], /^error: usage: Unknown option -x\. See --help\.$/m],
    [['lookup', '--customer-user-id'], /^error: usage: --customer-user-id needs a value, as in --customer-user-id VALUE/],
    [['profile', '--profile-id', '--base-url', 'x'], /--profile-id needs a value/],
    [['lookup', 'a', '--json=yes'], /--json takes no value/],
    [['lookup', '--customer-user-id', 'a', '--customer-user-id', 'b'], /--customer-user-id is given twice/],
    [['fetch'], /Unknown command "fetch"; the commands are lookup, profile, batch and local-server/],
  ])('usage error %j exits 2 with one line', async (args, message) => {
    const { code, stdout, stderr } = await run(args as string[]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
    // Never Node's own parser text.
    expect(stderr).not.toMatch(/positional argument|place it at the end|ERR_PARSE_ARGS|argument missing|ambiguous/);
  });

  it('without ADAPTY_API_KEY exits 2 and says which variable to set', async () => {
    const { code, stderr } = await run(['lookup', '--customer-user-id', 'all-set', '--base-url', local.server.url], {});
    expect(code).toBe(2);
    expect(stderr).toMatch(/ADAPTY_API_KEY is not set/);
  });

  it('--help documents the commands, options, key variable and every exit code', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    for (const text of ['--customer-user-id', '--profile-id', '--with-profile', '--json', '--base-url', '--timeout-ms', 'ADAPTY_API_KEY', 'local-server', 'profile ', 'Auto', 'matched_as', '"error"', 'retry_after_ms']) {
      expect(stdout).toContain(text);
    }
    for (const exit of ['0  found', '2  usage', '3  unauthorized', '4  not found', '5  rate limited', '6  server error', '7  network']) {
      expect(stdout).toContain(exit);
    }
  });
});

describe('<command> --help', () => {
  /** The options each command's help must describe, and some it must not (another command's). */
  const cases = [
    ['lookup', ['--customer-user-id', '--profile-id', '--with-profile', '--json', '--verbose', '--connection', '--base-url', '--timeout-ms'], ['--input', '--port']],
    ['profile', ['--customer-user-id', '--profile-id', '--json', '--verbose', '--connection', '--base-url', '--timeout-ms'], ['--with-profile', '--input', '--port']],
    ['batch', ['--input', '--column', '--id-type', '--output', '--format', '--concurrency', '--verbose', '--connection', '--base-url', '--timeout-ms'], ['--customer-user-id', '--json', '--port']],
    ['local-server', ['--port', '--slow-ms', '--rate'], ['--customer-user-id', '--input', '--base-url']],
  ] as const;

  it.each(cases)('%s --help prints its usage and its own options, on stdout, exit 0', async (name, own, others) => {
    const { code, stdout, stderr } = await run([name, '--help'], {});
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).not.toBe(HELP);
    const [usage = '', ...rest] = stdout.split('\n\n');
    expect(usage).toMatch(new RegExp(`^Usage:\\n  adapty-inspector ${name} `));
    expect(usage.match(/adapty-inspector/g)).toHaveLength(1);
    // Every option its usage names is described, one line each, and those are the options it has.
    expect([...new Set(usage.match(/--[a-z-]+/g))].sort()).toEqual([...own].sort());
    const body = rest.join('\n\n');
    for (const option of own) expect(body).toMatch(new RegExp(`^  ${option} `, 'm'));
    for (const option of others) expect(body).not.toMatch(new RegExp(`^  ${option} `, 'm'));
    expect(stdout).not.toContain('Exit codes');
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('The output, the exit codes and the other commands: adapty-inspector --help');
  });

  it('--help alone, and after an unknown command, still prints the general help', async () => {
    for (const args of [['--help'], ['-h'], ['fetch', '--help'], []]) {
      const { code, stdout, stderr } = await run(args, {});
      expect(code).toBe(0);
      expect(stderr).toBe('');
      expect(stdout).toBe(HELP);
    }
  });
});

describe('local-server', () => {
  it('prints its URL, its key and every kind of ID it answers, then runs until stopped', async () => {
    const child = spawn(process.execPath, [CLI, 'local-server'], { env: { PATH: process.env.PATH }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    try {
      await new Promise<void>((done, failed) => {
        const timer = setTimeout(() => failed(new Error(`local-server printed only: ${stdout}`)), 10_000);
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString('utf8');
          if (stdout.includes('Ctrl-C stops it.')) {
            clearTimeout(timer);
            done();
          }
        });
      });
    } finally {
      const exited = new Promise<[number | null, string | null]>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) done([child.exitCode, child.signalCode]);
        else child.once('exit', (code, signal) => done([code, signal]));
      });
      child.kill('SIGTERM');
      // Stopped as soon as it said it runs: it still closes and exits 0, not killed by the signal.
      expect(await exited).toEqual([0, null]);
    }
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^Local Adapty listening on http:\/\/127\.0\.0\.1:\d+$/);
    expect(lines.slice(2, -2)).toEqual(knownIdLines());
    expect(stdout).toContain('user-1 … user-999999999');
    expect(stdout).toContain('scenario:flaky[:<tag>]');
  });
});

describe('the built CLI as a command', () => {
  it('starts with a #!/usr/bin/env node line, for the bin entry', () => {
    expect(readFileSync(CLI, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  it('package.json names it as the adapty-inspector command', () => {
    const pkg = JSON.parse(readFileSync(resolve(__dirname, '../../package.json'), 'utf8')) as { bin?: Record<string, string> };
    expect(pkg.bin).toEqual({ 'adapty-inspector': 'out/main/cli.js' });
  });

  it('runs as npx adapty-inspector inside the repository', async () => {
    const help = await new Promise<string>((done, failed) =>
      execFile('npx', ['--no-install', 'adapty-inspector', '--help'], { cwd: resolve(__dirname, '../..'), timeout: 30_000 }, (error, stdout) =>
        error ? failed(error) : done(stdout),
      ),
    );
    expect(help).toContain('adapty-inspector profile');
  }, 35_000);
});

describe('what a lookup loads', () => {
  const local = useLocalAdapty({ apiKeys: [KEY] });
  /** The built files the CLI compiled while it ran, each marked with whether zod is bundled in it. */
  const loadedBy = async (args: string[]): Promise<{ run: Run; files: { file: string; zod: boolean }[] }> => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-loads-'));
    const hook = join(dir, 'hook.cjs');
    const report = join(dir, 'loaded.json');
    writeFileSync(
      hook,
      `const Module = require('node:module'); const fs = require('node:fs'); const loaded = [];
const compile = Module.prototype._compile;
Module.prototype._compile = function (content, filename) { loaded.push({ file: filename, zod: content.includes('node_modules/zod/') }); return compile.call(this, content, filename); };
process.on('exit', () => fs.writeFileSync(${JSON.stringify(report)}, JSON.stringify(loaded)));`,
    );
    const result = await new Promise<Run>((done) => {
      execFile(process.execPath, ['--require', hook, CLI, ...args, '--base-url', local.server.url], { env: { PATH: process.env.PATH, ADAPTY_API_KEY: KEY }, timeout: 10_000 }, (error, stdout, stderr) =>
        done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
      );
    });
    const files = (JSON.parse(readFileSync(report, 'utf8')) as { file: string; zod: boolean }[]).filter(({ file }) => file.includes(`${join('out', 'main')}`));
    rmSync(dir, { recursive: true, force: true });
    return { run: result, files };
  };

  it('a lookup that finds the user starts without zod and its schemas: they load only for an answer that needs them', async () => {
    const found = await loadedBy(['lookup', '--customer-user-id', 'all-set', '--json']);
    expect(found.run.code).toBe(0);
    // One file: what a lookup runs is all in cli.js (each more file to load costs its start time).
    expect(found.files.map(({ file }) => relative(resolve(__dirname, '../..'), file))).toEqual([join('out', 'main', 'cli.js')]);
    expect(found.files.filter(({ zod }) => zod)).toEqual([]);

    // An error body is read by its schema, loaded then: the answer is as full as ever.
    const missing = await loadedBy(['lookup', '--customer-user-id', 'nobody-by-this-id', '--json']);
    expect(JSON.parse(missing.run.stdout)).toMatchObject({ error: { kind: 'not_found', error_code: 'profile_not_found' } });
    expect(missing.files.some(({ zod }) => zod)).toBe(true);
  });
});

