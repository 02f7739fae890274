import { execFile } from 'node:child_process';
import { chmod, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { curlCommand, KEY_MASK, maskedAuthorization, shellQuote, type Exchange } from '../../src/shared/exchange';
import { exchangeSchema } from '../../src/shared/exchange-schema';
import { useTempDirs } from '../helpers/temp-dir';

// Shaped like a real secret key so a leak would show; it opens nothing.
const KEY = 'secret_live_ExchangeTestOnly.Zz9Yy8Xx7Q';

/** Every printable ASCII character: what a customer user ID may hold. */
const PRINTABLE_ASCII = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join('');

/** Words a shell would happily change if they were not quoted just right. */
const NASTY = [
  `it's "$HOME" \\ x`,
  "'",
  "''",
  "'\\''",
  '"',
  '$HOME',
  '${HOME}',
  '$(echo pwned)',
  '`echo pwned`',
  '\\',
  'ends with a backslash \\',
  '\\$HOME \\` \\" \\\\',
  '  two  spaces  and\ttab  ',
  'history! !! !$ !-1',
  '* ? [a-z] ~ ~root {a,b}',
  '; | & && || > < >> 2>&1 ( ) # % ^ =',
  '-n',
  '--header',
  '',
  PRINTABLE_ASCII,
];

/** The shells the command is meant for that this machine has: /bin/sh always, bash and zsh when present. */
const SHELLS = ['/bin/sh', '/bin/bash', '/usr/bin/zsh', '/bin/zsh'].filter((shell, i) => i === 0 || existsSync(shell));
const missing = (shell: string) => !existsSync(shell);

type Run = { code: number; stdout: string; stderr: string };

function sh(shell: string, script: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((done) => {
    execFile(shell, ['-c', script], { env, timeout: 10_000 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

/** A HOME whose expansion would show in the output, so an unquoted $HOME cannot pass unnoticed. */
const BASE_ENV = { PATH: process.env.PATH, HOME: '/home/EXPANDED-HOME' };

const exchange = (id: string, overrides: Partial<Exchange> = {}): Exchange => ({
  method: 'GET',
  url: 'http://127.0.0.1:9/api/v2/server-side-api/integration/profile/set/integration-identifiers/',
  requestHeaders: [
    ['Accept', 'application/json'],
    ['Authorization', maskedAuthorization(KEY)],
    ['adapty-customer-user-id', id],
  ],
  status: 200,
  statusText: 'OK',
  durationMs: 12.3,
  responseHeaders: [['content-type', 'application/json']],
  body: '{}',
  bodyTruncated: false,
  error: null,
  ...overrides,
});

describe('maskedAuthorization', () => {
  it('shows a key of 12 or more characters as the mask and its last 4 characters', () => {
    expect(KEY_MASK).toBe('••••');
    expect(maskedAuthorization(KEY)).toBe('Api-Key ••••Xx7Q');
    expect(maskedAuthorization('abcdefghijkl')).toBe('Api-Key ••••ijkl');
    expect(maskedAuthorization(KEY)).not.toContain(KEY.slice(0, -4));
  });

  it('shows nothing of a key shorter than 12 characters', () => {
    expect(maskedAuthorization('abcdefghijk')).toBe('Api-Key ••••');
    expect(maskedAuthorization('short')).toBe('Api-Key ••••');
    expect(maskedAuthorization('')).toBe('Api-Key ••••');
  });
});

describe('shellQuote', () => {
  it('wraps in single quotes and writes each \' as \'\\\'\'', () => {
    expect(shellQuote('plain')).toBe("'plain'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote('')).toBe("''");
  });

  for (const shell of SHELLS) {
    it.skipIf(missing(shell))(`round-trips nasty words through ${shell} -c 'printf %s <quoted>' unchanged`, async () => {
      for (const text of NASTY) {
        const { code, stdout, stderr } = await sh(shell, `printf %s ${shellQuote(text)}`, BASE_ENV);
        expect({ text, code, stderr }).toEqual({ text, code: 0, stderr: '' });
        expect(stdout).toBe(text);
      }
    });
  }

  it.skipIf(missing('/bin/sh'))('keeps many words apart: each quoted word is exactly one argument', async () => {
    const { stdout } = await sh('/bin/sh', `printf '%s\\n' ${NASTY.map(shellQuote).join(' ')}`, BASE_ENV);
    expect(stdout).toBe(NASTY.map((t) => `${t}\n`).join(''));
  });
});

describe('curlCommand', () => {
  const tempDir = useTempDirs('adapty-inspector-curl-');

  /** A folder with a `curl` that prints its arguments as JSON, to put first on PATH. */
  async function fakeCurl(): Promise<string> {
    const folder = await tempDir();
    const script = join(folder, 'curl');
    await writeFile(script, '#!/usr/bin/env node\nconsole.log(JSON.stringify(process.argv.slice(2)));\n');
    await chmod(script, 0o755);
    return folder;
  }

  it('reads the key from $ADAPTY_API_KEY in double quotes and single-quotes everything else', () => {
    const command = curlCommand(exchange('all-set'));
    expect(command).toBe(
      'curl --silent --show-error --include --request GET' +
        " --header 'Accept: application/json'" +
        ' --header "Authorization: Api-Key $ADAPTY_API_KEY"' +
        " --header 'adapty-customer-user-id: all-set'" +
        " 'http://127.0.0.1:9/api/v2/server-side-api/integration/profile/set/integration-identifiers/'",
    );
  });

  it('never carries the key text, even when the exchange holds it unmasked, in any letter case of the header name', () => {
    for (const name of ['Authorization', 'authorization', 'AUTHORIZATION']) {
      const leaky = exchange('all-set', { requestHeaders: [['Accept', 'application/json'], [name, `Api-Key ${KEY}`], ['adapty-customer-user-id', 'all-set']] });
      const command = curlCommand(leaky);
      expect(command).not.toContain(KEY);
      expect(command).not.toContain(KEY.slice(-4));
      expect(command).not.toContain(KEY_MASK);
      expect(command).toContain('"Authorization: Api-Key $ADAPTY_API_KEY"');
    }
    expect(curlCommand(exchange('all-set'))).not.toContain(KEY_MASK);
  });

  it('takes only the method, URL and request headers (a Pick of the exchange)', () => {
    const full = exchange('all-set');
    expect(exchangeSchema.parse(full)).toEqual(full);
    expect(curlCommand({ method: full.method, url: full.url, requestHeaders: full.requestHeaders })).toBe(curlCommand(full));
  });

  for (const shell of SHELLS) {
    it.skipIf(missing(shell))(`pasted into ${shell}, gives curl exactly the arguments meant, the key from the environment`, async () => {
      const folder = await fakeCurl();
      // A key with characters the shell would expand or glob if it re-read it: the double quotes must keep it whole.
      const envKey = 'secret_live_Env*Key?$HOME`x`[a]';
      const env = { ...BASE_ENV, PATH: [folder, dirname(process.execPath), process.env.PATH].join(delimiter), ADAPTY_API_KEY: envKey };
      const url = "http://127.0.0.1:9/api/v2/server-side-api/profile/?a=1&b=$HOME&c='x'";
      const ids = NASTY.filter((t) => t !== '');
      const runs = await Promise.all(ids.map((id) => sh(shell, curlCommand(exchange(id, { url })), env)));
      for (const [i, { code, stdout, stderr }] of runs.entries()) {
        const id = ids[i];
        expect({ id, code, stderr }).toEqual({ id, code: 0, stderr: '' });
        expect(JSON.parse(stdout)).toEqual([
          '--silent',
          '--show-error',
          '--include',
          '--request',
          'GET',
          '--header',
          'Accept: application/json',
          '--header',
          `Authorization: Api-Key ${envKey}`,
          '--header',
          `adapty-customer-user-id: ${id}`,
          url,
        ]);
      }
    });
  }

  it.skipIf(missing('/bin/sh'))('a profile ID header goes through as it is', async () => {
    const folder = await fakeCurl();
    const env = { ...BASE_ENV, PATH: [folder, dirname(process.execPath), process.env.PATH].join(delimiter), ADAPTY_API_KEY: KEY };
    const profileId = '5a3f7e2b-8c4d-4f6a-b1e9-2d7c0f5a9b3e';
    const command = curlCommand(exchange('', { requestHeaders: [['Accept', 'application/json'], ['Authorization', maskedAuthorization(KEY)], ['adapty-profile-id', profileId]] }));
    const argv = JSON.parse((await sh('/bin/sh', command, env)).stdout) as string[];
    expect(argv).toContain(`adapty-profile-id: ${profileId}`);
    expect(argv).toContain(`Authorization: Api-Key ${KEY}`);
    expect(argv.filter((arg) => arg === '--header')).toHaveLength(3);
  });
});
