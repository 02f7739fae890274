import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CHANNELS, METHODS } from '../../src/shared/channels';
import { contract } from '../../src/shared/contract';

const NO_REQUEST = ['getKeyStatus', 'testKey', 'removeKey', 'getSettings', 'cancelLookup', 'getHistory', 'clearHistory', 'takeDeepLinks', 'getExchanges', 'startDemo', 'openIdFile', 'cancelBatch', 'rerunFailed'] as const;

describe('the IPC contract', () => {
  it('has an entry for every channel and a channel for every entry', () => {
    expect(Object.keys(contract).sort()).toEqual(Object.keys(CHANNELS).sort());
    expect([...METHODS].sort()).toEqual(Object.keys(CHANNELS).sort());
    expect(METHODS).toHaveLength(25);
  });

  it('gives every method its own channel, named domain:action', () => {
    const channels = Object.values(CHANNELS);
    expect(new Set(channels).size).toBe(channels.length);
    for (const channel of channels) expect(channel).toMatch(/^[a-z]+:[a-z-]+$/);
  });

  it.each(METHODS)('%s: its response schema accepts an internal failure', (method) => {
    const failure = { ok: false, error: { kind: 'internal', message: 'x' } };
    expect(contract[method].response.safeParse(failure)).toMatchObject({ success: true, data: failure });
  });

  it.each(METHODS)('%s: its response schema accepts no_key and bad_request, and refuses an unknown kind or a bare value', (method) => {
    const { response } = contract[method];
    expect(response.safeParse({ ok: false, error: { kind: 'no_key', message: 'x' } }).success).toBe(true);
    expect(response.safeParse({ ok: false, error: { kind: 'bad_request', message: 'x' } }).success).toBe(true);
    expect(response.safeParse({ ok: false, error: { kind: 'exploded', message: 'x' } }).success).toBe(false);
    expect(response.safeParse({ ok: false, error: { kind: 'internal' } }).success).toBe(false);
    expect(response.safeParse({ ok: true }).success).toBe(false);
    expect(response.safeParse(undefined).success).toBe(false);
    expect(response.safeParse('ok').success).toBe(false);
  });

  it.each(NO_REQUEST)('%s takes no request: undefined only', (method) => {
    const { request } = contract[method];
    expect(request.safeParse(undefined).success).toBe(true);
    for (const junk of [null, {}, { a: 1 }, '', 0, false, []]) expect(request.safeParse(junk).success).toBe(false);
  });

  it('lists every method that takes no request', () => {
    const takesNone = METHODS.filter((method) => contract[method].request.safeParse(undefined).success);
    expect(takesNone.sort()).toEqual([...NO_REQUEST].sort());
  });

  it('refuses a key status that carries more than 4 characters of the key', () => {
    const { response } = contract.getKeyStatus;
    const status = { configured: true, hint: 'cret', storage: 'keychain', keychainProblem: null };
    expect(response.safeParse({ ok: true, value: status }).success).toBe(true);
    expect(response.safeParse({ ok: true, value: { ...status, hint: 'secret' } }).success).toBe(false);
  });

  it('checks request shapes of the methods that take one', () => {
    expect(contract.saveKey.request.safeParse({ key: 'k', sessionOnly: false }).success).toBe(true);
    expect(contract.saveKey.request.safeParse({ key: 'k' }).success).toBe(false);
    expect(contract.saveKey.request.safeParse({ key: 'k'.repeat(4097), sessionOnly: false }).success).toBe(false);
    expect(contract.lookup.request.safeParse({ idType: 'profile_id', id: 'x' }).success).toBe(true);
    expect(contract.lookup.request.safeParse({ idType: 'email', id: 'x' }).success).toBe(false);
    // A little too long still reaches the client's rule and its clear message; a flood is refused at the door.
    expect(contract.lookup.request.safeParse({ idType: 'customer_user_id', id: 'x'.repeat(4096) }).success).toBe(true);
    expect(contract.lookup.request.safeParse({ idType: 'customer_user_id', id: 'x'.repeat(4097) }).success).toBe(false);
    expect(contract.saveSettings.request.safeParse({ baseUrl: 'https://api.adapty.io', timeoutMs: 1000 }).success).toBe(true);
    expect(contract.saveSettings.request.safeParse({ baseUrl: 'https://api.adapty.io' }).success).toBe(false);
    // A batch: at least one ID, at most a batch's worth, each no longer than a lookup's.
    expect(contract.startBatch.request.safeParse({ ids: ['user-1'], idType: 'auto' }).success).toBe(true);
    expect(contract.startBatch.request.safeParse({ ids: [], idType: 'auto' }).success).toBe(false);
    expect(contract.startBatch.request.safeParse({ ids: Array.from({ length: 10_001 }, (_, n) => `u${n}`), idType: 'auto' }).success).toBe(false);
    expect(contract.startBatch.request.safeParse({ ids: ['x'.repeat(4097)], idType: 'auto' }).success).toBe(false);
    expect(contract.exportBatch.request.safeParse({ format: 'xlsx' }).success).toBe(false);
    expect(contract.getBatch.request.safeParse({ batch: 1, since: -1 }).success).toBe(false);
  });
});

describe('every string in the IPC contract has a maximum', () => {
  /** zod 4's own description of a schema, as far as this walk needs it. */
  type Def = { type: string; shape?: Record<string, Schema>; element?: Schema; options?: Schema[]; innerType?: Schema; keyType?: Schema; valueType?: Schema };
  type Schema = { def: Def; maxLength?: number | null };

  /** Paths of strings without a maximum. `extras` values are JSON data (json.ts), bounded in main by boundExtras instead. */
  function unbounded(schema: Schema, path: string, found: string[], strings: { count: number }): void {
    const { def } = schema;
    if (def.type === 'string') {
      strings.count += 1;
      if (schema.maxLength === null || schema.maxLength === undefined) found.push(path);
    } else if (def.type === 'object') {
      for (const [key, inner] of Object.entries(def.shape ?? {})) unbounded(inner, `${path}.${key}`, found, strings);
    } else if (def.type === 'array') unbounded(def.element!, `${path}[]`, found, strings);
    else if (def.type === 'union') def.options!.forEach((option, i) => unbounded(option, `${path}|${i}`, found, strings));
    else if (def.type === 'nullable' || def.type === 'optional') unbounded(def.innerType!, path, found, strings);
    else if (def.type === 'record') unbounded(def.keyType!, `${path}{key}`, found, strings);
  }

  it.each(Object.keys(contract) as Array<keyof typeof contract>)('%s', (method) => {
    const found: string[] = [];
    const strings = { count: 0 };
    unbounded(contract[method].request as unknown as Schema, `${method} request`, found, strings);
    unbounded(contract[method].response as unknown as Schema, `${method} response`, found, strings);
    expect(found).toEqual([]);
    expect(strings.count).toBeGreaterThan(3);
  });
});

describe('every schema of the IPC contract compiles', () => {
  // dispatch checks every message with the compiled schema; one that cannot compile (a schema with a cycle,
  // such as z.json()) would silently fall back to zod's general parser, several times slower between network events.
  it.each(Object.keys(contract) as Array<keyof typeof contract>)('%s', (method) => {
    expect(() => z.compile(contract[method].request, { strict: true })).not.toThrow();
    expect(() => z.compile(contract[method].response, { strict: true })).not.toThrow();
  });
});
