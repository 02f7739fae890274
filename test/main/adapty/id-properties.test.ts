/**
 * Property-based tests (fast-check) of the IDs the client sends: random
 * Unicode (control characters, CR/LF, lone surrogates, quotes, 10 KB strings).
 * Each is refused as invalid_input before anything is sent, or sent as exactly
 * one request whose header holds the ID intact (as trimId reads it).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { trimId } from '../../../src/shared/input-rules';
import { byCustomer, byProfile, lookupOn, useLocalAdapty } from '../../helpers/local-adapty';

const local = useLocalAdapty();

/** Any UTF-16 code unit, lone surrogates included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
const ids = fc.oneof(
  fc.string({ unit: codeUnit, maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('\r', '\n', '\0', '\t', ' ', '"', "'", '\u201c', '\u200b', 'a', 'é', '\u2028', '\ud800', '\udc00'), maxLength: 20 }),
  fc.string({ unit: 'binary-ascii', minLength: 1000, maxLength: 1100 }),
  fc.string({ unit: codeUnit, minLength: 10_000, maxLength: 10_240 }),
  fc.string({ unit: fc.constantFrom(...'abcdefABCDEF0123456789-'), minLength: 36, maxLength: 36 }),
  fc.tuple(fc.uuid(), fc.boolean(), fc.constantFrom('', ' ', '\t')).map(([uuid, upper, pad]) => `${pad}${upper ? uuid.toUpperCase() : uuid}${pad}`),
);

describe('random IDs', () => {
  it.each([
    ['customer user ID', byCustomer, 'customerUserId'],
    ['profile ID', byProfile, 'profileId'],
  ] as const)('as a %s: refused before sending, or sent intact in exactly one request', async (_label, query, field) => {
    const seen = { refused: 0, sent: 0 };
    await fc.assert(
      fc.asyncProperty(ids, async (id) => {
        const before = local.server.requests.length;
        const outcome = await lookupOn(local.server, query(id), { timeoutMs: 5_000 });
        const sent = local.server.requests.slice(before);
        if (!outcome.ok && outcome.error.kind === 'invalid_input') {
          seen.refused += 1;
          expect(sent).toHaveLength(0);
          return;
        }
        seen.sent += 1;
        expect(sent).toHaveLength(1);
        // Sent as the ID rules read it: without the spaces, quotes and invisible characters around it.
        const expected = field === 'profileId' ? trimId(id).toLowerCase() : trimId(id);
        expect(sent[0]![field]).toBe(expected);
      }),
      { numRuns: 150 },
    );
    // Both branches were really exercised.
    expect(seen.refused).toBeGreaterThan(10);
    expect(seen.sent).toBeGreaterThan(10);
  });
});
