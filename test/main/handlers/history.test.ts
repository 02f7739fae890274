/**
 * The history of lookups through the real handlers, over a history.json in a
 * temporary folder and the local Adapty server: what a lookup records (and what
 * it does not), and getHistory, clearHistory and setHistoryEnabled.
 */
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { createHistoryStore, type HistoryStore } from '../../../src/main/history/history-store';
import { SAMPLE_PROFILES } from '../../../src/main/local-adapty/profiles';
import { LOCAL_ADAPTY_KEY } from '../../../src/main/local-adapty/server';
import { writeAtomic } from '../../../src/main/settings/atomic-file';
import { historyEntrySchema, type History, type HistoryEntry } from '../../../src/shared/history';
import { MAX_CUSTOMER_USER_ID_LENGTH, UUID } from '../../../src/shared/input-rules';
import type { LookupRequest } from '../../../src/shared/lookup';
import { byCustomer, byProfile, useLocalAdapty } from '../../helpers/local-adapty';
import { useTempDirs } from '../../helpers/temp-dir';
import { createTestApp, errorOf, requestArrived, valueOf, type TestApp, type TestAppOptions } from '../../helpers/test-app';

// The real write, held back when a test says so.
vi.mock('../../../src/main/settings/atomic-file', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/main/settings/atomic-file')>();
  return { ...real, writeAtomic: vi.fn(real.writeAtomic) };
});

const tempDir = useTempDirs('adapty-history-handlers-');
const documented = SAMPLE_PROFILES[0]!;
const allSet = SAMPLE_PROFILES[1]!;
/** A profile whose customer user ID is a UUID: Auto finds it as a customer user ID after trying it as a profile ID. */
const uuidUser = SAMPLE_PROFILES.find((p) => UUID.test(p.customerUserId))!;
const NOBODY_UUID = 'a0a0a0a0-b1b1-4c2c-8d3d-e4e4e4e4e4e4';

let warn: MockInstance<typeof console.warn>;
beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
// Registered after useTempDirs, so run before its folders are removed: no store writes into a removed folder.
const stores: HistoryStore[] = [];
afterEach(async () => {
  vi.mocked(writeAtomic).mockReset();
  await Promise.all(stores.splice(0).map((store) => store.settled()));
  warn.mockRestore();
});

const local = useLocalAdapty();

interface HistoryApp extends TestApp {
  historyFile: string;
  store: HistoryStore;
  /** What getHistory answers. */
  history(): Promise<History>;
  /** What history.json holds, as a fresh store reads it, once the writes asked for so far are done. */
  onDisk(): Promise<History>;
  /** What history.json holds as text, once the writes asked for so far are done. */
  fileText(): Promise<string>;
}

async function app(options: Partial<TestAppOptions> = {}): Promise<HistoryApp> {
  const folder = await tempDir();
  const historyFile = join(folder, 'history.json');
  const store = createHistoryStore(historyFile);
  stores.push(store);
  const made = await createTestApp(folder, { baseUrl: local.server.url, key: LOCAL_ADAPTY_KEY, history: store, ...options });
  return {
    ...made,
    historyFile,
    store,
    history: async () => valueOf(await made.handlers.getHistory(undefined)),
    onDisk: async () => {
      await store.settled();
      return createHistoryStore(historyFile).get();
    },
    fileText: async () => {
      await store.settled();
      return readFile(historyFile, 'utf8');
    },
  };
}

/** What a lookup through the first connection records, the time left to the test. */
function recorded(request: Pick<HistoryEntry, 'idType' | 'id' | 'outcome'> & Partial<HistoryEntry>): HistoryEntry {
  return { connectionId: 'default', connectionName: 'Default', at: expect.any(String) as unknown as string, ...request };
}

describe('lookups recorded in the history', () => {
  it('records a lookup that found the profile: in the history the window reads once the answer is there, and in the file', async () => {
    const made = await app();
    const started = Date.now();
    valueOf(await made.handlers.lookup(byCustomer('all-set')));
    const expected = recorded({ idType: 'customer_user_id', id: 'all-set', outcome: 'found' });
    // The window asks for the history once a lookup has answered: the record is in force, written or not.
    const history = await made.history();
    expect(history).toEqual({ enabled: true, entries: [expected] });
    expect(history.entries[0]).not.toHaveProperty('matchedAs');
    expect(JSON.parse(await made.fileText())).toEqual(history);
    const at = history.entries[0]!.at;
    expect(at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Date.parse(at)).toBeGreaterThanOrEqual(started - 1);
    expect(Date.parse(at)).toBeLessThanOrEqual(Date.now() + 1);
  });

  it('answers a lookup, and shows it in the history, without waiting for its record to be written', async () => {
    const made = await app();
    // A disk that takes its time: history.json is written only when the test says so.
    const real = vi.mocked(writeAtomic).getMockImplementation()!;
    let started: () => void = () => undefined;
    const writing = new Promise<void>((resolve) => (started = resolve));
    let release: () => void = () => undefined;
    vi.mocked(writeAtomic).mockImplementation((path, ...rest) => {
      if (path !== made.historyFile) return real(path, ...rest);
      started();
      return new Promise((resolve) => (release = () => resolve(real(path, ...rest))));
    });
    valueOf(await made.handlers.lookup(byCustomer('all-set')));
    const expected = [recorded({ idType: 'customer_user_id', id: 'all-set', outcome: 'found' })];
    expect((await made.history()).entries).toEqual(expected);
    // As at quit: the write starts at once, and is held.
    const quit = made.store.settled();
    await writing;
    expect((await made.history()).entries).toEqual(expected);
    await expect(stat(made.historyFile)).rejects.toMatchObject({ code: 'ENOENT' });
    release();
    await quit;
    expect((await made.onDisk()).entries).toEqual(expected);
  });

  it('records a profile ID lookup as a profile ID', async () => {
    const made = await app();
    valueOf(await made.handlers.lookup(byProfile(allSet.profileId)));
    expect((await made.history()).entries).toEqual([recorded({ idType: 'profile_id', id: allSet.profileId, outcome: 'found' })]);
  });

  it('keeps a profile ID lower-cased, as it is sent: the same profile typed in either case is one entry', async () => {
    const made = await app();
    valueOf(await made.handlers.lookup(byProfile(allSet.profileId.toUpperCase())));
    valueOf(await made.handlers.lookup(byProfile(allSet.profileId)));
    valueOf(await made.handlers.lookup({ idType: 'auto', id: allSet.profileId.toUpperCase() }));
    expect((await made.history()).entries.map(({ idType, id }) => [idType, id])).toEqual([
      ['auto', allSet.profileId],
      ['profile_id', allSet.profileId],
    ]);
  });

  it('records a lookup that failed with the kind of error it ended with', async () => {
    const made = await app();
    expect(errorOf(await made.handlers.lookup(byCustomer('nobody-has-this-id'))).kind).toBe('not_found');
    expect(errorOf(await made.handlers.lookup(byCustomer('scenario:server-error'))).kind).toBe('server_error');
    expect(errorOf(await made.handlers.lookup(byCustomer('scenario:rate-limited'))).kind).toBe('rate_limited');
    expect(errorOf(await made.handlers.lookup(byCustomer('scenario:not-json'))).kind).toBe('invalid_response');
    expect((await made.onDisk()).entries).toEqual([
      recorded({ idType: 'customer_user_id', id: 'scenario:not-json', outcome: 'invalid_response' }),
      recorded({ idType: 'customer_user_id', id: 'scenario:rate-limited', outcome: 'rate_limited' }),
      recorded({ idType: 'customer_user_id', id: 'scenario:server-error', outcome: 'server_error' }),
      recorded({ idType: 'customer_user_id', id: 'nobody-has-this-id', outcome: 'not_found' }),
    ]);
  });

  it('records a wrong key as unauthorized', async () => {
    const made = await app({ key: 'not_the_local_key.0000000000000000' });
    expect(errorOf(await made.handlers.lookup(byCustomer('all-set'))).kind).toBe('unauthorized');
    expect((await made.history()).entries).toEqual([recorded({ idType: 'customer_user_id', id: 'all-set', outcome: 'unauthorized' })]);
  });

  it('under Auto, records Auto and the type that matched', async () => {
    const made = await app();
    expect(uuidUser, 'the local server has a profile whose customer user ID is a UUID').toBeDefined();
    valueOf(await made.handlers.lookup({ idType: 'auto', id: documented.profileId }));
    valueOf(await made.handlers.lookup({ idType: 'auto', id: uuidUser.customerUserId }));
    valueOf(await made.handlers.lookup({ idType: 'auto', id: 'all-set' }));
    expect((await made.onDisk()).entries).toEqual([
      recorded({ idType: 'auto', matchedAs: 'customer_user_id', id: 'all-set', outcome: 'found' }),
      recorded({ idType: 'auto', matchedAs: 'customer_user_id', id: uuidUser.customerUserId, outcome: 'found' }),
      recorded({ idType: 'auto', matchedAs: 'profile_id', id: documented.profileId, outcome: 'found' }),
    ]);
  });

  it('under Auto, records a lookup that found nothing without a matched type', async () => {
    const made = await app();
    expect(errorOf(await made.handlers.lookup({ idType: 'auto', id: NOBODY_UUID })).kind).toBe('not_found');
    expect(errorOf(await made.handlers.lookup({ idType: 'auto', id: 'nobody-has-this-id' })).kind).toBe('not_found');
    const { entries } = await made.history();
    expect(entries).toEqual([
      recorded({ idType: 'auto', id: 'nobody-has-this-id', outcome: 'not_found' }),
      recorded({ idType: 'auto', id: NOBODY_UUID, outcome: 'not_found' }),
    ]);
    for (const entry of entries) expect(entry).not.toHaveProperty('matchedAs');
  });

  it.each([
    ['spaces and a line break', '  all-set \n'],
    ['straight quotes', '"all-set"'],
    ['curly quotes and spaces', ' \u201call-set\u201d '],
    ['a zero-width space and a tab', '\u200b\tall-set'],
  ])('records the ID without the %s around it', async (_what, raw) => {
    const made = await app();
    valueOf(await made.handlers.lookup(byCustomer(raw)));
    valueOf(await made.handlers.lookup({ idType: 'auto', id: raw }));
    expect((await made.history()).entries.map((e) => [e.idType, e.id])).toEqual([
      ['auto', 'all-set'],
      ['customer_user_id', 'all-set'],
    ]);
  });

  it('keeps a repeated lookup once, at the top, with its latest outcome', async () => {
    const made = await app();
    valueOf(await made.handlers.lookup(byCustomer('all-set')));
    valueOf(await made.handlers.lookup(byCustomer('documented-example')));
    valueOf(await made.handlers.lookup(byCustomer(' all-set ')));
    expect((await made.onDisk()).entries.map((e) => e.id)).toEqual(['all-set', 'documented-example']);
  });
});

describe('the connection a lookup is recorded with', () => {
  it("records the connection's name as it is when the lookup runs", async () => {
    const made = await app();
    valueOf(await made.handlers.lookup(byCustomer('all-set')));
    valueOf(await made.handlers.updateConnection({ id: 'default', name: 'Acme production', colour: 'teal' }));
    valueOf(await made.handlers.lookup(byCustomer('documented-example')));
    expect((await made.onDisk()).entries.map((e) => [e.connectionId, e.connectionName, e.id])).toEqual([
      ['default', 'Acme production', 'documented-example'],
      ['default', 'Default', 'all-set'],
    ]);
  });

  it('records the connection the request names, not the active one', async () => {
    const made = await app();
    valueOf(await made.handlers.updateConnection({ id: 'default', name: 'Acme production', colour: 'teal' }));
    const added = valueOf(await made.handlers.addConnection({ name: 'Acme staging', colour: 'grape' }));
    expect(added.active).not.toBe('default');
    valueOf(await made.handlers.lookup({ ...byCustomer('all-set'), connectionId: 'default' }));
    expect((await made.history()).entries).toEqual([
      recorded({ connectionId: 'default', connectionName: 'Acme production', idType: 'customer_user_id', id: 'all-set', outcome: 'found' }),
    ]);
  });

  it('records a lookup through the active connection under its own id and name', async () => {
    const made = await app();
    const added = valueOf(await made.handlers.addConnection({ name: 'Acme staging', colour: 'grape' }));
    valueOf(await made.handlers.saveSettings({ baseUrl: local.server.url, timeoutMs: 15_000 }));
    valueOf(await made.handlers.saveKey({ key: LOCAL_ADAPTY_KEY, sessionOnly: false }));
    valueOf(await made.handlers.lookup(byCustomer('all-set')));
    expect((await made.history()).entries).toEqual([
      recorded({ connectionId: added.active, connectionName: 'Acme staging', idType: 'customer_user_id', id: 'all-set', outcome: 'found' }),
    ]);
  });
});

describe('lookups not recorded', () => {
  it.each<[string, LookupRequest]>([
    ['an empty customer user ID', byCustomer('')],
    ['a customer user ID of spaces and quotes only', byCustomer('  "" ')],
    ['a customer user ID with a character outside ASCII', byCustomer('caf\u00e9')],
    ['a customer user ID with a control character', byCustomer('all\tset')],
    ['a customer user ID that is too long', byCustomer('x'.repeat(MAX_CUSTOMER_USER_ID_LENGTH + 1))],
    ['a profile ID that is not a UUID', byProfile('not-a-uuid')],
    ['an empty ID under Auto', { idType: 'auto', id: '   ' }],
    ['a non-ASCII ID under Auto', { idType: 'auto', id: 'caf\u00e9' }],
  ])('does not record %s (invalid_input), and writes no file', async (_what, request) => {
    const made = await app();
    const before = local.server.requests.length;
    expect(errorOf(await made.handlers.lookup(request)).kind).toBe('invalid_input');
    expect(local.server.requests.length).toBe(before);
    expect(await made.history()).toEqual({ enabled: true, entries: [] });
    await expect(stat(made.historyFile)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('does not record a lookup cancelled with cancelLookup', async () => {
    const made = await app();
    const running = made.handlers.lookup(byCustomer('scenario:slow:5000'));
    await requestArrived(local.server, (r) => r.customerUserId === 'scenario:slow:5000');
    expect(valueOf(await made.handlers.cancelLookup(undefined))).toBe(true);
    expect(errorOf(await running).kind).toBe('cancelled');
    expect(await made.history()).toEqual({ enabled: true, entries: [] });
    await expect(stat(made.historyFile)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('does not record a lookup cancelled by the next one, but records the next one', async () => {
    const made = await app();
    const first = made.handlers.lookup(byCustomer('scenario:slow:5001'));
    await requestArrived(local.server, (r) => r.customerUserId === 'scenario:slow:5001');
    const second = made.handlers.lookup(byCustomer('all-set'));
    expect(errorOf(await first).kind).toBe('cancelled');
    valueOf(await second);
    expect((await made.onDisk()).entries).toEqual([recorded({ idType: 'customer_user_id', id: 'all-set', outcome: 'found' })]);
  });
});

describe('what the history file holds', () => {
  it('never the key, nor any identifier value Adapty answered', async () => {
    const made = await app();
    valueOf(await made.handlers.lookup(byCustomer('all-set')));
    valueOf(await made.handlers.lookup({ idType: 'auto', id: documented.profileId }));
    valueOf(await made.handlers.lookup(byCustomer('documented-example')));
    // Adapty's error quotes the key back: the history keeps only the kind of error.
    const echoed = errorOf(await made.handlers.lookup(byCustomer('scenario:echo-key')));
    const text = await made.fileText();
    expect(text).not.toContain(LOCAL_ADAPTY_KEY);
    const values = [...Object.values(allSet.body), ...Object.values(documented.body)].filter((v): v is string => typeof v === 'string' && v !== '');
    expect(values.length).toBeGreaterThan(16);
    for (const value of values) expect(text, `identifier value ${value}`).not.toContain(value);
    const history = JSON.parse(text) as History;
    expect(history.entries).toHaveLength(4);
    expect(history.entries[0]!.outcome).toBe(echoed.kind);
    const allowed = Object.keys(historyEntrySchema.shape).sort();
    for (const entry of history.entries) {
      expect(historyEntrySchema.safeParse(entry).success).toBe(true);
      for (const key of Object.keys(entry)) expect(allowed).toContain(key);
    }
  });
});

describe('getHistory, clearHistory and setHistoryEnabled', () => {
  it('clearHistory empties the history, in the file too, and recording goes on', async () => {
    const made = await app();
    valueOf(await made.handlers.lookup(byCustomer('all-set')));
    expect(valueOf(await made.handlers.clearHistory(undefined))).toEqual({ enabled: true, entries: [] });
    expect(await made.onDisk()).toEqual({ enabled: true, entries: [] });
    valueOf(await made.handlers.lookup(byCustomer('documented-example')));
    expect((await made.onDisk()).entries.map((e) => e.id)).toEqual(['documented-example']);
  });

  it('setHistoryEnabled(false) clears the history and stops recording; true starts it again', async () => {
    const made = await app();
    valueOf(await made.handlers.lookup(byCustomer('all-set')));
    expect(valueOf(await made.handlers.setHistoryEnabled({ enabled: false }))).toEqual({ enabled: false, entries: [] });
    expect(await made.onDisk()).toEqual({ enabled: false, entries: [] });

    valueOf(await made.handlers.lookup(byCustomer('documented-example')));
    errorOf(await made.handlers.lookup(byCustomer('nobody-has-this-id')));
    expect(await made.history()).toEqual({ enabled: false, entries: [] });
    expect(await made.onDisk()).toEqual({ enabled: false, entries: [] });

    expect(valueOf(await made.handlers.setHistoryEnabled({ enabled: true }))).toEqual({ enabled: true, entries: [] });
    valueOf(await made.handlers.lookup(byCustomer('all-set')));
    expect((await made.onDisk()).entries.map((e) => e.id)).toEqual(['all-set']);
  });

  it('stays off for handlers built later over the same file', async () => {
    const made = await app();
    valueOf(await made.handlers.setHistoryEnabled({ enabled: false }));
    const later = await createTestApp(await tempDir(), { baseUrl: local.server.url, key: LOCAL_ADAPTY_KEY, history: createHistoryStore(made.historyFile) });
    valueOf(await later.handlers.lookup(byCustomer('all-set')));
    expect(valueOf(await later.handlers.getHistory(undefined))).toEqual({ enabled: false, entries: [] });
  });

  it('a history that cannot be saved never fails the lookup; clearing it answers an internal error', async () => {
    const made = await app();
    valueOf(await made.handlers.lookup(byCustomer('all-set')));
    await made.onDisk();
    // A non-empty folder where history.json was: every write fails from now on.
    await rm(made.historyFile);
    await mkdir(join(made.historyFile, 'inside'), { recursive: true });
    expect(valueOf(await made.handlers.lookup(byCustomer('documented-example'))).query.id).toBe('documented-example');
    // Kept in memory, and in the window's history, until it can be written.
    const both = [recorded({ idType: 'customer_user_id', id: 'documented-example', outcome: 'found' }), recorded({ idType: 'customer_user_id', id: 'all-set', outcome: 'found' })];
    expect((await made.history()).entries).toEqual(both);
    await made.store.settled();
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/could not be saved/));
    expect(errorOf(await made.handlers.clearHistory(undefined)).kind).toBe('internal');
    expect(errorOf(await made.handlers.setHistoryEnabled({ enabled: false })).kind).toBe('internal');
    expect(await made.history()).toEqual({ enabled: true, entries: both });
    // Writable again: written at quit.
    await rm(made.historyFile, { recursive: true });
    expect((await made.onDisk()).entries).toEqual(both);
  });

  it('handlers built without a history store keep one in memory', async () => {
    const made = await createTestApp(await tempDir(), { baseUrl: local.server.url, key: LOCAL_ADAPTY_KEY });
    valueOf(await made.handlers.lookup(byCustomer('all-set')));
    expect(valueOf(await made.handlers.getHistory(undefined)).entries.map((e) => e.id)).toEqual(['all-set']);
  });
});
