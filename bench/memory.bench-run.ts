/** Prints the heap before and after BENCH_LOOKUPS (default 2,000) lookups: a leak in the client or the handlers shows as growth. */
import { test } from 'vitest';
import { createHandlers } from '../src/main/handlers';
import { LOCAL_ADAPTY_KEY, startLocalAdapty } from '../src/main/local-adapty/server';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKeyRing } from '../src/main/secrets/key-ring';
import { createMemoryStore } from '../src/main/secrets/memory-store';
import { createSettingsStore } from '../src/main/settings/settings-store';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const heapMiB = () => {
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};

const LOOKUPS = Number(process.env.BENCH_LOOKUPS ?? 2000);

test(`heap over ${LOOKUPS} lookups through the IPC handlers`, async () => {
  const server = await startLocalAdapty();
  const settings = createSettingsStore(join(await mkdtemp(join(tmpdir(), 'bench-')), 'settings.json'));
  await settings.save({ baseUrl: server.url, timeoutMs: 15_000 });
  const handlers = createHandlers({ keys: createKeyRing(() => createMemoryStore(LOCAL_ADAPTY_KEY)), settings, fetch: (url, init) => fetch(url, init) });
  for (let i = 0; i < 200; i++) await handlers.lookup({ idType: 'customer_user_id', id: 'all-set' });
  const before = heapMiB();
  const start = performance.now();
  for (let i = 0; i < LOOKUPS; i++) {
    const outcome = await handlers.lookup({ idType: 'customer_user_id', id: i % 2 ? 'all-set' : 'nobody' });
    if (!outcome.ok && outcome.error.kind !== 'not_found') throw new Error(outcome.error.message);
  }
  const elapsed = performance.now() - start;
  const after = heapMiB();
  await server.close();
  console.log(`heap ${before.toFixed(1)} MiB -> ${after.toFixed(1)} MiB after ${LOOKUPS} lookups (${(after - before).toFixed(2)} MiB); ${(elapsed / LOOKUPS).toFixed(2)} ms per lookup`);
});
