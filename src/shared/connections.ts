/**
 * Connections: the Adapty apps a person works with. Each is a name, a base URL,
 * a timeout and a colour, and has its own key in the OS keychain (main only).
 * One is active: lookups go there, and the header shows it by name and colour.
 */
import { z } from 'zod';
import { fail, ok, type Result } from './result';
import { checkSettings, DEFAULT_SETTINGS, type Settings, type SettingsProblem } from './settings';
import { settingsSchema } from './settings-schema';

/** Mantine colour names, picked to stay apart from each other and from the red of error banners. */
export const CONNECTION_COLOURS = ['blue', 'teal', 'grape', 'orange', 'indigo', 'lime', 'pink', 'gray'] as const;
export type ConnectionColour = (typeof CONNECTION_COLOURS)[number];

export const MAX_CONNECTIONS = 20;
export const MAX_CONNECTION_NAME = 40;
/** The connection made from what an earlier version kept (or from nothing): its key stays where it always was. */
export const FIRST_CONNECTION_ID = 'default';
export const FIRST_CONNECTION_NAME = 'Default';

export const connectionIdSchema = z.string().max(40).regex(/^[a-z0-9-]{1,40}$/);

export const connectionSchema = settingsSchema.extend({
  id: connectionIdSchema,
  name: z.string().max(MAX_CONNECTION_NAME),
  colour: z.enum(CONNECTION_COLOURS),
  /** The demo connection: the local sample server this run of the app started (never kept across runs). */
  demo: z.literal(true).optional(),
});
export type Connection = z.infer<typeof connectionSchema>;

/** All connections and the active one's id (always one of them). */
export const connectionsSchema = z.object({
  active: connectionIdSchema,
  connections: z.array(connectionSchema).min(1).max(MAX_CONNECTIONS),
});
export type Connections = z.infer<typeof connectionsSchema>;

/**
 * What getSettings answers: the connections and, when the settings file could not be used (kept aside as
 * corrupt, or a link or FIFO at its path), a sentence saying what happened and what to do.
 */
export const loadedSettingsSchema = connectionsSchema.extend({ notice: z.string().max(8192).optional() });
export type LoadedSettings = z.infer<typeof loadedSettingsSchema>;

/** Name and colour: what a person chooses when adding or renaming a connection. */
export const connectionLabelSchema = z.object({ name: z.string().max(1000), colour: z.enum(CONNECTION_COLOURS) });
export type ConnectionLabel = z.infer<typeof connectionLabelSchema>;

export type ConnectionProblem = { field: 'name' | keyof Settings; message: string };

export function firstConnection(settings: Settings = DEFAULT_SETTINGS): Connection {
  return { id: FIRST_CONNECTION_ID, name: FIRST_CONNECTION_NAME, colour: 'blue', ...settings };
}

export const DEFAULT_CONNECTIONS: Connections = { active: FIRST_CONNECTION_ID, connections: [firstConnection()] };

export function activeConnection({ active, connections }: Connections): Connection {
  return connections.find((connection) => connection.id === active) ?? connections[0]!;
}

/** The connection a request names by id, or the active one when it names none; null when that id is not (or no longer) there. */
export function connectionFor(all: Connections, connectionId: string | undefined): Connection | null {
  return connectionId === undefined ? activeConnection(all) : (all.connections.find(({ id }) => id === connectionId) ?? null);
}

/** Names are trimmed, 1 to 40 characters, and unique whatever their case: the header and the CLI find a connection by name. */
export function checkConnectionName(raw: string, others: readonly Connection[]): Result<string, ConnectionProblem> {
  const name = raw.replace(/\s+/g, ' ').trim();
  if (name === '') return fail({ field: 'name', message: 'Give the connection a name, such as "Acme production".' });
  if (name.length > MAX_CONNECTION_NAME) return fail({ field: 'name', message: `The name can have at most ${MAX_CONNECTION_NAME} characters.` });
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return fail({ field: 'name', message: 'The name cannot hold control characters.' });
  if (others.some((other) => other.name.toLowerCase() === name.toLowerCase())) {
    return fail({ field: 'name', message: `A connection named "${name}" already exists. Choose another name.` });
  }
  return ok(name);
}

/** The rules a whole list must meet (a file read back, or a change about to be saved). */
export function checkConnections(input: Connections): Result<Connections, ConnectionProblem> {
  const checked: Connection[] = [];
  for (const connection of input.connections) {
    const name = checkConnectionName(connection.name, checked);
    if (!name.ok) return name;
    const settings = checkSettings(connection);
    if (!settings.ok) return fail(settings.error satisfies SettingsProblem);
    if (checked.some((other) => other.id === connection.id)) return fail({ field: 'name', message: 'Two connections have the same id.' });
    checked.push({ ...connection, ...settings.value, name: name.value });
  }
  if (checked.length === 0 || checked.length > MAX_CONNECTIONS) {
    return fail({ field: 'name', message: `There must be between 1 and ${MAX_CONNECTIONS} connections.` });
  }
  if (!checked.some((connection) => connection.id === input.active)) return fail({ field: 'name', message: 'The active connection is not in the list.' });
  return ok({ active: input.active, connections: checked });
}

/** A colour not used yet, so that a new connection looks different from the others. */
export function unusedColour(connections: readonly Connection[]): ConnectionColour {
  return CONNECTION_COLOURS.find((colour) => !connections.some((connection) => connection.colour === colour)) ?? 'gray';
}

/** A base URL's host ("api.adapty.io"), as lists and tickets show a connection's address; the URL itself when it has none. */
export function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host || baseUrl;
  } catch {
    return baseUrl;
  }
}

/** Finds a connection by id, or by name whatever its case (the CLI's --connection). */
export function findConnection(connections: readonly Connection[], wanted: string): Connection | null {
  const needle = wanted.trim().toLowerCase();
  return connections.find((connection) => connection.id === wanted) ?? connections.find((connection) => connection.name.toLowerCase() === needle) ?? null;
}
