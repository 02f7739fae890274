/**
 * Property-based tests (fast-check) of the IPC boundary: whatever a
 * compromised renderer sends on any channel, dispatch answers with data,
 * never throws, and calls a handler only with a request the contract accepts.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { dispatch } from '../../../src/main/ipc/dispatch';
import { METHODS, type Method } from '../../../src/shared/channels';
import { contract, type Handlers } from '../../../src/shared/contract';
import { callCount, fakeHandlers } from '../../helpers/fake-handlers';

let consoleError: MockInstance<typeof console.error>;
beforeEach(() => {
  consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => consoleError.mockRestore());

/** Payloads a page could send: anything JSON-ish or structured-cloneable, and near-misses of each real request. */
const payloads = fc.oneof(
  fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true, withSparseArray: true }),
  fc.record({ key: fc.oneof(fc.string(), fc.integer(), fc.constant(null)), sessionOnly: fc.oneof(fc.boolean(), fc.string()) }, { requiredKeys: [] }),
  fc.record({ baseUrl: fc.oneof(fc.webUrl(), fc.string(), fc.string({ minLength: 2040, maxLength: 2100 })), timeoutMs: fc.oneof(fc.integer(), fc.double(), fc.string()) }, { requiredKeys: [] }),
  fc.record({ idType: fc.oneof(fc.constantFrom('customer_user_id', 'profile_id', 'email', ''), fc.string()), id: fc.oneof(fc.string(), fc.integer(), fc.string({ minLength: 4090, maxLength: 4200 })) }, { requiredKeys: [] }),
);

describe('dispatch under random payloads', () => {
  it.each(METHODS)('%s: a malformed payload gets a validation error and never reaches a handler; a valid one does', async (method) => {
    await fc.assert(
      fc.asyncProperty(payloads, async (payload) => {
        const handlers = fakeHandlers();
        const valid = contract[method].request.safeParse(payload).success;
        const answer = (await dispatch(handlers as Handlers, method, payload, true)) as { ok: boolean; error?: { kind: string } };
        if (valid) {
          expect(handlers[method]).toHaveBeenCalledTimes(1);
        } else {
          expect(answer).toMatchObject({ ok: false, error: { kind: 'bad_request' } });
          expect(callCount(handlers)).toBe(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('an unknown method name, or one from Object.prototype, reaches nothing', async () => {
    const names = fc.oneof(fc.string(), fc.constantFrom('constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'));
    await fc.assert(
      fc.asyncProperty(names, payloads, async (name, payload) => {
        fc.pre(!(METHODS as string[]).includes(name));
        const handlers = fakeHandlers();
        const answer = await dispatch(handlers as Handlers, name as Method, payload, true);
        expect(answer).toMatchObject({ ok: false, error: { kind: 'bad_request' } });
        expect(callCount(handlers)).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('a message from an untrusted sender is refused whatever it holds', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...METHODS), payloads, async (method, payload) => {
        const handlers = fakeHandlers();
        const answer = await dispatch(handlers as Handlers, method, payload, false);
        expect(answer).toMatchObject({ ok: false, error: { kind: 'bad_request' } });
        expect(callCount(handlers)).toBe(0);
      }),
      { numRuns: 200 },
    );
  });
});
