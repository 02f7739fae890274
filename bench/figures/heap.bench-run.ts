/** Main-process heap growth over 10,000 lookups through dispatch, after GC. */
import { test } from 'vitest';
import { bridgeLookup, figuresOf, useLocalAdapty } from './figures';

const record = figuresOf(__filename);
const gc = (globalThis as { gc?: () => void }).gc;
const local = useLocalAdapty();

test('main-process heap growth over 10,000 lookups through dispatch, after GC', async () => {
  if (!gc) throw new Error('run with --expose-gc (npm run bench does)');
  const viaBridge = await bridgeLookup(local().url);
  for (let i = 0; i < 500; i++) await viaBridge();
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < 10_000; i++) await viaBridge();
  gc();
  const growth = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
  record('heap growth after 10,000 lookups', growth, 'MiB', { atMost: 10 }, 2);
});
