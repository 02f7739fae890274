/**
 * The IPC contract: for each bridge function, its request and its response as
 * zod schemas. Main validates every request against it, and the renderer every
 * response. Every response is a Result, so errors cross as data.
 */
import { z } from 'zod';
import type { Method } from './channels';
import { connectionIdSchema, connectionLabelSchema, connectionsSchema, loadedSettingsSchema } from './connections';
import { MAX_SHORT_CHARS } from './errors';
import { appErrorSchema } from './error-schemas';
import { batchExportSchema, batchRequestSchema, batchSinceSchema, batchStartedSchema, batchStateSchema, idFileSchema } from './batch';
import { deepLinkOutcomeSchema } from './deep-link';
import { exchangesSchema } from './exchange-schema';
import { historySchema } from './history';
import { keyStatusSchema } from './key-status';
import { lookupRequestSchema, lookupResultSchema } from './lookup';
import { profileSchema } from './profile';
import { resultSchema } from './result-schema';
import { settingsSchema } from './settings-schema';

const none = z.undefined();
const answer = <T extends z.ZodType>(value: T) => resultSchema(value, appErrorSchema);

export const contract = {
  getKeyStatus: { request: none, response: answer(keyStatusSchema) },
  saveKey: {
    request: z.object({ key: z.string().max(4096), sessionOnly: z.boolean() }),
    response: answer(keyStatusSchema),
  },
  /** One real lookup of a random profile ID: 404 means the key works, 401 that it does not. */
  testKey: { request: none, response: answer(z.object({ requestId: z.string().max(MAX_SHORT_CHARS).nullable() })) },
  removeKey: { request: none, response: answer(keyStatusSchema) },
  /** Every connection, the active one, and a notice when the settings file could not be used. */
  getSettings: { request: none, response: answer(loadedSettingsSchema) },
  /** The base URL and timeout of one connection (the active one when `id` is left out). */
  saveSettings: { request: settingsSchema.extend({ id: connectionIdSchema.optional() }), response: answer(settingsSchema) },
  /** A new connection (Adapty's address, default timeout); it becomes the active one. */
  addConnection: { request: connectionLabelSchema, response: answer(connectionsSchema) },
  /** Renames and recolours a connection. */
  updateConnection: { request: connectionLabelSchema.extend({ id: connectionIdSchema }), response: answer(connectionsSchema) },
  /** Deletes a connection's key from the keychain, then the connection; the last one cannot be removed. */
  removeConnection: { request: z.object({ id: connectionIdSchema }), response: answer(connectionsSchema) },
  switchConnection: { request: z.object({ id: connectionIdSchema }), response: answer(connectionsSchema) },
  /** Starts the local sample server in main and adds (or switches to) the demo connection. */
  startDemo: { request: none, response: answer(connectionsSchema) },
  /** Links from the OS not yet handled, oldest first, each read into what to look up or why it cannot be opened. */
  takeDeepLinks: { request: none, response: answer(z.array(deepLinkOutcomeSchema).max(10)) },
  /** The last lookups on this computer (newest first), and whether they are kept. */
  getHistory: { request: none, response: answer(historySchema) },
  clearHistory: { request: none, response: answer(historySchema) },
  /** Off also clears the history. */
  setHistoryEnabled: { request: z.object({ enabled: z.boolean() }), response: answer(historySchema) },
  /** A new lookup cancels the one in flight. */
  lookup: { request: lookupRequestSchema, response: answer(lookupResultSchema) },
  cancelLookup: { request: none, response: answer(z.boolean()) },
  /** The HTTP exchanges of the latest search (identifiers and profile), the key masked: the details drawer. */
  getExchanges: { request: none, response: answer(exchangesSchema) },
  /** The profile of the same user (access levels, purchases, attributes); independent of `lookup`: a new one cancels only the previous profile call. */
  lookupProfile: { request: lookupRequestSchema, response: answer(profileSchema) },
  /** Main's open dialog for a .csv or .txt of IDs; the file as a table (null when the dialog was cancelled). */
  openIdFile: { request: none, response: answer(idFileSchema.nullable()) },
  /** Starts a batch (each ID once); refused while one runs, without a key, or with nothing to look up. */
  startBatch: { request: batchRequestSchema, response: answer(batchStartedSchema) },
  /** How the batch is going, and its rows changed since a version the window holds. */
  getBatch: { request: batchSinceSchema, response: answer(batchStateSchema) },
  /** Stops the batch; the rows that finished stay. True when one was running. */
  cancelBatch: { request: none, response: answer(z.boolean()) },
  /** Looks up again only the rows that did not succeed; how many. */
  rerunFailed: { request: none, response: answer(z.object({ total: z.number().int().nonnegative() })) },
  /** Main's save dialog, then the rows written to that file; its path (null when the dialog was cancelled). */
  exportBatch: { request: batchExportSchema, response: answer(z.object({ path: z.string().max(4096) }).nullable()) },
} satisfies Record<Method, { request: z.ZodType; response: z.ZodType }>;

export type Request<M extends Method> = z.infer<(typeof contract)[M]['request']>;
export type Response<M extends Method> = z.infer<(typeof contract)[M]['response']>;

/** What main implements and what the preload exposes as `window.api`. */
export type Api = { [M in Method]: Request<M> extends undefined ? () => Promise<Response<M>> : (request: Request<M>) => Promise<Response<M>> };
export type Handlers = { [M in Method]: (request: Request<M>) => Promise<Response<M>> };
