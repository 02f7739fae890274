/**
 * `npm run bench`'s figures, each against its target, into a printed table and
 * bench/results.json (`[{ name, value, unit, target, met }]`). Every ratio is
 * measured side by side in one run, interleaved in blocks, because this machine
 * is shared and noisy: a slow spell slows both sides. Figures, not tests: a
 * target missed is reported, never failed.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, test } from 'vitest';
import { spawn } from 'node:child_process';
import { Agent as HttpAgent, get as httpGet } from 'node:http';
import { createHttpFetch } from '../src/cli/http-fetch';
import { writeFile } from 'node:fs/promises';
import { IDENTIFIERS_PATH, lookupIdentifiers, type FetchLike } from '../src/main/adapty/client';
import { runBatch } from '../src/main/batch/run-batch';
import { createHandlers } from '../src/main/handlers';
import { dispatch } from '../src/main/ipc/dispatch';
import { LOCAL_ADAPTY_KEY, startLocalAdapty, type LocalAdapty } from '../src/main/local-adapty/server';
import { createKeyRing } from '../src/main/secrets/key-ring';
import { createMemoryStore } from '../src/main/secrets/memory-store';
import { createSettingsStore } from '../src/main/settings/settings-store';

interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The target, as text ("≤ 1.10"), and whether it was met. */
  target: string;
  met: boolean;
}

const ROOT = resolve(__dirname, '..');
const figures: Figure[] = [];
const LOOKUPS = Number(process.env.BENCH_LOOKUPS ?? 2000);
const BLOCK = 100;
const nodeFetch = (url: string, init: RequestInit) => fetch(url, init);
const gc = (globalThis as { gc?: () => void }).gc;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
function record(name: string, value: number, unit: string, target: { atMost: number; text?: string } | { atLeast: number }) {
  if ('atLeast' in target) figures.push({ name, value, unit, target: `≥ ${target.atLeast}`, met: value >= target.atLeast });
  else figures.push({ name, value, unit, target: target.text ?? `≤ ${target.atMost}`, met: value <= target.atMost });
}

/** Per-request times of two ways to do the same thing, interleaved in blocks of BLOCK, LOOKUPS each. */
async function sideBySide(a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<{ a: number[]; b: number[] }> {
  const times = { a: [] as number[], b: [] as number[] };
  for (let i = 0; i < 50; i++) await Promise.all([a(), b()]);
  for (let done = 0; done < LOOKUPS; done += BLOCK) {
    for (const [side, run] of [['a', a], ['b', b]] as const) {
      for (let i = 0; i < BLOCK; i++) {
        const start = performance.now();
        await run();
        times[side].push(performance.now() - start);
      }
    }
  }
  return times;
}

let server: LocalAdapty;
let url: string;
beforeAll(async () => {
  server = await startLocalAdapty();
  url = `${server.url}${IDENTIFIERS_PATH}`;
});
afterAll(async () => {
  await server.close();
  // The window's figures, taken just before in Chromium (bench/renderer.pw.ts), join these.
  const windowFigures = join(ROOT, 'bench/.renderer-figures.json');
  if (existsSync(windowFigures)) {
    figures.push(...(JSON.parse(readFileSync(windowFigures, 'utf8')) as Figure[]));
    rmSync(windowFigures);
  }
  const file = join(ROOT, 'bench/results.json');
  writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`);
  const rows = figures.map((f) => `${f.met ? 'met ' : 'MISS'}  ${f.name.padEnd(44)} ${String(f.value).padStart(10)} ${f.unit.padEnd(8)} target ${f.target}`);
  console.log(`\n${rows.join('\n')}\n(written to ${file})`);
});

const bare = async () => {
  const response = await fetch(url, { headers: { Accept: 'application/json', Authorization: `Api-Key ${LOCAL_ADAPTY_KEY}`, 'adapty-customer-user-id': 'all-set' } });
  return JSON.parse(await response.text()) as unknown;
};

test(`client overhead: ${LOOKUPS} lookups through the client vs bare fetch + JSON.parse`, async () => {
  const client = () => lookupIdentifiers({ idType: 'customer_user_id', id: 'all-set' }, { apiKey: LOCAL_ADAPTY_KEY, fetch: nodeFetch, baseUrl: server.url });
  const times = await sideBySide(bare, client);
  record('client overhead (median per request, ratio)', round(median(times.b) / median(times.a), 2), '×', { atMost: 1.1 });
  console.log(`client ${median(times.b).toFixed(3)} ms vs bare ${median(times.a).toFixed(3)} ms per request`);
});

async function bridge() {
  const settings = createSettingsStore(join(await mkdtemp(join(tmpdir(), 'bench-')), 'settings.json'));
  await settings.save({ baseUrl: server.url, timeoutMs: 15_000 });
  const handlers = createHandlers({ keys: createKeyRing(() => createMemoryStore(LOCAL_ADAPTY_KEY)), settings, fetch: nodeFetch });
  return () => dispatch(handlers, 'lookup', { idType: 'customer_user_id', id: 'all-set' }, true);
}

test(`bridge overhead: ${LOOKUPS} lookups through dispatch (validation, handler, history, client) vs bare fetch`, async () => {
  const viaBridge = await bridge();
  const times = await sideBySide(bare, viaBridge);
  record('bridge overhead (median per request, ratio)', round(median(times.b) / median(times.a), 2), '×', { atMost: 1.2 });
  console.log(`bridge ${median(times.b).toFixed(3)} ms vs bare ${median(times.a).toFixed(3)} ms per request`);
});

/** The same lookup over node:http (keep-alive), with nothing else: the CLI's transport, bare. */
const keepAlive = new HttpAgent({ keepAlive: true });
const bareHttp = () =>
  new Promise<unknown>((resolve, reject) => {
    const request = httpGet(url, { agent: keepAlive, headers: { Accept: 'application/json', Authorization: `Api-Key ${LOCAL_ADAPTY_KEY}`, 'adapty-customer-user-id': 'all-set' } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
    });
    request.on('error', reject);
  });

test(`client overhead over the CLI's transport: ${LOOKUPS} lookups through the client vs bare node:http + JSON.parse`, async () => {
  const httpFetch = createHttpFetch();
  const client = () => lookupIdentifiers({ idType: 'customer_user_id', id: 'all-set' }, { apiKey: LOCAL_ADAPTY_KEY, fetch: httpFetch, baseUrl: server.url });
  const times = await sideBySide(bareHttp, client);
  record("client overhead over node:http, the CLI's transport (ratio)", round(median(times.b) / median(times.a), 2), '×', { atMost: 1.1 });
  console.log(`client ${median(times.b).toFixed(3)} ms vs bare node:http ${median(times.a).toFixed(3)} ms per request`);
});

test('main-process heap growth over 10,000 lookups through dispatch, after GC', async () => {
  if (!gc) throw new Error('run with --expose-gc (npm run bench does)');
  const viaBridge = await bridge();
  for (let i = 0; i < 500; i++) await viaBridge();
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < 10_000; i++) await viaBridge();
  gc();
  const growth = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
  record('heap growth after 10,000 lookups', round(growth, 2), 'MiB', { atMost: 10 });
});

test('the CLI, one lookup as a whole process, vs node -e ""', async () => {
  // Not spawnSync: the local server answering the CLI runs in this process's event loop.
  const run = promisify(execFile);
  const env = { ...process.env, ADAPTY_API_KEY: LOCAL_ADAPTY_KEY };
  const cli = ['out/main/cli.js', 'lookup', '--customer-user-id', 'all-set', '--json', '--base-url', server.url];
  const times = { cli: [] as number[], node: [] as number[] };
  for (let i = 0; i < 10; i++) {
    for (const [side, args] of [['node', ['-e', '']], ['cli', cli]] as const) {
      const start = performance.now();
      await run(process.execPath, [...args], { cwd: ROOT, env });
      times[side].push(performance.now() - start);
    }
  }
  record('CLI one lookup vs node -e "" (median, ratio)', round(median(times.cli) / median(times.node), 2), '×', { atMost: 1.5 });
  console.log(`CLI ${median(times.cli).toFixed(0)} ms vs node -e '' ${median(times.node).toFixed(0)} ms`);
});

test('renderer: production JavaScript, gzipped', () => {
  const assets = join(ROOT, 'out/renderer/assets');
  const bytes = readdirSync(assets)
    .filter((name) => name.endsWith('.js'))
    .reduce((sum, name) => sum + gzipSync(readFileSync(join(assets, name))).length, 0);
  record('renderer JS, gzipped', round(bytes / 1000, 1), 'KB', { atMost: 250 });
});

const users = (n: number) => Array.from({ length: n }, (_, i) => `user-${i + 1}`);
const batchCall = (baseUrl: string) => (query: { idType: 'customer_user_id' | 'profile_id'; id: string }, signal: AbortSignal) =>
  lookupIdentifiers(query, { apiKey: LOCAL_ADAPTY_KEY, fetch: nodeFetch, baseUrl, signal });

test('batch at a limit: 2,000 IDs against the local server limited to 200 requests/s (bursts of 20)', async () => {
  const limited = await startLocalAdapty({ rateLimit: { perSecond: 200, burst: 20 } });
  try {
    const ids = users(2000);
    const start = performance.now();
    const run = runBatch({ ids, idType: 'customer_user_id', maxConcurrency: 16, call: batchCall(limited.url) });
    const { rows } = await run.done;
    const wall = (performance.now() - start) / 1000;
    const answered = new Map<string, number>();
    for (const row of rows) answered.set(row.id, (answered.get(row.id) ?? 0) + (row.status === 'ok' ? 1 : 0));
    const lostOrDuplicated = ids.filter((id) => answered.get(id) !== 1).length + Math.max(0, rows.length - ids.length);
    const { throttled } = run.progress();
    const share = (100 * throttled) / limited.requests.length;
    record('batch at 200/s: wall time vs the ideal 10 s (ratio)', round(wall / 10, 3), '×', { atMost: 1.05 });
    record('batch at 200/s: rows lost or duplicated', lostOrDuplicated, 'rows', { atMost: 0 });
    record('batch at 200/s: 429s, share of requests', round(share, 2), '%', { atMost: 2 });
    console.log(`batch at a limit: ${wall.toFixed(2)} s, ${limited.requests.length} requests, ${throttled} answered 429, pace at the end ${run.progress().rate} requests/s`);
  } finally {
    await limited.close();
  }
});

/** The local server as its own process (as Adapty is): this process's CPU is then the client's alone. */
async function serverProcess(): Promise<{ url: string; stop(): void }> {
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

test('batch unthrottled: 10,000 IDs on loopback vs a bare fetch loop at the same concurrency (16)', async () => {
  const remote = await serverProcess();
  try {
    const ids = users(10_000);
    const target = `${remote.url}${IDENTIFIERS_PATH}`;
    const bareLoop = async () => {
      let next = 0;
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          while (next < ids.length) {
            const id = ids[next++] as string;
            const response = await fetch(target, { headers: { Accept: 'application/json', Authorization: `Api-Key ${LOCAL_ADAPTY_KEY}`, 'adapty-customer-user-id': id } });
            JSON.parse(await response.text());
          }
        }),
      );
    };
    const batchOver = (fetchWith: FetchLike) => async () => {
      const call = (query: { idType: 'customer_user_id' | 'profile_id'; id: string }, signal: AbortSignal) =>
        lookupIdentifiers(query, { apiKey: LOCAL_ADAPTY_KEY, fetch: fetchWith, baseUrl: remote.url, signal });
      const { rows } = await runBatch({ ids, idType: 'customer_user_id', maxConcurrency: 16, call }).done;
      if (rows.some((row) => row.status !== 'ok')) throw new Error('a row failed');
    };
    // The batch over Node's fetch (the same transport as the loop), and over node:http, as the CLI ships it.
    const sides = { bare: bareLoop, batch: batchOver(nodeFetch), cli: batchOver(createHttpFetch()) };
    // Warm each, then time them in turn, twice each, and keep each one's best.
    const best = { bare: Infinity, batch: Infinity, cli: Infinity };
    for (const run of Object.values(sides)) await run();
    for (let i = 0; i < 2; i++) {
      for (const [side, run] of Object.entries(sides) as [keyof typeof sides, () => Promise<void>][]) {
        const start = performance.now();
        await run();
        best[side] = Math.min(best[side], performance.now() - start);
      }
    }
    record('batch unthrottled over Node fetch: throughput vs bare fetch loop (ratio)', round(best.bare / best.batch, 2), '×', { atLeast: 0.8 });
    record("batch unthrottled over node:http, as the CLI runs it: throughput vs bare fetch loop (ratio)", round(best.bare / best.cli, 2), '×', { atLeast: 0.8 });
    const perSecond = (ms: number) => Math.round(10_000_000 / ms);
    console.log(`10,000 IDs: batch over fetch ${(best.batch / 1000).toFixed(2)} s (${perSecond(best.batch)}/s), over node:http ${(best.cli / 1000).toFixed(2)} s (${perSecond(best.cli)}/s), bare fetch loop ${(best.bare / 1000).toFixed(2)} s (${perSecond(best.bare)}/s)`);
  } finally {
    remote.stop();
  }
});

test('CLI batch: 1,000 IDs vs a shell loop of curl over the same file', async () => {
  const remote = await serverProcess();
  try {
    const dir = await mkdtemp(join(tmpdir(), 'bench-batch-'));
    const file = join(dir, 'ids.txt');
    await writeFile(file, `${users(1000).join('\n')}\n`);
    const run = promisify(execFile);
    const env = { ...process.env, ADAPTY_API_KEY: LOCAL_ADAPTY_KEY };
    const time = async (command: string, args: string[]) => {
      const start = performance.now();
      await run(command, args, { cwd: ROOT, env, maxBuffer: 64 * 1024 * 1024 });
      return performance.now() - start;
    };
    const curlLoop = `while IFS= read -r id; do curl -s -H "Accept: application/json" -H "Authorization: Api-Key $ADAPTY_API_KEY" -H "adapty-customer-user-id: $id" "${remote.url}${IDENTIFIERS_PATH}"; echo; done < "${file}" > /dev/null`;
    const curl = await time('sh', ['-c', curlLoop]);
    const cli = await time(process.execPath, ['out/main/cli.js', 'batch', '--input', file, '--output', join(dir, 'rows.csv'), '--base-url', remote.url]);
    record('CLI batch vs a curl loop, 1,000 IDs (speed-up)', round(curl / cli, 1), '×', { atLeast: 10 });
    console.log(`1,000 IDs: CLI batch ${(cli / 1000).toFixed(2)} s, curl loop ${(curl / 1000).toFixed(2)} s`);
  } finally {
    remote.stop();
  }
});
