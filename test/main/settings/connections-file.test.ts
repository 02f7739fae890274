/**
 * settings.json as a list of connections, on real files: a version-1 file
 * (`{ baseUrl, timeoutMs }`) is read as the first connection and written as
 * version 2 at the next save; a version-2 file that breaks the rules is kept
 * aside as corrupt; changes run one after another; a change that cannot be
 * written leaves the list in force.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { createSettingsStore } from '../../../src/main/settings/settings-store';
import { DEFAULT_CONNECTIONS, firstConnection, type Connection, type Connections } from '../../../src/shared/connections';
import { lookupError } from '../../../src/shared/errors';
import { fail, ok } from '../../../src/shared/result';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/shared/settings';
import { valueOf } from '../../helpers/test-app';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs('adapty-connections-file-');
const LOCAL: Settings = { baseUrl: 'http://127.0.0.1:4010', timeoutMs: 5_000 };
const OTHER: Settings = { baseUrl: 'https://proxy.example.com/adapty', timeoutMs: 30_000 };
const BACKUP = /^settings\.json\.corrupt-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z(-\d+)?$/;

const STAGING: Connection = { id: 'c-1a2b3c4d', name: 'Acme staging', colour: 'teal', ...OTHER };
const TWO: Connections = { active: STAGING.id, connections: [firstConnection(LOCAL), STAGING] };

let warn: MockInstance<typeof console.warn>;
beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  warn.mockRestore();
});

async function settingsFile(): Promise<{ folder: string; file: string }> {
  const folder = await tempDir();
  return { folder, file: join(folder, 'settings.json') };
}

/** A version-2 file; its connections may break the schema (a file on disk can hold anything). */
const v2 = (connections: Omit<Connections, 'connections'> & { connections: object[] }) => ({ version: 2, ...connections });
const readJson = async (file: string): Promise<unknown> => JSON.parse(await readFile(file, 'utf8'));
const list = async (folder: string) => (await readdir(folder)).sort();

/** A change that adds `connection` and makes it active. */
const adding = (connection: Connection) => (all: Connections) => ok({ active: connection.id, connections: [...all.connections, connection] });

describe('a version-1 settings file', () => {
  it('is read as one connection named "Default" with its base URL and timeout, and left as it is until a save', async () => {
    const { folder, file } = await settingsFile();
    const text = `${JSON.stringify(OTHER, null, 2)}\n`;
    await writeFile(file, text);
    const store = createSettingsStore(file);
    expect(await store.connections()).toEqual({
      active: 'default',
      connections: [{ id: 'default', name: 'Default', colour: 'blue', baseUrl: OTHER.baseUrl, timeoutMs: OTHER.timeoutMs }],
    });
    expect(await store.get()).toEqual(OTHER);
    expect(await store.takeNotice?.()).toBeNull();
    expect(warn).not.toHaveBeenCalled();
    // Reading moves nothing aside and rewrites nothing.
    expect(await list(folder)).toEqual(['settings.json']);
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it('is written as version 2 at the next save, keeping what it held, and a new store reads that back', async () => {
    const { folder, file } = await settingsFile();
    await writeFile(file, JSON.stringify(OTHER));
    const store = createSettingsStore(file);
    expect(valueOf(await store.change(adding(STAGING)))).toEqual({ active: STAGING.id, connections: [firstConnection(OTHER), STAGING] });
    expect(await readJson(file)).toEqual(v2({ active: STAGING.id, connections: [firstConnection(OTHER), STAGING] }));
    expect(await list(folder)).toEqual(['settings.json']);

    const fresh = createSettingsStore(file);
    expect(await fresh.connections()).toEqual({ active: STAGING.id, connections: [firstConnection(OTHER), STAGING] });
    expect(await fresh.get()).toEqual(OTHER);
    expect(await fresh.takeNotice?.()).toBeNull();
  });

  it('a save of the base URL and timeout writes version 2 too', async () => {
    const { file } = await settingsFile();
    await writeFile(file, JSON.stringify(OTHER));
    const store = createSettingsStore(file);
    expect(await store.save(LOCAL)).toEqual({ ok: true, value: LOCAL });
    expect(await readJson(file)).toEqual(v2({ active: 'default', connections: [firstConnection(LOCAL)] }));
    expect(await createSettingsStore(file).connections()).toEqual({ active: 'default', connections: [firstConnection(LOCAL)] });
  });
});

describe('a version-2 settings file', () => {
  it('is read as it is: every connection, and the active one', async () => {
    const { file } = await settingsFile();
    await writeFile(file, JSON.stringify(v2(TWO)));
    const store = createSettingsStore(file);
    expect(await store.connections()).toEqual(TWO);
    // get() is the active connection's base URL and timeout.
    expect(await store.get()).toEqual(OTHER);
    expect(await store.takeNotice?.()).toBeNull();
  });

  it.each<[string, unknown, string]>([
    ['a connection with a base URL that breaks the rules', v2({ ...TWO, connections: [firstConnection(LOCAL), { ...STAGING, baseUrl: 'file:///etc/passwd' }] }), 'its base URL is not valid'],
    ['a connection with a timeout out of bounds', v2({ ...TWO, connections: [firstConnection(LOCAL), { ...STAGING, timeoutMs: 10 }] }), 'its timeout is not valid'],
    ['two connections with one id', v2({ ...TWO, connections: [firstConnection(LOCAL), { ...STAGING, id: 'default' }] }), 'its list of connections is not valid'],
    ['two connections with one name', v2({ ...TWO, connections: [firstConnection(LOCAL), { ...STAGING, name: 'DEFAULT' }] }), 'its list of connections is not valid'],
    ['an active connection not in the list', v2({ ...TWO, active: 'c-gone' }), 'its list of connections is not valid'],
    ['a connection with a colour it does not know', v2({ ...TWO, connections: [firstConnection(LOCAL), { ...STAGING, colour: 'red' as unknown }] }), 'it does not hold the expected settings'],
    ['a connection with an id of the wrong form', v2({ ...TWO, connections: [firstConnection(LOCAL), { ...STAGING, id: '../Other' }] }), 'it does not hold the expected settings'],
    ['a connection without a name', v2({ ...TWO, connections: [firstConnection(LOCAL), { ...STAGING, name: undefined as unknown }] }), 'it does not hold the expected settings'],
    ['no connection at all', { version: 2, active: 'default', connections: [] }, 'it does not hold the expected settings'],
    ['a version it does not know', { ...v2(TWO), version: 3 }, 'it does not hold the expected settings'],
  ])('with %s is kept aside as corrupt, the defaults load, and a notice says why, once', async (_what, content, reason) => {
    const { folder, file } = await settingsFile();
    const text = JSON.stringify(content);
    await writeFile(file, text);
    const store = createSettingsStore(file);
    expect(await store.connections()).toEqual(DEFAULT_CONNECTIONS);
    expect(await store.get()).toEqual(DEFAULT_SETTINGS);
    const notice = await store.takeNotice?.();
    expect(notice).toContain(`could not be used (${reason})`);
    expect(notice).toMatch(/the default settings are in use/);
    expect(await store.takeNotice?.()).toBeNull();
    expect(warn).toHaveBeenCalledTimes(1);
    const [backup, ...rest] = await list(folder);
    expect(rest).toEqual([]);
    expect(backup).toMatch(BACKUP);
    expect(await readFile(join(folder, backup!), 'utf8')).toBe(text);
  });
});

describe('changing the connections', () => {
  it('two changes made at once both apply, the second on what the first left', async () => {
    const { file } = await settingsFile();
    const store = createSettingsStore(file);
    valueOf(await store.save(LOCAL));
    const third: Connection = { id: 'c-5e6f7a8b', name: 'Acme production', colour: 'grape', ...DEFAULT_SETTINGS };
    const seen: Connections[] = [];
    const recording = (connection: Connection) => (all: Connections) => (seen.push(all), adding(connection)(all));
    const [first, second] = await Promise.all([store.change(recording(STAGING)), store.change(recording(third))]);
    const expected = { active: third.id, connections: [firstConnection(LOCAL), STAGING, third] };
    expect(valueOf(first)).toEqual({ active: STAGING.id, connections: [firstConnection(LOCAL), STAGING] });
    expect(valueOf(second)).toEqual(expected);
    expect(seen.map((all) => all.connections.length)).toEqual([1, 2]);
    expect(await store.connections()).toEqual(expected);
    expect(await readJson(file)).toEqual(v2(expected));
    expect(await createSettingsStore(file).connections()).toEqual(expected);
  });

  it('a change and a save made at once, before the file was first read, both apply', async () => {
    const { file } = await settingsFile();
    await writeFile(file, JSON.stringify(LOCAL));
    const store = createSettingsStore(file);
    const [added, saved] = await Promise.all([store.change(adding(STAGING)), store.save(LOCAL, 'default')]);
    expect(added.ok && saved.ok).toBe(true);
    expect(await createSettingsStore(file).connections()).toEqual({ active: STAGING.id, connections: [firstConnection(LOCAL), STAGING] });
  });

  it('a change that cannot be written is an error, and the list in force stays', async () => {
    const { file } = await settingsFile();
    const store = createSettingsStore(file);
    valueOf(await store.change(adding(STAGING)));
    // A non-empty folder where the file was: the save is refused before anything is written.
    await rm(file);
    await mkdir(join(file, 'inside'), { recursive: true });
    const third: Connection = { id: 'c-5e6f7a8b', name: 'Acme production', colour: 'grape', ...DEFAULT_SETTINGS };
    expect(await store.change(adding(third))).toMatchObject({ ok: false, error: { kind: 'internal', message: expect.stringMatching(/is a folder/) } });
    expect(await store.connections()).toEqual({ active: STAGING.id, connections: [firstConnection(), STAGING] });
    expect(await store.save(LOCAL, STAGING.id)).toMatchObject({ ok: false, error: { kind: 'internal' } });
    expect(await store.get()).toEqual(OTHER);
  });

  it('a change that fails the rules is invalid_input, and neither the list nor the file change', async () => {
    const { file } = await settingsFile();
    const store = createSettingsStore(file);
    valueOf(await store.change(adding(STAGING)));
    const before = await readFile(file, 'utf8');
    const twin = { ...STAGING, id: 'c-twin0000', name: 'acme STAGING' };
    expect(await store.change(adding(twin))).toMatchObject({ ok: false, error: { kind: 'invalid_input', field: 'name' } });
    expect(await store.change((all) => ok({ ...all, active: 'c-gone' }))).toMatchObject({ ok: false, error: { kind: 'invalid_input' } });
    expect(await store.change(() => fail(lookupError('invalid_input', 'refused by the update')))).toMatchObject({ ok: false, error: { message: 'refused by the update' } });
    expect(await store.connections()).toEqual({ active: STAGING.id, connections: [firstConnection(), STAGING] });
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('save with an id edits that connection only; an unknown id changes nothing', async () => {
    const { file } = await settingsFile();
    const store = createSettingsStore(file);
    valueOf(await store.change(adding(STAGING)));
    valueOf(await store.change((all) => ok({ ...all, active: 'default' })));
    expect(await store.save(LOCAL, STAGING.id)).toEqual({ ok: true, value: LOCAL });
    const expected = { active: 'default', connections: [firstConnection(), { ...STAGING, ...LOCAL }] };
    expect(await store.connections()).toEqual(expected);
    expect(await store.get()).toEqual(DEFAULT_SETTINGS);

    const before = await readFile(file, 'utf8');
    expect(await store.save(OTHER, 'c-gone')).toMatchObject({ ok: false, error: { kind: 'invalid_input', message: expect.stringMatching(/no longer exists/) } });
    expect(await store.connections()).toEqual(expected);
    expect(await readFile(file, 'utf8')).toBe(before);
  });
});
