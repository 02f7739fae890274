import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { autoIdTypes, checkApiKey, checkCustomerUserId, checkLookupId, checkProfileId, trimId } from '../../src/shared/input-rules';

/** Everything trimId takes off the ends of an ID, one of each. */
const WRAPPING = [
  ' ', '\t', '\n', '\r', '\u00a0', '\u2028', '\u3000',
  "'", '"', '`', '\u2018', '\u2019', '\u201a', '\u201b', '\u201c', '\u201d', '\u201e', '\u201f',
  '\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u2060', '\ufeff', '\u00ad', '\u061c', '\u180e',
  '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069',
];

const problemOf = (check: { ok: boolean; error?: { message: string; position: number | null } }) => {
  expect(check.ok).toBe(false);
  return check.error as { message: string; position: number | null };
};

describe('profile ID', () => {
  it('accepts a UUID in any case, trimmed, and sends it lower-cased', () => {
    expect(checkProfileId('  3E1B0C1A-5B7D-4D2E-9C1F-0A6B2D4E8F10\n')).toEqual({
      ok: true,
      value: '3e1b0c1a-5b7d-4d2e-9c1f-0a6b2d4e8f10',
    });
  });

  it.each(['', '   ', 'not-a-uuid', '3e1b0c1a5b7d4d2e9c1f0a6b2d4e8f10', '3e1b0c1a-5b7d-4d2e-9c1f-0a6b2d4e8f1g', '{3e1b0c1a-5b7d-4d2e-9c1f-0a6b2d4e8f10}'])(
    'rejects %j with a message that says what a profile ID is',
    (raw) => {
      const { message } = problemOf(checkProfileId(raw));
      expect(message).toMatch(raw.trim() === '' ? /Enter a profile ID/ : /UUID/);
    },
  );

  it('points a person who typed their own user ID to the other ID type', () => {
    expect(problemOf(checkProfileId('user@example.com')).message).toMatch(/choose Customer user ID/);
  });
});

describe('customer user ID', () => {
  it('trims and keeps inner spaces, punctuation and any case', () => {
    expect(checkCustomerUserId('  John Doe+test@Example.com  ')).toEqual({ ok: true, value: 'John Doe+test@Example.com' });
  });

  it('rejects an empty or blank ID', () => {
    expect(problemOf(checkCustomerUserId('')).message).toBe('Enter a customer user ID.');
    expect(problemOf(checkCustomerUserId(' \t\n')).message).toBe('Enter a customer user ID.');
  });

  it('accepts exactly 1,024 characters and rejects 1,025, saying how many there are', () => {
    expect(checkCustomerUserId('x'.repeat(1024)).ok).toBe(true);
    expect(problemOf(checkCustomerUserId('x'.repeat(1025))).message).toMatch(/at most 1024 characters; this one has 1025/);
  });

  it('counts the length after trimming', () => {
    expect(checkCustomerUserId(`  ${'x'.repeat(1024)}  `).ok).toBe(true);
  });

  it.each([
    ['a\tb', 'U+0009 (tab)', 2],
    ['ab\ncd', 'U+000A (line feed)', 3],
    ['ab\rc', 'U+000D (carriage return)', 3],
    ['x\u0000', 'U+0000 (null)', 2],
    ['x\u007f', 'U+007F (delete)', 2],
    ['x\u0085y', 'U+0085', 2],
  ])('names the control character in %j and where it is', (raw, name, position) => {
    const problem = problemOf(checkCustomerUserId(raw));
    expect(problem.message).toContain(`control character ${name}`);
    expect(problem.message).toContain(`position ${position}`);
    expect(problem.position).toBe(position);
  });

  it.each([
    ['café', '"é" (U+00E9)', 4],
    ['user-😀', '"😀" (U+1F600)', 6],
    ['Юзер', '"Ю" (U+042E)', 1],
  ])('names a character that cannot travel in a header in %j and where it is', (raw, name, position) => {
    const problem = problemOf(checkCustomerUserId(raw));
    expect(problem.message).toContain(name);
    expect(problem.message).toContain(`position ${position}`);
    expect(problem.message).toContain('HTTP header');
  });

  it('says why a non-ASCII ID cannot be sent and what to do instead', () => {
    const { message } = problemOf(checkCustomerUserId('josé@example.com'));
    expect(message).toContain('"é" (U+00E9) at position 4');
    expect(message).toContain('only in an HTTP header (adapty-customer-user-id)');
    expect(message).toContain('ASCII');
    expect(message).toMatch(/Search by profile ID instead: in the Adapty dashboard's Profiles page/);
  });

  it('counts positions in what was typed, leading spaces included', () => {
    expect(problemOf(checkCustomerUserId('   ab\tc')).position).toBe(6);
  });
});

describe('trimId: what a paste brings around an ID', () => {
  it.each([
    ['"john@example.com"', 'john@example.com'],
    ['\u201cjohn@example.com\u201d', 'john@example.com'],
    ["\u2018user-42\u2019", 'user-42'],
    ['`3e1b0c1a-5b7d-4d2e-9c1f-0a6b2d4e8f10`', '3e1b0c1a-5b7d-4d2e-9c1f-0a6b2d4e8f10'],
    ['\u200b\ufeff user-42 \u200d\u2060', 'user-42'],
    ['\u00a0\u200e"user-42"\u200f\u00a0', 'user-42'],
    ['  \'"\u202auser-42\u202c"\'  \n', 'user-42'],
    ['\u2066user-42\u2069', 'user-42'],
  ])('%j becomes %j', (raw, clean) => {
    expect(trimId(raw)).toBe(clean);
  });

  it('keeps what is inside, quotes and invisible characters included', () => {
    expect(trimId(' "O\'Brien \u200b\u201cJr\u201d Smith" ')).toBe('O\'Brien \u200b\u201cJr\u201d Smith');
  });

  it('leaves nothing of a paste that is only wrapping', () => {
    expect(trimId(WRAPPING.join(''))).toBe('');
  });

  it('takes off exactly whitespace and quotes among ASCII characters, at either end', () => {
    for (let code = 0; code < 0x80; code++) {
      const ch = String.fromCharCode(code);
      const wraps = /\s/.test(ch) || ch === '"' || ch === "'" || ch === '`';
      expect(trimId(`${ch}x${ch}`), `U+${code.toString(16)}`).toBe(wraps ? 'x' : `${ch}x${ch}`);
    }
  });

  it('leaves other characters at the ends alone: braces, brackets, control characters', () => {
    for (const raw of ['{x}', '[x]', '<x>', '(x)', 'x\u0000', '\u0001x']) expect(trimId(raw)).toBe(raw);
  });

  const wrapping = fc.array(fc.constantFrom(...WRAPPING), { maxLength: 6 }).map((chars) => chars.join(''));
  const anyText = fc.string({ unit: 'grapheme', maxLength: 40 });

  it('is idempotent', () => {
    fc.assert(fc.property(fc.tuple(wrapping, anyText, wrapping).map((parts) => parts.join('')), (raw) => trimId(trimId(raw)) === trimId(raw)));
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (raw) => trimId(trimId(raw)) === trimId(raw)));
  });

  it('never removes an inner character: the result is one unbroken part of the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (raw) => {
        const clean = trimId(raw);
        const at = raw.indexOf(clean);
        return at >= 0 && [...raw.slice(0, at), ...raw.slice(at + clean.length)].every((ch) => trimId(ch) === '');
      }),
    );
  });

  it('takes off exactly the wrapping around an ID that neither starts nor ends with wrapping', () => {
    const id = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).filter((s) => trimId(s[0] ?? '') !== '' && trimId(s.at(-1) ?? '') !== '');
    fc.assert(fc.property(wrapping, id, wrapping, (before, inner, after) => trimId(`${before}${inner}${after}`) === inner));
  });

  it('is what the ID checks apply: a quoted, invisibly wrapped ID passes, positions count what was pasted', () => {
    expect(checkCustomerUserId('\u200b"john@example.com"\u00a0')).toEqual({ ok: true, value: 'john@example.com' });
    expect(checkProfileId('\u201c3E1B0C1A-5B7D-4D2E-9C1F-0A6B2D4E8F10\u201d')).toEqual({ ok: true, value: '3e1b0c1a-5b7d-4d2e-9c1f-0a6b2d4e8f10' });
    expect(problemOf(checkCustomerUserId('\u200b"ab\tc"')).position).toBe(5);
  });
});

describe('Auto', () => {
  it('tries a UUID (wrapped or not, any case) as a profile ID first, then as a customer user ID', () => {
    expect(autoIdTypes('3e1b0c1a-5b7d-4d2e-9c1f-0a6b2d4e8f10')).toEqual(['profile_id', 'customer_user_id']);
    expect(autoIdTypes(' "3E1B0C1A-5B7D-4D2E-9C1F-0A6B2D4E8F10" ')).toEqual(['profile_id', 'customer_user_id']);
  });

  it.each(['john@example.com', '3e1b0c1a5b7d4d2e9c1f0a6b2d4e8f10', '{3e1b0c1a-5b7d-4d2e-9c1f-0a6b2d4e8f10}', ''])('takes %j as a customer user ID only', (raw) => {
    expect(autoIdTypes(raw)).toEqual(['customer_user_id']);
  });

  it('checks an ID by the first type Auto will try, and asks for either when empty', () => {
    expect(checkLookupId('auto', '3E1B0C1A-5B7D-4D2E-9C1F-0A6B2D4E8F10')).toEqual({ ok: true, value: '3e1b0c1a-5b7d-4d2e-9c1f-0a6b2d4e8f10' });
    expect(checkLookupId('auto', ' john@example.com ')).toEqual({ ok: true, value: 'john@example.com' });
    expect(problemOf(checkLookupId('auto', ' \u200b ')).message).toBe('Enter a customer user ID or a profile ID.');
    expect(problemOf(checkLookupId('auto', 'josé')).message).toContain('HTTP header');
  });
});

describe('API key', () => {
  it('accepts a key and trims a pasted newline', () => {
    expect(checkApiKey('secret_live_abcd1234.efgh5678\n')).toEqual({ ok: true, value: 'secret_live_abcd1234.efgh5678' });
  });

  it('rejects an empty key and says where to find one', () => {
    expect(problemOf(checkApiKey('  ')).message).toMatch(/API keys/);
  });

  it.each([
    ['secret_live_ab cd', 'a space', 15],
    ['secret_live_ab\tcd', 'whitespace', 15],
    ['secret_live_ab\u0001cd', 'a control character', 15],
    ['secret_live_abé', 'a non-ASCII character', 15],
  ])('rejects %j and never quotes the key', (raw, what, position) => {
    const problem = problemOf(checkApiKey(raw));
    expect(problem.message).toContain(what);
    expect(problem.position).toBe(position);
    expect(problem.message).not.toContain('secret_live');
  });
});
