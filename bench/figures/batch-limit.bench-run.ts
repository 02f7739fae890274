/** A batch against the local server limited to 200 requests/s: its wall time, rows lost or duplicated, and 429s. */
import { test } from 'vitest';
import { runBatch } from '../../src/main/batch/run-batch';
import { startLocalAdapty } from '../../src/main/local-adapty/server';
import { batchCall, figuresOf, users } from './figures';

const record = figuresOf(__filename);

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
    record('batch at 200/s: wall time vs the ideal 10 s (ratio)', wall / 10, '×', { atMost: 1.05 }, 3);
    record('batch at 200/s: rows lost or duplicated', lostOrDuplicated, 'rows', { atMost: 0 }, 0);
    record('batch at 200/s: 429s, share of requests', share, '%', { atMost: 2 }, 2);
    console.log(`batch at a limit: ${wall.toFixed(2)} s, ${limited.requests.length} requests, ${throttled} answered 429, pace at the end ${run.progress().rate} requests/s`);
  } finally {
    await limited.close();
  }
});

