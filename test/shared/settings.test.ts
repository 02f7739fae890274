import { describe, expect, it } from 'vitest';
import { checkBaseUrl } from '../../src/shared/input-rules';
import {
  checkSettings,
  DEFAULT_SETTINGS,
  MAX_TIMEOUT_MS,
  MIN_TIMEOUT_MS,
  type Settings,
  type SettingsProblem,
} from '../../src/shared/settings';
import { settingsSchema } from '../../src/shared/settings-schema';

const valid = (baseUrl: string, timeoutMs = 15_000): Settings => ({ baseUrl, timeoutMs });

function problemOf(input: Settings): SettingsProblem {
  const checked = checkSettings(input);
  if (checked.ok) throw new Error(`expected ${JSON.stringify(input)} to be refused, got ${JSON.stringify(checked.value)}`);
  return checked.error;
}

describe('checkBaseUrl', () => {
  it.each([
    ['https://api.adapty.io', 'https://api.adapty.io'],
    ['https://api.adapty.io/', 'https://api.adapty.io'],
    ['https://api.adapty.io///', 'https://api.adapty.io'],
    ['  https://api.adapty.io/ \n', 'https://api.adapty.io'],
    ['\thttp://127.0.0.1:8080/', 'http://127.0.0.1:8080'],
    ['HTTPS://API.ADAPTY.IO/', 'https://api.adapty.io'],
    ['https://api.adapty.io:443/', 'https://api.adapty.io'],
    ['https://proxy.example.com/adapty/', 'https://proxy.example.com/adapty'],
    ['https://proxy.example.com/a/b//', 'https://proxy.example.com/a/b'],
  ])('accepts %j as %j (trimmed, lower-cased host, no trailing slash)', (raw, expected) => {
    expect(checkBaseUrl(raw)).toEqual({ ok: true, value: expected });
  });

  it.each(['ftp://api.adapty.io', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/plain,hi', 'ws://api.adapty.io', 'mailto:a@b.c'])(
    'refuses the non-http scheme of %j',
    (raw) => {
      const checked = checkBaseUrl(raw);
      expect(checked.ok).toBe(false);
      if (!checked.ok) expect(checked.error.message).toMatch(/must start with https:\/\//);
    },
  );

  it.each(['', '   ', 'api.adapty.io', '//api.adapty.io', 'https://', 'http://exa mple.com', 'not a url'])('refuses %j as not a URL', (raw) => {
    const checked = checkBaseUrl(raw);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.error.message).toMatch(/is not a URL/);
  });

  it.each(['https://user:pass@api.adapty.io', 'https://user@api.adapty.io', 'https://:pass@api.adapty.io/'])(
    'refuses credentials in %j without repeating them',
    (raw) => {
      const checked = checkBaseUrl(raw);
      expect(checked.ok).toBe(false);
      if (!checked.ok) {
        expect(checked.error.message).toMatch(/user name or password/);
        expect(checked.error.message).not.toContain('pass@');
      }
    },
  );

  it.each(['https://api.adapty.io/?x=1', 'https://api.adapty.io?key=abc', 'https://api.adapty.io/#top', 'https://api.adapty.io/path?x#y'])(
    'refuses the query or fragment of %j',
    (raw) => {
      const checked = checkBaseUrl(raw);
      expect(checked.ok).toBe(false);
      if (!checked.ok) expect(checked.error.message).toMatch(/query .* or fragment/);
    },
  );
});

describe('checkSettings', () => {
  it('accepts the defaults as they are', () => {
    expect(checkSettings(DEFAULT_SETTINGS)).toEqual({ ok: true, value: DEFAULT_SETTINGS });
  });

  it('gives the base URL back trimmed and without a trailing slash, the timeout untouched', () => {
    expect(checkSettings(valid('  http://127.0.0.1:4010/ ', 2_500))).toEqual({
      ok: true,
      value: { baseUrl: 'http://127.0.0.1:4010', timeoutMs: 2_500 },
    });
  });

  it.each(['ftp://api.adapty.io', 'https://u:p@api.adapty.io', 'https://api.adapty.io/?q=1', 'https://api.adapty.io/#f', 'nope', ''])(
    'names baseUrl as the field for %j',
    (baseUrl) => {
      const problem = problemOf(valid(baseUrl));
      expect(problem.field).toBe('baseUrl');
      expect(problem.message).toEqual((checkBaseUrl(baseUrl) as { error: { message: string } }).error.message);
    },
  );

  it.each([MIN_TIMEOUT_MS, 1_001, 15_000, MAX_TIMEOUT_MS])('accepts a timeout of %d ms', (timeoutMs) => {
    expect(checkSettings(valid('https://api.adapty.io', timeoutMs))).toEqual({ ok: true, value: valid('https://api.adapty.io', timeoutMs) });
  });

  it.each([0, -1, 999, MIN_TIMEOUT_MS - 1, MAX_TIMEOUT_MS + 1, 1_000_000, 1500.5, 1000.0001, Number.NaN, Infinity, -Infinity])(
    'refuses a timeout of %d ms with a message in seconds',
    (timeoutMs) => {
      const problem = problemOf(valid('https://api.adapty.io', timeoutMs));
      expect(problem).toEqual({ field: 'timeoutMs', message: 'The timeout must be between 1 and 120 seconds.' });
    },
  );

  it('reports the base URL first when both are wrong', () => {
    expect(problemOf(valid('ftp://x', 5)).field).toBe('baseUrl');
  });

  it('has bounds of 1 s and 120 s', () => {
    expect([MIN_TIMEOUT_MS, MAX_TIMEOUT_MS]).toEqual([1_000, 120_000]);
  });
});

describe('settingsSchema (the shape on disk and over IPC)', () => {
  it('takes exactly a base URL string and a numeric timeout', () => {
    expect(settingsSchema.safeParse(DEFAULT_SETTINGS).success).toBe(true);
    expect(settingsSchema.safeParse({ baseUrl: 'https://api.adapty.io', timeoutMs: '15000' }).success).toBe(false);
    expect(settingsSchema.safeParse({ baseUrl: 42, timeoutMs: 15_000 }).success).toBe(false);
    expect(settingsSchema.safeParse({ timeoutMs: 15_000 }).success).toBe(false);
    expect(settingsSchema.safeParse(null).success).toBe(false);
  });

  it('refuses a base URL longer than 2048 characters', () => {
    const long = `https://api.adapty.io/${'a'.repeat(2048)}`;
    expect(settingsSchema.safeParse({ baseUrl: long, timeoutMs: 15_000 }).success).toBe(false);
  });

  it('drops keys it does not know, so nothing else rides along', () => {
    const parsed = settingsSchema.parse({ ...DEFAULT_SETTINGS, apiKey: 'secret_key_1234567890' });
    expect(Object.keys(parsed).sort()).toEqual(['baseUrl', 'timeoutMs']);
  });
});

describe('checkBaseUrl and plain http', () => {
  it.each(['http://api.adapty.io', 'http://10.0.0.5:8080', 'http://example.com/proxy'])('refuses %s: the key would travel unencrypted', (raw) => {
    const check = checkBaseUrl(raw);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.error.message).toContain('Use https://');
  });

  it.each(['http://localhost:8787', 'http://127.0.0.1:47001', 'http://[::1]:9000/adapty'])('allows %s: it stays on this computer', (raw) => {
    expect(checkBaseUrl(raw).ok).toBe(true);
  });
});
