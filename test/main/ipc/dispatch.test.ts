import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { readIdentifiersBody } from '../../../src/main/adapty/response';
import { dispatch } from '../../../src/main/ipc/dispatch';
import { METHODS, type Method } from '../../../src/shared/channels';
import type { Handlers } from '../../../src/shared/contract';
import { IDENTIFIER_KEYS } from '../../../src/shared/identifiers';
import { ok } from '../../../src/shared/result';
import { callCount, fakeHandlers, NO_KEY_STATUS, type FakeHandlers } from '../../helpers/fake-handlers';

const SECRET = 'sk_live_9f8e7d6c5b4a3f2e1d0c_SECRET';

let handlers: FakeHandlers;
let consoleError: MockInstance<typeof console.error>;

beforeEach(() => {
  handlers = fakeHandlers();
  consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(() => {
  consoleError.mockRestore();
});

const run = (method: Method, payload: unknown, trusted = true) => dispatch(handlers as Handlers, method, payload, trusted);
const logged = () => JSON.stringify(consoleError.mock.calls);

describe('dispatch: a valid request', () => {
  it('reaches the handler with the validated payload, and its answer comes back', async () => {
    const answer = await run('saveSettings', { baseUrl: 'http://127.0.0.1:4010', timeoutMs: 2_000 });
    expect(handlers.saveSettings).toHaveBeenCalledTimes(1);
    expect(handlers.saveSettings).toHaveBeenCalledWith({ baseUrl: 'http://127.0.0.1:4010', timeoutMs: 2_000 });
    expect(answer).toEqual({ ok: true, value: { baseUrl: 'http://127.0.0.1:4010', timeoutMs: 2_000 } });
    expect(callCount(handlers)).toBe(1);
  });

  it('calls a method that takes no request with undefined', async () => {
    handlers.getKeyStatus.mockResolvedValueOnce(ok({ configured: true, hint: 'wxyz', storage: 'session', keychainProblem: null }));
    expect(await run('getKeyStatus', undefined)).toEqual({
      ok: true,
      value: { configured: true, hint: 'wxyz', storage: 'session', keychainProblem: null },
    });
    expect(handlers.getKeyStatus).toHaveBeenCalledWith(undefined);
  });

  it('passes a failure answer through as it is', async () => {
    const answer = await run('lookup', { idType: 'customer_user_id', id: 'someone' });
    expect(handlers.lookup).toHaveBeenCalledWith({ idType: 'customer_user_id', id: 'someone' });
    expect(answer).toMatchObject({ ok: false, error: { kind: 'not_found', status: 404 } });
  });

  it('drops unknown keys of an object request before the handler sees them', async () => {
    const payload: unknown = JSON.parse('{"idType":"profile_id","id":"x","__proto__":{"polluted":true},"extra":"junk"}');
    await run('lookup', payload);
    expect(handlers.lookup.mock.calls[0]?.[0]).toStrictEqual({ idType: 'profile_id', id: 'x' });
  });

  it.each(METHODS)('routes %s to its own handler only', async (method) => {
    const payloads: Partial<Record<Method, unknown>> = {
      saveKey: { key: 'abc', sessionOnly: true },
      saveSettings: { baseUrl: 'https://api.adapty.io', timeoutMs: 15_000 },
      lookup: { idType: 'profile_id', id: 'x' },
      lookupProfile: { idType: 'profile_id', id: 'x' },
      addConnection: { name: 'Acme staging', colour: 'teal' },
      updateConnection: { id: 'default', name: 'Acme production', colour: 'grape' },
      removeConnection: { id: 'c-1a2b3c4d' },
      switchConnection: { id: 'default' },
      setHistoryEnabled: { enabled: false },
      startBatch: { ids: ['user-1'], idType: 'auto' },
      getBatch: { batch: 0, since: 0 },
      exportBatch: { format: 'csv' },
    };
    const answer = await run(method, payloads[method]);
    expect(answer).toMatchObject({ ok: expect.any(Boolean) });
    expect(handlers[method]).toHaveBeenCalledTimes(1);
    expect(callCount(handlers)).toBe(1);
  });
});

describe('dispatch: a malformed request', () => {
  it.each<[Method, unknown]>([
    ['lookup', { idType: 'email', id: 'a@b.c' }],
    ['lookup', { idType: 'customer_user_id' }],
    ['lookup', { idType: 'customer_user_id', id: 42 }],
    ['lookup', null],
    ['lookup', undefined],
    ['lookup', 'customer_user_id:someone'],
    ['saveKey', { key: 'abc' }],
    ['saveKey', { key: 'abc', sessionOnly: 'yes' }],
    ['saveKey', { key: 'k'.repeat(4097), sessionOnly: false }],
    ['saveKey', { key: ['abc'], sessionOnly: false }],
    ['saveSettings', { baseUrl: 'https://api.adapty.io', timeoutMs: '15000' }],
    ['saveSettings', { baseUrl: 'https://api.adapty.io' }],
    ['saveSettings', {}],
    ['getKeyStatus', { junk: 1 }],
    ['getKeyStatus', null],
    ['testKey', 'now'],
    ['removeKey', {}],
    ['getSettings', []],
    ['cancelLookup', 0],
    ['cancelLookup', false],
    ['addConnection', { name: 'Acme' }],
    ['addConnection', { name: 'Acme', colour: 'red' }],
    ['updateConnection', { name: 'Acme', colour: 'blue' }],
    ['removeConnection', { id: 'Not An Id' }],
    ['removeConnection', {}],
    ['switchConnection', { id: 'x'.repeat(41) }],
    ['switchConnection', undefined],
    ['setHistoryEnabled', { enabled: 'no' }],
    ['setHistoryEnabled', undefined],
    ['saveSettings', { baseUrl: 'https://api.adapty.io', timeoutMs: 15_000, id: '../default' }],
    ['lookup', { idType: 'customer_user_id', id: 'someone', connectionId: 'UPPER' }],
  ])('%s with %j is bad_request and no handler runs', async (method, payload) => {
    const answer = await run(method, payload);
    expect(answer).toMatchObject({ ok: false, error: { kind: 'bad_request', message: expect.any(String) } });
    expect(callCount(handlers)).toBe(0);
  });

  it('does not repeat a key it refuses', async () => {
    const answer = await run('saveKey', { key: SECRET, sessionOnly: 'yes' });
    expect(answer).toMatchObject({ ok: false, error: { kind: 'bad_request' } });
    expect(JSON.stringify(answer)).not.toContain(SECRET);
    expect(callCount(handlers)).toBe(0);
  });

  it.each(['nope', 'constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'answers an unknown method name %j with bad_request instead of throwing',
    async (method) => {
      const answer = await run(method as Method, undefined).catch((error: unknown) => ({ threw: String(error) }));
      expect(answer).toMatchObject({ ok: false, error: { kind: 'bad_request' } });
      expect(callCount(handlers)).toBe(0);
    },
  );
});

describe('dispatch: an untrusted sender', () => {
  it.each<[Method, unknown]>([
    ['getKeyStatus', undefined],
    ['saveKey', { key: 'abcdefghijklmnop', sessionOnly: false }],
    ['lookup', { idType: 'customer_user_id', id: 'someone' }],
    ['removeKey', undefined],
  ])('gets bad_request for %s even with a valid payload, and no handler runs', async (method, payload) => {
    const answer = await run(method, payload, false);
    expect(answer).toMatchObject({ ok: false, error: { kind: 'bad_request' } });
    expect(callCount(handlers)).toBe(0);
  });
});

describe('dispatch: a handler that throws', () => {
  it('gives internal, and neither the answer nor the log holds the error text', async () => {
    handlers.lookup.mockRejectedValueOnce(new Error(`request failed: Authorization: Api-Key ${SECRET}`));
    const answer = await run('lookup', { idType: 'customer_user_id', id: 'someone' });
    expect(answer).toMatchObject({ ok: false, error: { kind: 'internal', message: expect.any(String) } });
    expect(JSON.stringify(answer)).not.toContain(SECRET);
    expect(JSON.stringify(answer)).not.toContain('Api-Key');
    expect(consoleError).toHaveBeenCalled();
    expect(logged()).not.toContain(SECRET);
  });

  it('also when it throws synchronously', async () => {
    handlers.testKey.mockImplementationOnce(() => {
      throw new TypeError(`bad key ${SECRET}`);
    });
    const answer = await run('testKey', undefined);
    expect(answer).toMatchObject({ ok: false, error: { kind: 'internal' } });
    expect(JSON.stringify(answer)).not.toContain(SECRET);
    expect(logged()).toContain('TypeError');
    expect(logged()).not.toContain(SECRET);
  });

  it('also when it throws something that is not an Error', async () => {
    handlers.getSettings.mockRejectedValueOnce(`plain string with ${SECRET}`);
    const answer = await run('getSettings', undefined);
    expect(answer).toMatchObject({ ok: false, error: { kind: 'internal' } });
    expect(JSON.stringify(answer)).not.toContain(SECRET);
    expect(logged()).not.toContain(SECRET);
  });

  it('keeps a stack trace holding the secret out of the log too', async () => {
    const error = new Error(SECRET);
    error.stack = `Error: ${SECRET}\n    at somewhere (file.ts:1:1)`;
    handlers.saveKey.mockRejectedValueOnce(error);
    await run('saveKey', { key: 'abcdefghijkl', sessionOnly: false });
    expect(consoleError).toHaveBeenCalled();
    expect(logged()).not.toContain(SECRET);
  });
});

describe('dispatch: a handler answer outside the contract', () => {
  it.each<[Method, unknown]>([
    ['getKeyStatus', { ok: true, value: { configured: 'yes', hint: null, storage: null, keychainProblem: null } }],
    ['getKeyStatus', { ok: true, value: { configured: true, hint: SECRET, storage: 'keychain', keychainProblem: null } }],
    ['getSettings', { ok: true, value: { baseUrl: 'https://api.adapty.io' } }],
    ['cancelLookup', { ok: true, value: 'true' }],
    ['testKey', { ok: false, error: { kind: 'whoops', message: SECRET } }],
    ['lookup', undefined],
    ['removeKey', null],
    ['saveSettings', { value: { baseUrl: 'https://api.adapty.io', timeoutMs: 15_000 } }],
  ])('%s answering %j gives internal without passing the answer on', async (method, bad) => {
    (handlers[method] as unknown as { mockResolvedValueOnce(value: unknown): void }).mockResolvedValueOnce(bad);
    const payloads: Partial<Record<Method, unknown>> = {
      saveSettings: { baseUrl: 'https://api.adapty.io', timeoutMs: 15_000 },
      lookup: { idType: 'profile_id', id: 'x' },
      lookupProfile: { idType: 'profile_id', id: 'x' },
      addConnection: { name: 'Acme staging', colour: 'teal' },
      updateConnection: { id: 'default', name: 'Acme production', colour: 'grape' },
      removeConnection: { id: 'c-1a2b3c4d' },
      switchConnection: { id: 'default' },
    };
    const answer = await run(method, payloads[method]);
    expect(answer).toMatchObject({ ok: false, error: { kind: 'internal', message: expect.any(String) } });
    expect(JSON.stringify(answer)).not.toContain(SECRET);
    expect(logged()).not.toContain(SECRET);
    expect(handlers[method]).toHaveBeenCalledTimes(1);
  });

  it('strips keys the contract does not know from an otherwise valid answer', async () => {
    handlers.getKeyStatus.mockResolvedValueOnce({ ok: true, value: { ...NO_KEY_STATUS, key: SECRET } } as never);
    const answer = await run('getKeyStatus', undefined);
    expect(answer).toEqual({ ok: true, value: NO_KEY_STATUS });
  });
});

const IDENTIFIERS_UNSET = Object.fromEntries(IDENTIFIER_KEYS.map((key) => [key, null]));

describe("dispatch: a lookup's extras (anything Adapty sent that the app does not know yet)", () => {
  const answerWith = (extras: unknown) => ({ ok: true, value: { query: { idType: 'customer_user_id', id: 'x' }, identifiers: IDENTIFIERS_UNSET, extras, requestId: null } });

  it('pass through as JSON data, nested as Adapty sent them', async () => {
    const extras = { future_id: 'f-1', nested: { list: [1, 2.5, true, null, { deep: ['x'] }] }, gone: null };
    handlers.lookup.mockResolvedValueOnce(answerWith(extras) as never);
    expect(await run('lookup', { idType: 'customer_user_id', id: 'x' })).toEqual(answerWith(extras));
  });

  it.each([
    ['a number that is not finite', { n: Number.NaN }],
    ['a function', { f: () => SECRET }],
    ['a Date', { at: new Date(0) }],
    ['a Map inside a list', { list: [new Map([['key', SECRET]])] }],
    ['undefined', { u: undefined }],
    ['a list with a named property beside its items', { list: Object.assign(['a'], { hidden: SECRET }) }],
    ['a list with a hole', { list: new Array<number>(3).fill(1, 0, 1).fill(2, 2) }],
  ])('holding %s: internal, not passed on', async (_what, extras) => {
    handlers.lookup.mockResolvedValueOnce(answerWith(extras) as never);
    const answer = await run('lookup', { idType: 'customer_user_id', id: 'x' });
    expect(answer).toMatchObject({ ok: false, error: { kind: 'internal' } });
    expect(JSON.stringify(answer)).not.toContain(SECRET);
  });

  it('named __proto__ (JSON.parse makes it an own key) are left out where main reads the answer, and said to be: the window gets what the CLI prints', async () => {
    // What the client reads (and the CLI prints) of an answer with such keys, at the top and nested.
    const read = await readIdentifiersBody(JSON.parse('{"__proto__":{"x":1},"constructor":{"__proto__":{"y":2},"a":1},"toString":1}'));
    if (!read.ok) throw new Error(read.error.message);
    const cli = answerWith(read.value.extras);
    // As JSON: it shows an own __proto__ key (toEqual need not), and an own "constructor" is data to it (toStrictEqual compares it as a type).
    expect(JSON.stringify(cli.value.extras)).toBe('{"constructor":{"a":1,"…":"1 more not shown"},"toString":1,"…":"1 more not shown"}');
    // What the window gets: zod drops such a key wherever it checks, so dispatch, compiled or not, must have nothing to drop.
    handlers.lookup.mockResolvedValueOnce(cli as never);
    expect(JSON.stringify(await run('lookup', { idType: 'customer_user_id', id: 'x' }))).toBe(JSON.stringify(cli));
  });

  it('strip keys the contract does not know from the rest of a lookup answer, at any depth', async () => {
    const answer = answerWith({});
    handlers.lookup.mockResolvedValueOnce({ ...answer, key: SECRET, value: { ...answer.value, apiKey: SECRET, query: { ...answer.value.query, key: SECRET } } } as never);
    expect(await run('lookup', { idType: 'customer_user_id', id: 'x' })).toEqual(answer);
  });
});

describe("dispatch: a method's schemas, compiled after its first message", () => {
  it('check as zod checks: the same answer kept, stripped or refused, before and after', async () => {
    // A fresh dispatch, with nothing compiled yet.
    vi.resetModules();
    const fresh = await import('../../../src/main/ipc/dispatch');
    const answering = async (reply: unknown) => {
      handlers.getExchanges.mockResolvedValueOnce(reply as never);
      return fresh.dispatch(handlers as Handlers, 'getExchanges', undefined, true);
    };
    const valid = { ok: true, value: { identifiers: [], profile: [] } };
    const extra = { ok: true, key: SECRET, value: { identifiers: [], profile: [], key: SECRET } };
    const wrong = { ok: true, value: { identifiers: 'none', profile: [] } };
    expect(fresh.isCompiled('getExchanges')).toBe(false);
    const before = [await answering(valid), await answering(extra), await answering(wrong)];
    await vi.waitFor(() => expect(fresh.isCompiled('getExchanges')).toBe(true));
    const after = [await answering(valid), await answering(extra), await answering(wrong)];
    expect(after).toEqual(before);
    expect(before[0]).toEqual(valid);
    expect(before[1]).toEqual(valid);
    expect(before[2]).toMatchObject({ ok: false, error: { kind: 'internal' } });
  });
});

describe('dispatch: an answer too deep to check', () => {
  it('is an internal error as data, not an exception', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    handlers.lookup.mockResolvedValueOnce({ ok: true, value: { query: { idType: 'customer_user_id', id: 'x' }, identifiers: {}, extras: { deep }, requestId: null } } as never);
    const answer = await run('lookup', { idType: 'customer_user_id', id: 'x' });
    expect(answer).toMatchObject({ ok: false, error: { kind: 'internal' } });
  });
});
