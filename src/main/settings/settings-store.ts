/**
 * Settings on disk: one small JSON file in the app's data folder, checked with
 * zod when read. No secret is ever written here. It holds the connections
 * (`{ "version": 2, "active", "connections": [...] }`); a file of version 1
 * (`{ baseUrl, timeoutMs }`) is read as one connection, the first, and is
 * written as version 2 at the next save.
 *
 * - Saves replace the file atomically (see atomic-file.ts), one after another;
 *   a save that fails keeps the settings in force.
 * - A missing file gives the defaults. Loading first removes temporary files
 *   that an interrupted save left (`settings.json.<uuid>.tmp`).
 * - A UTF-8 byte order mark at the start is accepted.
 * - A symbolic link or anything but a regular file at the path is neither read
 *   nor replaced (a FIFO is never opened): the defaults are in force, every
 *   getSettings says why, and saves fail saying the same.
 * - A file that cannot be used (not UTF-8 JSON, the wrong shape, values that
 *   break the rules, over 64 KiB) is moved aside as
 *   `settings.json.corrupt-<UTC time>`, the defaults load, and the next
 *   getSettings says so, once.
 */
import { basename, dirname } from 'node:path';
import { z } from 'zod';
import { lookupError, type AppError } from '../../shared/errors';
import { fail, ok, type Result } from '../../shared/result';
import {
  activeConnection,
  checkConnections,
  connectionsSchema,
  DEFAULT_CONNECTIONS,
  firstConnection,
  type Connections,
} from '../../shared/connections';
import { checkSettings, type Settings } from '../../shared/settings';
import { settingsSchema } from '../../shared/settings-schema';
import { inspect, moveAside, readJsonFile, removeTemporaries, writeAtomic, type Entry } from './atomic-file';

/** A real settings file is a few hundred bytes; anything larger is treated as corrupt. */
export const MAX_SETTINGS_BYTES = 64 * 1024;

export interface SettingsStore {
  /** The base URL and timeout of the active connection. */
  get(): Promise<Settings>;
  /** Every connection, and which one is active. */
  connections(): Promise<Connections>;
  /**
   * Checks, writes and puts in force the base URL and timeout of connection `id` (the active one when left
   * out); on failure the settings in force stay.
   */
  save(input: Settings, id?: string): Promise<Result<Settings, AppError>>;
  /**
   * Applies `update` to the connections in force, checks the result, writes it, and puts it in force; changes
   * run one after another, each on what the one before left. On failure nothing changes.
   */
  change(update: (current: Connections) => Result<Connections, AppError>): Promise<Result<Connections, AppError>>;
  /**
   * A sentence for the person about a settings file that could not be used, or
   * null. A file kept aside as corrupt (or unreadable) is told once per run; a
   * refused path (a link, a FIFO...) is told every time until a save succeeds.
   * Stores without a file (test doubles) may leave this out.
   */
  takeNotice?(): Promise<string | null>;
}

interface Notice {
  text: string;
  /** Told again on every call (the path is still refused), rather than once. */
  lasting: boolean;
}

interface Loaded {
  settings: Connections;
  notice: Notice | null;
}

function where(file: string): string {
  return `${basename(file)} in ${dirname(file)}`;
}

function refusal(file: string, entry: Extract<Entry, { kind: 'refused' }>): string {
  const why = entry.link ? 'the app does not follow links for its settings' : 'the app reads its settings only from a regular file';
  return `${where(file)} is ${entry.what}; ${why}. Remove it or replace it with a regular file.`;
}

const FIELD_NAMES: Record<keyof Settings | 'name', string> = { baseUrl: 'base URL', timeoutMs: 'timeout', name: 'list of connections' };

const FILE_VERSION = 2;
const fileSchema = connectionsSchema.extend({ version: z.literal(FILE_VERSION) });

/** The connections in a file's JSON (version 2, or version 1 read as the first connection), or why they cannot be used. */
function parse(json: unknown): Result<Connections, string> {
  const v2 = fileSchema.safeParse(json);
  if (v2.success) {
    const checked = checkConnections(v2.data);
    return checked.ok ? checked : fail(`its ${FIELD_NAMES[checked.error.field]} is not valid`);
  }
  const v1 = settingsSchema.safeParse(json);
  if (!v1.success) return fail('it does not hold the expected settings');
  const checked = checkSettings(v1.data);
  return checked.ok ? ok({ active: firstConnection().id, connections: [firstConnection(checked.value)] }) : fail(`its ${FIELD_NAMES[checked.error.field]} is not valid`);
}

async function setAside(file: string, reason: string): Promise<Loaded> {
  const moved = await moveAside(file, 'corrupt');
  const kept = moved.ok
    ? `The file was kept as ${basename(moved.value)}.`
    : `It could not be kept aside (${moved.error.code}), so saving settings will replace it.`;
  return { settings: DEFAULT_CONNECTIONS, notice: { text: `${where(file)} could not be used (${reason}), so the default settings are in use. ${kept}`, lasting: false } };
}

/** Never throws: every problem ends in the defaults and a notice. */
async function loadSettings(file: string): Promise<Loaded> {
  await removeTemporaries(file);
  const unreadable = (code: string): Loaded => ({
    settings: DEFAULT_CONNECTIONS,
    notice: { text: `${where(file)} could not be read (${code}), so the default settings are in use.`, lasting: false },
  });
  const read = await readJsonFile(file, MAX_SETTINGS_BYTES);
  if (read.kind === 'unreadable') return unreadable(read.code);
  if (read.kind === 'missing') return { settings: DEFAULT_CONNECTIONS, notice: null };
  if (read.kind === 'refused') return { settings: DEFAULT_CONNECTIONS, notice: { text: refusal(file, read.entry), lasting: true } };
  const parsed = read.kind === 'json' ? parse(read.value) : fail(read.reason);
  return parsed.ok ? { settings: withoutDemo(parsed.value), notice: null } : setAside(file, parsed.error);
}

/** The demo connection pointed at a server of an earlier run, gone with it: it is not brought back. */
function withoutDemo(all: Connections): Connections {
  const kept = all.connections.filter((connection) => !connection.demo);
  if (kept.length === all.connections.length) return all;
  if (kept.length === 0) return DEFAULT_CONNECTIONS;
  return { active: kept.some(({ id }) => id === all.active) ? all.active : kept[0]!.id, connections: kept };
}

/**
 * The connections in a settings file, read only (the CLI): nothing is moved aside or written. Null when
 * there is no file (the app then has its first connection only); a sentence when it cannot be used.
 */
export async function readConnectionsFile(file: string): Promise<Result<Connections | null, string>> {
  const read = await readJsonFile(file, MAX_SETTINGS_BYTES);
  if (read.kind === 'unreadable') return fail(`${where(file)} could not be read (${read.code}).`);
  if (read.kind === 'missing') return ok(null);
  if (read.kind === 'refused') return fail(refusal(file, read.entry));
  const parsed = read.kind === 'json' ? parse(read.value) : fail(read.reason);
  // As the app reads it: a demo connection of an earlier run is gone with its server.
  return parsed.ok ? ok(withoutDemo(parsed.value)) : fail(`${where(file)} cannot be used: ${parsed.error}.`);
}

function notSaved(reason: string): Result<never, AppError> {
  return fail({ kind: 'internal', message: `Settings could not be saved (${reason}); the previous settings stay in force.` });
}

export function createSettingsStore(file: string): SettingsStore {
  /** The connections in force; a promise so that a read racing a save never brings back older values. */
  let current: Promise<Connections> | null = null;
  let notice: Notice | null = null;
  /** Loading and saves run one after another, so the file and `current` always agree. */
  let queue: Promise<unknown> = Promise.resolve();

  function serially<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task);
    queue = run.catch(() => undefined);
    return run;
  }

  async function load(): Promise<Connections> {
    const loaded = await loadSettings(file);
    notice = loaded.notice;
    if (notice) console.warn(notice.text);
    return loaded.settings;
  }

  function connections(): Promise<Connections> {
    current ??= serially(load);
    return current;
  }

  /** Writes `next` (already checked) and puts it in force. */
  async function write(next: Connections): Promise<Result<Connections, AppError>> {
    const entry = await inspect(file);
    if (!entry.ok) return notSaved(entry.error.code);
    if (entry.value.kind === 'refused') return fail({ kind: 'internal', message: refusal(file, entry.value) });
    const written = await writeAtomic(file, `${JSON.stringify({ version: FILE_VERSION, ...next }, null, 2)}\n`);
    if (!written.ok) return notSaved(written.error.code);
    current = Promise.resolve(next);
    notice = null;
    return ok(next);
  }

  function change(update: (current: Connections) => Result<Connections, AppError>): Promise<Result<Connections, AppError>> {
    return connections().then(() =>
      serially(async () => {
        const updated = update(await connections());
        if (!updated.ok) return updated;
        const checked = checkConnections(updated.value);
        if (!checked.ok) return fail(lookupError('invalid_input', checked.error.message, { field: checked.error.field }));
        return write(checked.value);
      }),
    );
  }

  return {
    connections,
    async get() {
      const { baseUrl, timeoutMs } = activeConnection(await connections());
      return { baseUrl, timeoutMs };
    },
    change,
    async save(input, id) {
      const checked = checkSettings(input);
      if (!checked.ok) return fail(lookupError('invalid_input', checked.error.message, { field: checked.error.field }));
      const saved = await change((all) => {
        const target = id ?? all.active;
        if (!all.connections.some((connection) => connection.id === target)) return fail(gone());
        return ok({ ...all, connections: all.connections.map((connection) => (connection.id === target ? { ...connection, ...checked.value } : connection)) });
      });
      return saved.ok ? ok(checked.value) : saved;
    },
    async takeNotice() {
      await connections();
      const told = notice;
      if (told && !told.lasting) notice = null;
      return told?.text ?? null;
    },
  };
}

/** A connection asked for by id that is not (or no longer) in the list. */
export function gone(): AppError {
  return lookupError('invalid_input', 'That connection no longer exists. Choose one from the list.', { field: 'name' });
}
