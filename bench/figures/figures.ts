/**
 * What every figure file of `npm run bench` shares. Each file runs in a process of its own (the app and
 * the CLI each run one transport, and one figure's code paths must not shape the JIT of the next), one
 * file after another, and leaves its figures in bench/.figures/<file>.json; scripts/bench.mjs then prints
 * them as one table and writes bench/results.json. Every ratio is measured side by side in one process,
 * interleaved in blocks, because this machine is shared and noisy: a slow spell slows both sides.
 * Figures, not tests: a target missed is reported, never failed.
 */
import { spawn } from 'node:child_process';
import { Agent as HttpAgent, get as httpGet } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { afterAll, beforeAll, onTestFinished } from 'vitest';
import { lookupIdentifiers, type FetchLike } from '../../src/main/adapty/client';
import { figure, type Figure, type Target } from '../figure';
import { createHandlers } from '../../src/main/handlers';
import { createHistoryStore, createMemoryHistory } from '../../src/main/history/history-store';
import { dispatch } from '../../src/main/ipc/dispatch';
import { LOCAL_ADAPTY_KEY, startLocalAdapty, type LocalAdapty } from '../../src/main/local-adapty/server';
import { createKeyRing } from '../../src/main/secrets/key-ring';
import { createMemoryStore } from '../../src/main/secrets/memory-store';
import { createSettingsStore } from '../../src/main/settings/settings-store';
import { MAX_HISTORY } from '../../src/shared/history';

export const ROOT = resolve(__dirname, '../..');
const FIGURES_DIR = join(ROOT, 'bench/.figures');
const LOOKUPS = Number(process.env.BENCH_LOOKUPS ?? 2000);
const BLOCK = 100;

/** Node's own fetch, as a FetchLike. */
export const nodeFetch: FetchLike = (url, init) => fetch(url, init);

/**
 * A local Adapty in this process for the file's tests (started before them, closed after). It keeps no
 * list of requests: it stands for Adapty, whose memory is not the app's (the heap figure would count it).
 */
export function useLocalAdapty(): () => LocalAdapty {
  let server: LocalAdapty | null = null;
  beforeAll(async () => {
    server = await startLocalAdapty({ recordRequests: false });
  });
  afterAll(() => server?.close());
  return () => server as LocalAdapty;
}

/** This file's figures: recorded by its tests (the value as measured, and the digits it is shown with), written when it ends. */
export function figuresOf(file: string): (name: string, raw: number, unit: string, target: Target, digits: number) => void {
  const figures: Figure[] = [];
  afterAll(() => {
    mkdirSync(FIGURES_DIR, { recursive: true });
    writeFileSync(join(FIGURES_DIR, `${basename(file).replace(/\.bench-run\.ts$/, '')}.json`), `${JSON.stringify(figures, null, 2)}\n`);
  });
  return (name, raw, unit, target, digits) => figures.push(figure(name, raw, unit, target, digits));
}

/**
 * Per-request times of two ways to do the same thing, interleaved in blocks of BLOCK, LOOKUPS each. First a
 * whole round of the same pattern, untimed, one call at a time: a side keeps speeding up well past its first
 * few dozen calls (the bare side from about 0.27 to 0.20 ms), so only the second round is steady state.
 */
export async function sideBySide(a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<{ a: number[]; b: number[] }> {
  const times = { a: [] as number[], b: [] as number[] };
  for (const timed of [false, true]) {
    for (let done = 0; done < LOOKUPS; done += BLOCK) {
      for (const [side, run] of [['a', a], ['b', b]] as const) {
        for (let i = 0; i < BLOCK; i++) {
          const start = performance.now();
          await run();
          if (timed) times[side].push(performance.now() - start);
        }
      }
    }
  }
  return times;
}

/** The headers of a GET about customer user ID `id`, as the client sends them. */
const lookupHeaders = (id: string) => ({ Accept: 'application/json', Authorization: `Api-Key ${LOCAL_ADAPTY_KEY}`, 'adapty-customer-user-id': id });

/** One lookup bare: Node's fetch + JSON.parse, nothing else. */
export async function bareFetchLookup(url: string, id = 'all-set'): Promise<unknown> {
  const response = await fetch(url, { headers: lookupHeaders(id) });
  return JSON.parse(await response.text()) as unknown;
}

/** `lookups` bare, as a way for sideBySide. */
export const bareLookup = (url: string) => () => bareFetchLookup(url);

/** One lookup bare over node:http with `agent` (keep-alive, as the CLI's transport keeps its connections) + JSON.parse. */
export function bareHttpLookup(url: string, agent: HttpAgent, id = 'all-set'): Promise<unknown> {
  return new Promise<unknown>((resolve, reject) => {
    const request = httpGet(url, { agent, headers: lookupHeaders(id) }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

/**
 * One lookup as the window asks for it: through dispatch (validation, handler, history, client) over Node's
 * fetch. The history in memory, or on disk as the app keeps it (history.json, written atomically, lookups
 * within a tenth of a second in one write). The history is full first, as in the app's steady state:
 * MAX_HISTORY lookups of distinct IDs (user-1 …), each an entry of its own, so every timed lookup (of
 * all-set) replaces one entry among MAX_HISTORY, and each write on disk writes all of them. Its folder goes
 * when the test ends.
 */
export async function bridgeLookup(baseUrl: string, where: 'memory' | 'disk' = 'memory'): Promise<() => Promise<unknown>> {
  const folder = await mkdtemp(join(tmpdir(), 'bench-'));
  const settings = createSettingsStore(join(folder, 'settings.json'));
  await settings.save({ baseUrl, timeoutMs: 15_000 });
  const history = where === 'disk' ? createHistoryStore(join(folder, 'history.json')) : createMemoryHistory();
  const handlers = createHandlers({ keys: createKeyRing(() => createMemoryStore(LOCAL_ADAPTY_KEY)), settings, fetch: nodeFetch, history });
  for (const id of users(MAX_HISTORY)) await dispatch(handlers, 'lookup', { idType: 'customer_user_id', id }, true);
  onTestFinished(async () => {
    await history.settled();
    await rm(folder, { recursive: true, force: true });
  });
  const { entries } = await history.get();
  if (entries.length !== MAX_HISTORY || entries.some((entry) => entry.outcome !== 'found')) {
    throw new Error(`the history should hold ${MAX_HISTORY} found lookups before timing; it holds ${entries.length}`);
  }
  return () => dispatch(handlers, 'lookup', { idType: 'customer_user_id', id: 'all-set' }, true);
}

export const users = (n: number) => Array.from({ length: n }, (_, i) => `user-${i + 1}`);

/** The local server as its own process (as Adapty is): this process's CPU is then the client's alone. */
export async function serverProcess(): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, ['out/main/cli.js', 'local-server'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const found = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(text);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', () => reject(new Error('the local server exited')));
  });
  return { url: found, stop: () => child.kill('SIGTERM') };
}

/** The call a batch makes for each row: a lookup through the client at `baseUrl` (over Node's fetch unless told). */
export const batchCall =
  (baseUrl: string, fetchWith: FetchLike = nodeFetch) =>
  (query: { idType: 'customer_user_id' | 'profile_id'; id: string }, signal: AbortSignal) =>
    lookupIdentifiers(query, { apiKey: LOCAL_ADAPTY_KEY, fetch: fetchWith, baseUrl, signal });
