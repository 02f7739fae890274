/**
 * The connection handlers, through the real handlers over a settings file and
 * memory key stores: add, rename, remove, switch; lookups through the active
 * connection (or the one the window names) with that connection's key only.
 * Two local Adapty servers on 127.0.0.1 (two origins), each accepting a key of
 * its own, tell which key went where.
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { PROFILE_PATH } from '../../../src/main/adapty/profile';
import { LOCAL_ADAPTY_KEY, type LocalAdapty } from '../../../src/main/local-adapty/server';
import { decodeBoundKey } from '../../../src/main/secrets/key-binding';
import { accountOf, createKeyRing } from '../../../src/main/secrets/key-ring';
import { createMemoryStore } from '../../../src/main/secrets/memory-store';
import { KEYCHAIN_ACCOUNT, type SecretStore } from '../../../src/main/secrets/secret-store';
import { createSettingsStore, type SettingsStore } from '../../../src/main/settings/settings-store';
import { createHandlers } from '../../../src/main/handlers';
import { firstConnection, type Connection, type Connections } from '../../../src/shared/connections';
import { fail } from '../../../src/shared/result';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import { keyRingOver } from '../../helpers/key-ring';
import { byCustomer, useLocalAdapty } from '../../helpers/local-adapty';
import { useTempDirs } from '../../helpers/temp-dir';
import { createTestApp, errorOf, nodeFetch, valueOf, type TestApp, type TestAppOptions } from '../../helpers/test-app';

/** The first connection's server accepts the first key only; the others accept the second key only. */
const HOME_KEY = LOCAL_ADAPTY_KEY;
const AWAY_KEY = 'another_app_secret_key.0000000000';
const NEWER_KEY = 'newer_app_secret_key.1111111111';
const home = useLocalAdapty();
const away = useLocalAdapty({ apiKeys: [AWAY_KEY] });
const third = useLocalAdapty({ apiKeys: [AWAY_KEY] });
const tempDir = useTempDirs('adapty-connections-');
const query = byCustomer('all-set');
const originOf = (server: { server: LocalAdapty }) => new URL(server.server.url).origin;

/** Requests each server has received so far, to compare with later. */
function counts() {
  const now = [home, away, third].map(({ server }) => server.requests.length);
  return {
    /** The requests each server received since. */
    since: () => [home, away, third].map(({ server }, i) => server.requests.length - now[i]!),
  };
}

/** Key stores kept per keychain item, as the app's keychain does, so a test can look inside them. */
function recordedRing(first: SecretStore = createMemoryStore()) {
  const stores = new Map<string, SecretStore>([[KEYCHAIN_ACCOUNT, first]]);
  const storeFor = (account: string) => {
    let store = stores.get(account);
    if (!store) {
      store = createMemoryStore();
      stores.set(account, store);
    }
    return store;
  };
  return { ring: createKeyRing(storeFor), stores };
}

/** The key a store holds (without the origin it is bound to), or null. */
async function keyIn(store: SecretStore | undefined): Promise<string | null> {
  const held = await store!.get();
  if (!held.ok) throw new Error(`store failed: ${held.error.message}`);
  return held.value === null ? null : decodeBoundKey(held.value).key;
}

/** A keychain item that refuses every delete (locked, or not answering), counting what it is asked. */
function refusingDeletes(problem: 'locked' | 'timeout') {
  const memory = createMemoryStore();
  const asked = { gets: 0, deletes: 0 };
  const store: SecretStore = {
    ...memory,
    get: async () => {
      asked.gets += 1;
      return memory.get();
    },
    delete: async () => {
      asked.deletes += 1;
      return fail({ kind: 'keychain_unavailable', problem, message: 'The keychain did not delete the key.' });
    },
  };
  return { store, memory, asked };
}

async function app(options: Partial<TestAppOptions> = {}): Promise<TestApp> {
  return createTestApp(await tempDir(), { baseUrl: home.server.url, ...options });
}

/** An app whose first connection has HOME_KEY, and a second connection "Acme staging" (active) at `away` with AWAY_KEY. */
async function twoConnections(options: Partial<TestAppOptions> = {}): Promise<{ app: TestApp; second: Connection }> {
  const made = await app(options);
  valueOf(await made.handlers.saveKey({ key: HOME_KEY, sessionOnly: false }));
  const added = valueOf(await made.handlers.addConnection({ name: 'Acme staging', colour: 'teal' }));
  const second = added.connections[1]!;
  valueOf(await made.handlers.saveSettings({ baseUrl: away.server.url, timeoutMs: 15_000 }));
  valueOf(await made.handlers.saveKey({ key: AWAY_KEY, sessionOnly: false }));
  return { app: made, second: { ...second, baseUrl: away.server.url } };
}

describe('adding a connection', () => {
  it("makes it the active one, with Adapty's address and the default timeout, and keeps it in the file", async () => {
    const { handlers, settingsFile } = await app();
    const added = valueOf(await handlers.addConnection({ name: '  Acme   staging ', colour: 'teal' }));
    expect(added.connections).toHaveLength(2);
    const [first, second] = added.connections;
    expect(first).toEqual(firstConnection({ baseUrl: home.server.url, timeoutMs: 15_000 }));
    expect(second).toEqual({ id: expect.stringMatching(/^c-[0-9a-f]{8}$/), name: 'Acme staging', colour: 'teal', ...DEFAULT_SETTINGS });
    expect(added.active).toBe(second!.id);
    expect(valueOf(await handlers.getSettings(undefined))).toEqual(added);
    expect(await createSettingsStore(settingsFile).connections()).toEqual(added);
    expect(JSON.parse(await readFile(settingsFile, 'utf8'))).toEqual({ version: 2, ...added });
  });

  it('gives every new connection an id of its own', async () => {
    const { handlers } = await app();
    valueOf(await handlers.addConnection({ name: 'One', colour: 'teal' }));
    const all = valueOf(await handlers.addConnection({ name: 'Two', colour: 'grape' }));
    expect(new Set(all.connections.map(({ id }) => id)).size).toBe(3);
    expect(all.active).toBe(all.connections[2]!.id);
  });

  it.each(['', '   ', 'n'.repeat(41), 'Default', 'DEFAULT', ' default '])('refuses the name %j as invalid_input, and adds nothing', async (name) => {
    const { handlers, settingsFile } = await app();
    const before = await readFile(settingsFile, 'utf8');
    expect(errorOf(await handlers.addConnection({ name, colour: 'teal' }))).toMatchObject({ kind: 'invalid_input', field: 'name' });
    expect(valueOf(await handlers.getSettings(undefined)).connections).toHaveLength(1);
    expect(await readFile(settingsFile, 'utf8')).toBe(before);
  });
});

describe('lookups and keys per connection', () => {
  it('go to the active connection, with the key of that connection only', async () => {
    const { handlers, ring } = await app();
    valueOf(await handlers.saveKey({ key: HOME_KEY, sessionOnly: false }));
    valueOf(await handlers.lookup(query));

    // A new connection has no key: the first connection's key is not lent to it.
    const added = valueOf(await handlers.addConnection({ name: 'Acme staging', colour: 'teal' }));
    const second = added.active;
    let sent = counts();
    expect(errorOf(await handlers.lookup(query)).kind).toBe('no_key');
    expect(errorOf(await handlers.testKey(undefined)).kind).toBe('no_key');
    expect(valueOf(await handlers.getKeyStatus(undefined))).toMatchObject({ configured: false });
    valueOf(await handlers.saveSettings({ baseUrl: away.server.url, timeoutMs: 15_000 }));
    expect(errorOf(await handlers.lookup(query)).kind).toBe('no_key');
    expect(sent.since()).toEqual([0, 0, 0]);

    // With its own key, it works (the away server accepts only that key).
    valueOf(await handlers.saveKey({ key: AWAY_KEY, sessionOnly: false }));
    sent = counts();
    expect(valueOf(await handlers.lookup(query)).query.id).toBe('all-set');
    expect(sent.since()).toEqual([0, 1, 0]);
    expect(ring.of(second).known()).toEqual({ key: AWAY_KEY, origin: originOf(away) });

    // Back to the first: its own key, to its own server (which accepts only that key).
    valueOf(await handlers.switchConnection({ id: 'default' }));
    sent = counts();
    expect(valueOf(await handlers.lookup(query)).query.id).toBe('all-set');
    expect(sent.since()).toEqual([1, 0, 0]);
    expect(ring.of('default').known()).toEqual({ key: HOME_KEY, origin: originOf(home) });
  });

  it('a lookup names the connection the window shows, whichever is active', async () => {
    const { app: made, second } = await twoConnections();
    valueOf(await made.handlers.switchConnection({ id: 'default' }));
    let sent = counts();
    expect(valueOf(await made.handlers.lookup({ ...query, connectionId: second.id })).query.id).toBe('all-set');
    expect(sent.since()).toEqual([0, 1, 0]);
    sent = counts();
    valueOf(await made.handlers.lookupProfile({ ...query, connectionId: second.id }));
    expect(sent.since()).toEqual([0, 1, 0]);
    expect(away.server.requests.at(-1)).toMatchObject({ path: PROFILE_PATH, hasAuthorization: true });
    sent = counts();
    valueOf(await made.handlers.lookup({ ...query, connectionId: 'default' }));
    expect(sent.since()).toEqual([1, 0, 0]);
  });

  it('a lookup through a connection that does not exist is invalid_input, and no request is made', async () => {
    const { app: made } = await twoConnections();
    const sent = counts();
    for (const error of [
      errorOf(await made.handlers.lookup({ ...query, connectionId: 'c-00000000' })),
      errorOf(await made.handlers.lookup({ idType: 'auto', id: 'all-set', connectionId: 'c-00000000' })),
      errorOf(await made.handlers.lookupProfile({ ...query, connectionId: 'c-00000000' })),
    ]) {
      expect(error).toMatchObject({ kind: 'invalid_input', message: expect.stringMatching(/no longer exists/) });
    }
    expect(sent.since()).toEqual([0, 0, 0]);
  });

  it('keeps a key per connection: statuses differ, and removing one key leaves the other', async () => {
    const { app: made, second } = await twoConnections();
    expect(valueOf(await made.handlers.getKeyStatus(undefined))).toMatchObject({ configured: true, hint: AWAY_KEY.slice(-4) });
    valueOf(await made.handlers.switchConnection({ id: 'default' }));
    expect(valueOf(await made.handlers.getKeyStatus(undefined))).toMatchObject({ configured: true, hint: HOME_KEY.slice(-4) });

    valueOf(await made.handlers.switchConnection({ id: second.id }));
    expect(valueOf(await made.handlers.removeKey(undefined))).toMatchObject({ configured: false });
    expect(errorOf(await made.handlers.lookup(query)).kind).toBe('no_key');
    expect(await made.ring.of('default').status()).toMatchObject({ configured: true, hint: HOME_KEY.slice(-4) });
    valueOf(await made.handlers.switchConnection({ id: 'default' }));
    valueOf(await made.handlers.lookup(query));
  });
});

describe('renaming and switching', () => {
  it('renames and recolours a connection, leaving the others and the active one as they were', async () => {
    const { app: made, second } = await twoConnections();
    const renamed = valueOf(await made.handlers.updateConnection({ id: second.id, name: ' Acme   live ', colour: 'grape' }));
    expect(renamed).toEqual({
      active: second.id,
      connections: [firstConnection({ baseUrl: home.server.url, timeoutMs: 15_000 }), { ...second, name: 'Acme live', colour: 'grape' }],
    });
    // A connection may keep its own name, in another case.
    const recased = valueOf(await made.handlers.updateConnection({ id: 'default', name: 'DEFAULT', colour: 'orange' }));
    expect(recased.connections[0]).toMatchObject({ id: 'default', name: 'DEFAULT', colour: 'orange' });
    expect(await createSettingsStore(made.settingsFile).connections()).toEqual(recased);
    // The key stays with the connection, whatever its name.
    valueOf(await made.handlers.lookup(query));
  });

  it("refuses a name another connection has, whatever its case, and an id that does not exist; nothing changes", async () => {
    const { app: made, second } = await twoConnections();
    const before = valueOf(await made.handlers.getSettings(undefined));
    const file = await readFile(made.settingsFile, 'utf8');
    expect(errorOf(await made.handlers.updateConnection({ id: second.id, name: 'default', colour: 'teal' }))).toMatchObject({
      kind: 'invalid_input',
      field: 'name',
      message: expect.stringMatching(/already exists/),
    });
    expect(errorOf(await made.handlers.addConnection({ name: 'ACME staging', colour: 'grape' }))).toMatchObject({ kind: 'invalid_input', field: 'name' });
    expect(errorOf(await made.handlers.updateConnection({ id: 'c-00000000', name: 'Ghost', colour: 'teal' }))).toMatchObject({ kind: 'invalid_input' });
    expect(errorOf(await made.handlers.switchConnection({ id: 'c-00000000' }))).toMatchObject({ kind: 'invalid_input' });
    expect(valueOf(await made.handlers.getSettings(undefined))).toEqual(before);
    expect(await readFile(made.settingsFile, 'utf8')).toBe(file);
  });

  it('switching makes another connection the active one, in the file too', async () => {
    const { app: made, second } = await twoConnections();
    const switched = valueOf(await made.handlers.switchConnection({ id: 'default' }));
    expect(switched.active).toBe('default');
    expect(switched.connections.map(({ id }) => id)).toEqual(['default', second.id]);
    expect((await createSettingsStore(made.settingsFile).connections()).active).toBe('default');
    expect(await made.settings.get()).toEqual({ baseUrl: home.server.url, timeoutMs: 15_000 });
  });
});

describe('removing a connection', () => {
  it("deletes that connection's key from the keychain, and the active one becomes another", async () => {
    const { ring, stores } = recordedRing();
    const { app: made, second } = await twoConnections({ ring });
    const item = accountOf(second.id);
    expect(item).toBe(`connection:${second.id}`);
    expect(await keyIn(stores.get(item))).toBe(AWAY_KEY);

    const left = valueOf(await made.handlers.removeConnection({ id: second.id }));
    expect(left).toEqual({ active: 'default', connections: [firstConnection({ baseUrl: home.server.url, timeoutMs: 15_000 })] });
    expect(await keyIn(stores.get(item))).toBeNull();
    // The first connection's key stays, in the item every earlier version used.
    expect(await keyIn(stores.get(KEYCHAIN_ACCOUNT))).toBe(HOME_KEY);
    expect(await createSettingsStore(made.settingsFile).connections()).toEqual(left);
    const sent = counts();
    valueOf(await made.handlers.lookup(query));
    expect(sent.since()).toEqual([1, 0, 0]);
    // A lookup through the removed connection goes nowhere.
    expect(errorOf(await made.handlers.lookup({ ...query, connectionId: second.id })).kind).toBe('invalid_input');
  });

  it('removing a connection that is not active leaves the active one', async () => {
    const { ring, stores } = recordedRing();
    const { app: made, second } = await twoConnections({ ring });
    const third = valueOf(await made.handlers.addConnection({ name: 'Acme production', colour: 'grape' })).active;
    valueOf(await made.handlers.switchConnection({ id: third }));
    const left = valueOf(await made.handlers.removeConnection({ id: second.id }));
    expect(left.active).toBe(third);
    expect(left.connections.map(({ id }) => id)).toEqual(['default', third]);
    expect(await keyIn(stores.get(accountOf(second.id)))).toBeNull();
    expect(await keyIn(stores.get(KEYCHAIN_ACCOUNT))).toBe(HOME_KEY);
  });

  it('refuses to remove the last connection, and keeps its key', async () => {
    const { ring, stores } = recordedRing();
    const made = await app({ ring });
    valueOf(await made.handlers.saveKey({ key: HOME_KEY, sessionOnly: false }));
    const file = await readFile(made.settingsFile, 'utf8');
    expect(errorOf(await made.handlers.removeConnection({ id: 'default' }))).toMatchObject({
      kind: 'invalid_input',
      message: expect.stringMatching(/only connection/),
    });
    expect(await keyIn(stores.get(KEYCHAIN_ACCOUNT))).toBe(HOME_KEY);
    expect(valueOf(await made.handlers.getSettings(undefined)).connections).toHaveLength(1);
    expect(await readFile(made.settingsFile, 'utf8')).toBe(file);
    valueOf(await made.handlers.lookup(query));
  });

  it('refuses a connection that does not exist', async () => {
    const { app: made } = await twoConnections();
    expect(errorOf(await made.handlers.removeConnection({ id: 'c-00000000' }))).toMatchObject({ kind: 'invalid_input' });
    expect(valueOf(await made.handlers.getSettings(undefined)).connections).toHaveLength(2);
  });

  it('keeps the connection when its key cannot be deleted from the keychain', async () => {
    const { store: stuck, memory, asked } = refusingDeletes('locked');
    const { app: made } = await twoConnections({ ring: keyRingOver(stuck) });
    const before = valueOf(await made.handlers.getSettings(undefined));
    const file = await readFile(made.settingsFile, 'utf8');

    expect(errorOf(await made.handlers.removeConnection({ id: 'default' }))).toMatchObject({ kind: 'keychain_unavailable', problem: 'locked' });
    expect(asked.deletes).toBe(1);
    expect(valueOf(await made.handlers.getSettings(undefined))).toEqual(before);
    expect(await readFile(made.settingsFile, 'utf8')).toBe(file);
    expect(await keyIn(memory)).toBe(HOME_KEY);
    // The connection and its key still work.
    valueOf(await made.handlers.switchConnection({ id: 'default' }));
    const sent = counts();
    valueOf(await made.handlers.lookup(query));
    expect(sent.since()).toEqual([1, 0, 0]);
  });
});

describe('removing a connection when the list cannot be saved', () => {
  /** A folder where settings.json was: every settings write fails from now on. */
  async function blockSettings(made: TestApp) {
    await rm(made.settingsFile);
    await mkdir(join(made.settingsFile, 'inside'), { recursive: true });
  }

  it('keeps the connection and puts its key back in the keychain', async () => {
    const { ring, stores } = recordedRing();
    const { app: made, second } = await twoConnections({ ring });
    await blockSettings(made);
    const before = valueOf(await made.handlers.getSettings(undefined));
    const refused = errorOf(await made.handlers.removeConnection({ id: second.id }));
    expect(refused).toMatchObject({ kind: 'internal', message: expect.stringMatching(/settings\.json .* is a folder/) });
    expect(JSON.stringify(refused)).not.toContain(AWAY_KEY);
    expect(valueOf(await made.handlers.getSettings(undefined))).toEqual(before);
    expect(await keyIn(stores.get(accountOf(second.id)))).toBe(AWAY_KEY);
    expect(valueOf(await made.handlers.getKeyStatus(undefined))).toMatchObject({ configured: true, storage: 'keychain' });
    const sent = counts();
    valueOf(await made.handlers.lookup(query));
    expect(sent.since()).toEqual([0, 1, 0]);
  });

  it('keeps a key held for this session only as it was, and out of the keychain', async () => {
    const { ring, stores } = recordedRing();
    const { app: made, second } = await twoConnections({ ring });
    valueOf(await made.handlers.removeKey(undefined));
    valueOf(await made.handlers.saveKey({ key: AWAY_KEY, sessionOnly: true }));
    await blockSettings(made);
    expect(errorOf(await made.handlers.removeConnection({ id: second.id })).message).toMatch(/settings\.json .* is a folder/);
    expect(valueOf(await made.handlers.getKeyStatus(undefined))).toMatchObject({ configured: true, storage: 'session' });
    expect(await keyIn(stores.get(accountOf(second.id)))).toBeNull();
    valueOf(await made.handlers.lookup(query));
  });

  it('puts back both a session key and the keychain key under it', async () => {
    const { ring, stores } = recordedRing();
    const { app: made, second } = await twoConnections({ ring });
    valueOf(await made.handlers.saveKey({ key: HOME_KEY, sessionOnly: true }));
    await blockSettings(made);
    expect(errorOf(await made.handlers.removeConnection({ id: second.id })).message).toMatch(/settings\.json .* is a folder/);
    expect(valueOf(await made.handlers.getKeyStatus(undefined))).toMatchObject({ configured: true, storage: 'session', hint: HOME_KEY.slice(-4) });
    expect(await keyIn(stores.get(accountOf(second.id)))).toBe(AWAY_KEY);
  });

  it('puts back a key saved before keys were bound exactly as it was stored', async () => {
    const { ring, stores } = recordedRing();
    const made = await app({ ring });
    const second = valueOf(await made.handlers.addConnection({ name: 'Acme staging', colour: 'teal' })).connections[1]!;
    // As an earlier version stored it: the key alone, with no origin beside it.
    stores.set(accountOf(second.id), createMemoryStore(AWAY_KEY));
    await blockSettings(made);
    expect(errorOf(await made.handlers.removeConnection({ id: second.id })).message).toMatch(/settings\.json .* is a folder/);
    expect(await stores.get(accountOf(second.id))!.get()).toEqual({ ok: true, value: AWAY_KEY });
  });

  it('a key saved while the list is being written stays, when the write then fails (a newer key wins over the one put back)', async () => {
    const { ring, stores } = recordedRing();
    const real = createSettingsStore(join(await tempDir(), 'settings.json'));
    valueOf(await real.save({ baseUrl: home.server.url, timeoutMs: 15_000 }));
    // A settings write that waits for the test, then fails.
    let writeFails: () => void = () => undefined;
    let held = false;
    const settings: SettingsStore = {
      ...real,
      change: async (update) => {
        if (!held) return real.change(update);
        await new Promise<void>((resolve) => (writeFails = resolve));
        return fail({ kind: 'internal', message: 'settings.json could not be saved (EIO).' });
      },
    };
    const handlers = createHandlers({ keys: ring, settings, fetch: nodeFetch });
    const second = valueOf(await handlers.addConnection({ name: 'Acme staging', colour: 'teal' })).connections[1]!;
    valueOf(await handlers.saveKey({ key: AWAY_KEY, sessionOnly: false }));
    held = true;
    const removing = handlers.removeConnection({ id: second.id });
    await expect.poll(async () => keyIn(stores.get(accountOf(second.id)))).toBeNull();
    // The connection is still on screen: the person saves another key for it.
    valueOf(await handlers.saveKey({ key: NEWER_KEY, sessionOnly: false }));
    writeFails();
    expect(errorOf(await removing).message).toMatch(/EIO/);
    expect(await keyIn(stores.get(accountOf(second.id)))).toBe(NEWER_KEY);
    expect(valueOf(await handlers.getKeyStatus(undefined))).toMatchObject({ configured: true, storage: 'keychain', hint: NEWER_KEY.slice(-4) });
  });

  it('a keychain that refuses to delete is not asked again (a keychain that is not answering costs one wait, not two)', async () => {
    const { store: stuck, asked } = refusingDeletes('timeout');
    const { app: made } = await twoConnections({ ring: keyRingOver(stuck) });
    const before = asked.gets;
    expect(errorOf(await made.handlers.removeConnection({ id: 'default' }))).toMatchObject({ kind: 'keychain_unavailable', problem: 'timeout' });
    expect(asked.gets).toBe(before);
  });

  it('a keychain that refuses to delete keeps a session key as well as the connection', async () => {
    const { store: stuck } = refusingDeletes('locked');
    const { app: made } = await twoConnections({ ring: keyRingOver(stuck) });
    valueOf(await made.handlers.switchConnection({ id: 'default' }));
    valueOf(await made.handlers.saveKey({ key: AWAY_KEY, sessionOnly: true }));
    expect(errorOf(await made.handlers.removeConnection({ id: 'default' }))).toMatchObject({ kind: 'keychain_unavailable' });
    expect(valueOf(await made.handlers.getKeyStatus(undefined))).toMatchObject({ configured: true, storage: 'session', hint: AWAY_KEY.slice(-4) });
  });
});

describe("a connection's base URL and timeout", () => {
  it('saveSettings with an id edits that connection only, and the active one stays', async () => {
    const { app: made, second } = await twoConnections();
    expect(valueOf(await made.handlers.saveSettings({ id: 'default', baseUrl: ` ${third.server.url}/ `, timeoutMs: 7_000 }))).toEqual({
      baseUrl: third.server.url,
      timeoutMs: 7_000,
    });
    const expected: Connections = {
      active: second.id,
      connections: [firstConnection({ baseUrl: third.server.url, timeoutMs: 7_000 }), second],
    };
    expect(valueOf(await made.handlers.getSettings(undefined))).toEqual(expected);
    expect(await createSettingsStore(made.settingsFile).connections()).toEqual(expected);
    // The active connection still looks up where it did.
    const sent = counts();
    valueOf(await made.handlers.lookup(query));
    expect(sent.since()).toEqual([0, 1, 0]);
  });

  it('saveSettings with an id that does not exist is invalid_input, and nothing changes', async () => {
    const { app: made } = await twoConnections();
    const file = await readFile(made.settingsFile, 'utf8');
    expect(errorOf(await made.handlers.saveSettings({ id: 'c-00000000', baseUrl: third.server.url, timeoutMs: 7_000 }))).toMatchObject({ kind: 'invalid_input' });
    expect(await readFile(made.settingsFile, 'utf8')).toBe(file);
  });

  it("moving a connection that is not active to another origin asks about that connection's key, and only a yes moves it", async () => {
    const confirmKeyMove = vi.fn(async (_change: { from: string; to: string }) => false);
    const { app: made, second } = await twoConnections({ confirmKeyMove });
    valueOf(await made.handlers.switchConnection({ id: 'default' }));

    // No: the key stays bound to where it was saved, and goes nowhere else.
    valueOf(await made.handlers.saveSettings({ id: second.id, baseUrl: third.server.url, timeoutMs: 15_000 }));
    expect(confirmKeyMove).toHaveBeenCalledTimes(1);
    expect(confirmKeyMove).toHaveBeenLastCalledWith({ from: originOf(away), to: originOf(third) });
    let sent = counts();
    expect(errorOf(await made.handlers.lookup({ ...query, connectionId: second.id })).kind).toBe('key_origin_mismatch');
    expect(sent.since()).toEqual([0, 0, 0]);
    expect(made.ring.of(second.id).known()).toEqual({ key: AWAY_KEY, origin: originOf(away) });

    // Yes: that connection's key (not the first one's) is bound to the new origin.
    valueOf(await made.handlers.saveSettings({ id: second.id, baseUrl: away.server.url, timeoutMs: 15_000 }));
    confirmKeyMove.mockResolvedValueOnce(true);
    valueOf(await made.handlers.saveSettings({ id: second.id, baseUrl: third.server.url, timeoutMs: 15_000 }));
    expect(confirmKeyMove).toHaveBeenCalledTimes(2);
    expect(confirmKeyMove).toHaveBeenLastCalledWith({ from: originOf(away), to: originOf(third) });
    expect(made.ring.of(second.id).known()).toEqual({ key: AWAY_KEY, origin: originOf(third) });
    expect(made.ring.of('default').known()).toEqual({ key: HOME_KEY, origin: originOf(home) });
    sent = counts();
    valueOf(await made.handlers.lookup({ ...query, connectionId: second.id }));
    valueOf(await made.handlers.lookup(query));
    expect(sent.since()).toEqual([1, 0, 1]);
  });
});
