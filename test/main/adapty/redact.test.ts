import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lookupIdentifiers } from '../../../src/main/adapty/client';
import { REDACTED, redactDeep, redactText } from '../../../src/main/adapty/redact';
import { SCENARIOS } from '../../../src/main/local-adapty/profiles';
import { startLocalAdapty } from '../../../src/main/local-adapty/server';
import { byCustomer, byProfile, lookupOn, useLocalAdapty } from '../../helpers/local-adapty';

// Shaped like a real secret key so that a leak would look like one; it opens nothing.
const KEY = 'secret_live_R3dact10nTest.Zz9Yy8Xx7Ww6';

describe('redaction helpers', () => {
  it('replaces every occurrence of the key, plain, URL-encoded and JSON-escaped', () => {
    const weird = 'k/ey"with+odd&chars';
    const text = `a ${weird} b ${encodeURIComponent(weird)} c ${JSON.stringify(weird)}`;
    const out = redactText(text, [weird]);
    expect(out).not.toContain(weird);
    expect(out).not.toContain(encodeURIComponent(weird));
    expect(out).toBe(`a ${REDACTED} b ${REDACTED} c "${REDACTED}"`);
  });

  it('removes any run of 12 characters of the key, in any case, merging overlaps so no tail is left', () => {
    const echo = `x ${KEY.slice(3, 30).toUpperCase()} y ${KEY.slice(0, 11)} z`;
    expect(redactText(echo, [KEY])).toBe(`x ${REDACTED} y ${KEY.slice(0, 11)} z`);
    expect(redactText(`${KEY.slice(0, 12)}${KEY.slice(5, 17)}`, [KEY])).toBe(REDACTED);
  });

  it('removes the key\'s base64, base64url and hex forms', () => {
    const bytes = Buffer.from(KEY);
    for (const form of [bytes.toString('base64'), bytes.toString('base64url'), bytes.toString('hex').toUpperCase()]) {
      expect(redactText(`<${form}>`, [KEY])).toBe(`<${REDACTED}>`);
    }
  });

  it('removes the key inside a longer base64 text, whatever its alignment (such as the whole Authorization header)', () => {
    for (const prefix of ['', 'A', 'Ap', 'Api-Key ', 'Authorization: Api-Key ']) {
      for (const suffix of ['', '!', ' and more']) {
        const encoded = Buffer.from(`${prefix}${KEY}${suffix}`).toString('base64');
        const redacted = redactText(`header=${encoded};`, [KEY]);
        expect(redacted, `${prefix}|${suffix}`).toContain(REDACTED);
        // What is left of the encoding decodes to no 12-character run of the key.
        const left = redacted.replace(REDACTED, ' ').split(/[ =;]/).join('');
        const decoded = Buffer.from(left, 'base64').toString('latin1');
        for (let i = 0; i + 12 <= KEY.length; i++) expect(decoded).not.toContain(KEY.slice(i, i + 12));
      }
    }
  });

  it('removes a key shorter than 12 characters only whole', () => {
    expect(redactText('short-key and short', ['short-key'])).toBe(`${REDACTED} and short`);
  });

  it('does not recurse without limit: 20,000 levels deep is cut, not a crash', () => {
    let deep: unknown = KEY;
    for (let i = 0; i < 20_000; i++) deep = { a: deep };
    const redacted = JSON.stringify(redactDeep(deep, [KEY]));
    expect(redacted).toContain('nested too deep to check');
    expect(redacted).not.toContain(KEY);
  });

  it('walks nested objects, arrays and keys, leaving other values alone', () => {
    const value = { [`k-${KEY}`]: [KEY, 1, null, { deep: `x${KEY}y` }], kept: 'plain' };
    expect(redactDeep(value, [KEY])).toEqual({ [`k-${REDACTED}`]: [REDACTED, 1, null, { deep: `x${REDACTED}y` }], kept: 'plain' });
  });
});

describe('the key never appears in any outcome', () => {
  const local = useLocalAdapty({ apiKeys: [KEY], slowMs: 1000 });

  it.each(Object.keys(SCENARIOS))('scenario:%s', async (name) => {
    const outcome = await lookupOn(local.server, byCustomer(`scenario:${name}`), { apiKey: KEY, timeoutMs: 300 });
    expect(JSON.stringify(outcome)).not.toContain(KEY);
  });

  it('removes the key from a server message that repeats it', async () => {
    const outcome = await lookupOn(local.server, byCustomer('scenario:echo-key'), { apiKey: KEY });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.messages).toEqual([`Malformed header Authorization: Api-Key ${REDACTED}`]);
  });

  it('removes a wrong key from the 401 it gets', async () => {
    const wrongKey = `${KEY}-wrong`;
    const outcome = await lookupOn(local.server, byProfile('5a3f7e2b-8c4d-4f6a-b1e9-2d7c0f5a9b3e'), { apiKey: wrongKey });
    expect(JSON.stringify(outcome)).not.toContain(wrongKey);
  });

  it('removes the key from the text of an exception the fetch throws', async () => {
    const outcome = await lookupIdentifiers(byCustomer('all-set'), {
      apiKey: KEY,
      fetch: async (_url, init) => {
        const auth = (init.headers as Record<string, string>).Authorization;
        throw Object.assign(new TypeError(`fetch failed: bad header ${auth}`), { code: `E_${KEY}` });
      },
    });
    expect(outcome.ok).toBe(false);
    expect(JSON.stringify(outcome)).not.toContain(KEY);
    if (!outcome.ok) expect(outcome.error.message).toContain(REDACTED);
  });

  it('removes the key when it was pasted into the base URL by mistake', async () => {
    const closed = await startLocalAdapty();
    await closed.close();
    const outcome = await lookupOn(closed, byCustomer('all-set'), { apiKey: KEY, baseUrl: `${closed.url}/${KEY}` });
    expect(outcome.ok).toBe(false);
    expect(JSON.stringify(outcome)).not.toContain(KEY);
  });

  it('keeps the key out of an invalid-input message about the key itself', async () => {
    const spaced = `${KEY} trailing-part`;
    const outcome = await lookupOn(local.server, byCustomer('all-set'), { apiKey: spaced });
    expect(outcome.ok).toBe(false);
    expect(JSON.stringify(outcome)).not.toContain(KEY);
  });
});

describe('a key with a character JSON escapes', () => {
  // Printable ASCII, as the key rules allow: a backslash or a quote is escaped once more inside JSON.
  it.each(['abcdefghij\\klmnopqrst', 'abcdefghij"klmnopqrst'])('%s is still found where a raw body holds it JSON-escaped and cut short', (key) => {
    const escaped = JSON.stringify(key).slice(1, -1);
    const body = `{"detail":"bad key ${escaped.slice(5, 17)}"}`;
    const exchange = { url: 'http://x', body };
    expect(redactDeep(exchange, [key]).body).toBe(redactText(body, [key]));
    expect(redactDeep(exchange, [key]).body).not.toBe(body);
  });
});

describe('the quick screen before a copy', () => {
  /** What redactDeep must give: every string and key redacted one by one, with no shortcut. */
  const walked = (value: unknown, secrets: string[]): unknown => {
    if (typeof value === 'string') return redactText(value, secrets);
    if (Array.isArray(value)) return value.map((item) => walked(item, secrets));
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [redactText(k, secrets), walked(v, secrets)]));
  };
  const forms = (key: string) => [key, encodeURIComponent(key), Buffer.from(key).toString('base64'), Buffer.from(key).toString('base64url'), Buffer.from(key).toString('hex')];
  const flipCase = (text: string, seed: number) => [...text].map((ch, i) => ((seed >> i % 16) & 1 ? ch.toUpperCase() : ch.toLowerCase())).join('');

  it('never lets through a value the full walk would change: a piece of any form of the key, anywhere, in any case', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(KEY, 'k3y_sh0rt', 'abcdefghij"klmnopqrst'),
        fc.nat(4),
        fc.nat(60),
        fc.integer({ min: 1, max: 40 }),
        fc.nat(0xffff),
        fc.string({ maxLength: 20 }),
        fc.string({ maxLength: 20 }),
        fc.constantFrom('value', 'key', 'array', 'deep'),
        (key, form, from, length, caseSeed, before, after, where) => {
          const source = forms(key)[form] as string;
          const piece = flipCase(source.slice(from % source.length, (from % source.length) + length), caseSeed);
          const text = `${before}${piece}${after}`;
          const value =
            where === 'value' ? { ok: true, value: { id: text, n: 1 } } : where === 'key' ? { extras: { [text]: null } } : where === 'array' ? { messages: ['a', text] } : { a: { b: { c: [{ d: text }] } } };
          expect(redactDeep(value, [key])).toEqual(walked(value, [key]));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('never lets a key through inside something that is not plain data (a URL, an Error, a Map)', () => {
    for (const odd of [new URL(`https://example.com/?k=${KEY}`), new Error(`bad ${KEY}`), new Map([['k', KEY]])]) {
      expect(JSON.stringify(redactDeep({ odd }, [KEY]))).not.toContain(KEY.slice(0, 12));
      expect(redactDeep({ odd }, [KEY]).odd).not.toBe(odd);
    }
  });

  it('gives back the very same object when nothing is to be removed', () => {
    const outcome = { ok: true, value: { identifiers: { appsflyer_id: '1712345678901-1234567', amplitude_user_id: null }, extras: { note: 'hello' } } };
    expect(redactDeep(outcome, [KEY])).toBe(outcome);
  });
});
