/**
 * The real handlers, as the app builds them, over a memory key store (chosen
 * explicitly: the keychain has its own tests), a settings file in a temporary
 * folder and Node's fetch. Every answer is checked against the IPC contract.
 */
import { contractChecked } from './contract-checked';
import type { Handlers } from '../../src/shared/contract';
import { keyRingOver } from './key-ring';
import { join } from 'node:path';
import type { FetchLike } from '../../src/main/adapty/client';
import { createHandlers, type HandlerDeps } from '../../src/main/handlers';
import type { HistoryStore } from '../../src/main/history/history-store';
import type { LocalAdapty } from '../../src/main/local-adapty/server';
import type { ApiKeyService } from '../../src/main/secrets/api-key';
import type { KeyRing } from '../../src/main/secrets/key-ring';
import { FIRST_CONNECTION_ID } from '../../src/shared/connections';
import { createMemoryStore } from '../../src/main/secrets/memory-store';
import { createSettingsStore, type SettingsStore } from '../../src/main/settings/settings-store';
import type { AppError } from '../../src/shared/errors';
import type { Result } from '../../src/shared/result';

export const nodeFetch: FetchLike = (url, init) => fetch(url, init);

export interface TestApp {
  handlers: Handlers;
  /** The first connection's key (the one the app starts with). */
  keys: ApiKeyService;
  /** Every connection's key. */
  ring: KeyRing;
  settings: SettingsStore;
  settingsFile: string;
}

export interface TestAppOptions {
  /** Where Adapty is; saved to the settings file before the handlers are built. */
  baseUrl: string;
  /** A key already in the (memory) keychain; none when left out. */
  key?: string;
  /** The keys of every connection, when a test needs stores of its own (then `key` is not used). */
  ring?: KeyRing;
  timeoutMs?: number;
  /** The person's answer when main asks whether the key may go to a new origin (none: never asked, so no). */
  confirmKeyMove?: HandlerDeps['confirmKeyMove'];
  /** Where lookups are recorded (in memory when left out). */
  history?: HistoryStore;
  /** Demo mode's server (none: "Try with demo data" is not available). */
  demo?: HandlerDeps['demo'];
  /** Main's file dialogs and the batch's message to the window, as a test answers them. */
  batch?: Pick<HandlerDeps, 'chooseIdFile' | 'chooseExportPath' | 'onBatchChanged' | 'batchConcurrency'>;
}

export async function createTestApp(folder: string, options: TestAppOptions): Promise<TestApp> {
  const ring = options.ring ?? keyRingOver(createMemoryStore(options.key));
  const settingsFile = join(folder, 'settings.json');
  const settings = createSettingsStore(settingsFile);
  const saved = await settings.save({ baseUrl: options.baseUrl, timeoutMs: options.timeoutMs ?? 15_000 });
  if (!saved.ok) throw new Error(`test settings refused: ${saved.error.message}`);
  const handlers = createHandlers({ keys: ring, settings, fetch: nodeFetch, confirmKeyMove: options.confirmKeyMove, history: options.history, demo: options.demo, ...options.batch });
  return { handlers: contractChecked(handlers), keys: ring.of(FIRST_CONNECTION_ID), ring, settings, settingsFile };
}

/** The value of a result that must have succeeded (the test fails, naming the error, if not). */
export function valueOf<T, E extends AppError = AppError>(result: Result<T, E>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

/** The error of a result that must have failed. */
export function errorOf<T, E extends AppError = AppError>(result: Result<T, E>): E {
  if (result.ok) throw new Error(`expected an error, got ok: ${JSON.stringify(result.value).slice(0, 200)}`);
  return result.error;
}

/** Waits until the local server has received a request matching `match`. */
export async function requestArrived(server: LocalAdapty, match: (request: LocalAdapty['requests'][number]) => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!server.requests.some(match)) {
    if (Date.now() > deadline) throw new Error('the request never reached the local server');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
