import { describe, expect, it } from 'vitest';
import { checkApiKey, checkCustomerUserId, checkProfileId } from '../../src/shared/input-rules';

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

  it('counts positions in what was typed, leading spaces included', () => {
    expect(problemOf(checkCustomerUserId('   ab\tc')).position).toBe(6);
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
