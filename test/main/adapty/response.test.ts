/** How answers are read: Retry-After's forms and caps, Adapty's error shape, and the caps on what is shown. */
import { describe, expect, it } from 'vitest';
import { boundExtras, LIMITS } from '../../../src/main/adapty/limits';
import { MAX_RETRY_AFTER_MS, readErrorBody, readRetryAfter } from '../../../src/main/adapty/response';

const NOW = Date.parse('Sun, 06 Nov 1994 08:49:00 GMT');

describe('Retry-After', () => {
  it.each([
    ['delta-seconds', '120', 120_000],
    ['IMF-fixdate', 'Sun, 06 Nov 1994 08:49:37 GMT', 37_000],
    ['the obsolete RFC 850 form', 'Sunday, 06-Nov-94 08:49:37 GMT', 37_000],
    ['asctime, which is GMT', 'Sun Nov  6 08:49:37 1994', 37_000],
    ['a date in the past', 'Sun, 06 Nov 1994 08:00:00 GMT', 0],
    ['an hour and a bit', '3601', MAX_RETRY_AFTER_MS],
    ['a date next year', 'Mon, 06 Nov 1995 08:49:37 GMT', MAX_RETRY_AFTER_MS],
    ['400 digits', '9'.repeat(400), MAX_RETRY_AFTER_MS],
  ])('%s: %s', (_form, header, ms) => {
    expect(readRetryAfter(header, NOW)).toBe(ms);
  });

  it.each(['', 'soon', '-5', '1.5', '2 minutes', 'Tomorrow', '1994-11-06T08:49:37Z', 'Fri, 31 Dec 999999 23:59:59 GMT', 'Sun, 06 Nov 1994 08:49:37 +0000'])(
    'anything else is unknown: %j',
    (header) => {
      expect(readRetryAfter(header, NOW)).toBeNull();
    },
  );
});

describe("Adapty's error shape", () => {
  it('an errors list or an error_code is Adapty speaking', async () => {
    expect((await readErrorBody('{"errors":["x"]}')).fromAdapty).toBe(true);
    expect((await readErrorBody('{"error_code":"profile_not_found"}')).fromAdapty).toBe(true);
  });

  it.each(['<html>Not Found</html>', '', '{"detail":"Not found."}', '{"type":"about:blank","title":"Not Found","status":404}', '[1,2]'])(
    'anything else is not: %j',
    async (body) => {
      expect((await readErrorBody(body)).fromAdapty).toBe(false);
    },
  );
});

describe('extras are bounded', () => {
  it('keeps small extras exactly', () => {
    const extras = { plan: 'pro', tags: ['a', 'b'], nested: { n: 1, ok: true, none: null } };
    expect(boundExtras(extras)).toEqual(extras);
  });

  it('cuts long strings, deep nesting and too many values, and says so', () => {
    const bounded = boundExtras({
      long: 'x'.repeat(5_000),
      deep: { a: { b: { c: { d: { e: 1 } } } } },
      many: Array.from({ length: 2_000 }, (_, i) => i),
    });
    expect((bounded.long as string).length).toBe(LIMITS.stringChars);
    expect(JSON.stringify(bounded.deep)).toContain('nested too deep to show');
    const many = bounded.many as unknown[];
    expect(many.length).toBeLessThan(LIMITS.extrasNodes);
    expect(many.at(-1)).toMatch(/^…and \d+ more$/);
  });
});
