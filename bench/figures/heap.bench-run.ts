/** Main-process heap growth over 10,000 lookups through dispatch (a full history), after GC. */
import { test } from 'vitest';
import { bridgeLookup, figuresOf, useLocalAdapty } from './figures';

const record = figuresOf(__filename);
const gc = (globalThis as { gc?: () => void }).gc;
const local = useLocalAdapty();

/** Heap in use after garbage collection: gc, a turn of the event loop (callbacks and timers of the last lookup let go), gc again. */
async function settledHeap(collect: () => void): Promise<number> {
  collect();
  await new Promise((resolve) => setImmediate(resolve));
  collect();
  return process.memoryUsage().heapUsed;
}

test('main-process heap growth over 10,000 lookups through dispatch, after GC', async () => {
  if (!gc) throw new Error('run with --expose-gc (npm run bench does)');
  const viaBridge = await bridgeLookup(local().url);
  for (let i = 0; i < 500; i++) await viaBridge();
  const before = await settledHeap(gc);
  for (let i = 0; i < 10_000; i++) await viaBridge();
  const after = await settledHeap(gc);
  // MB (10^6 bytes), as the target (≤ 10 MB) is written.
  record('heap growth after 10,000 lookups, after a 500-lookup warm-up', (after - before) / 1e6, 'MB', { atMost: 10 }, 2);
  console.log(`heap in use ${(before / 1e6).toFixed(2)} MB before, ${(after / 1e6).toFixed(2)} MB after`);
});
